/** Business calendars for the generator: working days, windows and days off in an explicit zone. */

/*
 * Business calendars: working days, daily working windows and days off, evaluated in an explicit
 * IANA zone (never the host zone). Reps work on {@link REP_CALENDAR} in their own zone; the routing
 * desk that empties the lead queue works on {@link ROUTING_CALENDAR} in New York.
 */
import { localParts, localToInstant, MINUTE } from "./zone-time.js";

/** A named day off: a local date (`YYYY-MM-DD`) when nobody works. */
export interface DayOff {
  date: string;
  name: string;
}

/** US public holidays the company observes in 2026 (May to October). */
export const US_HOLIDAYS: readonly DayOff[] = [
  { date: "2026-05-25", name: "Memorial Day" },
  { date: "2026-06-19", name: "Juneteenth" },
  { date: "2026-07-03", name: "Independence Day (observed)" },
  { date: "2026-09-07", name: "Labor Day" },
  { date: "2026-10-12", name: "Columbus Day" },
];

/** Days the whole company is closed on top of the public holidays. */
export const COMPANY_SHUTDOWN: readonly DayOff[] = [{ date: "2026-08-14", name: "Summer shutdown" }];

/** All days off (holidays and shutdown), sorted by date. */
export const DAYS_OFF: readonly DayOff[] = [...US_HOLIDAYS, ...COMPANY_SHUTDOWN].sort((a, b) =>
  a.date < b.date ? -1 : 1,
);

/** Working days (1 = Monday … 5 = Friday), daily windows and days off. */
export interface WorkCalendar {
  /** Working windows of a day as [start, end) minutes after local midnight, in order. */
  windows: readonly (readonly [number, number])[];
  /** Days off, as `year * 10000 + month * 100 + day` of the local date. */
  daysOff: ReadonlySet<number>;
}

const dayKey = (year: number, month: number, day: number): number => year * 10000 + month * 100 + day;
const OFF = new Set(DAYS_OFF.map((d) => Number(d.date.replaceAll("-", ""))));

/** Sales reps: Monday to Friday, 09:00–12:00 and 13:00–17:00 in the rep's own zone, not on days off. */
export const REP_CALENDAR: WorkCalendar = {
  windows: [
    [9 * 60, 12 * 60],
    [13 * 60, 17 * 60],
  ],
  daysOff: OFF,
};

/** The routing desk: Monday to Friday, 09:00–17:00 New York time, not on days off. */
export const ROUTING_CALENDAR: WorkCalendar = { windows: [[9 * 60, 17 * 60]], daysOff: OFF };

/** True if `ms` falls inside a working window of `calendar` in `zone`. */
export function isWorkingTime(ms: number, zone: string, calendar: WorkCalendar): boolean {
  const p = localParts(ms, zone);
  if (p.weekday === 0 || p.weekday === 6 || calendar.daysOff.has(dayKey(p.year, p.month, p.day)))
    return false;
  const minute = p.hour * 60 + p.minute + p.second / 60;
  return calendar.windows.some(([start, end]) => minute >= start && minute < end);
}

/** The working window that contains `ms`, or else the next one: [max(ms, start), end). */
function windowFrom(ms: number, zone: string, calendar: WorkCalendar): [number, number] {
  const p = localParts(ms, zone);
  for (let shift = 0; shift < 370; shift++) {
    const date = new Date(Date.UTC(p.year, p.month - 1, p.day + shift));
    const weekday = date.getUTCDay();
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (weekday === 0 || weekday === 6 || calendar.daysOff.has(dayKey(y, m, d))) continue;
    for (const [start, end] of calendar.windows) {
      const endMs = localToInstant(zone, y, m, d, 0, end);
      if (endMs <= ms) continue;
      return [Math.max(ms, localToInstant(zone, y, m, d, 0, start)), endMs];
    }
  }
  throw new RangeError("No working time within a year");
}

/** The instant `duration` ms of working time after `ms` (from the next window if `ms` is off hours). */
export function addWorkingTime(ms: number, duration: number, zone: string, calendar: WorkCalendar): number {
  let at = ms;
  let left = Math.max(0, duration);
  for (;;) {
    const [start, end] = windowFrom(at, zone, calendar);
    if (left < end - start) return start + left;
    left -= end - start;
    at = end;
  }
}

/**
 * `ms` itself if it is working time, else the start of the next working window plus `lateMinutes`
 * of working time (so a late start may spill into the afternoon or the next working day).
 */
export function nextWorkingTime(ms: number, zone: string, calendar: WorkCalendar, lateMinutes = 0): number {
  if (isWorkingTime(ms, zone, calendar)) return ms;
  return addWorkingTime(windowFrom(ms, zone, calendar)[0], lateMinutes * MINUTE, zone, calendar);
}

/** The last whole minute of working time before `ms` (searching back up to a year). */
export function lastWorkingMinuteBefore(ms: number, zone: string, calendar: WorkCalendar): number {
  const p = localParts(ms, zone);
  for (let shift = 0; shift < 370; shift++) {
    const date = new Date(Date.UTC(p.year, p.month - 1, p.day - shift));
    const weekday = date.getUTCDay();
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    if (weekday === 0 || weekday === 6 || calendar.daysOff.has(dayKey(y, m, d))) continue;
    for (let w = calendar.windows.length - 1; w >= 0; w--) {
      const [start, end] = calendar.windows[w] as readonly [number, number];
      const startMs = localToInstant(zone, y, m, d, 0, start);
      if (startMs + MINUTE > ms) continue;
      return Math.min(localToInstant(zone, y, m, d, 0, end), ms) - MINUTE;
    }
  }
  throw new RangeError("No working time within a year");
}
