/** Time-zone arithmetic for the generator: epoch milliseconds to and from wall-clock time. */

/*
 * Time-zone arithmetic for the generator. Instants are epoch milliseconds; local wall-clock values
 * come from explicit IANA zones (never from the host zone), via `tzOffset`/`TZDate` of @date-fns/tz.
 */
import { TZDate, tzOffset } from "@date-fns/tz";

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Wall-clock fields of an instant in some zone. `weekday` is 0 = Sunday … 6 = Saturday. */
export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
}

const offsetCache = new Map<string, Map<number, number>>();

/**
 * UTC offset of `zone` at instant `ms`, in minutes. Cached per UTC hour: the zones used here only
 * change offset on whole UTC hours.
 */
export function zoneOffsetMinutes(zone: string, ms: number): number {
  let byHour = offsetCache.get(zone);
  if (byHour === undefined) {
    byHour = new Map();
    offsetCache.set(zone, byHour);
  }
  const hourKey = Math.floor(ms / HOUR);
  let offset = byHour.get(hourKey);
  if (offset === undefined) {
    offset = tzOffset(zone, new Date(hourKey * HOUR));
    if (Number.isNaN(offset)) throw new RangeError(`Unknown time zone: ${zone}`);
    if (byHour.size > 200_000) byHour.clear();
    byHour.set(hourKey, offset);
  }
  return offset;
}

/** Wall-clock fields of instant `ms` in `zone`. */
export function localParts(ms: number, zone: string): LocalParts {
  const shifted = new Date(ms + zoneOffsetMinutes(zone, ms) * MINUTE);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    weekday: shifted.getUTCDay(),
  };
}

/**
 * The instant of a wall-clock time in `zone` (month is 1-based; out-of-range fields roll over).
 * Agrees with `new TZDate(year, month - 1, day, hour, minute, second, zone)` outside DST gaps, but
 * uses the cached offsets, which matters when called millions of times.
 */
export function localToInstant(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const first = wall - zoneOffsetMinutes(zone, wall) * MINUTE;
  const second_ = wall - zoneOffsetMinutes(zone, first) * MINUTE;
  return second_ === first ? first : wall - zoneOffsetMinutes(zone, second_) * MINUTE;
}

/** The same as {@link localToInstant}, through `TZDate` (slow; for checks). */
export function localToInstantTz(
  zone: string,
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): number {
  return new TZDate(year, month - 1, day, hour, minute, second, zone).getTime();
}

/** Parses `YYYY-MM-DD` into numeric fields, or throws. */
export function parseIsoDate(text: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (m === null) throw new RangeError(`Expected a date as YYYY-MM-DD, got "${text}"`);
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const check = new Date(Date.UTC(year, month - 1, day));
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`Not a calendar date: "${text}"`);
  }
  return { year, month, day };
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Formats `ms` as naive local time in `zone`, with `T` or a space between date and time. */
export function formatLocal(ms: number, zone: string, separator: "T" | " "): string {
  const p = localParts(ms, zone);
  return `${p.year}-${pad2(p.month)}-${pad2(p.day)}${separator}${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}`;
}

/** Formats `ms` as UTC ISO 8601 without milliseconds: `2026-05-04T13:13:00Z`. */
export function formatUtc(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}Z`;
}
