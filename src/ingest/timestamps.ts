/**
 * Time-stamp parsing behind a small interface, so a fixed-format fast path can take over the
 * hot path later. Naive times (no offset) are read in the SLA's time zone, never the host's.
 */

import { tz } from "@date-fns/tz";
import { parseISO } from "date-fns";
import type { Millis } from "../types.js";

export interface TimestampParser {
  /** Epoch milliseconds, or null when the text is not a time stamp this parser accepts. */
  parse(text: string): Millis | null;
  /** The formats it accepts, for error hints. */
  readonly accepts: string;
}

// A full calendar date, optionally a time (T or space), optionally Z or an offset. Narrower
// than parseISO alone, which would also take "2026" or "2026-05" as instants.
const ISO_SHAPE =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d{1,9})?)?)?\s*(?:Z|[+-](?:0\d|1[0-4])(?::?[0-5]\d)?)?$/i;

/** ISO 8601 with or without offset, and date-only; naive values read in `zone`. */
export function createTimestampParser(zone: string): TimestampParser {
  const inZone = tz(zone);
  return {
    accepts:
      "ISO 8601 (2026-05-04T09:30:00Z, 2026-05-04T09:30:00-04:00, 2026-05-04 09:30:00) or a date (2026-05-04)",
    parse(text: string): Millis | null {
      const s = text.trim();
      if (!ISO_SHAPE.test(s)) return null;
      // parseISO wants upper-case T and Z; the shape above allows either case.
      const ms = parseISO(s.toUpperCase(), { in: inZone }).getTime();
      return Number.isNaN(ms) ? null : ms;
    },
  };
}
