/** Opens a CSV file as text for a tokenizer: what it is, its encoding and delimiter, its notes. */

import { createReadStream, type Stats } from "node:fs";
import { type FileHandle, open, stat } from "node:fs/promises";
import { type Readable, Transform } from "node:stream";
import { describeFsError, UserError } from "../../errors.js";
import { finding } from "../../findings.js";
import type { EncodingName, Finding } from "../../types.js";
import { notCsv } from "./binary.js";
import { type Encoding, encodingOf, firstInvalidUtf8, lineOfOffset } from "./encoding.js";
import { type Progress, UnreadableInput } from "./row.js";
import type { DrainingTaker, LeadKeys } from "./row-filter.js";
import { readablePath } from "./spool.js";

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

/** Filtered reads done elsewhere (parallel/filter-ahead.ts): filteredBytes' own bytes, or null (filter here). */
export interface FilteredAhead {
  take(
    path: string,
    lead: LeadKeys,
    delimiter: string,
    onRead: (bytes: number) => void,
  ): Promise<AsyncGenerator<Buffer> | null>;
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
  /** Rows the filter may take instead of handing on (a trace's stamps pass on a worker: stamp-taker.ts). */
  taker?: DrainingTaker;
  /** The filtered reads done ahead on a worker (parallel/filter-ahead.ts), for a read without a taker. */
  ahead?: FilteredAhead;
}

/** Files checked for UTF-8 (device:inode:size:mtime → line of the first invalid byte, 0: valid). */
const utf8Checked = new Map<string, Promise<number>>();
/** The checks done, by the same key: handed to reading workers (utf8Known), which then skip them. */
const utf8Lines = new Map<string, number>();

/** The UTF-8 checks this thread has done, to hand to a worker (a file read again is checked once). */
export function utf8Known(): [string, number][] {
  return [...utf8Lines];
}

/** Takes the checks another thread did (utf8Known): the files they name are not read again for them. */
export function utf8Seen(known: readonly [string, number][]): void {
  for (const [key, line] of known) {
    utf8Lines.set(key, line);
    utf8Checked.set(key, Promise.resolve(line));
  }
}

/** What a CSV file is before it is read: the path to read, its size, delimiter and encoding. */
export interface CsvLook {
  path: string;
  size: number;
  delimiter: string;
  encoding: Encoding;
}

/** Looks at a CSV file (lookCsv) and opens it as text for the tokenizer. */
export async function openCsv(
  path: string,
  file: string,
  onProgress?: Progress,
  options: ReadOptions = {},
): Promise<{ input: Readable; delimiter: string; encoding: Encoding }> {
  const look = await lookCsv(path, file, options);
  return { input: csvInput(look, file, onProgress), delimiter: look.delimiter, encoding: look.encoding };
}

/**
 * What a file is (firstLook), with the note that it is read as Windows-1252 in `options.findings`;
 * missing, directory or unreadable paths are UserErrors.
 */
export async function lookCsv(path: string, file: string, options: ReadOptions = {}): Promise<CsvLook> {
  const first = await firstLook(path, file, options.encoding ? encodingOf(options.encoding) : null);
  if (first.invalidLine > 0) options.findings?.push(readAsWindows1252(file, first.invalidLine));
  return first;
}

/** The text of a looked-at file, for the tokenizer. */
export function csvInput(look: CsvLook, file: string, onProgress?: Progress): Readable {
  // 64 KB at a time: a chunk's text then lives in the young generation and dies there. A 1 MB
  // chunk is a large object, and one alive at a scavenge stays in the old generation until a full
  // collection: 10M activities peaked at 554 MiB with 1 MB chunks, 348 MiB with 64 KB, at the same
  // speed (docs/performance.md).
  const raw = createReadStream(look.path, { highWaterMark: 1 << 16 });
  if (onProgress) {
    let done = 0;
    raw.on("data", (chunk) => {
      done += chunk.length;
      onProgress(file, done, look.size);
    });
  }
  return look.encoding === "utf8" ? raw : decoded(raw, look.encoding);
}

/**
 * What a file is, from its first 64 KB: the path to read it at, its size, delimiter and encoding
 * (the setting's; else by its byte-order mark; else decided from all its bytes, before any row is
 * read), and the line of its first byte that is not UTF-8 when that made it Windows-1252.
 */
async function firstLook(
  path: string,
  file: string,
  encoding: Encoding | null,
): Promise<{ path: string; size: number; delimiter: string; encoding: Encoding; invalidLine: number }> {
  try {
    path = await readablePath(path, file, encoding);
    const s = await stat(path);
    if (s.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
    const handle = await open(path, "r");
    try {
      const buffer = Buffer.alloc(65_536);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
      const wrong = notCsv(buffer.subarray(0, bytesRead), encoding);
      if (wrong) throw new UnreadableInput(file, wrong);
      const sniffed = sniff(buffer.subarray(0, bytesRead));
      let invalidLine = 0;
      if (encoding === null && sniffed.encoding === "utf8") {
        invalidLine = await invalidUtf8Line(handle, s);
        encoding = invalidLine === 0 ? "utf8" : "windows-1252";
      }
      const size = s.size;
      return {
        path,
        size,
        delimiter: sniffed.delimiter,
        encoding: encoding ?? sniffed.encoding,
        invalidLine,
      };
    } finally {
      await handle.close();
    }
  } catch (err) {
    throw err instanceof UserError ? err : unreadable(err, file);
  }
}

/** The line of a file's first byte that is not UTF-8 (0: none); once per file and version, as the date scan, validate and the rows each open it. */
function invalidUtf8Line(handle: FileHandle, s: Stats): Promise<number> {
  const key = `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;
  let line = utf8Checked.get(key);
  if (line === undefined) {
    line = firstInvalidUtf8(handle).then((invalid) => (invalid === null ? 0 : lineOfOffset(handle, invalid)));
    utf8Checked.set(key, line);
    // A read that failed is tried again by the next open, not remembered.
    line.then(
      (n) => utf8Lines.set(key, n),
      () => utf8Checked.delete(key),
    );
  }
  return line;
}

/**
 * Starts the UTF-8 check of each of these files at once (their reads overlap in the thread pool),
 * so that opening each in turn finds its check done or under way. Files that cannot be read, and
 * pipes, are left for their open to report.
 */
export async function checkUtf8Ahead(paths: readonly string[]): Promise<void> {
  await Promise.all(
    paths.map(async (path) => {
      try {
        const handle = await open(path, "r");
        try {
          const s = await handle.stat();
          if (s.isFile()) await invalidUtf8Line(handle, s);
        } finally {
          await handle.close();
        }
      } catch {
        // reported by the file's own open
      }
    }),
  );
}

/** The note that a file is read as Windows-1252 (`encoding_detected`). */
function readAsWindows1252(file: string, line: number): Finding {
  return finding(
    "encoding_detected",
    { file, line },
    `the first byte that is not UTF-8 is on line ${line}: the whole file is read as Windows-1252`,
    {
      hint: "if accented letters look wrong, set `encoding:` on the source (utf-8, windows-1252, …); `encoding: windows-1252` also silences this note",
    },
  );
}

/** UTF-16 (Excel's "Unicode Text") or Windows-1252 bytes decoded to text, byte-order mark dropped. */
function decoded(raw: Readable, encoding: Encoding): Readable {
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
  return input;
}

/** An unreadable input, named by the error the file system gave. */
export function unreadable(err: unknown, file: string): UserError {
  return new UnreadableInput(file, describeFsError(err));
}
