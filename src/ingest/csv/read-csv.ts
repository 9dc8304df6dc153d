/** Reads a CSV file's rows with a tokenizer, in batches: the fast one, or csv-parse to check it. */

/**
 * CSV reading behind a small interface, so a faster tokenizer can replace csv-parse on the
 * hot path without touching the rest of ingest. Every row keeps the line it starts on. Opening a
 * file (encoding, delimiter) is open-csv.ts; the reference tokenizer, reference-csv.ts.
 */

import { Readable } from "node:stream";
import { UserError } from "../../errors.js";
import type { SourceDef } from "../../types.js";
import { fastCsvBatches } from "./fast-csv.js";
import { filterable, filteredBytes } from "./lead-filter.js";
import { csvInput, lookCsv, type ReadOptions, unreadable } from "./open-csv.js";
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
  const look = await lookCsv(path, file, options);
  const d = delimiter ?? look.delimiter;
  const lead = options.lead ?? { keys: [], caseless: false };
  // A trace reads only the rows that may name its lead (lead-filter.ts), from UTF-8 with the fast tokenizer.
  const filtered =
    (options.lead || options.taker) &&
    look.encoding === "utf8" &&
    tokenizer === fastCsvTokenizer &&
    filterable(lead, d);
  if (filtered) {
    let done = 0;
    const onRead = (bytes: number) => {
      done += bytes;
      onProgress?.(file, done, look.size);
    };
    const ahead = options.taker ? null : await options.ahead?.take(look.path, lead, d, onRead);
    const bytes = ahead ?? filteredBytes(look.path, lead, d, options.taker ?? null, onRead);
    try {
      yield* tokenizer(Readable.from(bytes), file, { delimiter: d });
    } catch (err) {
      throw err instanceof Error && "code" in err && !(err instanceof UserError)
        ? unreadable(err, file)
        : err;
    }
    return;
  }
  const input = csvInput(look, file, onProgress);
  const failed: { err?: unknown } = {};
  input.on("error", (err) => {
    failed.err = err;
  });
  try {
    yield* tokenizer(input, file, { delimiter: d });
  } catch (err) {
    throw failed.err ? unreadable(failed.err, file) : err;
  }
  if (failed.err) throw unreadable(failed.err, file);
}
