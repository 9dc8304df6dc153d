/** Raw CRM values -> the stage or outcome they mean, as declared under `matches:`. */

import { closest, normalizeValue } from "../../text.js";
import type { SlaConfig } from "../../types.js";
import { detach } from "../store/intern.js";

export type StageMeaning = { kind: "stage"; id: string } | { kind: "outcome"; id: string };

export interface StageLookup {
  /** What a raw value means, ignoring case and repeated spaces; undefined when undeclared. */
  meaning(raw: string): StageMeaning | undefined;
  /** The declared raw value closest to an undeclared one, for a hint. */
  suggest(raw: string): string | undefined;
  /** The first stage of the waterfall (a lead's creation enters it). */
  readonly first: string;
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
  // Raw values seen, with what they mean (null: undeclared); kept detached from the file's text.
  const cache = new Map<string, StageMeaning | null>();
  const guesses = new Map<string, string | null>();
  return {
    first: config.stages[0]?.id ?? "",
    meaning(raw) {
      const hit = cache.get(raw);
      if (hit !== undefined) return hit ?? undefined;
      const m = byValue.get(normalizeValue(raw));
      if (cache.size < 100_000) cache.set(detach(raw), m ?? null);
      return m;
    },
    // Asked once per undeclared value, not once per row holding it.
    suggest(raw) {
      let guess = guesses.get(raw);
      if (guess === undefined) {
        guess = closest(raw, declared) ?? null;
        if (guesses.size < 10_000) guesses.set(detach(raw), guess);
      }
      return guess ?? undefined;
    },
  };
}
