/** Schema-valid raw SLA -> the typed config the pipeline uses (defaults applied, paths resolved). */

import { isAbsolute, join } from "node:path";
import type { SlaConfig, SourceDef, SourceKind, Window } from "../types.js";
import { ACTIVITY_FIELDS, HISTORY_FIELDS, LEAD_FIELDS, type RawSla } from "./schema.js";
import { parseWindow } from "./window.js";

const toWindow = (text: string): Window => ({ text: text.trim(), ms: parseWindow(text) ?? 0 });

function toSource(
  kind: SourceKind,
  raw: { file: string; columns?: Record<string, string | undefined> | undefined },
  fields: readonly string[],
  baseDir: string,
): SourceDef {
  const columns: Record<string, string> = {};
  const explicit: string[] = [];
  for (const field of fields) {
    const named = raw.columns?.[field];
    columns[field] = named ?? field;
    if (named !== undefined) explicit.push(field);
  }
  // Relative to the SLA file's folder; joined as text (no cwd lookup) so messages name a path the user can open.
  const path = isAbsolute(raw.file) ? raw.file : join(baseDir, raw.file);
  return { kind, file: path, path, columns, explicit };
}

/** Applies defaults: skipped_stages backfill, on_reassign restart, activity by owner, labels = ids. */
export function normalizeSla(raw: RawSla, file: string, baseDir: string): SlaConfig {
  return {
    file,
    version: 1,
    name: raw.name ?? null,
    timezone: raw.timezone,
    stages: raw.stages.map((s, index) => ({ id: s.id, label: s.label ?? s.id, matches: s.matches, index })),
    outcomes: (raw.outcomes ?? []).map((o) => ({
      id: o.id,
      label: o.label ?? o.id,
      matches: o.matches,
      returnsTo: o.returns_to ?? null,
    })),
    skippedStages: raw.skipped_stages ?? "backfill",
    onReassign: raw.on_reassign ?? "restart",
    conversionWindow: raw.conversion?.window ? toWindow(raw.conversion.window) : null,
    handoffs: (raw.handoffs ?? []).map((h) => ({
      id: h.id,
      description: h.description ?? null,
      from: h.from,
      to: h.to ?? [],
      activity: h.activity ? { types: h.activity.types, by: h.activity.by ?? "owner" } : null,
      within: toWindow(h.within),
      target: h.target,
    })),
    sources: {
      leads: toSource("leads", raw.sources.leads, LEAD_FIELDS, baseDir),
      stage_history: raw.sources.stage_history
        ? toSource("stage_history", raw.sources.stage_history, HISTORY_FIELDS, baseDir)
        : null,
      activities: raw.sources.activities
        ? toSource("activities", raw.sources.activities, ACTIVITY_FIELDS, baseDir)
        : null,
    },
  };
}
