/** Reads a CSV file's rows with a tokenizer, in batches: the fast one, or csv-parse to check it. */

/**
 * CSV reading behind a small interface, so a faster tokenizer can replace csv-parse on the
 * hot path without touching the rest of ingest. Every row keeps the line it starts on. Opening a
 * file (encoding, delimiter) is open-csv.ts; the reference tokenizer, reference-csv.ts.
 */

import { UserError } from "../../errors.js";
import type { SourceDef } from "../../types.js";
import { fastCsvBatches } from "./fast-csv.js";
import { leadRowFilter } from "./lead-filter.js";
import { openCsv, type ReadOptions, unreadable } from "./open-csv.js";
import type { CsvRow, CsvTokenizer, Progress, UnreadableInput } from "./row.js";

/** The tokenizer of the hot path (src/ingest/csv/fast-csv.ts). */
export const fastCsvTokenizer: CsvTokenizer = fastCsvBatches;

/** An unreadable input named where the SLA file names it: that is where it is fixed. */
export function pointAtSla(err: UnreadableInput, source: SourceDef, slaFile: string): UserError {
  if (!source.declared) return err;
  const { line, column, path } = source.declared;
  return new UserError(err.message, [
    {
      severity: "error",
      file: slaFile,
      line,
      column,
      path,
      message: `cannot read ${source.file}: ${err.why}`,
      hint: "point `file:` at the CSV export (paths are relative to the SLA file)",
    },
  ]);
}

/** Reads every row of a file, one at a time (for small files and tests; ingest reads batches). */
export async function* readCsvRows(
  path: string,
  file: string,
  tokenizer: CsvTokenizer = fastCsvTokenizer,
  delimiter: string | null = null,
  onProgress?: Progress,
  options: ReadOptions = {},
): AsyncIterable<CsvRow> {
  for await (const batch of readCsvBatches(path, file, tokenizer, delimiter, onProgress, options))
    yield* batch;
}

/** Reads every row of a file with the given tokenizer, in batches; read errors are UserErrors naming the file. */
export async function* readCsvBatches(
  path: string,
  file: string,
  tokenizer: CsvTokenizer = fastCsvTokenizer,
  delimiter: string | null = null,
  onProgress?: Progress,
  options: ReadOptions = {},
): AsyncIterable<CsvRow[]> {
  const { input, delimiter: sniffed, encoding } = await openCsv(path, file, onProgress, options);
  const failed: { err?: unknown } = {};
  input.on("error", (err) => {
    failed.err = err;
  });
  const d = delimiter ?? sniffed;
  const filter =
    (options.lead || options.taker) && encoding === "utf8" && tokenizer === fastCsvTokenizer
      ? leadRowFilter(options.lead ?? { keys: [], caseless: false }, d, options.taker ?? null)
      : null;
  if (filter) input.on("error", (err) => filter.destroy(err));
  try {
    yield* tokenizer(filter ? input.pipe(filter) : input, file, { delimiter: d });
  } catch (err) {
    throw failed.err ? unreadable(failed.err, file) : err;
  }
  if (failed.err) throw unreadable(failed.err, file);
}
