/** Raw CRM values -> the stage or outcome they mean, as declared under `matches:`. */

import { closest, normalizeValue } from "../text.js";
import type { SlaConfig } from "../types.js";

export type StageMeaning = { kind: "stage"; id: string } | { kind: "outcome"; id: string };

export interface StageLookup {
  /** What a raw value means, ignoring case and repeated spaces; undefined when undeclared. */
  meaning(raw: string): StageMeaning | undefined;
  /** The declared raw value closest to an undeclared one, for a hint. */
  suggest(raw: string): string | undefined;
}

/** Builds the lookup from the SLA's stages and outcomes. */
export function buildStageLookup(config: SlaConfig): StageLookup {
  const byValue = new Map<string, StageMeaning>();
  const declared: string[] = [];
  for (const s of config.stages)
    for (const m of s.matches) {
      byValue.set(normalizeValue(m), { kind: "stage", id: s.id });
      declared.push(m);
    }
  for (const o of config.outcomes)
    for (const m of o.matches) {
      byValue.set(normalizeValue(m), { kind: "outcome", id: o.id });
      declared.push(m);
    }
  const cache = new Map<string, StageMeaning | undefined>();
  return {
    meaning(raw) {
      if (cache.has(raw)) return cache.get(raw);
      const m = byValue.get(normalizeValue(raw));
      cache.set(raw, m);
      return m;
    },
    suggest: (raw) => closest(raw, declared),
  };
}
