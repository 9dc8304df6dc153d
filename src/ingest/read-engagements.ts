/** The definition's inputs: engagements by lead, the lead fields the definitions name, the lists `in_file` reads. */

import { CANONICAL, listKey } from "../definition/lists.js";
import { criteriaOf } from "../definition/walk.js";
import { UserError } from "../errors.js";
import { finding } from "../findings.js";
import { closest } from "../text.js";
import type { Engagement, Finding, Lead, LeadDefinitions, Place, SourceDef } from "../types.js";
import { plainSource } from "./csv/columns.js";
import type { Dataset } from "./dataset.js";
import { leadFieldAt } from "./lead-fields.js";
import { bridgedIndex, bridgeReader } from "./read-bridge.js";
import type { Joined } from "./read-events.js";
import type { Reading } from "./reading.js";
import { engagementShape } from "./sources/engagement-shape.js";
import { engagementsReader } from "./sources/engagements.js";
import { EngagementRows } from "./store/engagement-rows.js";

/**
 * Every engagements source, read like activities (on a worker when large): the engagements kept
 * by lead, each repeat (same lead, type and instant) kept once with an info finding. Rows used:
 * those giving an engagement, and those failing `where` or of an `ignore:` type (read, not wanted).
 */
export async function readEngagements(
  r: Reading,
  j: Joined,
): Promise<{ rows: EngagementRows; counts: NonNullable<Dataset["engagementRows"]> }> {
  const { config } = r;
  const { sorted } = j.leads;
  const rows = new EngagementRows(j.leadIndex, sorted.length, (i) => (sorted[i] as Lead).id);
  let used = 0;
  let read = 0;
  // A row of several types gives an engagement per type, one after another: the row is used once.
  let usedFile = "";
  let usedLine = -1;
  const use = (place: Place) => {
    if (place.line === usedLine && place.file === usedFile) return;
    usedFile = place.file;
    usedLine = place.line;
    used++;
    r.use(place.file);
  };
  const sink = (e: Engagement, _lead?: number, reused?: boolean) => {
    use(e.place);
    rows.push(e, reused);
  };
  const bridgeOf = bridgeReader(r, j);
  for (const source of config.sources.engagements ?? []) {
    const before = r.rowCounts[source.file] ?? 0;
    const keys = await bridgeOf(source);
    await r.readRows(source, j.contextOf, keys ? bridgedIndex(j.byIndex, keys) : j.byIndex, (ctx) =>
      engagementsReader(
        ctx,
        { ...engagementShape(source, ctx.index, ctx.header ?? [], config.timezone, config.file), keys },
        j.byIndex.idOf,
        sink,
        use,
      ),
    );
    read += (r.rowCounts[source.file] ?? 0) - before;
  }
  rows.group(() => true);
  rows.unique((e) =>
    r.findings.push(
      finding(
        "engagement_duplicate",
        e.place,
        `engagement ${e.type} of lead ${e.leadId} repeats another at the same instant; counted once`,
        { leadId: e.leadId, value: e.type },
      ),
    ),
  );
  return { rows, counts: { rows: read, used, byType: rows.countByType() } };
}

/** Every criterion of the definitions, with the stage it belongs to (for a path in messages). */
function* allCriteria(defs: LeadDefinitions | null) {
  for (const d of defs?.stages ?? []) for (const c of criteriaOf(d)) yield { stage: d.stage, c };
}

/**
 * Where each lead field the definitions name is held: a canonical field's Lead property, a
 * column the leads source maps to a canonical field, or (any other header) Lead.extra. A field
 * that is none of them is an error naming the SLA file's line and column (exit 2), with the
 * closest header.
 */
export function definitionFieldsOf(
  defs: LeadDefinitions | null,
  leads: SourceDef,
  header: readonly string[],
  slaFile: string,
  /** The columns lookups added: one a preset would map to a canonical field the leads lack is the lookup's. */
  looked: readonly string[] = [],
): NonNullable<Dataset["definitionFields"]> {
  const out: NonNullable<Dataset["definitionFields"]> = {};
  const issues = [];
  const seen = new Set<string>();
  for (const { stage, c } of allCriteria(defs)) {
    if (c.kind !== "field" || seen.has(c.field)) continue;
    seen.add(c.field);
    const fold = (h: string) => h.trim().toLowerCase();
    const lookedUp = CANONICAL[c.field] ? undefined : looked.find((h) => fold(h) === fold(c.field));
    const held = lookedUp !== undefined ? { extra: lookedUp } : leadFieldAt(c.field, leads, header);
    if (held) {
      out[c.field] = held;
      continue;
    }
    const guess = closest(c.field, [...header, ...Object.keys(CANONICAL)]);
    issues.push({
      severity: "error" as const,
      file: slaFile,
      line: c.line,
      column: c.column,
      path: `definitions.${stage}`,
      message: `field "${c.field}" is neither a lead field nor a column of ${leads.file}`,
      hint: guess
        ? `did you mean "${guess}"?`
        : `lead fields: ${Object.keys(CANONICAL).join(", ")}; or a column of ${leads.file}`,
    });
  }
  if (issues.length > 0)
    throw new UserError(
      `the lead definitions name ${issues.length === 1 ? "a field" : "fields"} the leads file does not have`,
      issues,
    );
  return out;
}

export { listKey };

/**
 * The lists `in_file` tests read, by path: one column (the first, or the one named), values
 * trimmed, lower-cased, sorted and unique. A missing file or column is an error naming the SLA
 * file where the test names it (exit 2), as a missing source file is.
 */
export async function readLists(r: Reading): Promise<Record<string, string[]>> {
  const lists: Record<string, string[]> = {};
  const { config } = r;
  const done = new Set<string>();
  for (const { stage, c } of allCriteria(config.definitions)) {
    if (c.kind !== "field" || c.test.kind !== "in_file") continue;
    const { file, path, column } = c.test;
    if (done.has(listKey(path, column))) continue;
    done.add(listKey(path, column));
    const source: SourceDef = {
      ...plainSource("reference", file, path),
      declared: { line: c.line, column: c.column, path: `definitions.${stage}.in_file` },
    };
    // Not data of the audit: its rows are not counted with the inputs' (coverage).
    const notes: Finding[] = [];
    const table = await r.openAs(source, undefined, notes, undefined);
    const fold = (h: string) => h.trim().toLowerCase();
    const at = column === null ? 0 : table.header.findIndex((h) => fold(h) === fold(column));
    if (at < 0 || table.header.length === 0) {
      const guess = column === null ? undefined : closest(column, table.header);
      throw new UserError(`missing column "${column}" in ${file}`, [
        {
          severity: "error",
          file: config.file,
          line: c.line,
          column: c.column,
          path: `definitions.${stage}.column`,
          message: `${file} has no column "${column}"`,
          hint: guess ? `did you mean "${guess}"?` : `columns present: ${table.header.join(", ")}`,
        },
      ]);
    }
    const values = new Set<string>();
    for await (const batch of table.rows)
      for (const row of batch) {
        const v = row.cells[at]?.trim().toLowerCase() ?? "";
        if (v !== "") values.add(v);
      }
    lists[listKey(path, column)] = [...values].sort();
  }
  return lists;
}
