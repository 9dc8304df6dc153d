/** Cohort conversion A→B: of the journeys that entered A in the period, the share that entered B. */

/**
 * Cohort conversion A→B (docs/definitions.md): of the journeys that entered A inside the
 * period, the share that entered B later in the same journey (within the window, if any).
 * Journeys still able to convert (not ended, window open) are in flight: the headline rate leaves
 * them out only with a window and when most journeys are decided (rateBasis).
 */

import { Samples } from "../paged.js";
import type { Journey, Millis, SlaConfig } from "../types.js";
import { addCounts, hours2, percentile, rate4, ratio, wilson } from "./stats.js";
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
function addStepCounts(t: StepTally, p: Omit<StepPart, "latencies">): void {
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

/** The steps reported: each adjacent pair, then first→last. */
export function conversionPairs(config: SlaConfig): [number, number][] {
  const n = config.stages.length;
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < n; i++) pairs.push([i, i + 1]);
  if (n > 2) pairs.push([0, n - 1]);
  return pairs;
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

/** A ConversionTally as it crosses threads. */
export interface ConversionPart {
  tallies: StepPart[];
  entries: number[];
}

/** The steps a ConversionTally counts, made once per config: a breakdown holds a tally per value. */
const layouts = new WeakMap<
  SlaConfig,
  { pairs: [number, number][]; keys: number[]; steps: [number, number][] }
>();
function layoutOf(config: SlaConfig) {
  let layout = layouts.get(config);
  if (!layout) {
    const pairs = conversionPairs(config);
    const wanted = new Map<number, [number, number]>();
    for (const [a, b] of pairs) {
      wanted.set(a * 1000 + b, [a, b]);
      wanted.set(b, [0, b]);
    }
    layout = { pairs, keys: [...wanted.keys()], steps: [...wanted.values()] };
    layouts.set(config, layout);
  }
  return layout;
}

/**
 * Every pair a step row or a cumulative rate needs, each once, all tallied as journeys come (a
 * journey is read once while it is in the cache, not once per pair), with the flow view: entries
 * into each stage during the period, whatever cohort they belong to.
 */
export class ConversionTally {
  private readonly pairs: [number, number][];
  private readonly keys: number[];
  private readonly steps: [number, number][];
  private readonly tallies: StepTally[];
  private readonly entries: number[];

  constructor(
    private readonly config: SlaConfig,
    private readonly period: Period,
    private readonly asOf: Millis,
  ) {
    ({ pairs: this.pairs, keys: this.keys, steps: this.steps } = layoutOf(config));
    this.tallies = this.steps.map(() => emptyStepTally());
    this.entries = config.stages.map(() => 0);
  }

  /** Adds a journey; a lead's journeys one after another. */
  add(j: Journey): void {
    const { config, period, asOf, steps, tallies, entries } = this;
    for (let k = 0; k < steps.length; k++) {
      const [a, b] = steps[k] as [number, number];
      addJourney(tallies[k] as StepTally, j, a, b, config, period, asOf);
    }
    for (let s = 0; s < entries.length; s++) {
      const e = j.entries[s];
      if (e && e.at >= period.from && e.at <= period.to) entries[s] = (entries[s] as number) + 1;
    }
  }

  part(): ConversionPart {
    return { tallies: this.tallies.map(stepPart), entries: [...this.entries] };
  }

  /** Adds another part's tally (parts share no lead). */
  merge(p: ConversionPart): void {
    p.tallies.forEach((t, k) => {
      absorbStep(this.tallies[k] as StepTally, t);
    });
    addCounts(this.entries, p.entries);
  }

  /**
   * Adds another tally of the same config (one over other leads) in this thread: its counts, and
   * its latencies pushed one by one (a breakdown folds thousands of small groups into one).
   */
  absorb(other: ConversionTally): void {
    other.tallies.forEach((o, k) => {
      const t = this.tallies[k] as StepTally;
      addStepCounts(t, o);
      if (o.latencies.length > 0) for (const x of o.latencies.sorted()) t.latencies.push(x);
    });
    addCounts(this.entries, other.entries);
  }

  /** Entries into each stage during the period, by stage index. */
  entryCounts(): readonly number[] {
    return this.entries;
  }

  rows(): ConversionStep[] {
    const { config, entries } = this;
    const tally = (a: number, b: number) => this.tallies[this.keys.indexOf(a * 1000 + b)] as StepTally;
    return this.pairs.map(([a, b]) => {
      const windowed = config.conversionWindow !== null;
      const row = stepRow(
        tally(a, b),
        config.stages[a]?.id ?? "",
        config.stages[b]?.id ?? "",
        config.minSample,
        windowed,
      );
      const cumulative = a === 0 ? row : stepRow(tally(0, b), "", "", config.minSample, windowed);
      const [from, to] = [entries[a] ?? 0, entries[b] ?? 0];
      return {
        ...row,
        cumulative_rate: cumulative.rate,
        flow_from: from,
        flow_to: to,
        flow_ratio: rate4(ratio(to, from)),
      };
    });
  }
}

/**
 * Conversion of every step over all journeys: cohort, cumulative (first stage → `to`) and flow
 * views. A lead's journeys must come one after another (as replays give them): distinct leads
 * are counted as the lead id changes.
 */
export function computeConversion(
  journeys: readonly Journey[],
  config: SlaConfig,
  period: Period,
  asOf: Millis,
): ConversionStep[] {
  const t = new ConversionTally(config, period, asOf);
  for (const j of journeys) t.add(j);
  return t.rows();
}
