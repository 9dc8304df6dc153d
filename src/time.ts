/** Formatting instants in the SLA's zone (never the host's), and reading CLI instants. */

import { TZDate } from "@date-fns/tz";
import { formatISO } from "date-fns";
import { readIso } from "./ingest/timestamps.js";
import type { Millis } from "./types.js";
import { addDays, instantOf, offsetAt, utcOf, type Wall, wallOf } from "./zone.js";

const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** The wall time of an instant as formatISO(TZDate) reads it, or null where only TZDate can say. */
function wallAt(ms: Millis, zone: string): { w: Wall; offset: number } | null {
  const offset = offsetAt(ms, zone);
  const w = wallOf(ms, zone);
  return offset % 60_000 !== 0 || w.y < 1000 || w.y > 9999 ? null : { w, offset };
}

/**
 * `2026-10-31T17:00:00-04:00`: the instant as a wall time of `zone`, with its offset (`Z` for
 * zero, seconds truncated, as date-fns' formatISO writes it). From zone.ts's cached offsets: a
 * trace of a million steps formatted through TZDate spent minutes here. Offsets that are not whole
 * minutes (local mean time before 1900) and years outside 1000–9999 go through formatISO.
 */
export function formatInstant(ms: Millis, zone: string): string {
  const at = wallAt(ms, zone);
  if (at === null) return formatISO(new TZDate(ms, zone));
  const { w, offset } = at;
  const minutes = Math.abs(offset) / 60_000;
  const tz =
    offset === 0 ? "Z" : `${offset < 0 ? "-" : "+"}${two(Math.floor(minutes / 60))}:${two(minutes % 60)}`;
  return `${w.y}-${two(w.m)}-${two(w.d)}T${two(w.h)}:${two(w.mi)}:${two(w.s)}${tz}`;
}

/** `2026-10-31 17:00` in `zone`, for tables. */
export function formatShort(ms: Millis, zone: string): string {
  const at = wallAt(ms, zone);
  if (at === null) return formatInstant(ms, zone).slice(0, 16).replace("T", " ");
  const { w } = at;
  return `${w.y}-${two(w.m)}-${two(w.d)} ${two(w.h)}:${two(w.mi)}`;
}

/**
 * Reads an instant given on the command line: ISO 8601, naive values in `zone`.
 * A date-only value means the start of that day, or its end with `endOfDay`.
 */
export function parseCliInstant(text: string, zone: string, endOfDay = false): Millis | null {
  const iso = readIso(text);
  if (iso === null) return null;
  if (iso.offset !== null) return utcOf(iso.wall) - iso.offset * 60_000;
  if (endOfDay && text.trim().length === 10) {
    const next = addDays(iso.wall.y, iso.wall.m, iso.wall.d, 1);
    return instantOf({ ...next, h: 0, mi: 0, s: 0, ms: 0 }, zone) - 1;
  }
  return instantOf(iso.wall, zone);
}

export const HOUR_MS = 3_600_000;

/** True for an IANA time zone this Node.js knows. */
export function isZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
