/**
 * SLA clocks. A calendar clock counts elapsed time; a business clock counts only working time
 * of a BusinessCalendar. The deadline of a window is the LAST instant at which the time counted
 * since the start is still within the window: a business window used up exactly at closing time
 * runs to the next opening (a reply at 19:00 after a 17:30 close has used no more business time).
 */

import { InternalError } from "../errors.js";
import type { Millis } from "../types.js";
import type { BusinessCalendar } from "./calendar.js";

export type WindowUnit = "calendar" | "business_hours" | "business_days";

export interface ClockWindow {
  unit: WindowUnit;
  /** Milliseconds for calendar and business-hours windows; a count of days for business days. */
  amount: number;
}

export interface Clock {
  readonly kind: "calendar" | "business";
  /** Calendar id and zone for business clocks, for trace and reports. */
  readonly label: string;
  /** The instant the clock really starts: t itself, or the next opening for a business clock. */
  start(t: Millis): Millis;
  /** The deadline of a window started at t (see the module comment for the boundary rule). */
  deadline(t: Millis, window: ClockWindow): Millis;
  /** Time counted by this clock between a and b (0 when b ≤ a). */
  elapsed(a: Millis, b: Millis): Millis;
}

export const calendarClock: Clock = {
  kind: "calendar",
  label: "calendar",
  start: (t) => t,
  deadline: (t, w) => t + w.amount,
  elapsed: (a, b) => Math.max(0, b - a),
};

// A clock that never opens (every day off) would loop forever; ten years of days is the bound.
const MAX_DAYS = 3660;

/** A clock counting the working time of a calendar. */
export function businessClock(cal: BusinessCalendar): Clock {
  /** Working intervals from the local day of t on, one day at a time. */
  function* from(t: Millis): Generator<[Millis, Millis]> {
    let day = cal.dayNumber(t) - 1; // the previous day may hold an interval past midnight
    for (let i = 0; i < MAX_DAYS; i++, day++) for (const iv of cal.intervalsOn(day)) if (iv[1] > t) yield iv;
    throw new InternalError(`calendar ${cal.id} has no working time in ${MAX_DAYS} days`);
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
      if (i > MAX_DAYS) throw new InternalError(`calendar ${cal.id} has no working day in ${MAX_DAYS} days`);
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
