/** `sources.lookups`: files joined to the leads by a key (accounts by account); their other columns become lead fields. */

import type { LookupRows } from "../definition/lookup-rows.js";
import { UserError } from "../errors.js";
import { finding } from "../findings.js";
import { closest } from "../text.js";
import type { Lead, SourceDef } from "../types.js";
import { cell, hasColumn } from "./csv/columns.js";
import type { Table } from "./csv/table.js";
import { leadFieldAt } from "./lead-fields.js";
import type { Reading } from "./reading.js";
import type { Interner } from "./store/intern.js";

/** Each unmapped header's first column, from one pass (indexOf per header is quadratic: 150k columns took 30 s). */
export function extraOf(table: Table): [string, number][] {
  const firstAt = new Map<string, number>();
  table.header.forEach((h, i) => {
    if (!firstAt.has(h)) firstAt.set(h, i);
  });
  return table.unmapped.map((h): [string, number] => [h, firstAt.get(h) as number]);
}

const fold = (h: string) => h.trim().toLowerCase();

/** An error at a place of a lookup file (exit 2). */
const lookupError = (source: SourceDef, line: number, column: number, message: string, hint: string) =>
  new UserError(`${source.file}: ${message}`, [
    { severity: "error", file: source.file, line, column, message, hint },
  ]);

/** One lookup file: its other columns, and per key the row's values of them (null: empty). */
async function readLookup(
  table: Table,
  source: SourceDef,
  values: Interner,
  slaPlace: ReturnType<typeof atSla>,
): Promise<{
  columns: [string, number][];
  byKey: Map<string, (string | null)[]>;
  lines: Map<string, number>;
  rows: number;
}> {
  const columns = chosenColumns(extraOf(table), source, table.header, slaPlace);
  const keyColumn = (table.index.key?.[0] ?? 0) + 1;
  const byKey = new Map<string, (string | null)[]>();
  const lines = new Map<string, number>();
  let rows = 0;
  for await (const batch of table.rows)
    for (const { line, cells } of batch) {
      rows++;
      const key = cell(cells, table.index, "key");
      if (key === null)
        throw lookupError(
          source,
          line,
          keyColumn,
          "row without a key",
          "fill the key column, or remove the row",
        );
      const first = lines.get(key);
      if (first !== undefined)
        throw lookupError(
          source,
          line,
          keyColumn,
          `key "${key}" is listed again (first at line ${first})`,
          "keep one row per key: a lead can take the values of one row only",
        );
      lines.set(key, line);
      byKey.set(
        key,
        columns.map(([, i]) => {
          const v = cells[i]?.trim();
          return v ? values.get(v) : null;
        }),
      );
    }
  return { columns, byKey, lines, rows };
}

/**
 * The columns `fields:` names (matched ignoring case), in its order; without it every column but
 * the key. A name the file lacks, or its key, is an error at the lookup in the SLA file (exit 2).
 */
function chosenColumns(
  all: [string, number][],
  source: SourceDef,
  header: readonly string[],
  slaPlace: ReturnType<typeof atSla>,
): [string, number][] {
  const wanted = source.lookupFields;
  if (!wanted) return all;
  return wanted.map((name) => {
    const hit = all.find(([h]) => fold(h) === fold(name));
    if (hit) return hit;
    const guess = closest(
      name,
      all.map(([h]) => h),
    );
    const key = header.some((h) => fold(h) === fold(name));
    throw new UserError(`${source.file} has no column "${name}" to read as a lead field`, [
      {
        severity: "error",
        ...slaPlace,
        path: `${slaPlace.path}.fields`,
        message: key
          ? `fields: "${name}" is the key of ${source.file}, not a field`
          : `fields: ${source.file} has no column "${name}"`,
        hint: guess ? `did you mean "${guess}"?` : `columns present: ${header.join(", ")}`,
      },
    ]);
  });
}

/** The SLA file's place of a lookup, for errors about its settings. */
const atSla = (r: Reading, source: SourceDef) => ({
  file: r.config.file,
  line: source.declared?.line ?? 0,
  column: source.declared?.column ?? 0,
  path: source.declared?.path.replace(/\.file$/, "") ?? "sources.lookups",
});

