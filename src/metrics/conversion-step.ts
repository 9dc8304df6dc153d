/** One conversion step A→B: its tally (cohort, flow, latencies), how it merges, and its report row. */

import { Samples } from "../paged.js";
import type { Journey, Millis, SlaConfig } from "../types.js";
import { hours2, percentile, rate4, ratio, wilson } from "./stats.js";
import type { ConversionStep } from "./types.js";

export interface Period {
  from: Millis;
  to: Millis;
}

/**
 * A mergeable tally of one step (empty, add, absorb): tallies of parts that share no lead combine
 * exactly. Journeys are added lead after lead (a lead's journeys one after another), so leads are
 * counted without keeping their ids.
 */
export interface StepTally {
  entered: number;
  converted: number;
  inFlight: number;
  skipped: number;
  /** Skipped journeys left out of the denominator (`eligible`). */
  excluded: number;
  open: number;
  /** Distinct leads among the journeys entered. */
  leads: number;
  /** The lead counted last. */
  lastLead?: string;
  latencies: Samples;
}

export const emptyStepTally = (): StepTally => ({
  entered: 0,
  converted: 0,
  inFlight: 0,
  skipped: 0,
  excluded: 0,
  open: 0,
  leads: 0,
  latencies: new Samples(),
});

/** A StepTally as it crosses threads (structured clone): its latencies as an ascending array. */
export type StepPart = Omit<StepTally, "latencies" | "lastLead"> & { latencies: Float64Array };

export function stepPart(t: StepTally): StepPart {
  const { lastLead: _, ...counts } = t;
  return { ...counts, latencies: t.latencies.sorted() };
}

/** Adds the tally of another part of the journeys to `t`: exact when the parts share no lead. */
export function absorbStep(t: StepTally, p: StepPart): void {
  addStepCounts(t, p);
  t.latencies.appendSorted(p.latencies);
}

/** Adds the counts of another tally of the same step (over other leads) to `t`. */
export function addStepCounts(t: StepTally, p: Omit<StepPart, "latencies">): void {
  t.entered += p.entered;
  t.converted += p.converted;
  t.inFlight += p.inFlight;
  t.skipped += p.skipped;
  t.excluded += p.excluded;
  t.open += p.open;
  t.leads += p.leads;
}

/** Adds one journey to the tally of step a→b (stage indexes). */
export function addJourney(
  t: StepTally,
  j: Journey,
  a: number,
  b: number,
  config: SlaConfig,
  period: Period,
  asOf: Millis,
): void {
  const start = j.entries[a];
  if (!start || start.at < period.from || start.at > period.to) return;
  t.entered++;
  // A lead's journeys come one after another: a new id is a new lead.
  if (t.lastLead !== j.leadId) {
    t.leads++;
    t.lastLead = j.leadId;
  }
  const window = config.conversionWindow?.amount ?? null;
  const target = j.entries[b];
  let beyond = false;
  for (let k = b + 1; k < j.entries.length && !beyond; k++) beyond = j.entries[k] !== undefined;
  const skipped = (target === undefined || target.backfilled) && beyond;
  if (skipped) t.skipped++;
  const windowOpen = window !== null && start.at + window > asOf;
  if (window !== null && windowOpen) t.open++;
  if (target && target.at >= start.at && (window === null || target.at - start.at <= window)) {
    t.converted++;
    // A snapshot's times are all its one instant: no latency to measure.
    if (!target.backfilled && !start.backfilled && config.snapshotAt === null)
      t.latencies.push(target.at - start.at);
    return;
  }
  if (skipped) {
    if (config.skippedStages === "eligible") t.excluded++;
    return;
  }
  if (j.end === null && (window === null || windowOpen)) t.inFlight++;
}

/**
 * The denominator of a step's headline rate (docs/definitions.md, "Headline rate"): the decided
 * journeys when there is a window and at least half of the step's journeys are decided; else every
 * journey counted (in-flight ones as not converted yet), so a step whose journeys are mostly
 * undecided never reads near 100%: converted <= decided < half of them.
 */
export function rateBasis(
  counted: number,
  decided: number,
  windowed: boolean,
): { basis: "decided" | "entered"; n: number } {
  return windowed && 2 * decided >= counted
    ? { basis: "decided", n: decided }
    : { basis: "entered", n: counted };
}

export function stepRow(
  t: StepTally,
  from: string,
  to: string,
  minSample = 20,
  windowed = false,
): ConversionStep {
  const counted = t.entered - t.excluded;
  const decided = counted - t.inFlight;
  const { basis, n } = rateBasis(counted, decided, windowed);
  const sorted = t.latencies.sorted();
  const interval = wilson(t.converted, n);
  return {
    from,
    to,
    entered: t.entered,
    converted: t.converted,
    in_flight: t.inFlight,
    skipped: t.skipped,
    decided,
    rate: rate4(ratio(t.converted, n)),
    rate_basis: basis,
    decided_share: rate4(ratio(decided, counted)),
    rate_low: rate4(interval?.low ?? null),
    rate_high: rate4(interval?.high ?? null),
    small_sample: n < minSample,
    rate_of_entered: rate4(ratio(t.converted, t.entered)),
    leads: t.leads,
    mature: t.inFlight === 0 && t.open === 0,
    median_hours: hours2(percentile(sorted, 0.5)),
    p90_hours: hours2(percentile(sorted, 0.9)),
    cumulative_rate: null,
    flow_from: 0,
    flow_to: 0,
    flow_ratio: null,
  };
}
