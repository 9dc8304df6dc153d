/** Maps a file's header to the canonical fields the SLA file names (`sources.*.columns`). */

import type { Issue } from "../errors.js";
import { clip, closest } from "../text.js";
import type { SourceDef, SourceKind } from "../types.js";

/** Fields a source cannot do without; the others are optional. */
export const REQUIRED_FIELDS: Record<SourceKind, readonly string[]> = {
  leads: ["id", "created_at"],
  stage_history: ["lead_id", "stage", "at"],
  activities: ["lead_id", "type", "at"],
  owner_history: ["lead_id", "owner", "at"],
  reps: ["id"],
  stage_dates: ["lead_id"],
  reference: ["value"],
};

/** The fields a source needs under this SLA: a status-only snapshot's leads need no created_at. */
export function requiredFields(source: SourceDef, config: { snapshotAt: number | null }): readonly string[] {
  return source.kind === "leads" && config.snapshotAt !== null ? ["id"] : REQUIRED_FIELDS[source.kind];
}

export interface ColumnMap {
  /** Canonical field -> 0-based indexes of its present candidate columns (empty: absent). */
  index: Record<string, number[]>;
  /** Wide form: stage or outcome id -> indexes of its date columns. */
  stageColumns: Record<string, number[]>;
  /** Header cells no field uses (extra columns a later breakdown may use). */
  unmapped: string[];
  issues: Issue[];
}

const fold = (h: string) => h.trim().toLowerCase();

function find(header: readonly string[], name: string): number {
  const i = header.indexOf(name);
  return i >= 0 ? i : header.findIndex((h) => fold(h) === fold(name));
}

/**
 * Finds each field's columns among its candidates: exactly as named, else ignoring case and
 * surrounding spaces. A missing required field, or a missing column the SLA file named
 * explicitly (a field's or a stage's), is an error naming the closest header present.
 */
export function resolveColumns(
  header: readonly string[],
  source: SourceDef,
  required: readonly string[],
  line: number,
): ColumnMap {
  const index: Record<string, number[]> = {};
  const stageColumns: Record<string, number[]> = {};
  const issues: Issue[] = [];
  const used = new Set<number>();
  const resolve = (names: readonly string[], mustExist: boolean, what: string, path: string): number[] => {
    const found = [...new Set(names.map((n) => find(header, n)).filter((i) => i >= 0))];
    for (const i of found) used.add(i);
    if (found.length > 0 || !mustExist || names.length === 0) return found;
    const name = names[0] as string;
    const guess = closest(name, header);
    issues.push({
      severity: "error",
      file: source.file,
      line,
      message: `missing column ${names.map((n) => `"${n}"`).join(" or ")} (${what})`,
      hint: guess
        ? `did you mean "${guess}"? map it in the SLA file: ${path}: "${guess}"`
        : `map the column that holds it in the SLA file: ${path}; columns present: ${clip(header.map((h) => clip(h, 80)).join(", "))}`,
    });
    return found;
  };
  // A header written twice is ambiguous when a field reads it: which column is meant?
  const seen = new Map<string, number>();
  header.forEach((h, i) => {
    const k = fold(h);
    const first = seen.get(k);
    if (first === undefined) seen.set(k, i);
    else if (Object.values(source.columns).some((names) => names.some((n) => fold(n) === k)))
      issues.push({
        severity: "error",
        file: source.file,
        line,
        column: i + 1,
        message: `column "${h}" appears twice (columns ${first + 1} and ${i + 1})`,
        hint: "rename one of them in the file, so the SLA file can name the one it means",
      });
  });
  for (const [field, names] of Object.entries(source.columns)) {
    const must = required.includes(field) || source.explicit.includes(field);
    index[field] = resolve(
      names,
      must,
      `the ${field} field of ${source.kind}`,
      `sources.${source.kind}.columns.${field}`,
    );
  }
  for (const [stage, names] of Object.entries(source.stages))
    stageColumns[stage] = resolve(
      names,
      !source.stagesOptional,
      `the date of stage ${stage}`,
      `sources.${source.kind}.stages.${stage}`,
    );
  const unmapped = header.filter((_, i) => !used.has(i));
  return { index, stageColumns, unmapped, issues };
}

/** The first non-blank (trimmed) cell among a field's columns, or null. */
export function cell(
  cells: readonly string[],
  index: Record<string, number[]>,
  field: string,
): string | null {
  const list = index[field];
  if (!list) return null;
  for (const i of list) {
    const v = cells[i];
    if (v === undefined) continue;
    const t = v.trim();
    if (t !== "") return t;
  }
  return null;
}

/** True when the file has a column for the field. */
export const hasColumn = (index: Record<string, number[]>, field: string) => (index[field]?.length ?? 0) > 0;
