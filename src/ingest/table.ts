/** A CSV file read as a table: the header mapped to fields, then data rows with their lines. */

import { UserError } from "../errors.js";
import { finding } from "../findings.js";
import type { Finding, SourceDef } from "../types.js";
import { resolveColumns } from "./columns.js";
import type { CsvRow } from "./read-csv.js";

export interface TableRow {
  line: number;
  cells: string[];
}

export interface Table {
  header: string[];
  index: Record<string, number[]>;
  /** Wide form: stage or outcome id -> indexes of its date columns. */
  stageColumns: Record<string, number[]>;
  unmapped: string[];
  rows: AsyncIterable<TableRow>;
}

/**
 * Takes the first row as the header and checks the required fields; a file without a header
 * or without a required column stops the run (exit 2). Ragged rows become findings.
 */
export async function openTable(
  source: SourceDef,
  rows: AsyncIterable<CsvRow>,
  required: readonly string[],
  findings: Finding[],
): Promise<Table> {
  const iterator = rows[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) {
    throw new UserError(`${source.file}: the file is empty`, [
      {
        severity: "error",
        file: source.file,
        line: 1,
        message: "the file is empty: expected a header row",
        hint: `export the ${source.kind} again with its header row`,
      },
    ]);
  }
  const header = first.value.cells.map((h) => h.trim());
  const map = resolveColumns(header, source, required, first.value.line);
  if (map.issues.length > 0) throw new UserError(`${source.file}: missing column`, map.issues);
  const width = header.length;
  async function* data(): AsyncIterable<TableRow> {
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) {
      const row = next.value;
      if (row.cells.length !== width) {
        findings.push(
          finding(
            "ragged_row",
            { file: source.file, line: row.line },
            `${row.cells.length} cells where the header has ${width}`,
          ),
        );
      }
      yield row;
    }
  }
  return { header, index: map.index, stageColumns: map.stageColumns, unmapped: map.unmapped, rows: data() };
}
