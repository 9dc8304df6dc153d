/** Maps a file's header to the canonical fields the SLA file names (`sources.*.columns`). */

import type { Issue } from "../../errors.js";
import { clip, closest } from "../../text.js";
import type { SourceDef, SourceKind } from "../../types.js";

/** Fields a source cannot do without ("a|b": one of them); the others are optional. */
export const REQUIRED_FIELDS: Record<SourceKind, readonly string[]> = {
  leads: ["id", "created_at"],
  stage_history: ["lead_id", "stage", "at"],
  // An activity names its lead by id or, in exports that carry no id, by e-mail.
  activities: ["lead_id|lead_email", "type", "at"],
  owner_history: ["lead_id", "owner", "at"],
  reps: ["id"],
  stage_dates: ["lead_id"],
  reference: ["value"],
  // An engagement names its lead by id or e-mail; its type may be fixed for the whole file.
  engagements: ["lead_id|lead_email", "at"],
  lookup: ["key"],
  // An opportunity needs its id and creation; its lead may be named on the lead's side (ConvertedOpportunityId).
  opportunities: ["id", "created_at"],
  opportunity_history: ["opportunity_id", "at"],
};

/** A source with no column mapped and every setting at its default (a list file, a source a test builds). */
export function plainSource(kind: SourceKind, file: string, path = file): SourceDef {
  return {
    kind,
    file,
    path,
    columns: {},
    explicit: [],
    preset: null,
    dateFormat: null,
    dateFormatDeclared: false,
    stagesOptional: false,
    delimiter: null,
    stages: {},
  };
}

/** The fields a source needs under this SLA: a status-only snapshot's leads need no created_at. */
export function requiredFields(source: SourceDef, config: { snapshotAt: number | null }): readonly string[] {
  return source.kind === "leads" && config.snapshotAt !== null ? ["id"] : REQUIRED_FIELDS[source.kind];
}

export interface ColumnMap {
  /** Canonical field -> 0-based indexes of its present candidate columns (empty: absent). */
  index: Record<string, number[]>;
  /** Wide form: stage or outcome id -> indexes of its date columns. */
  stageColumns: Record<string, number[]>;
  /** Header cells no field uses (extra columns a later breakdown may use); a repeated name's first only. */
  unmapped: string[];
  /** Names the header repeats (ignoring case and spaces): as first written, and their 1-based columns. */
  repeats: { name: string; columns: number[] }[];
  issues: Issue[];
}

const fold = (h: string) => h.trim().toLowerCase();

/** `Name#2`: the second column named Name (ignoring case and spaces), for a header that repeats it. */
const NTH = /^(.*)#([1-9][0-9]?)$/;

/**
 * The column a name means: the first whose header equals it ignoring case and surrounding spaces
 * (a repeated name means its first column, the exported record's own), or with `Name#N` the Nth
 * so named. A header literally written `Name#2` is that column.
 */
function find(header: readonly string[], name: string): number {
  const exact = header.indexOf(name);
  const nth = NTH.exec(name);
  if (exact >= 0 && nth) return exact;
  const [key, n] = nth ? [fold(nth[1] as string), Number(nth[2])] : [fold(name), 1];
  let seen = 0;
  for (let i = 0; i < header.length; i++) if (fold(header[i] as string) === key && ++seen === n) return i;
  return -1;
}

/** Fields that say what a row is: a repeated name there is refused (first-wins could count companies as leads). */
const KEYS = ["id", "lead_id"];

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
    issues.push(missingColumn(header, names, { file: source.file, line }, what, path));
    return found;
  };
  const columnsOf = columnsByName(header);
  const repeats = [...columnsOf.values()]
    .filter((cols) => cols.length > 1)
    .map((cols) => ({ name: header[cols[0] as number] as string, columns: cols.map((i) => i + 1) }));
  issues.push(...repeatedKeys(source, columnsOf, line));
  for (const [field, names] of Object.entries(source.columns)) {
    const must = required.includes(field) || source.explicit.includes(field);
    index[field] = resolve(
      names,
      must,
      `the ${field} field of ${source.kind}`,
      `sources.${source.kind}.columns.${field}`,
    );
  }
  for (const group of required.filter((r) => r.includes("|")).map((r) => r.split("|"))) {
    const [first = "", ...others] = group;
    if (group.some((f) => (index[f]?.length ?? 0) > 0)) continue;
    resolve(
      source.columns[first] ?? [first],
      true,
      `the ${first} field of ${source.kind}, or map ${others.join(" or ")}`,
      `sources.${source.kind}.columns.${first}`,
    );
  }
  for (const [stage, names] of Object.entries(source.stages))
    stageColumns[stage] = resolve(
      names,
      !source.stagesOptional,
      `the date of stage ${stage}`,
      `sources.${source.kind}.stages.${stage}`,
    );
  const unmapped = header.filter(
    (h, i) => !used.has(i) && (fold(h) === "" || columnsOf.get(fold(h))?.[0] === i),
  );
  return { index, stageColumns, unmapped, repeats, issues };
}

/** A required column not in the header: the SLA path to map it at, and the closest header as a guess. */
function missingColumn(
  header: readonly string[],
  names: readonly string[],
  at: { file: string; line: number },
  what: string,
  path: string,
): Issue {
  const name = names[0] as string;
  const guess = closest(name, header);
  return {
    severity: "error",
    file: at.file,
    line: at.line,
    message: `missing column ${names.map((n) => `"${n}"`).join(" or ")} (${what})`,
    hint:
      (guess
        ? `did you mean "${guess}"? map it in the SLA file: ${path}: "${guess}"`
        : `map the column that holds it in the SLA file: ${path}; columns present: ${clip(header.map((h) => clip(h, 80)).join(", "))}`) +
      // A file with no time at all is a status-only snapshot (docs/definitions.md).
      (path === "sources.leads.columns.created_at" &&
      !guess &&
      !header.some((h) => /date|time|created/i.test(h))
        ? '; a file with no time stamps at all (a status snapshot) needs snapshot_at: "yyyy-MM-dd" instead'
        : ""),
  };
}

/** Each header name (folded) -> its columns. A repeated name (HubSpot's associated company: `Create Date` twice) means its first column. */
function columnsByName(header: readonly string[]): Map<string, number[]> {
  const columnsOf = new Map<string, number[]>();
  header.forEach((h, i) => {
    const k = fold(h);
    if (k === "") return;
    const list = columnsOf.get(k);
    if (list) list.push(i);
    else columnsOf.set(k, [i]);
  });
  return columnsOf;
}

/** Only the key that says whose row it is is refused repeated: first-wins cannot tell a contact's id from its company's. */
function repeatedKeys(source: SourceDef, columnsOf: Map<string, number[]>, line: number): Issue[] {
  const issues: Issue[] = [];
  for (const field of KEYS)
    for (const name of source.columns[field] ?? []) {
      const cols = NTH.test(name) ? undefined : columnsOf.get(fold(name));
      if (!cols || cols.length < 2) continue;
      const path = `sources.${source.kind}.columns.${field}`;
      issues.push({
        severity: "error",
        file: source.file,
        line,
        column: (cols[1] as number) + 1,
        message: `column "${name}" appears ${cols.length} times (columns ${cols.map((i) => i + 1).join(", ")}): which one is the ${field} of each row?`,
        hint: `name it in the SLA file: ${path}: "${name}#1" (the first), "${name}#2" (the second), …; or rename the other one in the file`,
      });
      break;
    }
  return issues;
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
