/** Trends: the headline figures per week, month or quarter of the audited period. */

import type { Journey, Millis, SlaConfig } from "../types.js";
import { type ConversionPart, ConversionTally, type Period } from "./conversion.js";
import {
  absorbObligations,
  addObligation,
  complianceOf,
  emptyObligationTally,
  type ObligationPart,
  type ObligationTally,
  obligationPart,
} from "./latency.js";
import type { Obligation } from "./obligations.js";
import { type AuditPeriod, type Bucket, type PeriodKind, periodBuckets } from "./periods.js";
import { hours2, percentile, rate4, ratio } from "./stats.js";
import type { TrendRow } from "./types.js";

interface BucketTally {
  bucket: Bucket;
  within: Period;
  conversion: ConversionTally;
  /** Per handoff, in the config's order. */
  handoffs: ObligationTally[];
  /** Per defined stage, in the definitions' order: [entries judged, met]. */
  defined: [number, number][];
}

/** A TrendTally as it crosses threads, period by period. */
export type TrendPart = {
  conversion: ConversionPart;
  handoffs: ObligationPart[];
  defined: [number, number][];
}[];

/** The headline figures per period, as journeys and obligations come. */
export class TrendTally {
  private readonly per: BucketTally[];

  constructor(
    private readonly config: SlaConfig,
    period: AuditPeriod,
    kind: PeriodKind,
    asOf: Millis,
  ) {
    this.per = periodBuckets(period, kind, config.timezone).map((bucket) => {
      const within: Period = {
        from: Math.max(bucket.from, period.from),
        to: Math.min(bucket.to - 1, period.to),
      };
      return {
        bucket,
        within,
        conversion: new ConversionTally(config, within, asOf),
        handoffs: config.handoffs.map(() => emptyObligationTally()),
        defined: (config.definitions?.stages ?? []).map((): [number, number] => [0, 0]),
      };
    });
  }

  addJourney(j: Journey): void {
    for (const b of this.per) b.conversion.add(j);
  }

  addObligation(o: Obligation): void {
    const h = this.config.handoffs.findIndex((x) => x.id === o.handoff);
    if (h < 0) return;
    for (const b of this.per)
      if (o.entryAt >= b.within.from && o.entryAt <= b.within.to)
        addObligation(b.handoffs[h] as ObligationTally, o, o.latencyMs);
  }

  /** An entry into a defined stage judged against the definition (definition-tally.ts). */
  addDefined(stage: string, at: Millis, met: boolean): void {
    const k = (this.config.definitions?.stages ?? []).findIndex((d) => d.stage === stage);
    if (k < 0) return;
    for (const b of this.per)
      if (at >= b.within.from && at <= b.within.to) {
        const d = b.defined[k] as [number, number];
        d[0]++;
        if (met) d[1]++;
      }
  }

  part(): TrendPart {
    return this.per.map((b) => ({
      conversion: b.conversion.part(),
      handoffs: b.handoffs.map(obligationPart),
      defined: b.defined.map(([n, m]): [number, number] => [n, m]),
    }));
  }

  /** Adds another part's tallies (its periods are these: the same buckets). */
  merge(part: TrendPart): void {
    part.forEach((p, k) => {
      const b = this.per[k] as BucketTally;
      b.conversion.merge(p.conversion);
      p.handoffs.forEach((h, i) => {
        absorbObligations(b.handoffs[i] as ObligationTally, h);
      });
      p.defined.forEach(([n, m], i) => {
        const d = b.defined[i] as [number, number];
        d[0] += n;
        d[1] += m;
      });
    });
  }

  /** One row per period: stage entries, each step's cohort rate and time to stage, each handoff's compliance. */
  rows(): TrendRow[] {
    const { config } = this;
    const defs = config.definitions?.stages ?? [];
    return this.per.map(({ bucket, conversion, handoffs, defined }) => {
      const entries = conversion.entryCounts();
      return {
        period: bucket.label,
        partial: bucket.partial,
        entries: Object.fromEntries(config.stages.map((s) => [s.id, entries[s.index] ?? 0])),
        steps: conversion.rows().map((s) => ({
          from: s.from,
          to: s.to,
          entered: s.entered,
          rate: s.rate,
          median_hours: s.median_hours,
          p90_hours: s.p90_hours,
        })),
        handoffs: config.handoffs.map((h, i) => {
          const tally = handoffs[i] as ObligationTally;
          const sorted = tally.latencies.sorted();
          return {
            id: h.id,
            obligations: tally.obligations,
            compliance: rate4(complianceOf(tally)),
            p50_hours: hours2(percentile(sorted, 0.5)),
          };
        }),
        // The share of each defined stage's entries that met the written definition (issue 19).
        ...(defs.length
          ? {
              definitions: defs.map((d, i) => {
                const [n, m] = defined[i] as [number, number];
                return { stage: d.stage, entries: n, met: m, rate: rate4(ratio(m, n)) };
              }),
            }
          : {}),
      };
    });
  }
}

/** One row per period: stage entries, each step's cohort rate and time to stage, each handoff's compliance. */
export function trendRows(
  config: SlaConfig,
  journeys: readonly Journey[],
  obligations: readonly Obligation[],
  period: AuditPeriod,
  kind: PeriodKind,
  asOf: Millis,
): TrendRow[] {
  const t = new TrendTally(config, period, kind, asOf);
  for (const j of journeys) t.addJourney(j);
  for (const o of obligations) t.addObligation(o);
  return t.rows();
}
