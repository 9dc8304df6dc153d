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

/** The same keys, compared the same way. */
export const sameKeys = (a: LeadKeys, b: LeadKeys): boolean =>
  a.caseless === b.caseless && a.keys.length === b.keys.length && a.keys.every((k, i) => k === b.keys[i]);

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
 * the rows before the first quote, CR or key (`keys`).
 */
export function plainRowsOfBytes(
  buf: Buffer,
  keys: readonly KeySearch[],
  delim: number,
): { end: number; lines: number } {
  let stop = Math.min(firstIn(buf, 34), firstIn(buf, 13));
  for (const key of keys) stop = Math.min(stop, key.first(buf));
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

/** Needles this long or longer are searched by Boyer-Moore-Horspool in Buffer.indexOf: slow on digits. */
const SHORT = 7;

/**
 * The first place of a key in bytes, as buf.indexOf(key) finds it, but faster: Buffer.indexOf
 * searches a needle of 8 bytes or more by Boyer-Moore-Horspool, which crawls over CSV text where
 * the key's last byte is common (a digit: 150-290 ms per 300 MB), and a shorter one by its first
 * byte (30 ms when that byte is rare). So a window of SHORT bytes of the key is searched, the one
 * whose first byte is rarest in the first bytes searched, and each place it is found is checked
 * for the whole key. Which window is searched changes the speed, never the place found.
 */
export class KeySearch {
  private window: Buffer | null = null;
  private offset = 0;

  constructor(private readonly key: Buffer) {}

  first(buf: Buffer): number {
    const key = this.key;
    if (key.length <= SHORT) return firstIn(buf, key);
    if (this.window === null) this.choose(buf);
    const w = this.window as Buffer;
    const off = this.offset;
    for (let i = buf.indexOf(w, off); i >= 0; i = buf.indexOf(w, i + 1)) {
      const at = i - off;
      if (at + key.length <= buf.length && buf.compare(key, 0, key.length, at, at + key.length) === 0)
        return at;
    }
    return Number.POSITIVE_INFINITY;
  }

  /** The window whose first byte is rarest in (up to 64 KB of) `sample`. */
  private choose(sample: Buffer): void {
    const counts = new Uint32Array(256);
    const n = Math.min(sample.length, 1 << 16);
    for (let i = 0; i < n; i++) counts[sample[i] as number] = (counts[sample[i] as number] as number) + 1;
    let best = 0;
    for (let o = 1; o + SHORT <= this.key.length; o++)
      if ((counts[this.key[o] as number] as number) < (counts[this.key[best] as number] as number)) best = o;
    this.offset = best;
    this.window = this.key.subarray(best, best + SHORT);
  }
}
