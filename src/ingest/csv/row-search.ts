/** The lead filter's searches over a chunk's text (row-filter.ts): cursors on patterns, runs of plain data rows. */

/**
 * Offered each plain ASCII row (no quote, CR or NUL) that is surely ordinary data, not the header nor
 * after an odd row: `take` true drops it (used), false hands it on; `drain` after each chunk.
 */
export interface DrainingTaker {
  take(s: string, from: number, to: number, delimiter: string): boolean;
  drain(final: boolean): Promise<void>;
}

export interface LeadKeys {
  /** Strings one of which any row naming the lead holds (as bytes read as Latin-1). */
  keys: string[];
  /** Compare without case (an e-mail is a key): rows with non-ASCII bytes are kept too. */
  caseless: boolean;
}

/** Cursor on the next match of a pattern at or after a position (searched again only once passed). */
export class Next {
  private at = -2;
  constructor(private readonly find: (from: number) => number) {}
  from(i: number): number {
    if (this.at !== -1 && this.at < i) this.at = this.find(i);
    return this.at < 0 ? Number.POSITIVE_INFINITY : this.at;
  }
}

export const LETTER = /[A-Za-z]/g;
export const ALNUM = /[A-Za-z0-9]/g;
export const HIGH = /[\u0080-\u00ff]/g;
export const regexFrom = (re: RegExp, s: string) => (from: number) => {
  re.lastIndex = from;
  const m = re.exec(s);
  return m ? m.index : -1;
};
export const NOWHERE = new Next(() => -1);

/** 1 for the characters a first cell may open with to be surely data (surelyData): letters but g, s, t, c. */
const SURE_FIRST = new Uint8Array(256);
for (const c of "ABDEFHIJKLMNOPQRUVWXYZabdefhijklmnopqruvwxyz") SURE_FIRST[c.charCodeAt(0)] = 1;

/**
 * The whole rows of `s` from its start that end (their LF) before `stop` and are surely data by
 * surelyData's first test: the first cell opens with a letter that begins no footer word (no space
 * before it), and a delimiter ends it before the row's LF. With `take` (a taker's), each such row is
 * also offered to it, and the run ends before the first it refuses. Returns where they end (the
 * next row's start, 0: none) and how many there are (one LF each).
 */
export function plainRows(
  s: string,
  stop: number,
  delimiter: string,
  take?: (from: number, to: number) => boolean,
): { end: number; lines: number } {
  let lines = 0;
  let row = 0;
  let d = -1;
  for (;;) {
    const lf = s.indexOf("\n", row);
    if (lf < 0 || lf >= stop) break;
    if (SURE_FIRST[s.charCodeAt(row)] !== 1) break;
    if (d < row) d = s.indexOf(delimiter, row);
    if (d < 0 || d > lf) break;
    if (take && !take(row, lf)) break;
    lines++;
    row = lf + 1;
  }
  return { end: row, lines };
}

/**
 * plainRows over the bytes of `buf` (read as Latin-1), before any of them is decoded, with no taker:
 * the rows before the first quote, CR or key (`keys`, as bytes).
 */
export function plainRowsOfBytes(
  buf: Buffer,
  keys: readonly Buffer[],
  delim: number,
): { end: number; lines: number } {
  let stop = Math.min(firstIn(buf, 34), firstIn(buf, 13));
  for (const key of keys) stop = Math.min(stop, firstIn(buf, key));
  let lines = 0;
  let row = 0;
  let d = -1;
  for (;;) {
    const lf = buf.indexOf(10, row);
    if (lf < 0 || lf >= stop) break;
    if (SURE_FIRST[buf[row] as number] !== 1) break;
    if (d < row) d = buf.indexOf(delim, row);
    if (d < 0 || d > lf) break;
    lines++;
    row = lf + 1;
  }
  return { end: row, lines };
}

/** Where `needle` first is in `buf` (Infinity: nowhere). */
function firstIn(buf: Buffer, needle: number | Buffer): number {
  const i = buf.indexOf(needle);
  return i < 0 ? Number.POSITIVE_INFINITY : i;
}
