/**
 * The business clock as it was before issue 16: it walks the calendar day by day. Kept as the
 * reference the whole-week arithmetic of src/time/clock.ts is checked against (clock-equivalence.test.ts).
 */

import type { BusinessCalendar } from "../../../src/time/calendar.js";
import type { Clock } from "../../../src/time/clock.js";
import type { Millis } from "../../../src/types.js";

const MAX_DAYS = 3 * 3660;

/** A clock counting the working time of a calendar. */
export function dayWalkClock(cal: BusinessCalendar): Clock {
  /** Working intervals from the local day of t on, one day at a time. */
  function* from(t: Millis): Generator<[Millis, Millis]> {
    let day = cal.dayNumber(t) - 1; // the previous day may hold an interval past midnight
    for (let i = 0; i < MAX_DAYS; i++, day++) for (const iv of cal.intervalsOn(day)) if (iv[1] > t) yield iv;
    throw new Error(`calendar ${cal.id} has no working time in ${MAX_DAYS} days`);
  }
  const nextOpening = (t: Millis): Millis => {
    for (const [s] of from(t)) if (s >= t) return s;
    return t;
  };
  const start = (t: Millis): Millis => {
    for (const [s, e] of from(t)) if (e > t) return Math.max(s, t);
    return t;
  };
  const addWorking = (t: Millis, ms: number): Millis => {
    let left = ms;
    for (const [s, e] of from(t)) {
      const a = Math.max(s, t);
      if (left < e - a) return a + left;
      if (left === e - a) return nextOpening(e); // used up at closing: the deadline runs to the next opening
      left -= e - a;
    }
    return t;
  };
  const elapsed = (a: Millis, b: Millis): Millis => {
    let total = 0;
    for (const [s, e] of from(a)) {
      if (s >= b) break;
      total += Math.min(e, b) - Math.max(s, a);
    }
    return total;
  };
  /** N working days later, at the same working time into the day (capped at that day's length). */
  const addDays = (t: Millis, n: number): Millis => {
    const s0 = start(t);
    let day = cal.dayNumber(s0);
    const intervals = cal.intervalsOn(day);
    const opening = intervals[0]?.[0] ?? s0;
    const offset = elapsed(opening, s0);
    for (let found = 0, i = 0; found < n; i++) {
      if (i > MAX_DAYS) throw new Error(`calendar ${cal.id} has no working day in ${MAX_DAYS} days`);
      day++;
      if (cal.intervalsOn(day).length > 0) found++;
    }
    const target = cal.intervalsOn(day);
    const length = target.reduce((sum, [s, e]) => sum + (e - s), 0);
    const first = target[0]?.[0] ?? s0;
    return offset >= length
      ? nextOpening(target[target.length - 1]?.[1] ?? first)
      : addWorking(first, offset);
  };
  return {
    kind: "business",
    label: `${cal.id} (${cal.zone})`,
    start,
    elapsed,
    deadline: (t, w) => (w.unit === "business_days" ? addDays(t, w.amount) : addWorking(start(t), w.amount)),
  };
}
