/** Small text helpers shared by config validation and ingest findings. */

/** Edit distance with adjacent transpositions (optimal string alignment), case-insensitive. */
export function editDistance(a: string, b: string): number {
  const s = a.toLowerCase();
  const t = b.toLowerCase();
  // Three rows of the table: two rows back (transpositions), the previous one and this one.
  let back = new Array<number>(t.length + 1).fill(0);
  let up = Array.from({ length: t.length + 1 }, (_, j) => j);
  let row = new Array<number>(t.length + 1).fill(0);
  for (let i = 1; i <= s.length; i++) {
    row[0] = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min((up[j] as number) + 1, (row[j - 1] as number) + 1, (up[j - 1] as number) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1])
        d = Math.min(d, (back[j - 2] as number) + 1);
      row[j] = d;
    }
    [back, up, row] = [up, row, back];
  }
  return up[t.length] as number;
}

/**
 * The candidate closest to `value`, or undefined when none is close enough to be a
 * plausible typo (distance at most a third of the longer string, and at most 4).
 */
export function closest(value: string, candidates: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    // Lengths further apart than the largest accepted distance (4) cannot be a typo: no table needed.
    if (Math.abs(candidate.length - value.length) > 4) continue;
    const d = editDistance(value, candidate);
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.min(4, Math.max(1, Math.floor(Math.max(value.length, best.length) / 3)));
  return bestDistance <= limit ? best : undefined;
}

/** Normal form of a raw CRM value for matching: trimmed, inner spaces folded, lower case. */
export function normalizeValue(value: string): string {
  return value.trim().replace(/\s+/g, " ").toLowerCase();
}

/** `a`, `a or b`, `a, b or c`, each quoted. */
export function quoteList(values: readonly string[], joiner = "or"): string {
  const q = values.map((v) => `"${v}"`);
  if (q.length <= 1) return q.join("");
  return `${q.slice(0, -1).join(", ")} ${joiner} ${q[q.length - 1]}`;
}

/**
 * A text cut to about `max` characters, keeping both ends (a message quotes the value in its
 * middle and explains it at its end): a cell of megabytes must not become megabytes of report.
 */
export function clip(text: string, max = 600): string {
  if (text.length <= max) return text;
  const head = Math.floor(max / 2);
  const tail = Math.floor(max / 4);
  // A text clipped before (at ingest, longer) and clipped again for display: count from the original.
  const cut = CUT_IN.exec(text);
  const inside = cut !== null && cut.index >= head && cut.index + cut[0].length <= text.length - tail;
  const length = inside ? text.length - cut[0].length + Number(cut[1]) : text.length;
  return `${text.slice(0, head)}… (${length - head - tail} characters cut) …${text.slice(-tail)}`;
}

const CUT_IN = /… \((\d+) characters cut\) …/;

/**
 * How long a finding's texts are kept from ingest: four times what a report shows, so the report
 * redacts (--redact) the whole of most values before it clips them, and the ends it shows are far
 * from where a longer value was cut at ingest (see src/report/redact.ts, cuts).
 */
export const KEPT = { value: 800, message: 2400 } as const;
/** How much of a finding's texts a report shows. */
export const SHOWN = { value: 200, message: 600 } as const;

/**
 * A copy of a string that shares no memory with the text it was cut from. V8 copies short slices
 * anyway; a longer one (or a concatenation holding one) points into its parent. The copy is made
 * through UTF-8 bytes, which gives one flat string (a slice of a fresh parent costs a second
 * header of 32 bytes per value, 100 MB for a million leads' e-mails, names and companies); a
 * lone surrogate would not survive UTF-8, so such a value is cut from a fresh parent instead.
 */
export function detach(value: string): string {
  if (value.length < 13) return value;
  // isWellFormed is in Node 20 (ES2024; the lib setting stays at ES2023).
  const wellFormed = (value as string & { isWellFormed(): boolean }).isWellFormed();
  if (!wellFormed) return ` ${value}`.slice(1);
  // Through one buffer used again, not a new Buffer per value: about 280 against 340 ns a value
  // (a million leads' e-mails and names), and no buffers left for the collector.
  if (value.length * 3 > SCRATCH.length) return Buffer.from(value, "utf8").toString("utf8");
  const n = SCRATCH.write(value, 0, "utf8");
  return SCRATCH.toString("utf8", 0, n);
}

/** Room for a value of up to 4,096 UTF-16 units as UTF-8 (3 bytes each at most). */
const SCRATCH = Buffer.allocUnsafe(3 * 4096);

/** Digits before a run of threes up to the end of the number's whole part. */
const THOUSANDS = /\B(?=(\d{3})+(?!\d))/g;

/** 12345 -> "12,345" (grouping by hand: no locale). */
export function count(n: number): string {
  return String(n).replace(THOUSANDS, ",");
}

/** 12345.678 -> "12,345.68": two decimals, the whole part grouped as `count` groups it. */
export function decimal(n: number): string {
  // Two decimals never hold three digits, so only the whole part is grouped.
  return n.toFixed(2).replace(THOUSANDS, ",");
}

/**
 * Data shown as text: control characters (NUL, ESC of an ANSI sequence that could recolour or
 * rewrite a terminal, C1 controls, …) and the invisible direction controls (U+200E/F, U+202A–E,
 * U+2066–9, U+061C, and the line separators U+2028/9) become the visible "�", so a cell can
 * never act on a terminal nor reorder what a reader sees. Tab and line feed stay. Every text
 * from the data goes through this one function before it leaves the program unescaped.
 */
export function printable(text: string): string {
  return UNPRINTABLE.test(text) ? text.replace(UNPRINTABLE_ALL, "\uFFFD") : text;
}

const UNPRINTABLE_ALL =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
const UNPRINTABLE = new RegExp(UNPRINTABLE_ALL.source);

/**
 * JSON text with the characters `JSON.stringify` leaves raw but a terminal or a reader would act
 * on (DEL, C1 controls, direction controls, line separators) written as `\uXXXX` escapes: the
 * same value once parsed, inert bytes in the file. They can only stand inside strings.
 */
export function inertJson(json: string): string {
  return json.replace(RAW_IN_JSON, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const RAW_IN_JSON = /[\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;
