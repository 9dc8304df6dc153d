/** Time-stamp parsing (ISO 8601 and dates) behind a small interface. */

/**
 * Time-stamp parsing behind a small interface, so faster or wider parsers can take over. This
 * one reads ISO 8601 with or without an offset, and dates; naive values are wall times of the
 * SLA's zone, converted by src/time/zone.ts (never through the host's zone).
 */

import type { Millis } from "../types.js";
import { compileDateFormat, monthOf } from "./date-format.js";
import { addDays, dayNumberOf, daysInMonth, instantOf, instantOfLocal, utcOf, type Wall } from "./zone.js";

export interface TimestampParser {
  /** Epoch milliseconds, or null when the text is not a time stamp this parser accepts. */
  parse(text: string): Millis | null;
  /** The formats it accepts, for error hints. */
  readonly accepts: string;
  /** Why a text was refused, when there is more to say than `accepts` (e.g. an ambiguous date). */
  explain?(text: string): string | undefined;
  /**
   * The first way `parse` reads a text, over s[at, end) where it lies (no text cut): the instant
   * of a fixed layout (readFixedIso), or NaN, and then only `parse` can say. Absent when parse has
   * no such first way (a date format comes first, or the reference path).
   */
  fixed?(s: string, at: number, end: number): Millis;
}

// A full calendar date, optionally a time (T or space), optionally Z or an offset (-12:00..+14:00).
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|([+-])(0\d|1[0-4])(?::?([0-5]\d))?)?$/i;

/** The wall time and offset (minutes, or null for a naive value) of an ISO text, or null. */
export function readIso(text: string): { wall: Wall; offset: number | null } | null {
  const m = ISO.exec(text.trim());
  if (!m) return null;
  const n = (i: number) => (m[i] === undefined ? 0 : Number(m[i]));
  const [y, mo, d, h, mi, s] = [n(1), n(2), n(3), n(4), n(5), n(6)];
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, "0")) : 0;
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo) || h > 24 || mi > 59 || s > 59) return null;
  if (h === 24) {
    // ISO 8601's 24:00 is the end of the day: the next day's 00:00.
    if (mi !== 0 || s !== 0 || ms !== 0) return null;
    const next = addDays(y, mo, d, 1);
    return { wall: { ...next, h: 0, mi: 0, s: 0, ms: 0 }, offset: readOffset(m) };
  }
  return { wall: { y, m: mo, d, h, mi, s, ms }, offset: readOffset(m) };
}

function readOffset(m: RegExpExecArray): number | null {
  if (m[8] === undefined) return null;
  if (m[8].toUpperCase() === "Z") return 0;
  return (m[9] === "-" ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11] ?? 0));
}

// Time of day after a date: 13:45, 13:45:10, 1:45 PM, 1:45:10 p.m.
const TIME = "(?:,?[T\\s]+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?(?:\\.\\d+)?\\s*([AaPp]\\.?[Mm]\\.?)?)?";
// 15 Apr, 2021 00:03:00 · 15-Apr-2021 · 15 April 2021
const DAY_MONTH_NAME = new RegExp(`^(\\d{1,2})[\\s-]([A-Za-z]{3,9})\\.?,?[\\s-](\\d{4})${TIME}$`);
// Apr 15, 2021 12:03 AM · April 15 2021
const MONTH_NAME_DAY = new RegExp(`^([A-Za-z]{3,9})\\.?\\s(\\d{1,2}),?\\s(\\d{4})${TIME}$`);
// 4/15/2021 12:03 AM · 15.04.2021 00:03 · 15-04-2021
const NUMERIC = new RegExp(`^(\\d{1,2})([/.-])(\\d{1,2})\\2(\\d{4})${TIME}$`);

function timeOf(m: RegExpExecArray, at: number): { h: number; mi: number; s: number } | null {
  if (m[at] === undefined) return { h: 0, mi: 0, s: 0 };
  let h = Number(m[at]);
  const mi = Number(m[at + 1]);
  const s = m[at + 2] === undefined ? 0 : Number(m[at + 2]);
  const ampm = m[at + 3];
  if (ampm !== undefined) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (ampm[0]?.toLowerCase() === "p" ? 12 : 0);
  }
  return h > 23 || mi > 59 || s > 59 ? null : { h, mi, s };
}

const valid = (y: number, mo: number, d: number) => mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);

/**
 * Formats read without a declared `date_format`, when unambiguous: a month written as a name,
 * or a numeric date whose day is over 12. "5/4/2026" could be 4 May or 5 April: it is never guessed.
 */
export function readUnambiguous(text: string): Wall | "ambiguous" | null {
  const t = text.trim();
  let m = DAY_MONTH_NAME.exec(t);
  if (m) {
    const [d, mo, y] = [Number(m[1]), monthOf(m[2] as string), Number(m[3])];
    const time = timeOf(m, 4);
    return time && valid(y, mo, d) ? { y, m: mo, d, ...time, ms: 0 } : null;
  }
  m = MONTH_NAME_DAY.exec(t);
  if (m) {
    const [mo, d, y] = [monthOf(m[1] as string), Number(m[2]), Number(m[3])];
    const time = timeOf(m, 4);
    return time && valid(y, mo, d) ? { y, m: mo, d, ...time, ms: 0 } : null;
  }
  m = NUMERIC.exec(t);
  if (m) {
    const [a, b, y] = [Number(m[1]), Number(m[3]), Number(m[4])];
    const time = timeOf(m, 5);
    if (!time) return null;
    if (a > 12 && b <= 12) return valid(y, b, a) ? { y, m: b, d: a, ...time, ms: 0 } : null;
    if (b > 12 && a <= 12) return valid(y, a, b) ? { y, m: a, d: b, ...time, ms: 0 } : null;
    return a <= 12 && b <= 12 ? "ambiguous" : null;
  }
  return null;
}

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

