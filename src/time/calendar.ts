/** A business calendar in one time zone: working days, working hours and holidays. */

/**
 * A business calendar in one time zone: working days, working hours (several windows a day,
 * e.g. around a lunch break) and holidays. Intervals are computed per local date with the
 * zone's rules, so they are exact across daylight-saving changes.
 */

import { type CalendarDef, type Millis, WEEKDAYS } from "../types.js";
import { civilOf, dayNumberOf, instantOfLocal, offsetAt, weekdayOfDay } from "./zone.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;

import { publicHolidayDates } from "./holidays.js";

/** A local calendar date. */
export interface LocalDay {
  y: number;
  m: number; // 1..12
  d: number;
}

// Zone changes are found by reading the offset every ZONE_STEP; a zone that changed offset and back
// within it would be missed (none does in the tz database since 1970: the shortest, Ramadan
// suspensions of summer time, last about a month). Days this close to a change are computed one by one.
const ZONE_STEP = 7 * DAY;
const ZONE_MARGIN = 4;
/** Days per block of the zone-change cache. */
const BLOCK = 256;

/** Per zone, per block of BLOCK days: the days near a change of the zone's offset (shared by calendars). */
const zoneBlocks = new Map<string, Map<number, number[]>>();

/** The first index of a sorted list whose value is at least x. */
function lowerBound(list: readonly number[], x: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The values of a sorted list in [from, to). */
export function sliceSorted(list: readonly number[], from: number, to: number): number[] {
  return list.slice(lowerBound(list, from), lowerBound(list, to));
}

export class BusinessCalendar {
  readonly id: string;
  readonly zone: string;
  readonly days: Set<number>;
  private readonly hours: CalendarDef["hours"];
  private readonly holidays: Set<string>;
  private readonly countryYears = new Set<number>();
  private readonly def: CalendarDef;
  /** Intervals per local day number: every deadline walks the same few hundred days. */
  private readonly cache = new Map<number, [Millis, Millis][]>();
  /** Holidays as sorted day numbers, rebuilt when the set grows. */
  private holidayList: number[] = [];
  private holidayListSize = -1;

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

  /** Working time of a day with no holiday and no zone change near it: the hours' lengths. */
  get nominalDay(): Millis {
    return this.hours.reduce((sum, { start, end }) => sum + (end - start) * 60_000, 0);
  }

  /** Whether the local day number falls on a working weekday (holidays aside). */
  isWorkingWeekday(n: number): boolean {
    return this.days.has(weekdayOfDay(n));
  }

  /** Working weekdays among the local days [d0, d1), holidays not subtracted: whole weeks times the days a week. */
  workingWeekdays(d0: number, d1: number): number {
    if (d1 <= d0) return 0;
    const weeks = Math.floor((d1 - d0) / 7);
    let count = weeks * this.days.size;
    for (let n = d0 + weeks * 7; n < d1; n++) if (this.days.has(weekdayOfDay(n))) count++;
    return count;
  }

  /** Holidays among the local days [d0, d1), as sorted day numbers (any weekday). */
  holidaysIn(d0: number, d1: number): number[] {
    if (d1 <= d0) return [];
    if (this.def.holidays.country) {
      const y1 = civilOf(d1 - 1).y;
      for (let y = civilOf(d0).y; y <= y1; y++) this.isHoliday({ y, m: 1, d: 1 }); // loads the year
    }
    if (this.holidayListSize !== this.holidays.size) {
      const list: number[] = [];
      for (const date of this.holidays) {
        const [y, m, d] = date.split("-").map(Number);
        if (y !== undefined && m !== undefined && d !== undefined && Number.isInteger(y + m + d))
          list.push(dayNumberOf(y, m, d));
      }
      this.holidayList = list.sort((a, b) => a - b);
      this.holidayListSize = this.holidays.size;
    }
    return sliceSorted(this.holidayList, d0, d1);
  }

  /** Local days among [d0, d1) near a change of the zone's offset (their intervals may not be the hours' lengths), sorted. */
  zoneChangeDaysIn(d0: number, d1: number): number[] {
    const out: number[] = [];
    if (this.zone === "UTC") return out;
    let blocks = zoneBlocks.get(this.zone);
    if (blocks === undefined) {
      blocks = new Map();
      zoneBlocks.set(this.zone, blocks);
    }
    for (let b = Math.floor(d0 / BLOCK); b * BLOCK < d1; b++) {
      let list = blocks.get(b);
      if (list === undefined) {
        list = this.scanZone(b * BLOCK, (b + 1) * BLOCK);
        blocks.set(b, list);
      }
      for (const n of list) if (n >= d0 && n < d1) out.push(n);
    }
    return out;
  }

  private scanZone(d0: number, d1: number): number[] {
    const marked = new Set<number>();
    // Wall days [d0, d1) are instants within a day of [d0, d1) read as UTC; read a margin around them.
    const end = (d1 + ZONE_MARGIN) * DAY;
    let t = (d0 - ZONE_MARGIN) * DAY;
    let offset = offsetAt(t, this.zone);
    for (; t < end; t += ZONE_STEP) {
      const next = offsetAt(t + ZONE_STEP, this.zone);
      if (next !== offset) {
        // Bisect to the hour of the change; the wall days within two days of it are marked.
        let lo = t;
        let hi = t + ZONE_STEP;
        while (hi - lo > HOUR) {
          const mid = lo + Math.floor((hi - lo) / 2 / HOUR) * HOUR;
          if (offsetAt(mid, this.zone) === offset) lo = mid;
          else hi = mid;
        }
        const day = Math.floor(hi / DAY);
        for (let n = Math.max(day - 2, d0); n <= Math.min(day + 2, d1 - 1); n++) marked.add(n);
      }
      offset = next;
    }
    return [...marked].sort((a, b) => a - b);
  }

  /** The instant of a local wall time (minutes after midnight, up to 1440) on a local day number. */
  private at(n: number, minutes: number): Millis {
    return instantOfLocal(n * DAY + minutes * 60_000, this.zone);
  }
}
