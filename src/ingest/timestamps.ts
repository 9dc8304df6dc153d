/**
 * Time-stamp parsing behind a small interface, so faster or wider parsers can take over. This
 * one reads ISO 8601 with or without an offset, and dates; naive values are wall times of the
 * SLA's zone, converted by src/zone.ts (never through the host's zone).
 */

import type { Millis } from "../types.js";
import { addDays, daysInMonth, instantOf, utcOf, type Wall } from "../zone.js";

export interface TimestampParser {
  /** Epoch milliseconds, or null when the text is not a time stamp this parser accepts. */
  parse(text: string): Millis | null;
  /** The formats it accepts, for error hints. */
  readonly accepts: string;
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

/** ISO 8601 with or without offset, and date-only; naive values read in `zone`. */
export function createTimestampParser(zone: string): TimestampParser {
  return {
    accepts:
      "ISO 8601 (2026-05-04T09:30:00Z, 2026-05-04T09:30:00-04:00, 2026-05-04 09:30:00) or a date (2026-05-04)",
    parse(text: string): Millis | null {
      const iso = readIso(text);
      if (iso === null) return null;
      return iso.offset === null ? instantOf(iso.wall, zone) : utcOf(iso.wall) - iso.offset * 60_000;
    },
  };
}
