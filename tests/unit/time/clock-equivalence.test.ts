/**
 * The business clock sums long spans by whole-week arithmetic (working weekdays × the day's
 * working time, corrected on holidays and on days near a zone change). It must agree, to the
 * millisecond, with the day-by-day walk it replaced (day-walk.ts) on every span the walk handled:
 * random calendars, zones and holidays, spans up to a year, for elapsed time and both deadlines.
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BusinessCalendar } from "../../../src/time/calendar.js";
import { businessClock } from "../../../src/time/clock.js";
import { type CalendarDef, type ClockWindow, WEEKDAYS } from "../../../src/types.js";
import { dayWalkClock } from "./day-walk.js";

const DAY = 86_400_000;
const YEAR = 366 * DAY;
// Zones with DST at 02:00, at midnight (Santiago), by 30 minutes (Lord Howe), none, suspended in Ramadan (Casablanca).
const ZONES = [
  "UTC",
  "America/New_York",
  "Europe/Berlin",
  "Pacific/Chatham",
  "America/Santiago",
  "Australia/Lord_Howe",
  "Asia/Kolkata",
  "Africa/Casablanca",
  "America/Sao_Paulo",
];
const FROM = Date.UTC(2008, 0, 1);
const TO = Date.UTC(2030, 0, 1);

/** Working hours: 1 to 3 windows in order, not overlapping, ends up to 1440 (midnight). */
const hoursArb = fc
  .uniqueArray(fc.integer({ min: 0, max: 96 }), { minLength: 2, maxLength: 6 })
  .map((cuts) => [...cuts].sort((a, b) => a - b))
  .filter((cuts) => cuts.length % 2 === 0)
  .map((cuts) => {
    const out: { start: number; end: number }[] = [];
    for (let i = 0; i < cuts.length; i += 2)
      out.push({ start: (cuts[i] as number) * 15, end: (cuts[i + 1] as number) * 15 });
    return out;
  });

const calendarArb = fc.record({
  days: fc.subarray([...WEEKDAYS], { minLength: 1 }),
  hours: hoursArb,
  zone: fc.constantFrom(...ZONES),
  // Explicit holidays as day offsets from the span's start, and sometimes a country's.
  holidayOffsets: fc.array(fc.integer({ min: -10, max: 400 }), { maxLength: 30 }),
  country: fc.constantFrom(null, null, "US", "DE"),
});

const iso = (n: number) => new Date(n * DAY).toISOString().slice(0, 10);

type RandomCalendar = typeof calendarArb extends fc.Arbitrary<infer R> ? R : never;

function pair(c: RandomCalendar, a: number) {
  const day0 = Math.floor(a / DAY);
  const def: CalendarDef = {
    id: "random",
    timezone: c.zone,
    days: c.days,
    hours: c.hours,
    holidays: { dates: c.holidayOffsets.map((k) => iso(day0 + k)), country: c.country, region: null },
  };
  return {
    fast: businessClock(new BusinessCalendar(def, c.zone)),
    walk: dayWalkClock(new BusinessCalendar(def, c.zone)),
  };
}

const RUNS = 120;

/** Checks, over RUNS random calendars, starts and numbers, that both clocks agree on `check`. */
function agree(
  numbers: fc.Arbitrary<number>,
  check: (clocks: ReturnType<typeof pair>, a: number, x: number, c: RandomCalendar) => [number, number],
  seed = 16,
) {
  fc.assert(
    fc.property(calendarArb, fc.integer({ min: FROM, max: TO }), numbers, (c, a, x) => {
      const [fast, walk] = check(pair(c, a), a, x, c);
      expect(fast).toBe(walk);
    }),
    { numRuns: RUNS, seed },
  );
}
const bh = (amount: number): ClockWindow => ({ unit: "business_hours", amount });

describe("whole-week arithmetic agrees with the day-by-day walk", () => {
  it(`elapsed over spans up to a year (${RUNS} random calendars and spans)`, () => {
    agree(fc.integer({ min: 0, max: YEAR }), ({ fast, walk }, a, span) => [
      fast.elapsed(a, a + span),
      walk.elapsed(a, a + span),
    ]);
  }, 120_000);

  it(`business-hours deadlines up to 50 weeks of working time (${RUNS} runs)`, () => {
    agree(fc.integer({ min: 0, max: 1_000_000 }), ({ fast, walk }, a, share, c) => {
      // Up to 50 weeks of this calendar's working time (the walk's cap is ten years of days).
      const week = c.days.length * c.hours.reduce((sum, h) => sum + (h.end - h.start) * 60_000, 0);
      const w = bh(Math.floor((share / 1_000_000) * 50 * week));
      return [fast.deadline(a, w), walk.deadline(a, w)];
    });
  }, 120_000);

  it(`business-days deadlines up to 300 working days (${RUNS} runs)`, () => {
    agree(fc.integer({ min: 0, max: 300 }), ({ fast, walk }, a, amount) => {
      const w: ClockWindow = { unit: "business_days", amount };
      return [fast.deadline(a, w), walk.deadline(a, w)];
    });
  }, 120_000);

  it(`deadlines of exactly the working time to a random instant: windows used up at closing (${RUNS} runs)`, () => {
    // An end outside working hours makes the window end exactly at a closing time, often at midnight.
    agree(
      fc.integer({ min: 0, max: YEAR }),
      ({ fast, walk }, a, span) => {
        const w = bh(walk.elapsed(a, a + span));
        return [fast.deadline(a, w), walk.deadline(a, w)];
      },
      1616,
    );
  }, 120_000);
});
