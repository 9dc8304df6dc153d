/** Wall times <-> instants in an IANA zone, from the zone's offsets alone (never the host's zone). */

/**
 * Wall times <-> instants in an IANA zone, computed from the zone's offsets alone, so the
 * host's time zone can never leak in (date-fns resolves ambiguous wall times through the host).
 * An ambiguous wall time (clocks going back) is the first of its two instants; a wall time in a
 * gap (clocks going forward) is read with the offset before the change (02:30 → 03:30).
 */

import type { Millis } from "../types.js";

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
/** A zone's cache in a map of caches by zone, made when first asked for. */
function perZone(caches: Map<string, Map<number, number | null>>, zone: string): Map<number, number | null> {
  let cache = caches.get(zone);
  if (!cache) {
    cache = new Map();
    caches.set(zone, cache);
  }
  return cache;
}

// Offsets per zone and UTC day, then per hour: when a day (an hour) starts and ends with the same
// offset, nothing changed inside it (no zone in the tz database changes its offset and back within
// a day), so that offset holds for all of it. Per day first: a day of rows costs two Intl calls,
// not 48 (Intl's formatToParts was 15% of the example audit's time when asked per hour).
const utcDayOffsets = new Map<string, Map<number, number | null>>();
const hourOffsets = new Map<string, Map<number, number | null>>();

// The last steady span asked for: consecutive questions are mostly about the same day.
const memo = { zone: "", from: Number.NaN, to: Number.NaN, offset: 0 };

/** The offset that holds over [start, start + length], or null when it differs at the two ends (cached per zone). */
function steadyOver(
  caches: Map<string, Map<number, number | null>>,
  zone: string,
  start: Millis,
  length: Millis,
): number | null {
  const cache = perZone(caches, zone);
  let known = cache.get(start);
  if (known === undefined) {
    const a = intlOffset(start, zone);
    known = a === intlOffset(start + length, zone) ? a : null;
    if (cache.size > 200_000) cache.clear();
    cache.set(start, known);
  }
  return known;
}

/** The zone's UTC offset at an instant (wall − UTC), in milliseconds. */
export function offsetAt(t: Millis, zone: string): Millis {
  if (zone === "UTC") return 0;
  if (t >= memo.from && t < memo.to && zone === memo.zone) return memo.offset;
  let from = Math.floor(t / DAY) * DAY;
  let length = DAY;
  let known = steadyOver(utcDayOffsets, zone, from, length);
  if (known === null) {
    from = Math.floor(t / HOUR) * HOUR;
    length = HOUR;
    known = steadyOver(hourOffsets, zone, from, length);
  }
  if (known === null) return intlOffset(t, zone);
  memo.zone = zone;
  memo.from = from;
  memo.to = from + length;
  memo.offset = known;
  return known;
}

/** The proleptic Gregorian date of a day number (days since 1970-01-01), by arithmetic (no Date). */
export function civilOf(days: number): { y: number; m: number; d: number } {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

/** The day number (days since 1970-01-01) of a proleptic Gregorian date; month 1..12, any day overflow carried. */
export function dayNumberOf(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = m > 2 ? m - 3 : m + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The wall time of an instant in a zone. */
export function wallOf(t: Millis, zone: string): Wall {
  const local = t + offsetAt(t, zone);
  const days = Math.floor(local / DAY);
  const { y, m, d } = civilOf(days);
  let rest = local - days * DAY;
  const h = Math.floor(rest / HOUR);
  rest -= h * HOUR;
  const mi = Math.floor(rest / 60_000);
  rest -= mi * 60_000;
  const sec = Math.floor(rest / 1000);
  return { y, m, d, h, mi, s: sec, ms: rest - sec * 1000 };
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
  const cache = perZone(dayOffsets, zone);
  const day = Math.floor(local / DAY);
  let known = cache.get(day);
  if (known === undefined) {
    // Wall times of this day are instants within 26 hours of it (offsets are -12:00..+14:00).
    known = steadyOffset(day * DAY - 2 * DAY, day * DAY + 3 * DAY, zone);
    if (cache.size > 100_000) cache.clear();
    cache.set(day, known);
  }
  if (known !== null) return local - known;
  // Within two days of a change: the offset of the wall hour, when every wall time in it is read
  // with one offset (all but the hour of the change). Asked of each wall time on its own, those
  // days' rows cost a second of Intl calls at a million leads (about 3% of the rows).
  const hours = perZone(hourLocalOffsets, zone);
  const hour = Math.floor(local / HOUR);
  let steady = hours.get(hour);
  if (steady === undefined) {
    const start = hour * HOUR;
    const end = start + HOUR - 1;
    const a = start - exactInstantOf(start, zone);
    // Both ends of the hour read with one offset, and the zone keeps it over the instants they
    // mean (a zone changing twice within an hour would fail it: none does today).
    steady = end - exactInstantOf(end, zone) === a && steadyOffset(start - a, end - a, zone) === a ? a : null;
    if (hours.size > 100_000) hours.clear();
    hours.set(hour, steady);
  }
  return steady !== null ? local - steady : exactInstantOf(local, zone);
}

// Per zone and wall hour (near a change only): the offset every wall time of the hour is read with, or null.
const hourLocalOffsets = new Map<string, Map<number, number | null>>();

/** instantOf of a wall time given as milliseconds read as UTC. */
function exactInstantOf(local: Millis, zone: string): Millis {
  return instantOf(wallOf(local, "UTC"), zone);
}

/** The calendar date `n` days after (y, m, d), by plain date arithmetic (no zone involved). */
export function addDays(y: number, m: number, d: number, n: number): { y: number; m: number; d: number } {
  return civilOf(dayNumberOf(y, m, d) + n);
}

/** Day of the week of a calendar date: 0 = Sunday … 6 = Saturday. */
export function weekdayOf(y: number, m: number, d: number): number {
  return weekdayOfDay(dayNumberOf(y, m, d));
}

/** Day of the week of a day number (days since 1970-01-01): 0 = Sunday … 6 = Saturday. */
export function weekdayOfDay(n: number): number {
  return (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

const MONTH_DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in a month (m 1..12) of the proleptic Gregorian calendar. */
export function daysInMonth(y: number, m: number): number {
  if (m !== 2) return MONTH_DAYS[m] as number;
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
}
