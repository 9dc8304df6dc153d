/** lead-filter.ts's engine: cuts bytes into rows as fast-csv.ts does, keeps those to hand on. */

/**
 * Which rows are kept, and why the rows and lines match the tokenizer's: lead-filter.ts. The bytes
 * are read as Latin-1 (structure bytes are ASCII), each row is cut as Scanner.scan cuts it, and
 * each pattern the rows are tested for is searched once per chunk (Next), not once per row.
 */

import { isAscii } from "node:buffer";
import { type CutRow, cutRow } from "./cut-row.js";
import {
  ALNUM,
  type DrainingTaker,
  HIGH,
  KeySearch,
  LETTER,
  type LeadKeys,
  Next,
  NOWHERE,
  plainRows,
  plainRowsOfBytes,
  regexFrom,
} from "./row-search.js";

const LF = 10;
const CR = 13;
const NO_RUN = { end: 0, lines: 0 };

export type { DrainingTaker, LeadKeys } from "./row-search.js";
export { sameKeys } from "./row-search.js";

/** The filter's state across chunks, and the text of the chunk being run. */
export class RowFilter {
  /** The bytes after the last whole row: an unfinished row, waiting for the next chunk. */
  held: Buffer = Buffer.alloc(0);
  /** No row has been handed on yet (the first is the header). */
  private first = true;
  /** The previous row may not be an ordinary data row (the header counts as one). */
  private prevOdd = true;
  /** The last byte handed on was a CR (a following LF would join it). */
  private lastCr = false;
  private readonly delim: number;
  private readonly keyBytes: KeySearch[];
  /** Keys hold no line break: a row holding no key is a row where none starts (plainRun). */
  private readonly sure: boolean;

  // The chunk being run (begin), the bytes handed on, and the cursors on what the rows are tested for.
  private buf: Buffer = this.held;
  private s = "";
  private out: Buffer[] = [];
  private keys: { k: string; next: Next }[] = [];
  private nl = NOWHERE;
  private quote = NOWHERE;
  private cr = NOWHERE;
  private letter = NOWHERE;
  private alnum = NOWHERE;
  private high = NOWHERE;
  private delimNext = NOWHERE;
  private nul = NOWHERE;
  /** Where the kept rows not yet handed on start (-1: none). */
  private keptFrom = -1;
  /** Line breaks of the rows dropped since the last kept one, handed on as breaks. */
  private dropped = 0;

  /** The row just cut: where it ends, its line breaks, its first cell, where the cells after it start. */
  private readonly row: CutRow = { end: -1, breaks: 0, c0s: 0, c0e: -1, restFrom: -1 };
  /** The row just cut is plain (no quote, no CR) and its text ends here (before its LF). */
  private plain = false;
  private contentEnd = -1;

  constructor(
    private readonly lead: LeadKeys,
    private readonly delimiter: string,
    private readonly taker: DrainingTaker | null = null,
    /** Tests: every row cut and decided one by one (no plainRun), to compare with. */
    private readonly rowByRow = false,
  ) {
    this.delim = delimiter.charCodeAt(0);
    this.sure = !lead.keys.some((k) => k.includes("\n") || k.includes("\r"));
    this.keyBytes = lead.keys.map((k) => new KeySearch(Buffer.from(k, "latin1")));
  }

