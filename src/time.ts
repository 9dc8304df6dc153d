/** Formatting instants in the SLA's zone (never the host's), and reading CLI instants. */

import { TZDate, tz } from "@date-fns/tz";
import { formatISO, parseISO } from "date-fns";
import type { Millis } from "./types.js";

/** `2026-10-31T17:00:00-04:00`: the instant as a wall time of `zone`, with its offset. */
export function formatInstant(ms: Millis, zone: string): string {
  return formatISO(new TZDate(ms, zone));
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
  const s = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ].+)?$/.test(s)) return null;
  const ms = parseISO(s, { in: tz(zone) }).getTime();
  if (Number.isNaN(ms)) return null;
  if (endOfDay && s.length === 10) {
    const next = new TZDate(ms, zone);
    next.setDate(next.getDate() + 1);
    return next.getTime() - 1;
  }
  return ms;
}

export const HOUR_MS = 3_600_000;
