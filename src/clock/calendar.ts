/**
 * A business calendar in one time zone: working days, working hours (several windows a day,
 * e.g. around a lunch break) and holidays. Intervals are computed per local date with the
 * zone's rules, so they are exact across daylight-saving changes.
 */

import type { Millis } from "../types.js";
import { civilOf, instantOfLocal, offsetAt, weekdayOfDay } from "../zone.js";

const DAY = 86_400_000;

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
  /** Intervals per local day number: every deadline walks the same few hundred days. */
  private readonly cache = new Map<number, [Millis, Millis][]>();

  constructor(def: CalendarDef, zone: string) {
    this.def = def;
    this.id = def.id;
    this.zone = zone;
    this.days = new Set(def.days.map((d) => WEEKDAYS.indexOf(d)));
    this.hours = def.hours;
    this.holidays = new Set(def.holidays.dates);
  }

  /** The local day number (days since 1970-01-01 in this calendar's zone) of an instant. */
  dayNumber(t: Millis): number {
    return Math.floor((t + offsetAt(t, this.zone)) / DAY);
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

  /** Working intervals [start, end) of a local day number (see dayNumber), as instants; empty on days off and holidays. */
  intervalsOn(n: number): [Millis, Millis][] {
    let list = this.cache.get(n);
    if (list === undefined) {
      const weekday = weekdayOfDay(n);
      list =
        !this.days.has(weekday) || this.isHoliday(civilOf(n))
          ? []
          : this.hours.map(({ start, end }): [Millis, Millis] => [this.at(n, start), this.at(n, end)]);
      if (this.cache.size > 100_000) this.cache.clear();
      this.cache.set(n, list);
    }
    return list;
  }

  /** The instant of a local wall time (minutes after midnight, up to 1440) on a local day number. */
  private at(n: number, minutes: number): Millis {
    return instantOfLocal(n * DAY + minutes * 60_000, this.zone);
  }
}