/** A lookup column named like a column the leads already have (the leads file's, an earlier lookup's). */
function checkNewColumns(r: Reading, source: SourceDef, columns: [string, number][], known: string[]): void {
  const taken = columns.find(([h]) => known.some((k) => fold(k) === fold(h)));
  if (taken)
    throw new UserError(`${source.file}'s column "${taken[0]}" is already a column of the leads`, [
      {
        severity: "error",
        ...atSla(r, source),
        message: `${source.file}'s column "${taken[0]}" is already a column of the leads: which would a definition read?`,
        hint: "rename one of the two columns",
      },
    ]);
}

/**
 * Where a lead holds a lookup's key: a lead field the leads file has a column for, or a header of
 * it; anything else is an error at the lookup in the SLA file (exit 2): no lead would be joined.
 */
function keyField(
  r: Reading,
  source: SourceDef,
  leadTable: Table,
): NonNullable<ReturnType<typeof leadFieldAt>> {
  const on = source.lookupOn ?? "";
  const leads = r.config.sources.leads;
  const held = leadFieldAt(on, leads, leadTable.header);
  // A canonical name (leadFieldAt without a header) must have a column in this leads file.
  const canonical = leadFieldAt(on, leads, []) !== null;
  const names = on === "name" ? ["name", "first_name", "last_name"] : [on];
  if (held && (!canonical || names.some((f) => hasColumn(leadTable.index, f)))) return held;
  const guess = closest(on, leadTable.header);
  throw new UserError(`lookup key "${on}" is not a column of the leads file`, [
    {
      severity: "error",
      ...atSla(r, source),
      message: held
        ? `on: "${on}" is a lead field ${leads.file} has no column for`
        : `on: "${on}" is neither a lead field nor a column of ${leads.file}`,
      hint: guess ? `did you mean "${guess}"?` : "name the leads file's column holding the key",
    },
  ]);
}

/**
 * Joins every lookup file to the leads: a lead whose key (`on`: a lead field or a leads-file
 * column) is a key of the file gets the row's other columns as extra fields; one whose key is
 * not listed gets none, and an info finding; one without a key, nothing. Returns the columns
 * added, and each file's key lines (for `trace`). A key listed twice, or a row without one, stops
 * the run (exit 2) naming file:line.
 */
export async function joinLookups(
  r: Reading,
  leads: readonly Lead[],
  leadTable: Table,
  values: Interner,
): Promise<{ added: string[]; rows: LookupRows[] }> {
  const added: string[] = [];
  const looked: LookupRows[] = [];
  const leadHeader = leadTable.header;
  for (const source of r.config.sources.lookups ?? []) {
    const on = source.lookupOn ?? "";
    const held = keyField(r, source, leadTable);
    const table = await r.open(source);
    const { columns, byKey, lines, rows } = await readLookup(table, source, values, atSla(r, source));
    checkNewColumns(r, source, columns, [...leadHeader, ...added]);
    r.count(source, rows);
    r.use(source.file, rows);
    for (const lead of leads) {
      const key = "lead" in held ? (lead[held.lead] as string | null) : (lead.extra?.[held.extra] ?? null);
      if (key === null) continue;
      const row = byKey.get(key);
      if (!row) {
        r.findings.push(
          finding(
            "lookup_unknown_key",
            lead.place,
            `lead ${lead.id}'s ${on} "${key}" is not a key of ${source.file}`,
            {
              leadId: lead.id,
              value: key,
            },
          ),
        );
        continue;
      }
      const extra = lead.extra ?? {};
      columns.forEach(([h], i) => {
        const v = row[i];
        if (v !== null && v !== undefined) extra[h] = v;
      });
      lead.extra = extra;
    }
    added.push(...columns.map(([h]) => h));
    looked.push({ file: source.file, on, key: held, columns: columns.map(([h]) => h), lineOf: lines });
  }
  return { added, rows: looked };
}
