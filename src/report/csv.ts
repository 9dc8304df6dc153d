/** Report -> CSV: one table per file; cells a spreadsheet would run as a formula are neutralised. */

import { createRequire } from "node:module";

// csv-stringify is loaded when a CSV is written, not at every start (8 modules, about 12 ms).
let stringifySync: typeof import("csv-stringify/sync").stringify | undefined;
const stringify: typeof import("csv-stringify/sync").stringify = (records, options) => {
  stringifySync ??= (
    createRequire(import.meta.url)("csv-stringify/sync") as typeof import("csv-stringify/sync")
  ).stringify;
  return stringifySync(records, options);
};

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

/**
 * The chosen sections as one CSV file (stdout or `--out FILE`). One table is written as it is.
 * Several are stacked: a first column `table` names each row's table (its file name in
 * `--out DIR/`, without .csv), then the union of the tables' columns in order of first use; a
 * column a table lacks is empty. A spreadsheet's filter on `table` gives each table back.
 */
export function singleCsv(report: Report, sections: readonly Section[]): string {
  return tablesCsv(reportTables(report, sections));
}

export function tablesCsv(tables: readonly Tabular[]): string {
  const [only] = tables;
  if (tables.length === 1 && only) return tableCsv(only);
  const columns = [...new Set(tables.flatMap((t) => t.head))];
  const rows = tables.flatMap((t) => {
    const at = t.head.map((h) => columns.indexOf(h));
    return t.rows.map((row) => {
      const line: string[] = [t.id, ...columns.map(() => "")];
      row.forEach((cell, i) => {
        line[(at[i] as number) + 1] = neutralise(cell);
      });
      return line;
    });
  });
  return stringify([["table", ...columns], ...rows], { record_delimiter: "\n" });
}
