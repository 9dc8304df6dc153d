/** The hot-path CSV tokenizer: decoded text -> rows with their lines, in batches. */

/**
 * The hot-path CSV tokenizer: a hand-written scanner over decoded text, several times faster than
 * csv-parse and giving rows in batches (one per chunk read) so a million-row file costs a few
 * hundred awaits, not millions. It reads RFC 4180 CSV as exports write it:
 * - a row ends at CRLF, LF or a lone CR, and one file may mix them (Excel re-saves, hand edits,
 *   concatenated exports); a line break inside a quoted field belongs to the field;
 * - a quote opens a quoted field only at the start of a field; elsewhere it is a literal
 *   character (`5" monitor`), as xsv and Excel read it;
 * - empty lines are skipped (still counted for line numbers); a leading byte-order mark is dropped.
 * Each row keeps the line it starts on, counting breaks inside quoted fields, so findings and
 * errors name the same lines as the reference tokenizer (csv-parse) in reference-csv.ts.
 */

import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { type CsvOptions, type CsvRow, MAX_ROW_CHARS, rowTooLong, unclosedQuote } from "./row.js";

const QUOTE = 34;
/** A row no longer than this cannot hold a cell over table.ts's LONG_CELL (10,000 characters). */
const CLEAN_ROW = 10_000;
/** Rows per batch handed on. */
const BATCH = 1024;
const LF = 10;
const CR = 13;

class Scanner {
  /** 1-based line of the next character to scan. */
  line = 1;
  /** The text being scanned holds a NUL or U+FFFD somewhere. */
  dirty = false;
  /** The text being scanned holds no CR: a row with no quote ends at the next LF (plainRow). */
  noCr = false;
  rows: CsvRow[] = [];
  /** Set by quoted: where the field it read ends, and the line breaks inside it. */
  private at = 0;
  private inside = 0;
  private readonly delim: number;
  private readonly delimiter: string;
  private readonly file: string;
  readonly maxRow: number;

  constructor(delimiter: string, file: string, maxRow: number) {
    this.delim = delimiter.charCodeAt(0);
    this.delimiter = delimiter.charAt(0);
    this.file = file;
    this.maxRow = maxRow;
  }

  /**
   * A row with no quote, read by searching for its LF and delimiters (String.indexOf, which is
   * several times faster than looking at every character): pushes it and returns where the next
   * row starts, or -1 when the row has a quote or its end is not in the text yet (scan reads it
   * then). `quote`: where the next quote is, from scan.
   */
  private plainRow(s: string, i: number, final: boolean, quote: number): number {
    const nl = s.indexOf("\n", i);
    if (nl < 0 && !final) return -1;
    const lineEnd = nl < 0 ? s.length : nl;
    if (quote < lineEnd) return -1;
    const cells: string[] = [];
    const delimiter = this.delimiter;
    let from = i;
    for (;;) {
      const d = s.indexOf(delimiter, from);
      if (d < 0 || d >= lineEnd) break;
      cells.push(s.slice(from, d));
      from = d + 1;
    }
    cells.push(s.slice(from, lineEnd));
    const end = nl < 0 ? lineEnd : nl + 1;
    this.keep(cells, this.line, end - i);
    // The row's LF (none at the end of the input) is its only line break.
    if (nl >= 0) this.line++;
    return end;
  }

  /**
   * Scans whole rows of `s` from `from` into `this.rows`, at most `maxRows` of them; returns the
   * index where it stopped: the start of an unfinished row, of the next row when the batch is
   * full, or s.length. With `final`, the text is the end of the input: every row finishes.
   */
  scan(s: string, final: boolean, from = 0, maxRows = Number.POSITIVE_INFINITY): number {
    const n = s.length;
    let i = from;
    // Where the next quote is at or after i (n: none); searched again only once passed.
    let quote = -1;
    while (i < n && this.rows.length < maxRows) {
      const c0 = s.charCodeAt(i);
      // An empty line: skipped, counted.
      if (c0 === LF || c0 === CR) {
        if (c0 === CR && i + 1 === n && !final) return i;
        i += c0 === CR && s.charCodeAt(i + 1) === LF ? 2 : 1;
        this.line++;
        continue;
      }
      if (this.noCr) {
        if (quote < i) {
          quote = s.indexOf('"', i);
          if (quote < 0) quote = n;
        }
        const end = this.plainRow(s, i, final, quote);
        if (end >= 0) {
          i = end;
          continue;
        }
      }
      const end = this.row(s, i, final);
      // The row's end is not in the text yet: it waits for the next chunk, from its start.
      if (end < 0) return i;
      i = end;
    }
    return i;
  }

  /**
   * The row starting at `i`, read cell by cell: pushes it and returns where the next row starts,
   * or -1 when its end is not in the text yet (`line` then stays where the row starts).
   */
  private row(s: string, i: number, final: boolean): number {
    const n = s.length;
    const delim = this.delim;
    const rowStart = i;
    const startLine = this.line;
    let line = startLine;
    const cells: string[] = [];
    for (;;) {
      if (i < n && s.charCodeAt(i) === QUOTE) {
        const value = this.quoted(s, i, final, startLine);
        if (value === null) return -1;
        cells.push(value);
        i = this.at;
        line += this.inside;
      } else {
        const end = fieldEnd(s, i, delim);
        if (end === n && !final) return -1;
        cells.push(s.slice(i, end));
        i = end;
      }
      if (i >= n) break;
      const c = s.charCodeAt(i);
      if (c === delim) {
        i++;
        if (i === n) {
          if (!final) return -1;
          cells.push("");
          break;
        }
      } else {
        // CR, LF or CRLF ends the row; a CR at the end of the text may be half of a CRLF.
        if (c === CR && i + 1 === n && !final) return -1;
        i += c === CR && s.charCodeAt(i + 1) === LF ? 2 : 1;
        line++;
        break;
      }
    }
    this.keep(cells, startLine, i - rowStart);
    this.line = line;
    return i;
  }

