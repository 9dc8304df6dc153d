/** When leads arrive: creation instants weighted by local hour, weekday and season. */

/*
 * The period is cut into UTC hours, each weighted by its local hour and weekday
 * (busy on weekday business hours, quiet at night and on weekends) and a mild seasonal trend.
 * Lead `i` of `n` is placed at the quantile `(i + u) / n` of that density, so creation times grow
 * with the lead number (as CRM ids do) while every lead can be computed on its own in O(log hours).
 */
import { deriveSeed, Rng } from "./random.js";
import { HOUR, localParts, localToInstant, parseIsoDate } from "./zone-time.js";

/** The arrival density of a generation period. */
export interface LeadCalendar {
  zone: string;
  /** First instant of the period (the start date's local midnight). */
  startMs: number;
  /** First instant after the period (the local midnight after the end date): the export moment. */
  cutoffMs: number;
  /** Cumulative weight at the end of each hour of the period. */
  cumulative: Float64Array;
}

const WEEKDAY_HOURS = [
  0.15, 0.1, 0.1, 0.1, 0.15, 0.2, 0.4, 1, 4, 10, 10, 10, 7, 10, 10, 9, 8, 6, 3, 2.5, 1.8, 1.8, 1.2, 0.6,
];
const WEEKEND_HOURS = [
  0.15, 0.1, 0.1, 0.1, 0.1, 0.1, 0.15, 0.3, 0.6, 1, 1.2, 1.2, 1.2, 1.2, 1.2, 1.1, 1, 1, 1, 1, 1, 0.8, 0.5,
  0.3,
];

function hourWeight(ms: number, zone: string, progress: number): number {
  const p = localParts(ms, zone);
  const weekend = p.weekday === 0 || p.weekday === 6;
  const base = (weekend ? WEEKEND_HOURS : WEEKDAY_HOURS)[p.hour] as number;
  const summer = p.month === 8 ? 0.8 : p.month === 12 && p.day > 20 ? 0.5 : 1;
  return base * summer * (0.85 + 0.3 * progress);
}

/** Builds the arrival density for local dates `start`..`end` (inclusive, `YYYY-MM-DD`) in `zone`. */
export function buildLeadCalendar(start: string, end: string, zone: string): LeadCalendar {
  const s = parseIsoDate(start);
  const e = parseIsoDate(end);
  const startMs = localToInstant(zone, s.year, s.month, s.day);
  const cutoffMs = localToInstant(zone, e.year, e.month, e.day + 1);
  if (!(cutoffMs > startMs)) throw new RangeError(`The end date ${end} is before the start date ${start}`);
  const hours = Math.ceil((cutoffMs - startMs) / HOUR);
  const cumulative = new Float64Array(hours);
  let total = 0;
  for (let h = 0; h < hours; h++) {
    total += hourWeight(startMs + h * HOUR, zone, h / hours);
    cumulative[h] = total;
  }
  return { zone, startMs, cutoffMs, cumulative };
}

/** The creation instant (whole seconds) of lead `index` of `count` for `seed`. */
export function creationInstant(calendar: LeadCalendar, seed: number, index: number, count: number): number {
  const { cumulative, startMs, cutoffMs } = calendar;
  const u = new Rng(deriveSeed(seed, 0xca1, index)).next();
  const total = cumulative[cumulative.length - 1] as number;
  const target = ((index + u) / count) * total;
  let lo = 0;
  let hi = cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cumulative[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  const before = lo === 0 ? 0 : (cumulative[lo - 1] as number);
  const within = (target - before) / ((cumulative[lo] as number) - before);
  const ms = startMs + lo * HOUR + Math.min(Math.max(within, 0), 0.999999) * HOUR;
  return Math.min(Math.floor(ms / 1000) * 1000, cutoffMs - 1000);
}
