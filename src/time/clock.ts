/** SLA clocks: a calendar clock counts elapsed time, a business clock only a calendar's working time. */

/**
 * A calendar clock counts elapsed time; a business clock counts only working time
 * of a BusinessCalendar. The deadline of a window is the LAST instant at which the time counted
 * since the start is still within the window: a business window used up exactly at closing time
 * runs to the next opening (a reply at 19:00 after a 17:30 close has used no more business time).
 */

import { InternalError } from "../errors.js";
import type { ClockWindow, Millis } from "../types.js";
import type { BusinessCalendar } from "./calendar.js";

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

// A clock that never opens (every day off) would loop forever; ten years of days is the bound
// for the walks from one working interval to the next (a holiday streak that long is not a calendar).
const MAX_DAYS = 3660;
// Spans longer than this many days are summed by whole-week arithmetic (see workOfDays).
const WALK_DAYS = 14;
// The furthest a deadline may lie: past it the calendar has, in effect, no working time.
const MAX_SPAN_DAYS = 400 * 366;

/** A clock counting the working time of a calendar. */
export function businessClock(cal: BusinessCalendar): Clock {
  return new BusinessClock(cal);
}

/** The business clock's walks over a calendar's days; `nominal` is read once per clock, not per call. */
class BusinessClock implements Clock {
  readonly kind = "business" as const;
  readonly label: string;
  private readonly nominal: Millis;

  constructor(private readonly cal: BusinessCalendar) {
    this.label = `${cal.id} (${cal.zone})`;
    this.nominal = cal.nominalDay;
  }

  deadline(t: Millis, w: ClockWindow): Millis {
    return w.unit === "business_days" ? this.addDays(t, w.amount) : this.addWorking(this.start(t), w.amount);
  }

  private noWorkingTime(days: number): InternalError {
    return new InternalError(`calendar ${this.cal.id} has no working time in ${days} days`);
  }

  /** Working intervals from the local day of t on, one day at a time. */
  private *from(t: Millis): Generator<[Millis, Millis]> {
    const cal = this.cal;
    let day = cal.dayNumber(t) - 1; // the previous day may hold an interval past midnight
    for (let i = 0; i < MAX_DAYS; i++, day++) for (const iv of cal.intervalsOn(day)) if (iv[1] > t) yield iv;
    throw this.noWorkingTime(MAX_DAYS);
  }

  /** Working intervals of the local days from `day` on, in full. */
  private *fromDay(day: number): Generator<[Millis, Millis]> {
    for (let i = 0; i < MAX_DAYS; i++, day++) yield* this.cal.intervalsOn(day);
    throw this.noWorkingTime(MAX_DAYS);
  }

  private lengthOf(n: number): Millis {
    return this.cal.intervalsOn(n).reduce((sum, [s, e]) => sum + (e - s), 0);
  }

  /**
   * Working time of the local days [d0, d1), each day's intervals in full, in time proportional to
   * the holidays and zone changes in the span: working weekdays (whole weeks times the days a week)
   * times the hours' length, corrected on the days that differ (holidays, days near a zone change).
   */
  private workOfDays(d0: number, d1: number): Millis {
    if (d1 <= d0) return 0;
    if (d1 - d0 <= WALK_DAYS) {
      let sum = 0;
      for (let n = d0; n < d1; n++) sum += this.lengthOf(n);
      return sum;
    }
    const cal = this.cal;
    const nominal = this.nominal;
    let total = cal.workingWeekdays(d0, d1) * nominal;
    const special = new Set([...cal.holidaysIn(d0, d1), ...cal.zoneChangeDaysIn(d0, d1)]);
    for (const n of special) total += this.lengthOf(n) - (cal.isWorkingWeekday(n) ? nominal : 0);
    return total;
  }

  /** Working time in [a, b) of the intervals of the local days [d0, d1). */
  private clipDays(a: Millis, b: Millis, d0: number, d1: number): Millis {
    let sum = 0;
    for (let n = d0; n < d1; n++)
      for (const [s, e] of this.cal.intervalsOn(n)) sum += Math.max(0, Math.min(e, b) - Math.max(s, a));
    return sum;
  }

  /** Working days (days with working time) among the local days [d0, d1). */
  private workingDays(d0: number, d1: number): number {
    if (d1 <= d0 || this.nominal === 0) return 0;
    const cal = this.cal;
    let count = cal.workingWeekdays(d0, d1);
    for (const n of cal.holidaysIn(d0, d1)) if (cal.isWorkingWeekday(n)) count--;
    return count;
  }

