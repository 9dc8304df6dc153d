/**
 * Issue 16: a lead that became an MQL in 2012 and was accepted in 2026 killed the audit ("calendar
 * has no working time in 3660 days"). Business time over any span is now summed by whole weeks.
 * Calendar: Monday–Friday 09:00–17:00 (8 h a day, 40 h a week).
 */

import { describe, expect, it } from "vitest";
import { computeAudit } from "../../../src/metrics/index.js";
import { BusinessCalendar } from "../../../src/time/calendar.js";
import { businessClock } from "../../../src/time/clock.js";
import type { CalendarDef } from "../../../src/types.js";
import { dataset, lead, rep, sla, stage } from "../../helpers/builders.js";
import { dayWalkClock } from "./day-walk.js";

const HOUR = 3_600_000;
const DAY = 86_400_000;
const def = (holidays: CalendarDef["holidays"]): CalendarDef => ({
  id: "std",
  timezone: null,
  days: ["mon", "tue", "wed", "thu", "fri"],
  hours: [{ start: 9 * 60, end: 17 * 60 }],
  holidays,
});
const none = { dates: [], country: null, region: null };

describe("business time over fourteen years", () => {
  // Mon 2012-01-02 09:00 UTC → Mon 2026-01-05 09:00 UTC: (20458 - 15341) days = 5117 days = 731 weeks
  // (day numbers since 1970-01-01), each of 40 working hours: 29240 h.
  const a = Date.UTC(2012, 0, 2, 9);
  const b = Date.UTC(2026, 0, 5, 9);

  it("elapsed is whole weeks times 40 hours", () => {
    expect((b - a) / DAY).toBe(5117);
    const clock = businessClock(new BusinessCalendar(def(none), "UTC"));
    expect(clock.elapsed(a, b) / HOUR).toBe(731 * 40);
  });

  it("one explicit holiday on a working day takes 8 hours off; one on a Sunday takes none", () => {
    // 2019-07-04 is a Thursday, 2019-07-07 a Sunday: 29240 - 8 = 29232 h.
    const holidays = { dates: ["2019-07-04", "2019-07-07"], country: null, region: null };
    const clock = businessClock(new BusinessCalendar(def(holidays), "UTC"));
    expect(clock.elapsed(a, b) / HOUR).toBe(29_232);
  });

  it("the deadline of 29240 business hours from Mon 2012-01-02 09:00 is used up at Fri 2026-01-02 17:00: the next opening", () => {
    const clock = businessClock(new BusinessCalendar(def(none), "UTC"));
    expect(clock.deadline(a, { unit: "business_hours", amount: 29_240 * HOUR })).toBe(b);
  });

  it("3655 working days from Mon 2012-01-02 09:00 is 731 weeks on, at 09:00 (5 days a week)", () => {
    const clock = businessClock(new BusinessCalendar(def(none), "UTC"));
    expect(clock.deadline(a, { unit: "business_days", amount: 731 * 5 })).toBe(b);
  });

  it("New York with US public holidays and 28 DST changes agrees with the day-by-day walk", () => {
    const cal = () =>
      new BusinessCalendar(def({ dates: [], country: "US", region: null }), "America/New_York");
    const fast = businessClock(cal());
    const walk = dayWalkClock(cal());
    const from = Date.UTC(2012, 2, 14, 19, 17); // Wed 15:17 EDT
    const to = Date.UTC(2026, 1, 3, 22, 41); // Tue 17:41 EST
    const spent = walk.elapsed(from, to);
    expect(fast.elapsed(from, to)).toBe(spent);
    // Just under 14 years (at most 29240 h) less about ten public holidays a year on working days.
    expect(spent / HOUR).toBeGreaterThan(27_000);
    expect(spent / HOUR).toBeLessThan(29_240);
    expect(fast.deadline(from, { unit: "business_hours", amount: spent })).toBe(
      walk.deadline(from, { unit: "business_hours", amount: spent }),
    );
    expect(fast.deadline(from, { unit: "business_days", amount: 3400 })).toBe(
      walk.deadline(from, { unit: "business_days", amount: 3400 }),
    );
  }, 60_000);
});

describe("the audit of a lead that became an MQL in 2012 and was accepted in 2026", () => {
  it("measures the handoff instead of failing the whole audit", () => {
    // Office hours 09:00–12:00 and 13:00–17:00 UTC (7 h a day, 35 h a week).
    const config = sla(`calendars:
  office: { hours: ["09:00-12:00", "13:00-17:00"] }
handoffs:
  - { id: accept, from: mql, to: [sal], within: 4bh, target: 0.9 }
`);
    const mql = Date.UTC(2012, 0, 2, 15); // Mon 15:00
    const sal = Date.UTC(2026, 0, 5, 10); // Mon 10:00, 731 weeks and 19 hours later
    const d = dataset(
      [lead("L1", mql)],
      [stage("L1", "mql", mql), stage("L1", "sal", sal)],
      [],
      [rep("Ann")],
    );
    const [o] = computeAudit(d, config, { asOf: sal }).obligations.filter((x) => x.handoff === "accept");
    // Deadline: Mon 15–17 (2 h), Tue 09–11 (2 h) → Tue 2012-01-03 11:00.
    expect(o).toMatchObject({ status: "late", clock: "business", deadline: Date.UTC(2012, 0, 3, 11) });
    // 731 weeks × 35 h from Mon 15:00 to Mon 15:00, less Mon 2026-01-05 10–12 and 13–15 (4 h): 25581 h.
    expect((o?.latencyMs ?? 0) / HOUR).toBe(731 * 35 - 4);
  });
});
