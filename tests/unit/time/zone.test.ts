import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readFixedIso } from "../../../src/time/timestamps.js";
import {
  civilOf,
  dayNumberOf,
  instantOf,
  instantOfLocal,
  wallOf,
  weekdayOf,
} from "../../../src/time/zone.js";

const DAY = 86_400_000;
// Years 0001..9999 as epoch milliseconds (Date handles them; Date.UTC maps 0..99 to 19xx, so build via setUTCFullYear).
const MIN = Date.UTC(2000, 0, 1) - 730_119 * DAY; // 0001-01-01
const MAX = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

describe("date arithmetic without Date", () => {
  it("civilOf and dayNumberOf agree with Date for every day from year 1 to 9999 (sampled)", () => {
    fc.assert(
      fc.property(fc.integer({ min: Math.floor(MIN / DAY), max: Math.floor(MAX / DAY) }), (n) => {
        const d = new Date(n * DAY);
        const civil = { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
        expect(civilOf(n)).toEqual(civil);
        expect(dayNumberOf(civil.y, civil.m, civil.d)).toBe(n);
        expect(weekdayOf(civil.y, civil.m, civil.d)).toBe(d.getUTCDay());
      }),
      { numRuns: 2000 },
    );
  });

  it("wallOf in UTC is the Date's UTC fields, milliseconds included", () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN, max: MAX }), (t) => {
        const d = new Date(t);
        expect(wallOf(t, "UTC")).toEqual({
          y: d.getUTCFullYear(),
          m: d.getUTCMonth() + 1,
          d: d.getUTCDate(),
          h: d.getUTCHours(),
          mi: d.getUTCMinutes(),
          s: d.getUTCSeconds(),
          ms: d.getUTCMilliseconds(),
        });
      }),
    );
  });
});

describe("the fast paths give the general path's instants", () => {
  const zones = [
    "America/New_York",
    "Europe/Berlin",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
    "Asia/Kolkata",
  ];
  // 2026 around the DST changes of these zones, minute by minute in the hours that matter.
  const wall = fc.record({
    y: fc.constantFrom(2025, 2026),
    m: fc.integer({ min: 1, max: 12 }),
    d: fc.integer({ min: 1, max: 28 }),
    h: fc.integer({ min: 0, max: 23 }),
    mi: fc.integer({ min: 0, max: 59 }),
    s: fc.integer({ min: 0, max: 59 }),
    ms: fc.constant(0),
  });

  it("instantOfLocal equals instantOf, gaps and overlaps included", () => {
    fc.assert(
      fc.property(wall, fc.constantFrom(...zones), (w, zone) => {
        const local = Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi, w.s);
        expect(instantOfLocal(local, zone)).toBe(instantOf(w, zone));
      }),
      { numRuns: 3000 },
    );
    // The hours clocks change in New York (2026-03-08 02:30 is in the gap; 2026-11-01 01:30 twice).
    for (const w of [
      { y: 2026, m: 3, d: 8, h: 2, mi: 30, s: 0, ms: 0 },
      { y: 2026, m: 11, d: 1, h: 1, mi: 30, s: 0, ms: 0 },
    ])
      expect(instantOfLocal(Date.UTC(w.y, w.m - 1, w.d, w.h, w.mi), "America/New_York")).toBe(
        instantOf(w, "America/New_York"),
      );
  });

  it("instantOfLocal equals instantOf at every 5 minutes of a year, and at each hour's last millisecond", () => {
    // The days near a change are read by wall hour (only the hour of the change wall time by wall
    // time): every hour of 2026 in zones that change by an hour, half an hour, at midnight, or never.
    const start = Date.UTC(2026, 0, 1);
    for (const zone of [...zones, "America/Santiago", "Europe/London", "Asia/Kolkata"]) {
      const wrong: string[] = [];
      for (let local = start; local < Date.UTC(2027, 0, 1); local += 5 * 60_000) {
        for (const t of local % 3_600_000 === 0 ? [local, local + 3_599_999] : [local]) {
          // wallOf in UTC is the Date's fields (the first test above).
          if (instantOfLocal(t, zone) !== instantOf(wallOf(t, "UTC"), zone))
            wrong.push(new Date(t).toISOString());
        }
      }
      expect(wrong, zone).toEqual([]);
    }
  });

  it("readFixedIso reads every fixed layout as Date.parse does, years 100 to 9999", () => {
    const pad = (n: number, w: number) => String(n).padStart(w, "0");
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(100, 0, 1), max: MAX }),
        fc.constantFrom("T", " "),
        fc.integer({ min: 0, max: 3 }),
        (t, sep, layout) => {
          const d = new Date(t);
          const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
          const hm = `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}`;
          const text = [
            date,
            `${date}${sep}${hm}Z`,
            `${date}${sep}${hm}:${pad(d.getUTCSeconds(), 2)}Z`,
            `${date}${sep}${hm}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}Z`,
          ][layout] as string;
          const utc = (local: number) => local;
          const floor = (unit: number) => t - (((t % unit) + unit) % unit);
          const truncated = [
            Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()),
            floor(60_000),
            floor(1000),
            t,
          ][layout] as number;
          // Date.UTC maps years 0..99 to 19xx; from 100 on it is the calendar's.
          expect(readFixedIso(text, utc)).toBe(truncated);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("readFixedIso reads what the regular expression reads, and declines the rest", () => {
    const naive = (local: number) => instantOfLocal(local, "America/New_York");
    expect(readFixedIso("2026-05-04T09:30:00Z", naive)).toBe(Date.parse("2026-05-04T09:30:00Z"));
    expect(readFixedIso("2026-05-04 09:30:00.250", naive)).toBe(Date.parse("2026-05-04T13:30:00.250Z"));
    expect(readFixedIso("2026-05-04 09:30", naive)).toBe(Date.parse("2026-05-04T13:30:00Z"));
    expect(readFixedIso("2026-05-04", naive)).toBe(Date.parse("2026-05-04T04:00:00Z"));
    expect(readFixedIso("2024-02-29", naive)).toBe(Date.parse("2024-02-29T05:00:00Z"));
    for (const other of [
      "2026-02-29", // not a leap year
      "2026-13-01",
      "2026-05-04T24:00", // ISO's end of day: the general path's business
      "2026-05-04T09:30:00+02:00",
      "2026-05-04T09:30:00.1Z",
      " 2026-05-04",
      "0099-05-04",
      "2026-05-04X",
    ])
      expect(readFixedIso(other, naive)).toBeNaN();
  });
});