  /**
   * The largest day D ≥ lo with f(D) < target, for f non-decreasing: gallops then bisects, so a span
   * of N days costs about 2·log2(N) evaluations of f. Throws when f stays below the target past the bound.
   */
  private lastBelow(lo: number, target: number, f: (d: number) => number, guess: number): number {
    let step = Math.max(7, Math.ceil(guess));
    while (f(lo + step) < target) {
      lo += step;
      step *= 2;
      if (step > MAX_SPAN_DAYS) throw this.noWorkingTime(MAX_SPAN_DAYS);
    }
    let hi = lo + step; // f(lo) < target ≤ f(hi)
    while (hi - lo > 1) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (f(mid) < target) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  private nextOpening(t: Millis): Millis {
    for (const [s] of this.from(t)) if (s >= t) return s;
    return t;
  }

  start(t: Millis): Millis {
    for (const [s, e] of this.from(t)) if (e > t) return Math.max(s, t);
    return t;
  }

  /** Spends `left` working time over intervals in order, from t (see the module comment for the boundary). */
  private spend(t: Millis, left: number, intervals: Iterable<[Millis, Millis]>): Millis {
    for (const [s, e] of intervals) {
      if (e <= t) continue;
      const a = Math.max(s, t);
      if (left < e - a) return a + left;
      if (left === e - a) return this.nextOpening(e); // used up at closing: the deadline runs to the next opening
      left -= e - a;
    }
    return t;
  }

  private addWorking(t: Millis, ms: number): Millis {
    const cal = this.cal;
    const nominal = this.nominal;
    const d0 = cal.dayNumber(t);
    // Time from t to the end of day D - 1, for D ≥ d0 + 2.
    const head = this.clipDays(t, Number.POSITIVE_INFINITY, d0 - 1, d0 + 2);
    if (head >= ms) return this.spend(t, ms, this.from(t));
    if (nominal === 0 || cal.days.size === 0) throw this.noWorkingTime(MAX_DAYS);
    const upTo = (d: number) => head + this.workOfDays(d0 + 2, d);
    // The last whole day before the deadline's: every interval before it is spent.
    const weekly = nominal * cal.days.size;
    const day = this.lastBelow(d0 + 2, ms, upTo, (((ms - head) / weekly) * 7 * 9) / 8 + 7);
    return this.spend(t, ms - upTo(day), this.fromDay(day));
  }

  elapsed(a: Millis, b: Millis): Millis {
    if (b <= a) return 0;
    const da = this.cal.dayNumber(a);
    const db = this.cal.dayNumber(b);
    if (db - da > WALK_DAYS) {
      // The ends day by day (a margin of a day for intervals past midnight), whole days between.
      return (
        this.clipDays(a, b, da - 1, da + 2) +
        this.workOfDays(da + 2, db - 1) +
        this.clipDays(a, b, db - 1, db + 2)
      );
    }
    let total = 0;
    for (const [s, e] of this.from(a)) {
      if (s >= b) break;
      total += Math.min(e, b) - Math.max(s, a);
    }
    return total;
  }

  /** N working days later, at the same working time into the day (capped at that day's length). */
  private addDays(t: Millis, n: number): Millis {
    const cal = this.cal;
    const s0 = this.start(t);
    let day = cal.dayNumber(s0);
    const intervals = cal.intervalsOn(day);
    const opening = intervals[0]?.[0] ?? s0;
    const offset = this.elapsed(opening, s0);
    if (n > WALK_DAYS) {
      if (this.nominal === 0 || cal.days.size === 0) throw this.noWorkingTime(MAX_DAYS);
      // The last day with fewer than n working days after `day`: the next working day is the target.
      const base = day + 1;
      day = this.lastBelow(
        base,
        n,
        (d) => this.workingDays(base, d + 1),
        ((n / cal.days.size) * 7 * 9) / 8 + 7,
      );
      n -= this.workingDays(base, day + 1);
    }
    for (let found = 0, i = 0; found < n; i++) {
      if (i > MAX_DAYS) throw new InternalError(`calendar ${cal.id} has no working day in ${MAX_DAYS} days`);
      day++;
      if (cal.intervalsOn(day).length > 0) found++;
    }
    const target = cal.intervalsOn(day);
    const length = target.reduce((sum, [s, e]) => sum + (e - s), 0);
    const first = target[0]?.[0] ?? s0;
    return offset >= length
      ? this.nextOpening(target[target.length - 1]?.[1] ?? first)
      : this.addWorking(first, offset);
  }
}
