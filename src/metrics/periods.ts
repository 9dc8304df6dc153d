/** Calendar periods (ISO weeks from Monday, or months) in the SLA's zone, covering an audit period. */

import { addDays, instantOf, wallOf, weekdayOf } from "../time/zone.js";
import type { Millis } from "../types.js";

export interface Bucket {
  /** "2026-W19" or "2026-05". */
  label: string;
  from: Millis;
  /** Exclusive end. */
  to: Millis;
  /** The audit period covers only part of it. */
  partial: boolean;
}

type Day = { y: number; m: number; d: number };
const midnight = (day: Day, zone: string) => instantOf({ ...day, h: 0, mi: 0, s: 0, ms: 0 }, zone);
const pad = (n: number) => String(n).padStart(2, "0");

/** ISO 8601 week label of a date: the week belongs to the year of its Thursday. */
export function isoWeekLabel(day: Day): string {
  const monday = (weekdayOf(day.y, day.m, day.d) + 6) % 7;
  const thursday = addDays(day.y, day.m, day.d, 3 - monday);
  let dayOfYear = 0;
  for (let k = 0; ; k++) {
    const t = addDays(thursday.y, 1, 1, k);
    if (t.m === thursday.m && t.d === thursday.d) {
      dayOfYear = k;
      break;
    }
  }
  return `${thursday.y}-W${pad(Math.floor(dayOfYear / 7) + 1)}`;
}

export type PeriodKind = "week" | "month" | "quarter";

/** The weeks, months or quarters that overlap [from, to] (to inclusive), in order. */
export function buckets(from: Millis, to: Millis, kind: PeriodKind, zone: string): Bucket[] {
  const w = wallOf(from, zone);
  const months = kind === "quarter" ? 3 : 1;
  let day: Day =
    kind === "week"
      ? addDays(w.y, w.m, w.d, -((weekdayOf(w.y, w.m, w.d) + 6) % 7))
      : { y: w.y, m: kind === "quarter" ? w.m - ((w.m - 1) % 3) : w.m, d: 1 };
  const out: Bucket[] = [];
  for (let start = midnight(day, zone); start <= to; ) {
    const m = day.m + months;
    const next: Day =
      kind === "week"
        ? addDays(day.y, day.m, day.d, 7)
        : m > 12
          ? { y: day.y + 1, m: m - 12, d: 1 }
          : { y: day.y, m, d: 1 };
    const end = midnight(next, zone);
    const label =
      kind === "week"
        ? isoWeekLabel(day)
        : kind === "quarter"
          ? `${day.y}-Q${(day.m + 2) / 3}`
          : `${day.y}-${pad(day.m)}`;
    out.push({ label, from: start, to: end, partial: start < from || end - 1 > to });
    day = next;
    start = end;
  }
  return out;
}

/** An audit period, with the span of the data's valid time stamps when known. */
export interface AuditPeriod {
  from: Millis;
  to: Millis;
  /** Earliest and latest valid time stamp of the inputs. */
  data?: { from: Millis; to: Millis };
}

/**
 * The periods an audit reports on: those overlapping both the audit period and the data's span.
 * A period outside the data holds no time stamp (every count is by a time stamp of the data), so
 * an open-ended --from or --to, or an --as-of long after the data, costs nothing and adds no empty
 * rows. Partial still means what the audit period covers in part: a week the period covers in
 * full is judged, wherever in it the data stops.
 */
export function periodBuckets(period: AuditPeriod, kind: PeriodKind, zone: string): Bucket[] {
  const from = Math.max(period.from, period.data?.from ?? period.from);
  const to = Math.min(period.to, period.data?.to ?? period.to);
  if (from > to) return [];
  return buckets(from, to, kind, zone).map((b) => ({
    ...b,
    partial: b.from < period.from || b.to - 1 > period.to,
  }));
}

/** The bucket holding instant t, or undefined (the list in order and contiguous, as buckets makes it). */
export function bucketOf(list: readonly Bucket[], t: Millis): Bucket | undefined {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as Bucket).to <= t) lo = mid + 1;
    else hi = mid;
  }
  const b = list[lo];
  return b !== undefined && t >= b.from && t < b.to ? b : undefined;
}
