/** Trends: the headline figures per week, month or quarter of the audited period. */

import type { Journey, Millis, SlaConfig } from "../types.js";
import { computeConversion, type Period } from "./conversion.js";
import { addObligation, complianceOf, emptyObligationTally } from "./latency.js";
import type { Obligation } from "./obligations.js";
import { type Bucket, buckets, type PeriodKind } from "./periods.js";
import { hours2, percentile, rate4 } from "./stats.js";
import type { TrendRow } from "./types.js";

/** One row per period: stage entries, each step's cohort rate and time to stage, each handoff's compliance. */
export function trendRows(
  config: SlaConfig,
  journeys: readonly Journey[],
  obligations: readonly Obligation[],
  period: Period,
  kind: PeriodKind,
  asOf: Millis,
): TrendRow[] {
  return buckets(period.from, period.to, kind, config.timezone).map((b: Bucket) => {
    const within: Period = { from: Math.max(b.from, period.from), to: Math.min(b.to - 1, period.to) };
    const inside = (t: number) => t >= within.from && t <= within.to;
    const steps = computeConversion(journeys, config, within, asOf);
    return {
      period: b.label,
      partial: b.partial,
      entries: Object.fromEntries(
        config.stages.map((s) => [
          s.id,
          journeys.filter((j) => {
            const e = j.entries[s.index];
            return e !== undefined && inside(e.at);
          }).length,
        ]),
      ),
      steps: steps.map((s) => ({
        from: s.from,
        to: s.to,
        entered: s.entered,
        rate: s.rate,
        median_hours: s.median_hours,
        p90_hours: s.p90_hours,
      })),
      handoffs: config.handoffs.map((h) => {
        const tally = emptyObligationTally();
        for (const o of obligations)
          if (o.handoff === h.id && inside(o.entryAt)) addObligation(tally, o, o.latencyMs);
        const sorted = tally.latencies.sort((x, y) => x - y);
        return {
          id: h.id,
          obligations: tally.obligations,
          compliance: rate4(complianceOf(tally)),
          p50_hours: hours2(percentile(sorted, 0.5)),
        };
      }),
    };
  });
}
