/**
 * Business clocks (tests run under TZ=Pacific/Chatham, so host-zone bugs show). The standard
 * calendar: Monday–Friday, 09:00–12:00 and 13:00–17:00 (a lunch break), 7 working hours a day.
 * Expected instants are written in UTC with the local wall time beside them.
 */

import { describe, expect, it } from "vitest";
import { BusinessCalendar } from "../../../src/time/calendar.js";
import { businessClock } from "../../../src/time/clock.js";
import type { CalendarDef, ClockWindow } from "../../../src/types.js";

const HOUR = 3_600_000;
const def = (extra: Partial<CalendarDef> = {}): CalendarDef => ({
  id: "std",
  timezone: null,
  days: ["mon", "tue", "wed", "thu", "fri"],
  hours: [
    { start: 9 * 60, end: 12 * 60 },
    { start: 13 * 60, end: 17 * 60 },
  ],
  holidays: { dates: [], country: null, region: null },
  ...extra,
});
const clock = (zone = "America/New_York", extra: Partial<CalendarDef> = {}) =>
  businessClock(new BusinessCalendar(def(extra), zone));
const bh = (n: number): ClockWindow => ({ unit: "business_hours", amount: n * HOUR });
const bd = (n: number): ClockWindow => ({ unit: "business_days", amount: n });
const utc = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString().replace(".000", "");

describe("business hours deadlines", () => {
  it.each([
    // [case, zone, start (UTC), window, deadline (UTC), note]
    [
      "within one morning",
      "America/New_York",
      "2026-03-02T15:00:00Z",
      bh(1),
      "2026-03-02T16:00:00Z",
      "Mon 10:00 EST + 1h = 11:00",
    ],
    [
      "across the lunch break",
      "America/New_York",
      "2026-03-02T16:00:00Z",
      bh(2),
      "2026-03-02T19:00:00Z",
      "Mon 11:00: 11–12, 13–14 → 14:00 EST",
    ],
    [
      "starting in the lunch break",
      "America/New_York",
      "2026-03-02T17:30:00Z",
      bh(1),
      "2026-03-02T19:00:00Z",
      "12:30 → clock starts 13:00 → 14:00",
    ],
    [
      "across a weekend with the US spring DST change",
      "America/New_York",
      "2026-03-06T20:00:00Z",
      bh(4),
      "2026-03-09T15:00:00Z",
      "Fri 15:00 EST: 15–17, Mon 09–11 EDT",
    ],
    [
      "a lead on Saturday night starts Monday 09:00",
      "America/New_York",
      "2026-03-08T01:00:00Z",
      bh(4),
      "2026-03-09T18:00:00Z",
      "Mon 09–12, 13–14 EDT",
    ],
    [
      "used up at closing: runs to the next opening",
      "America/New_York",
      "2026-03-02T20:00:00Z",
      bh(2),
      "2026-03-03T14:00:00Z",
      "Mon 15:00: 15–17 → Tue 09:00 EST",
    ],
    [
      "US fall DST change over the weekend",
      "America/New_York",
      "2026-10-30T20:00:00Z",
      bh(4),
      "2026-11-02T18:00:00Z",
      "Fri 16:00 EDT: 16–17, Mon 09–12 EST → 13:00 EST",
    ],
    [
      "Europe spring DST change",
      "Europe/Berlin",
      "2026-03-27T14:00:00Z",
      bh(4),
      "2026-03-30T09:00:00Z",
      "Fri 15:00 CET: 15–17, Mon 09–11 CEST",
    ],
    [
      "Europe fall DST change",
      "Europe/Berlin",
      "2026-10-23T13:00:00Z",
      bh(4),
      "2026-10-26T10:00:00Z",
      "Fri 15:00 CEST: 15–17, Mon 09–11 CET",
    ],
    [
      "a rep in Los Angeles works LA hours",
      "America/Los_Angeles",
      "2026-03-02T17:00:00Z",
      bh(4),
      "2026-03-02T22:00:00Z",
      "09:00 PST: 09–12, 13–14 PST",
    ],
  ])("%s", (_name, zone, start, window, deadline) => {
    expect(iso(clock(zone).deadline(utc(start), window))).toBe(deadline);
  });

  it("a holiday is skipped (explicit date)", () => {
    // Thu 2026-07-02 16:00 EDT: 16–17 (1 h); Fri 07-03 holiday; Mon 07-06 09–12 (3 h) used up at 12:00 → 13:00 EDT.
    const c = clock("America/New_York", { holidays: { dates: ["2026-07-03"], country: null, region: null } });
    expect(iso(c.deadline(utc("2026-07-02T20:00:00Z"), bh(4)))).toBe("2026-07-06T17:00:00Z");
  });

  it("public holidays by country, across a year end", () => {
    // Thu 2026-12-31 16:00 EST: 16–17; Fri 2027-01-01 is New Year's Day (US); Mon 01-04 09–12 → 13:00 EST.
    const c = clock("America/New_York", { holidays: { dates: [], country: "US", region: null } });
    expect(iso(c.deadline(utc("2026-12-31T21:00:00Z"), bh(4)))).toBe("2027-01-04T18:00:00Z");
  });

  it("working hours across midnight (a night shift 22:00–24:00 and 00:00–02:00)", () => {
    const c = clock("UTC", {
      days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
      hours: [
        { start: 0, end: 120 },
        { start: 22 * 60, end: 24 * 60 },
      ],
    });
    expect(iso(c.deadline(utc("2026-03-02T23:00:00Z"), bh(2)))).toBe("2026-03-03T01:00:00Z");
  });
});