const d2 = (s: string, i: number) => {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
};

/**
 * The fixed layouts exports write most (`2026-05-04`, `2026-05-04 09:30`, `2026-05-04T09:30:00`,
 * with `.sss` and `Z`), read by character position without a regular expression: epoch
 * milliseconds, or NaN for anything else (which then takes the general path). Naive values go
 * through `naive`; the result equals the general path's.
 */
export function readFixedIso(
  s: string,
  naive: (local: Millis) => Millis,
  /** The text read is s[at, end) (a cell of a row's text, not cut out of it). */
  at = 0,
  end = s.length,
): Millis {
  const n = end - at;
  if (n < 10 || s.charCodeAt(at + 4) !== 45 || s.charCodeAt(at + 7) !== 45) return Number.NaN;
  const yHi = d2(s, at + 0);
  const yLo = d2(s, at + 2);
  const mo = d2(s, at + 5);
  const d = d2(s, at + 8);
  if (yHi < 0 || yLo < 0 || mo < 1 || mo > 12 || d < 1) return Number.NaN;
  const y = yHi * 100 + yLo;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (y < 100 || d > (mo === 2 ? (leap ? 29 : 28) : (MONTH_DAYS[mo] as number))) return Number.NaN;
  let h = 0;
  let mi = 0;
  let sec = 0;
  let ms = 0;
  let i = 10;
  if (n > 10) {
    const sep = s.charCodeAt(at + 10);
    if ((sep !== 84 && sep !== 32) || n < 16 || s.charCodeAt(at + 13) !== 58) return Number.NaN;
    h = d2(s, at + 11);
    mi = d2(s, at + 14);
    if (h < 0 || h > 23 || mi < 0 || mi > 59) return Number.NaN;
    i = 16;
    if (i < n && s.charCodeAt(at + i) === 58) {
      sec = d2(s, at + 17);
      if (sec < 0 || sec > 59) return Number.NaN;
      i = 19;
      if (i < n && s.charCodeAt(at + i) === 46) {
        const a = s.charCodeAt(at + 20) - 48;
        const b = s.charCodeAt(at + 21) - 48;
        const c = s.charCodeAt(at + 22) - 48;
        if (!(a >= 0 && a <= 9 && b >= 0 && b <= 9 && c >= 0 && c <= 9)) return Number.NaN;
        ms = a * 100 + b * 10 + c;
        i = 23;
      }
    }
  }
  // Date.UTC's figure by integer arithmetic (a third of this function's time went to Date.UTC).
  const local = dayNumberOf(y, mo, d) * 86_400_000 + h * 3_600_000 + mi * 60_000 + sec * 1000 + ms;
  if (i === n) return naive(local);
  if (i + 1 === n && (s.charCodeAt(at + i) === 90 || s.charCodeAt(at + i) === 122)) return local;
  return Number.NaN;
}

/**
 * ISO 8601 with or without offset, and date-only; with `format`, that format first; without,
 * the unambiguous export formats (readUnambiguous). Naive values are read in `zone`.
 */
export function createTimestampParser(
  zone: string,
  format: string | null = null,
  strict = true,
  /** False: no fixed-layout fast path (the reference the fast path is checked against). */
  fast = true,
): TimestampParser {
  const compiled = format ? compileDateFormat(format) : null;
  const wallInstant = (w: Wall) => instantOf(w, zone);
  const naive = (local: Millis) => instantOfLocal(local, zone);
  return {
    accepts: format
      ? `the date_format "${format}" or ISO 8601 (2026-05-04T09:30:00Z)`
      : "ISO 8601 (2026-05-04T09:30:00Z, 2026-05-04 09:30:00) or a date (2026-05-04); for other formats set date_format: on the source",
    ...(fast && compiled === null
      ? { fixed: (s: string, at: number, end: number) => readFixedIso(s, naive, at, end) }
      : {}),
    parse(text: string): Millis | null {
      if (fast && compiled === null) {
        const t = readFixedIso(text, naive);
        if (!Number.isNaN(t)) return t;
      }
      const own = compiled?.read(text);
      if (own) return wallInstant(own);
      const iso = readIso(text);
      if (iso !== null)
        return iso.offset === null ? wallInstant(iso.wall) : utcOf(iso.wall) - iso.offset * 60_000;
      // A format the user declared is the file's format; one a preset suggests is only the likeliest.
      if (compiled && strict) return null;
      const other = readUnambiguous(text);
      return other === null || other === "ambiguous" ? null : wallInstant(other);
    },
    explain(text: string): string | undefined {
      if ((!compiled || !strict) && readUnambiguous(text) === "ambiguous")
        return `day and month cannot be told apart in "${text.trim()}": set date_format: "M/d/yyyy h:mm a" (month first) or "d/M/yyyy HH:mm" (day first) on this source`;
      return undefined;
    },
  };
}
