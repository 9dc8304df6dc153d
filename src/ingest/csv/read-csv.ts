/** Opens a CSV file (encoding, delimiter, notes) and reads its rows with a tokenizer, in batches. */

/**
 * CSV reading behind a small interface, so a faster tokenizer can replace csv-parse on the
 * hot path without touching the rest of ingest. Every row keeps the line it starts on.
 */

import { createReadStream } from "node:fs";
import { open, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { type Readable, Transform } from "node:stream";
import type { CsvError, Options } from "csv-parse";

// csv-parse (the reference tokenizer) is loaded the first time a file goes its way: most runs read
// every file with the fast tokenizer, and its 10 modules cost about 12 ms at every start.
let csvParse: typeof import("csv-parse") | undefined;
const loadCsvParse = () => {
  csvParse ??= createRequire(import.meta.url)("csv-parse") as typeof import("csv-parse");
  return csvParse;
};

import { describeFsError, UserError } from "../../errors.js";
import { finding } from "../../findings.js";
import type { EncodingName, Finding, SourceDef } from "../../types.js";
import { notCsv } from "./binary.js";
import { type Encoding, encodingOf, firstInvalidUtf8, lineOfOffset } from "./encoding.js";
import { fastCsvBatches } from "./fast-csv.js";
import { type LeadKeys, leadRowFilter } from "./lead-filter.js";
import {
  type CsvOptions,
  type CsvRow,
  type CsvTokenizer,
  MAX_ROW_CHARS,
  type Progress,
  rowTooLong,
  UnreadableInput,
  unclosedQuote,
} from "./row.js";
import { readablePath } from "./spool.js";

/** The tokenizer of the hot path (src/ingest/csv/fast-csv.ts). */
export const fastCsvTokenizer: CsvTokenizer = fastCsvBatches;

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

/** What the first bytes say: the encoding (by its byte-order mark) and the delimiter of the header line. */
export function sniff(head: Buffer): { encoding: "utf8" | "utf16le" | "utf16be"; delimiter: string } {
  const encoding: "utf8" | "utf16le" | "utf16be" =
    head[0] === 0xff && head[1] === 0xfe
      ? "utf16le"
      : head[0] === 0xfe && head[1] === 0xff
        ? "utf16be"
        : "utf8";
  const text = new TextDecoder(
    encoding === "utf8" ? "utf-8" : encoding === "utf16le" ? "utf-16le" : "utf-16be",
  ).decode(head);
  return { encoding, delimiter: sniffDelimiter(text) };
}

/** The delimiter that splits the first line most often outside quotes (comma on a tie or none). */
export function sniffDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [",", 0],
    [";", 0],
    ["\t", 0],
    ["|", 0],
  ]);
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === "\n" || c === "\r")) break;
    else if (!quoted && counts.has(c)) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  let best = ",";
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** How a file is read: its encoding when the SLA file sets one, and where its notes go. */
export interface ReadOptions {
  /** `encoding:` of the source; absent: UTF-8 unless the file is not valid UTF-8 (then Windows-1252). */
  encoding?: EncodingName | null;
  /** Receives the note that a file was read as Windows-1252 (`encoding_detected`). */
  findings?: Finding[];
  /**
   * Hand on only the rows that may name this lead (`trace`; lead-filter.ts), when the file is
   * UTF-8 (its encoding decided from the whole file first) and the fast tokenizer reads it.
   */
  lead?: LeadKeys;
}

/** Files checked for UTF-8 (device:inode:size:mtime → line of the first invalid byte, 0: valid). */
const utf8Checked = new Map<string, number>();

/** Opens a CSV file as text for the tokenizer; missing, directory or unreadable paths are UserErrors. */
export async function openCsv(
  path: string,
  file: string,
  onProgress?: Progress,
  options: ReadOptions = {},
): Promise<{ input: Readable; delimiter: string; encoding: Encoding }> {
  let sniffed: ReturnType<typeof sniff>;
  let size = 0;
  let encoding: Encoding | null = options.encoding ? encodingOf(options.encoding) : null;
  let invalidLine = 0;
  try {
    path = await readablePath(path, file, encoding);
    const s = await stat(path);
    if (s.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    size = s.size;
    const handle = await open(path, "r");
    try {
      const buffer = Buffer.alloc(65_536);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const wrong = notCsv(buffer.subarray(0, bytesRead), encoding);
      if (wrong) throw new UnreadableInput(file, wrong);
      sniffed = sniff(buffer.subarray(0, bytesRead));
      // No setting and no UTF-16 byte-order mark: decided from the whole file, before any row is read.
      if (encoding === null && sniffed.encoding === "utf8") {
        // Once per file and version: the date scan, validate and the rows each open it.
        const key = `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;
        let line = utf8Checked.get(key);
        if (line === undefined) {
          const invalid = await firstInvalidUtf8(handle);
          line = invalid === null ? 0 : await lineOfOffset(handle, invalid);
          utf8Checked.set(key, line);
        }
        encoding = line === 0 ? "utf8" : "windows-1252";
        invalidLine = line;
      }
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw err instanceof UserError ? err : unreadable(err, file);
  }
  encoding ??= sniffed.encoding;
  const delimiter = sniffed.delimiter;
  if (invalidLine > 0)
    options.findings?.push(
      finding(
        "encoding_detected",
        { file, line: invalidLine },
        `the first byte that is not UTF-8 is on line ${invalidLine}: the whole file is read as Windows-1252`,
        {
          hint: "if accented letters look wrong, set `encoding:` on the source (utf-8, windows-1252, …); `encoding: windows-1252` also silences this note",
        },
      ),
    );
  // 64 KB at a time: a chunk's text then lives in the young generation and dies there. A 1 MB
  // chunk is a large object, and one alive at a scavenge stays in the old generation until a full
  // collection: 10M activities peaked at 554 MiB with 1 MB chunks, 348 MiB with 64 KB, at the same
  // speed (docs/performance.md).
  const raw = createReadStream(path, { highWaterMark: 1 << 16 });
  if (onProgress) {
    let done = 0;
    raw.on("data", (chunk) => {
      done += chunk.length;
      onProgress(file, done, size);
    });
  }
  if (encoding === "utf8") return { input: raw, delimiter, encoding };
  // UTF-16 (Excel's "Unicode Text") or Windows-1252: decoded to text, byte-order mark dropped.
  const decoder = new TextDecoder(
    encoding === "utf16le" ? "utf-16le" : encoding === "utf16be" ? "utf-16be" : "windows-1252",
  );
  const input = raw.pipe(
    new Transform({
      transform(chunk: Buffer, _enc, done) {
        done(null, decoder.decode(chunk, { stream: true }));
      },
      flush(done) {
        done(null, decoder.decode());
      },
    }),
  );
  raw.on("error", (err) => input.destroy(err));
  return { input, delimiter, encoding };
}

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

function unreadable(err: unknown, file: string): UserError {
  return new UnreadableInput(file, describeFsError(err));
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
    options.lead && encoding === "utf8" && tokenizer === fastCsvTokenizer
      ? leadRowFilter(options.lead, d)
      : null;
  if (filter) input.on("error", (err) => filter.destroy(err));
  try {
    yield* tokenizer(filter ? input.pipe(filter) : input, file, { delimiter: d });
  } catch (err) {
    throw failed.err ? unreadable(failed.err, file) : err;
  }
  if (failed.err) throw unreadable(failed.err, file);
}
