/**
 * A business calendar in one time zone: working days, working hours (several windows a day,
 * e.g. around a lunch break) and holidays. Intervals are computed per local date with the
 * zone's rules, so they are exact across daylight-saving changes.
 */

import type { Millis } from "../types.js";
import { addDays, instantOf, wallOf, weekdayOf } from "../zone.js";
import { publicHolidayDates } from "./holidays.js";

export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface CalendarDef {
  id: string;
  /** Null: the zone comes from the rep (reps file) or the SLA. */
  timezone: string | null;
  days: Weekday[];
  /** Minutes after local midnight, [start, end) in order, not overlapping; end may be 1440. */
  hours: { start: number; end: number }[];
  holidays: { dates: string[]; country: string | null; region: string | null };
}

/** A local calendar date. */
export interface LocalDay {
  y: number;
  m: number; // 1..12
  d: number;
}

export class BusinessCalendar {
  readonly id: string;
  readonly zone: string;
  private readonly days: Set<number>;
  private readonly hours: CalendarDef["hours"];
  private readonly holidays: Set<string>;
  private readonly countryYears = new Set<number>();
  private readonly def: CalendarDef;
  /** Intervals per local date (yyyymmdd): every deadline walks the same few hundred days. */
  private readonly cache = new Map<number, [Millis, Millis][]>();

  constructor(def: CalendarDef, zone: string) {
    this.def = def;
    this.id = def.id;
    this.zone = zone;
    this.days = new Set(def.days.map((d) => WEEKDAYS.indexOf(d)));
    this.hours = def.hours;
    this.holidays = new Set(def.holidays.dates);
  }

  /** The local date of an instant in this calendar's zone. */
  dayOf(t: Millis): LocalDay {
    const w = wallOf(t, this.zone);
    return { y: w.y, m: w.m, d: w.d };
  }

  /** The local date `n` days after `day` (normalised across month and year ends). */
  addDays(day: LocalDay, n: number): LocalDay {
    return addDays(day.y, day.m, day.d, n);
  }

  key(day: LocalDay): string {
    return `${day.y}-${String(day.m).padStart(2, "0")}-${String(day.d).padStart(2, "0")}`;
  }

  isHoliday(day: LocalDay): boolean {
    const { country, region } = this.def.holidays;
    if (country && !this.countryYears.has(day.y)) {
      // Load a country's holidays lazily, a year at a time, as the clock walks into it.
      this.countryYears.add(day.y);
      for (const date of publicHolidayDates(country, region, [day.y])) this.holidays.add(date);
    }
    return this.holidays.has(this.key(day));
  }

  /** Working intervals [start, end) of a local date, as instants; empty on days off and holidays. */
  intervals(day: LocalDay): [Millis, Millis][] {
    const key = day.y * 10_000 + day.m * 100 + day.d;
    let list = this.cache.get(key);
    if (list === undefined) {
      const weekday = weekdayOf(day.y, day.m, day.d);
      list =
        !this.days.has(weekday) || this.isHoliday(day)
          ? []
          : this.hours.map(({ start, end }) => [this.at(day, start), this.at(day, end)]);
      if (this.cache.size > 100_000) this.cache.clear();
      this.cache.set(key, list);
    }
    return list;
  }

  /** The instant of a local wall time (minutes after midnight) on a local date. */
  private at(day: LocalDay, minutes: number): Millis {
    if (minutes === 1440) return instantOf({ ...this.addDays(day, 1), h: 0, mi: 0, s: 0, ms: 0 }, this.zone);
    return instantOf({ ...day, h: Math.floor(minutes / 60), mi: minutes % 60, s: 0, ms: 0 }, this.zone);
  }
}