describe("business days", () => {
  it.each([
    [
      "the same working time one working day later",
      "2026-03-06T20:00:00Z",
      bd(1),
      "2026-03-09T19:00:00Z",
      "Fri 15:00 EST is 5 h into the day → Mon 15:00 EDT",
    ],
    [
      "from outside hours: the next opening, two days on",
      "2026-03-06T23:00:00Z",
      bd(2),
      "2026-03-11T13:00:00Z",
      "Fri 18:00 → Mon 09:00 EDT → Wed 09:00",
    ],
    [
      "from the last working minute, one working day on",
      "2026-03-02T21:59:00Z",
      bd(1),
      "2026-03-03T21:59:00Z",
      "Mon 16:59 → Tue 16:59",
    ],
  ])("%s", (_name, start, window, deadline) => {
    expect(iso(clock().deadline(utc(start), window))).toBe(deadline);
  });
});

describe("elapsed business time", () => {
  it.each([
    ["across lunch", "2026-03-02T16:00:00Z", "2026-03-02T19:00:00Z", 2], // 11:00 → 14:00 EST, lunch excluded
    ["across the US spring weekend", "2026-03-06T20:00:00Z", "2026-03-09T14:00:00Z", 3], // Fri 15–17, Mon 09–10 EDT
    ["outside hours only", "2026-03-06T23:00:00Z", "2026-03-09T12:00:00Z", 0], // Fri 18:00 → Mon 08:00 EDT
    ["backwards is zero", "2026-03-02T19:00:00Z", "2026-03-02T16:00:00Z", 0],
  ])("%s", (_name, a, b, hours) => {
    expect(clock().elapsed(utc(a), utc(b)) / HOUR).toBe(hours);
  });

  it("the deadline is the last instant whose elapsed time is within the window", () => {
    const c = clock();
    for (const start of [
      "2026-03-02T15:00:00Z",
      "2026-03-06T20:00:00Z",
      "2026-03-02T20:00:00Z",
      "2026-10-30T20:00:00Z",
    ]) {
      const d = c.deadline(utc(start), bh(4));
      expect(c.elapsed(utc(start), d)).toBe(4 * HOUR);
      expect(c.elapsed(utc(start), d + 60_000)).toBeGreaterThan(4 * HOUR);
    }
  });
});