  /** The bytes of `buf` to hand on: the kept rows, each dropped one as its line breaks; `held` keeps the rest. */
  run(whole: Buffer, final: boolean): Buffer {
    // The plain rows at the start, dropped before any byte is decoded; the rest is cut as text.
    const run = this.runs() && !this.taker ? plainRowsOfBytes(whole, this.keyBytes, this.delim) : NO_RUN;
    const buf = run.end > 0 ? whole.subarray(run.end) : whole;
    const s = this.begin(buf);
    this.dropped = run.lines;
    const n = s.length;
    let p = this.plainRun();
    while (p < n) {
      const c0 = s.charCodeAt(p);
      if (c0 === LF || c0 === CR) {
        if (c0 === CR && p + 1 === n && !final) break;
        p += c0 === CR && s.charCodeAt(p + 1) === LF ? 2 : 1;
        // An empty line: handed on with the rows around it, or counted as a dropped row's break.
        if (this.keptFrom < 0) this.dropped++;
        continue;
      }
      const lf = this.nl.from(p);
      // A plain row: no quote, no CR before its LF. Any other: cell by cell.
      const plain = this.quote.from(p) > lf && this.cr.from(p) > lf;
      this.plain = plain;
      if (!(plain ? this.plainRow(p, lf, final) : cutRow(this.s, p, final, this.delim, this.row))) break;
      this.decide(p);
      p = this.row.end;
    }
    this.flushKept(p);
    this.emitBreaks(this.dropped);
    this.held = buf.subarray(p);
    const out = this.out;
    return out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out);
  }

  /** Whether the rows from here may go in runs (plainRun): never row by row, after an odd row, or case-blind. */
  private runs(): boolean {
    return !(this.rowByRow || this.first || this.prevOdd || this.lead.caseless || !this.sure);
  }

  /**
   * Drops at once the rows at the text's start that `decide` would drop one by one (plainRows: plain,
   * surely data, holding no key, after a data row; with a taker, also ASCII with no NUL, and each
   * taken); returns where the cut goes on (0: none).
   */
  private plainRun(): number {
    if (!this.runs()) return 0;
    // Whole rows, before the row of the first quote, CR or key (with a taker: byte past ASCII, NUL).
    let stop = Math.min(this.quote.from(0), this.cr.from(0));
    for (const key of this.keys) stop = Math.min(stop, key.next.from(0));
    const taker = this.taker;
    if (taker) stop = Math.min(stop, this.high.from(0), this.nul.from(0));
    const s = this.s;
    const delimiter = this.delimiter;
    const take = taker ? (from: number, to: number) => taker.take(s, from, to, delimiter) : undefined;
    const { end, lines } = plainRows(s, stop, delimiter, take);
    this.dropped += lines;
    return end;
  }

  /** Starts a run over `buf`: its text, as Latin-1, and a cursor per pattern. */
  private begin(buf: Buffer): string {
    const s = buf.toString("latin1");
    const t = this.lead.caseless ? s.toLowerCase() : s;
    const delimiter = this.delimiter;
    this.buf = buf;
    this.s = s;
    this.out = [];
    this.keptFrom = -1;
    this.dropped = 0;
    this.keys = this.lead.keys.map((k) => ({ k, next: new Next((from) => t.indexOf(k, from)) }));
    this.nl = new Next((from) => s.indexOf("\n", from));
    this.quote = new Next((from) => s.indexOf('"', from));
    this.cr = new Next((from) => s.indexOf("\r", from));
    this.letter = new Next(regexFrom(LETTER, s));
    this.alnum = new Next(regexFrom(ALNUM, s));
    // Most chunks are ASCII: found so at once on the bytes (SIMD), the text is not searched for one.
    this.high = isAscii(buf) ? NOWHERE : new Next(regexFrom(HIGH, s));
    this.delimNext = new Next((from) => s.indexOf(delimiter, from));
    this.nul = new Next((from) => s.indexOf("\u0000", from));
    return s;
  }

  /** Cuts the plain row at `p`, which ends at the LF at `lf`; false when its end is not in the text yet. */
  private plainRow(p: number, lf: number, final: boolean): boolean {
    const n = this.s.length;
    if (lf === Number.POSITIVE_INFINITY) {
      if (!final) return false;
      this.row.end = n;
      this.row.breaks = 0;
    } else {
      this.row.end = lf + 1;
      this.row.breaks = 1;
    }
    const contentEnd = lf === Number.POSITIVE_INFINITY ? n : lf;
    this.contentEnd = contentEnd;
    const d = this.delimNext.from(p);
    this.row.c0s = p;
    this.row.c0e = d < contentEnd ? d : contentEnd;
    this.row.restFrom = d < contentEnd ? d + 1 : -1;
    return true;
  }

  /** Keeps the row just cut from `rowStart` (it joins the kept rows to hand on) or drops it (its breaks are counted). */
  private decide(rowStart: number): void {
    const end = this.row.end;
    const data = this.surelyData();
    let keep = this.first || this.prevOdd || !data;
    this.first = false;
    if (!keep && this.lead.caseless && this.high.from(rowStart) < end) keep = true;
    if (!keep)
      for (const key of this.keys)
        if (key.next.from(rowStart) + key.k.length <= end) {
          keep = true;
          break;
        }
    this.prevOdd = !data;
    // With a taker, a row is dropped only when taken (a plain ASCII data row, as RowTaker says).
    if (!keep && this.taker)
      keep = !(
        this.plain &&
        this.high.from(rowStart) >= end &&
        this.nul.from(rowStart) >= end &&
        this.taker.take(this.s, rowStart, this.contentEnd, this.delimiter)
      );
    if (keep) {
      if (this.keptFrom < 0) {
        this.emitBreaks(this.dropped);
        this.dropped = 0;
        this.keptFrom = rowStart;
      }
    } else {
      this.flushKept(rowStart);
      this.dropped += this.row.breaks;
    }
  }

  /** Whether the row just cut is surely ordinary data (footer.ts would not hold it). */
  private surelyData(): boolean {
    const s = this.s;
    const c0s = this.row.c0s;
    const c0e = this.row.c0e;
    if (this.row.restFrom < 0) return false; // one cell
    let i = c0s;
    while (i < c0e && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
    const c = i < c0e ? s.charCodeAt(i) : 0;
    const isLetter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
    // A first cell opening with a letter is no number and no footer word (grand, sub, total, copyright, confidential, generated).
    if (isLetter && "gGsStTcC".indexOf(String.fromCharCode(c)) < 0) return true;
    // A first cell with text, and a later cell with a letter (no number): rowShape says DATA.
    return this.alnum.from(c0s) < c0e && this.letter.from(this.row.restFrom) < this.row.end;
  }

  /** Hands on the kept rows from keptFrom to `to`. */
  private flushKept(to: number): void {
    if (this.keptFrom >= 0 && to > this.keptFrom) {
      this.out.push(this.buf.subarray(this.keptFrom, to));
      const last = this.buf[to - 1];
      this.lastCr = last === CR;
    }
    this.keptFrom = -1;
  }

  /** Hands on `count` line breaks for dropped rows (after a CR handed on, the first is its LF). */
  private emitBreaks(count: number): void {
    if (count <= 0) return;
    this.out.push(Buffer.from(this.lastCr ? `\r\n${"\n".repeat(count - 1)}` : "\n".repeat(count)));
    this.lastCr = false;
  }
}
