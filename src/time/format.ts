/** Formatting instants in the SLA's zone (never the host's), and reading CLI instants. */

import type { Millis } from "../types.js";
import { readIso } from "./timestamps.js";
import { addDays, instantOf, offsetAt, utcOf, wallOf } from "./zone.js";

const pad = (n: number, width: number) => `${n < 0 ? "-" : ""}${String(Math.abs(n)).padStart(width, "0")}`;

/**
 * `2026-10-31T17:00:00-04:00`: the instant as a wall time of `zone`, with its offset (`Z` when
 * it is zero), as date-fns's formatISO wrote it (tests/unit/time.test.ts compares them). An
 * offset with seconds (local mean time before 1900) is cut to whole minutes, as there.
 */
export function formatInstant(ms: Millis, zone: string): string {
  const w = wallOf(ms, zone);
  const offset = Math.trunc(offsetAt(ms, zone) / 60_000);
  const abs = Math.abs(offset);
  const suffix =
    offset === 0 ? "Z" : `${offset < 0 ? "-" : "+"}${pad(Math.trunc(abs / 60), 2)}:${pad(abs % 60, 2)}`;
  return `${pad(w.y, 4)}-${pad(w.m, 2)}-${pad(w.d, 2)}T${pad(w.h, 2)}:${pad(w.mi, 2)}:${pad(w.s, 2)}${suffix}`;
}

/** `2026-10-31 17:00` in `zone`, for tables. */
export function formatShort(ms: Millis, zone: string): string {
  return formatInstant(ms, zone).slice(0, 16).replace("T", " ");
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
