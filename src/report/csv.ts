/** Report -> CSV: one table per file; cells a spreadsheet would run as a formula are neutralised. */

import { stringify } from "csv-stringify/sync";
import type { Report } from "../metrics/types.js";
import { printable } from "../text.js";
import type { Section } from "./table.js";
import { type Cell, reportTables, type Tabular } from "./tabular.js";

/**
 * A text cell starting with = + - @ (or a tab or carriage return, or the full-width ＝ ＋ － ＠
 * that some spreadsheets also read as a formula) is read as a formula (CSV injection); a leading
 * apostrophe makes it text. The test runs on the cell as written, after the printable filter
 * (a control character is shown as "�", never passed to a terminal that `cat`s the file).
 * Numbers stay numbers.
 */
export function neutralise(cell: Cell): string {
  if (cell === null) return "";
  if (typeof cell !== "string") return String(cell);
  const text = printable(cell);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export function tableCsv(t: Tabular): string {
  return stringify([t.head, ...t.rows.map((row) => row.map(neutralise))], { record_delimiter: "\n" });
}

/** The CSV files of the chosen sections: file name -> content. */
export function renderCsvFiles(report: Report, sections: readonly Section[]): Map<string, string> {
  return new Map(reportTables(report, sections).map((t) => [`${t.id}.csv`, tableCsv(t)]));
}

/** The one table a section command prints as CSV: its main table (all of them go to --out DIR). */
export function primaryCsv(report: Report, sections: readonly Section[]): string {
  const tables = reportTables(report, sections);
  const main =
    tables.find((t) => t.id.startsWith("conversion-by-")) ??
    tables.find((t) => ["conversion", "latency", "commitments", "quality"].includes(t.id)) ??
    tables.find((t) => t.id === `compliance-${report.compliance.handoff}`) ??
    tables[0];
  return main ? tableCsv(main) : "";
}
