/** The reference tokenizer: csv-parse, slower, kept to check the fast one against (tests run both). */

import { createRequire } from "node:module";
import type { Readable } from "node:stream";
import type { CsvError, Options } from "csv-parse";
import { UserError } from "../../errors.js";
import {
  type CsvOptions,
  type CsvRow,
  type CsvTokenizer,
  MAX_ROW_CHARS,
  rowTooLong,
  unclosedQuote,
} from "./row.js";

// csv-parse (the reference tokenizer) is loaded the first time a file goes its way: most runs read
// every file with the fast tokenizer, and its 10 modules cost about 12 ms at every start.
let csvParse: typeof import("csv-parse") | undefined;
const loadCsvParse = () => {
  csvParse ??= createRequire(import.meta.url)("csv-parse") as typeof import("csv-parse");
  return csvParse;
};

/**
 * The reference tokenizer: csv-parse, streaming, BOM removed, the first of CRLF/LF/CR seen ending
 * every row. Slower, kept to check the fast one against (tests run both on the same files).
 */
export const csvParseTokenizer: CsvTokenizer = async function* (input, file, options) {
  let batch: CsvRow[] = [];
  for await (const row of csvParseRows(input, file, options)) {
    batch.push(row);
    if (batch.length === 4096) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
};

async function* csvParseRows(
  input: Readable,
  file: string,
  { delimiter, maxRow = MAX_ROW_CHARS }: CsvOptions = { delimiter: "," },
): AsyncIterable<CsvRow> {
  // csv-parse's `lines` is a row's last line, but it counts a CRLF inside a quoted field as two
  // lines; `crlfSeen` undoes that, and the breaks inside this row's fields give its first line.
  // on_record runs as each row is parsed, so `lastEnd` is right even when a later row fails.
  let crlfSeen = 0;
  let lastEnd = 0;
  const options: Options<CsvRow, string[]> = {
    bom: true,
    delimiter,
    // Checked as each byte is added: a huge row fails before it fills the heap.
    max_record_size: maxRow,
    relax_column_count: true,
    skip_empty_lines: true,
    on_record: (record: string[], context: { lines: number }): CsvRow => {
      let breaks = 0;
      for (const cell of record) {
        if (cell.length === 0 || (cell.indexOf("\n") < 0 && cell.indexOf("\r") < 0)) continue;
        const [b, crlf] = countBreaks(cell);
        breaks += b;
        crlfSeen += crlf;
      }
      lastEnd = context.lines - crlfSeen;
      return { line: lastEnd - breaks, cells: record };
    },
  };
  // The typings take a generic on_record only with `columns`; the runtime passes any return value on.
  const parser = input.pipe(loadCsvParse().parse(options as unknown as Options));
  try {
    yield* parser as AsyncIterable<CsvRow>;
  } catch (err) {
    throw csvUserError(err, file, lastEnd, maxRow);
  }
}

/** [line breaks, of which CRLF pairs] in a field. */
function countBreaks(text: string): [number, number] {
  let breaks = 0;
  let crlf = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) breaks++;
    else if (c === 13) {
      breaks++;
      if (text.charCodeAt(i + 1) === 10) {
        crlf++;
        i++;
      }
    }
  }
  return [breaks, crlf];
}

function csvUserError(err: unknown, file: string, lastEnd: number, maxRow: number): UserError {
  // No CsvError can exist before csv-parse was loaded.
  if (csvParse !== undefined && err instanceof csvParse.CsvError) {
    const e = err as CsvError & { lines?: number; column?: number };
    // An unclosed quote runs to the end of the input: name the line where its row starts instead.
    if (e.code === "CSV_QUOTE_NOT_CLOSED") return unclosedQuote(file, lastEnd + 1);
    if (e.code === "CSV_MAX_RECORD_SIZE") return rowTooLong(file, lastEnd + 1, maxRow);
    const line = e.lines ?? 0;
    const hint = "check the quoting around this line, or re-export the file as standard CSV";
    const message = e.message.replace(/^[^:]*:\s*/, "");
    return new UserError(`${file}:${line}: ${message}`, [
      { severity: "error", file, line, message: `invalid CSV: ${message}`, hint },
    ]);
  }
  return err instanceof UserError ? err : new UserError(`${file}: ${String(err)}`);
}
