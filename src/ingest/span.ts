/** The span of the data's time stamps (its bulk and outliers), for the default period and as-of. */

/**
 * The span of the data's time stamps, for the default period and as-of (docs/definitions.md,
 * "Period and as-of"): one pass counts the stamps per day; the bulk is the run of days around the
 * median day with no hole longer than max(90 days, half the interquartile range); a stamp on a
 * day outside it (an activity six years before any lead, a typo a year ahead) is an outlier that
 * moves neither. Memory: three arrays of one entry per day between the floor and the ceiling.
 */

import type { Place } from "../types.js";

const DAY = 86_400_000;
const MIN_GAP_DAYS = 90;
/** A day array longer than this (a ceiling centuries away) is not kept: plain min and max then. */
const MAX_DAYS = 200_000;

export interface SpanResult {
  earliest: number | null;
  latest: number | null;
  /** The bulk's first and last instants; stamps outside are outliers. */
  inBulk: (t: number) => boolean;
  /** Activity days outside the bulk: the first row seen that day and how many stamps it holds. */
  outlierDays: { at: number; place: Place; count: number }[];
}

export class TimeSpan {
  private readonly counts: Uint32Array | null;
  private readonly lo: Float64Array;
  private readonly hi: Float64Array;
  private readonly firstPlace = new Map<number, Place>();
  private min = Number.POSITIVE_INFINITY;
  private max = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly floor: number,
    ceiling: number,
  ) {
    const days = Number.isFinite(ceiling)
      ? Math.floor((ceiling - floor) / DAY) + 1
      : Number.POSITIVE_INFINITY;
    this.counts = days > 0 && days <= MAX_DAYS ? new Uint32Array(days) : null;
    const n = this.counts?.length ?? 0;
    this.lo = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    this.hi = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  }

  /** Counts a stamp; `place` (copied) names the first of its day, for an activity's finding. */
  see(t: number, place?: Place): void {
    if (t < this.min) this.min = t;
    if (t > this.max) this.max = t;
    const c = this.counts;
    if (!c) return;
    const d = Math.floor((t - this.floor) / DAY);
    if (d < 0 || d >= c.length) return;
    if ((c[d] as number) === 0 && place) this.firstPlace.set(d, { file: place.file, line: place.line });
    c[d] = (c[d] as number) + 1;
    if (t < (this.lo[d] as number)) this.lo[d] = t;
    if (t > (this.hi[d] as number)) this.hi[d] = t;
  }

  finish(): SpanResult {
    const c = this.counts;
    const none = this.min > this.max;
    const plain: SpanResult = {
      earliest: none ? null : this.min,
      latest: none ? null : this.max,
      inBulk: () => true,
      outlierDays: [],
    };
    if (!c || none) return plain;
    let total = 0;
    for (let d = 0; d < c.length; d++) total += c[d] as number;
    const dayAt = (rank: number) => {
      let seen = 0;
      for (let d = 0; d < c.length; d++) {
        seen += c[d] as number;
        if (seen > rank) return d;
      }
      return c.length - 1;
    };
    const median = dayAt(Math.floor(total / 2));
    const iqr = dayAt(Math.floor((total * 3) / 4)) - dayAt(Math.floor(total / 4));
    const gap = Math.max(MIN_GAP_DAYS, iqr / 2);
    let first = median;
    for (let d = median - 1; d >= 0 && first - d <= gap; d--) if ((c[d] as number) > 0) first = d;
    let last = median;
    for (let d = median + 1; d < c.length && d - last <= gap; d++) if ((c[d] as number) > 0) last = d;
    const from = this.lo[first] as number;
    const to = this.hi[last] as number;
    const outlierDays: SpanResult["outlierDays"] = [];
    for (const [d, place] of this.firstPlace)
      if (d < first || d > last) outlierDays.push({ at: this.lo[d] as number, place, count: c[d] as number });
    outlierDays.sort((a, b) => a.at - b.at);
    return { earliest: from, latest: to, inBulk: (t) => t >= from && t <= to, outlierDays };
  }
}
