import { TZDate } from "@date-fns/tz";
import { formatISO } from "date-fns";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatInstant, formatShort } from "../../../src/time/format.js";

// The independent computation: what formatInstant wrote before it read zone.ts's cached offsets.
const reference = (ms: number, zone: string) => formatISO(new TZDate(ms, zone));
const ZONES = [
  "America/New_York",
  "Europe/London",
  "Pacific/Chatham",
  "Asia/Kolkata",
  "UTC",
  "Australia/Lord_Howe",
];
const MIN = Date.UTC(1850, 0, 1);
const MAX = Date.UTC(2100, 0, 1);

describe("formatInstant", () => {
  it("writes what formatISO(TZDate) writes, at random instants of 1850–2100 in six zones", () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN, max: MAX }), fc.constantFrom(...ZONES), (ms, zone) => {
        expect(formatInstant(ms, zone)).toBe(reference(ms, zone));
        expect(formatShort(ms, zone)).toBe(reference(ms, zone).slice(0, 16).replace("T", " "));
      }),
      { numRuns: 5000 },
    );
  });

  it("agrees minute by minute around the 2026 changes (New York 8 March and 1 November, Chatham 5 April)", () => {
    const starts = [Date.UTC(2026, 2, 8, 5), Date.UTC(2026, 10, 1, 4), Date.UTC(2026, 3, 4, 12)];
    for (const start of starts)
      for (let m = 0; m < 240; m++)
        for (const zone of ZONES)
          expect(formatInstant(start + m * 60_000 + 999, zone)).toBe(
            reference(start + m * 60_000 + 999, zone),
          );
  });

  it("writes a hand-checked example: 21:00 UTC on 31 October 2026 is 17:00 in New York (EDT, -04:00)", () => {
    expect(formatInstant(Date.UTC(2026, 9, 31, 21), "America/New_York")).toBe("2026-10-31T17:00:00-04:00");
    expect(formatInstant(Date.UTC(2026, 9, 31, 21, 0, 0, 750), "UTC")).toBe("2026-10-31T21:00:00Z");
    // Chatham in summer is UTC+13:45: 21:00 UTC is 10:45 the next day.
    expect(formatInstant(Date.UTC(2026, 9, 31, 21), "Pacific/Chatham")).toBe("2026-11-01T10:45:00+13:45");
  });
});
