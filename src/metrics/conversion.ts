/** Cohort conversion A→B: of the journeys that entered A in the period, the share that entered B. */

/**
 * Cohort conversion A→B (docs/definitions.md): of the journeys that entered A inside the
 * period, the share that entered B later in the same journey (within the window, if any).
 * Journeys still able to convert (not ended, window open) are in flight: the headline rate leaves
 * them out only with a window and when most journeys are decided (rateBasis).
 */

import type { Journey, Millis, SlaConfig } from "../types.js";
import {
  absorbStep,
  addJourney,
  addStepCounts,
  emptyStepTally,
  type Period,
  type StepPart,
  type StepTally,
  stepPart,
  stepRow,
} from "./conversion-step.js";
import { addCounts, rate4, ratio } from "./stats.js";
import type { ConversionStep } from "./types.js";

// The step's own functions, as tests and the tallies knew them here.
export { absorbStep, addJourney, emptyStepTally, type Period, stepPart, stepRow };

/** The steps reported: each adjacent pair, then first→last. */
export function conversionPairs(config: SlaConfig): [number, number][] {
  const n = config.stages.length;
  const pairs: [number, number][] = [];
  for (let i = 0; i + 1 < n; i++) pairs.push([i, i + 1]);
  if (n > 2) pairs.push([0, n - 1]);
  return pairs;
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
