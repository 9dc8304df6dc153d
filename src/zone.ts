/**
 * Wall times <-> instants in an IANA zone, computed from the zone's offsets alone, so the
 * host's time zone can never leak in (date-fns resolves ambiguous wall times through the host).
 * An ambiguous wall time (clocks going back) is the first of its two instants; a wall time in a
 * gap (clocks going forward) is read with the offset before the change (02:30 → 03:30).
 */

import type { Millis } from "./types.js";

/** A wall-clock time: month 1..12. */
export interface Wall {
  y: number;
  m: number;
  d: number;
  h: number;
  mi: number;
  s: number;
  ms: number;
}

const DAY = 86_400_000;
// The Gregorian calendar repeats every 400 years; used to reach years 0..99, which Date.UTC maps to 19xx.
const CYCLE = 12_622_780_800_000;

/** Milliseconds since the epoch of a wall time read as UTC (any year, including 0001). */
export function utcOf(w: Wall): Millis {
  if (w.y >= 100) return Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s, w.ms);
  return Date.UTC(w.y + 400, w.m - 1, w.d, w.h, w.mi, w.s, w.ms) - CYCLE;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall time of an instant in a zone, asked of Intl (slow: a few microseconds). */
function intlWallOf(t: Millis, zone: string): Wall {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(t)) parts[p.type] = p.value;
  const year = Number(parts.year);
  return {
    y: parts.era === "BC" || parts.era === "B" ? 1 - year : year,
    m: Number(parts.month),
    d: Number(parts.day),
    h: Number(parts.hour),
    mi: Number(parts.minute),
    s: Number(parts.second),
    ms: 0,
  };
}

const HOUR = 3_600_000;
const intlOffset = (t: Millis, zone: string) => {
  const whole = t - (((t % 1000) + 1000) % 1000);
  return utcOf(intlWallOf(whole, zone)) - whole;
};
// Offsets per zone and hour: when an hour starts and ends with the same offset, nothing changed
// inside it (zones change at most a few times a year), so that offset holds for the whole hour.
const hourOffsets = new Map<string, Map<number, number | null>>();

/** The zone's UTC offset at an instant (wall − UTC), in milliseconds. */
export function offsetAt(t: Millis, zone: string): Millis {
  let cache = hourOffsets.get(zone);
  if (!cache) {
    cache = new Map();
    hourOffsets.set(zone, cache);
  }
  const hour = Math.floor(t / HOUR);
  let known = cache.get(hour);
  if (known === undefined) {
    const a = intlOffset(hour * HOUR, zone);
    known = a === intlOffset((hour + 1) * HOUR, zone) ? a : null;
    if (cache.size > 200_000) cache.clear();
    cache.set(hour, known);
  }
  return known ?? intlOffset(t, zone);
}

/** The wall time of an instant in a zone. */
export function wallOf(t: Millis, zone: string): Wall {
  const d = new Date(t + offsetAt(t, zone));
  return {
    y: d.getUTCFullYear(),
    m: d.getUTCMonth() + 1,
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
  };
}

/** The instant of a wall time in a zone (first instant when ambiguous; shifted forward in a gap). */
export function instantOf(w: Wall, zone: string): Millis {
  const local = utcOf(w);
  const before = offsetAt(local - DAY, zone);
  const after = offsetAt(local + DAY, zone);
  const candidates = [local - before, local - after].filter(
    (t, i) => offsetAt(t, zone) === (i === 0 ? before : after),
  );
  if (candidates.length > 0) return Math.min(...candidates);
  return local - before; // in a gap: the offset before the change moves the wall time forward
}

// Per zone and local day: the offset every wall time of that day has, or null when the zone
// changes offset within two days of it (then each wall time is resolved on its own).
const dayOffsets = new Map<string, Map<number, number | null>>();

/** The offset that holds from `from` to `to` (instants), or null if it changes in between. */
function steadyOffset(from: Millis, to: Millis, zone: string): number | null {
  const first = offsetAt(from, zone);
  for (let t = Math.floor(from / HOUR) * HOUR; t <= to; t += HOUR) {
    // offsetAt of an hour's start is exact for that whole hour only when the hour has no change:
    // compare both ends of every hour.
    if (offsetAt(t, zone) !== first || offsetAt(t + HOUR - 1, zone) !== first) return null;
  }
  return first;
}

/**
 * instantOf for a wall time given as milliseconds read as UTC (`Date.UTC(y, m - 1, d, h, mi, s, ms)`),
 * fast for the days when the zone's offset does not change (almost all of them).
 */
export function instantOfLocal(local: Millis, zone: string): Millis {
  let cache = dayOffsets.get(zone);
  if (!cache) {
    cache = new Map();
    dayOffsets.set(zone, cache);
  }
  const day = Math.floor(local / DAY);
  let known = cache.get(day);
  if (known === undefined) {
    // Wall times of this day are instants within 26 hours of it (offsets are -12:00..+14:00).
    known = steadyOffset(day * DAY - 2 * DAY, day * DAY + 3 * DAY, zone);
    if (cache.size > 100_000) cache.clear();
    cache.set(day, known);
  }
  if (known !== null) return local - known;
  const w = new Date(local);
  return instantOf(
    {
      y: w.getUTCFullYear(),
      m: w.getUTCMonth() + 1,
      d: w.getUTCDate(),
      h: w.getUTCHours(),
      mi: w.getUTCMinutes(),
      s: w.getUTCSeconds(),
      ms: w.getUTCMilliseconds(),
    },
    zone,
  );
}

/** The calendar date `n` days after (y, m, d), by plain date arithmetic (no zone involved). */
export function addDays(y: number, m: number, d: number, n: number): { y: number; m: number; d: number } {
  const t = new Date(utcOf({ y, m, d, h: 12, mi: 0, s: 0, ms: 0 }) + n * DAY);
  const w = wallOf(t.getTime(), "UTC");
  return { y: w.y, m: w.m, d: w.d };
}

/** Day of the week of a calendar date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(y: number, m: number, d: number): number {
  return new Date(utcOf({ y, m, d, h: 12, mi: 0, s: 0, ms: 0 })).getUTCDay();
}

/** Days in a month (m 1..12) of the proleptic Gregorian calendar. */
export function daysInMonth(y: number, m: number): number {
  return wallOf(utcOf({ y, m: m + 1, d: 1, h: 12, mi: 0, s: 0, ms: 0 }) - DAY, "UTC").d;
}
