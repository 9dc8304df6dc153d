/**
 * Regression (from review): naive time stamps must not depend on the host's time zone.
 *
 * docs/definitions.md: "Naive time stamps (no offset) are read in the SLA's `timezone`, never the
 * machine's. [...] an ambiguous one (the hour repeated when clocks go back) as the first of the two."
 *
 * `2026-10-25 02:30:00` in Europe/Berlin happens twice: 02:30 CEST (00:30Z) then 02:30 CET (01:30Z).
 * The first is 00:30Z. parseISO(..., { in: tz(zone) }) (src/time/timestamps.ts:331, and
 * src/time/format.ts:24 for --from/--to/--as-of) resolves it through the host's offsets: on a host in
 * UTC, America/* or Europe/London it returns 01:30Z, on Pacific/Chatham (the zone `npm test`
 * uses) 00:30Z, so the suite cannot see the bug. Same for Europe/London 01:30, Australia/Sydney
 * and Pacific/Auckland 02:30 on the April change.
 */

import { afterEach, describe, expect, it } from "vitest";
import { parseCliInstant } from "../../src/time/format.js";
import { createTimestampParser } from "../../src/time/timestamps.js";

const saved = process.env.TZ;
afterEach(() => {
  process.env.TZ = saved;
});

/** Node re-reads TZ when process.env.TZ is assigned (tests run in forked workers). */
function inHostZone<T>(zone: string, f: () => T): T {
  process.env.TZ = zone;
  try {
    return f();
  } finally {
    process.env.TZ = saved;
  }
}

describe("ambiguous wall times are host-zone dependent", () => {
  it("sanity: changing process.env.TZ changes the host zone in this worker", () => {
    const a = inHostZone("UTC", () => new Date(2026, 0, 1).getTime());
    const b = inHostZone("Asia/Kolkata", () => new Date(2026, 0, 1).getTime());
    expect(a - b).toBe(5.5 * 3_600_000);
  });

  it("ingest: Europe/Berlin 2026-10-25 02:30:00 is the first 02:30 (00:30Z) on a UTC host", () => {
    const parse = () => createTimestampParser("Europe/Berlin").parse("2026-10-25 02:30:00");
    expect(inHostZone("Pacific/Chatham", parse)).toBe(Date.UTC(2026, 9, 25, 0, 30)); // holds
    expect(inHostZone("UTC", parse)).toBe(Date.UTC(2026, 9, 25, 0, 30)); // gets 01:30Z
  });

  it("ingest: Australia/Sydney 2026-04-05 02:30:00 is 02:30 AEDT (15:30Z) on a UTC host", () => {
    const parse = () => createTimestampParser("Australia/Sydney").parse("2026-04-05 02:30:00");
    expect(inHostZone("UTC", parse)).toBe(Date.UTC(2026, 3, 4, 15, 30)); // gets 16:30Z
  });

  it("CLI: --as-of 2026-10-25T02:30 in Europe/Berlin does not depend on the host either", () => {
    const parse = () => parseCliInstant("2026-10-25T02:30", "Europe/Berlin");
    expect(inHostZone("America/New_York", parse)).toBe(Date.UTC(2026, 9, 25, 0, 30)); // gets 01:30Z
  });
});
