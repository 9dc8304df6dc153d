/** Reference lists: known values of a lead field; a lead whose value is not listed is a finding. */

import { finding } from "../../findings.js";
import { closest } from "../../text.js";
import { DIMENSION_FIELD, type Finding, type Lead, type SlaConfig } from "../../types.js";
import { cell } from "../csv/columns.js";
import type { Table } from "../csv/table.js";

/** Reads one reference list into a set of values (blank cells ignored). */
export async function readReference(table: Table): Promise<{ values: Set<string>; rows: number }> {
  const values = new Set<string>();
  let rows = 0;
  for await (const batch of table.rows)
    for (const row of batch) {
      rows++;
      const v = cell(row.cells, table.index, "value");
      if (v !== null) values.add(v);
    }
  return { values, rows };
}

/** One finding per lead whose value of the field is not listed; the closest listed value is the hint. */
export function checkReference(
  leads: Iterable<Lead>,
  field: SlaConfig["references"][number]["field"],
  values: ReadonlySet<string>,
  file: string,
  findings: Finding[],
): void {
  for (const lead of leads) {
    const v = lead[DIMENSION_FIELD[field]];
    if (typeof v !== "string" || values.has(v)) continue;
    const guess =
      closest(v, values) ??
      closest(
        v.replace(/\s+/g, ""),
        [...values].map((x) => x.replace(/\s+/g, "")),
      );
    const listed = guess
      ? [...values].find((x) => x === guess || x.replace(/\s+/g, "") === guess)
      : undefined;
    findings.push(
      finding("unknown_reference", lead.place, `lead ${lead.id}'s ${field} "${v}" is not listed in ${file}`, {
        leadId: lead.id,
        value: v,
        ...(listed ? { hint: `spelled "${listed}" in ${file}` } : {}),
      }),
    );
  }
}