  /**
   * The quoted field opening at `i`: its value, with `at` set to where the field ends and `inside`
   * to the line breaks it holds; null when its end is not in the text yet (the row waits). It runs
   * to the quote not followed by another quote. Its text is cut out once and its doubled quotes
   * undone once: appending piece by piece built a rope of one string per `""` (about 30 bytes of
   * memory per byte of a cell of escaped quotes).
   */
  private quoted(s: string, i: number, final: boolean, startLine: number): string | null {
    const n = s.length;
    const open = i + 1;
    let from = open;
    let doubled = false;
    let inside = 0;
    for (;;) {
      const q = s.indexOf('"', from);
      if (q < 0 || (q + 1 === n && !final)) {
        if (!final) return null;
        throw unclosedQuote(this.file, startLine);
      }
      inside += breaks(s, from, q);
      if (s.charCodeAt(q + 1) === QUOTE) {
        doubled = true;
        from = q + 2;
        continue;
      }
      i = q + 1;
      break;
    }
    let value = doubled ? s.slice(open, i - 1).replaceAll('""', '"') : s.slice(open, i - 1);
    // After the closing quote: a delimiter, the row's end, or text glued to the quote.
    if (i < n) {
      const c = s.charCodeAt(i);
      if (c !== this.delim && c !== LF && c !== CR) {
        // "abc"def: kept as one cell, like the quote had not closed (what Excel shows).
        const end = fieldEnd(s, i, this.delim);
        if (end === n && !final) return null;
        value += s.slice(i, end);
        i = end;
      }
    }
    this.at = i;
    this.inside = inside;
    return value;
  }

  /** Keeps a row of `length` characters; clean when its chunk holds no NUL or U+FFFD and it is short. */
  private keep(cells: string[], line: number, length: number): void {
    if (length > this.maxRow) throw rowTooLong(this.file, line, this.maxRow);
    this.rows.push(this.dirty || length > CLEAN_ROW ? { line, cells } : { line, cells, clean: true });
  }
}

/** Index of the delimiter, CR or LF ending an unquoted field starting at `i` (s.length if none). */
export function fieldEnd(s: string, i: number, delim: number): number {
  const n = s.length;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === delim || c === LF || c === CR) return i;
  }
  return n;
}

/** Line breaks in s[from, to): CRLF, LF and a lone CR each count once. */
export function breaks(s: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF) count++;
    else if (c === CR) {
      count++;
      if (s.charCodeAt(i + 1) === LF && i + 1 < to) i++;
    }
  }
  return count;
}

/**
 * Rows of a text stream (Buffers are UTF-8; strings are already decoded), a batch per chunk.
 * An unfinished row is kept for the next chunk; a long one (a multi-megabyte cell) waits until
 * the new text is as long as the kept part, so scanning stays linear in the file size.
 */
export async function* fastCsvBatches(
  input: Readable,
  file: string,
  { delimiter, maxRow = MAX_ROW_CHARS }: CsvOptions = { delimiter: "," },
): AsyncIterable<CsvRow[]> {
  const scanner = new Scanner(delimiter, file, maxRow);
  const decoder = new StringDecoder("utf8");
  let rest = "";
  let waiting: string[] = [];
  let waitingLength = 0;
  let first = true;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    let text = typeof chunk === "string" ? chunk : decoder.write(chunk);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    // Past the limit, the kept text is scanned now: it either ends the row or proves it too long.
    const held = rest.length + waitingLength + text.length;
    if (rest.length > 0 && waitingLength + text.length < rest.length && held <= maxRow) {
      waiting.push(text);
      waitingLength += text.length;
      continue;
    }
    const s = rest + waiting.join("") + text;
    waiting = [];
    waitingLength = 0;
    rest = s.slice(yield* drain(scanner, s, false));
    // The unfinished row alone is over the limit: refused before more of it is read.
    if (rest.length > maxRow) throw rowTooLong(file, scanner.line, maxRow);
  }
  const tail = rest + waiting.join("") + decoder.end();
  yield* drain(scanner, first && tail.charCodeAt(0) === 0xfeff ? tail.slice(1) : tail, true);
}

/**
 * Rows of `s` in batches of at most BATCH: a batch is used and let go before the next is made,
 * so rows die young instead of filling the young generation a whole chunk at a time. Returns
 * where scanning stopped (an unfinished row is left for the next chunk).
 */
function* drain(scanner: Scanner, s: string, final: boolean): Generator<CsvRow[], number> {
  scanner.dirty = s.indexOf("\u0000") >= 0 || s.indexOf("\uFFFD") >= 0;
  scanner.noCr = s.indexOf("\r") < 0;
  let pos = 0;
  for (;;) {
    pos = scanner.scan(s, final, pos, BATCH);
    const full = scanner.rows.length >= BATCH;
    if (scanner.rows.length > 0) {
      yield scanner.rows;
      scanner.rows = [];
    }
    if (!full) return pos;
  }
}
