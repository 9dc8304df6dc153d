/** Maps a file's header to the canonical fields the SLA file names (`sources.*.columns`). */

import type { Issue } from "../errors.js";
import { closest } from "../text.js";
import type { SourceDef, SourceKind } from "../types.js";

/** Fields a source cannot do without; the others are optional. */
export const REQUIRED_FIELDS: Record<SourceKind, readonly string[]> = {
  leads: ["id", "created_at"],
  stage_history: ["lead_id", "stage", "at"],
  activities: ["lead_id", "type", "at"],
  owner_history: ["lead_id", "owner", "at"],
  reps: ["id"],
};

export interface ColumnMap {
  /** Canonical field -> 0-based index in the row, or -1 when the file has no such column. */
  index: Record<string, number>;
  /** Header cells no field uses (extra columns a later breakdown may use). */
  unmapped: string[];
  issues: Issue[];
}

const fold = (h: string) => h.trim().toLowerCase();

/**
 * Finds each field's column: exactly as named, else ignoring case and surrounding spaces.
 * A missing required field, or a missing column the SLA file named explicitly, is an error.
 */
export function resolveColumns(
  header: readonly string[],
  source: SourceDef,
  required: readonly string[],
  line: number,
): ColumnMap {
  const index: Record<string, number> = {};
  const issues: Issue[] = [];
  const used = new Set<number>();
  for (const [field, name] of Object.entries(source.columns)) {
    let i = header.indexOf(name);
    if (i < 0) i = header.findIndex((h) => fold(h) === fold(name));
    index[field] = i;
    if (i >= 0) {
      used.add(i);
      continue;
    }
    if (!required.includes(field) && !source.explicit.includes(field)) continue;
    const guess = closest(name, header);
    issues.push({
      severity: "error",
      file: source.file,
      line,
      message: `missing column "${name}" (the ${field} field of ${source.kind})`,
      hint: guess
        ? `did you mean "${guess}"? map it in the SLA file: sources.${source.kind}.columns.${field}: "${guess}"`
        : `map the column that holds it in the SLA file: sources.${source.kind}.columns.${field}; columns present: ${header.join(", ")}`,
    });
  }
  const unmapped = header.filter((_, i) => !used.has(i));
  return { index, unmapped, issues };
}

/** The trimmed cell of a field, or null when the column is absent or the cell blank. */
export function cell(cells: readonly string[], index: Record<string, number>, field: string): string | null {
  const i = index[field] ?? -1;
  if (i < 0) return null;
  const v = cells[i];
  if (v === undefined) return null;
  const t = v.trim();
  return t === "" ? null : t;
}
