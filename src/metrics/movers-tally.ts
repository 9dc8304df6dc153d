/** Per-group tallies of each handoff's compliance and each step's conversion, for "why a figure moved". */

/**
 * Decided cases and hits (met obligations, converted journeys) per group of each dimension
 * (movers-groups.ts), lead after lead, mergeable across threads. Rep load needs every lead's
 * obligations first, so each case with a rep keeps its arrival instant (8 bytes, in a list per rep,
 * target and outcome) and its load bucket is counted in finish(); a case with no rep is "(none)" at once.
 */

import type { Samples } from "../paged.js";
import type { HandoffDef, Journey, Lead, Millis, Rep, SlaConfig } from "../types.js";
import { dimensionOf, NONE } from "./breakdown.js";
import { conversionPairs } from "./conversion.js";
import { addJourney, emptyStepTally, type Period, type StepTally } from "./conversion-step.js";
import { calendarGroups, hourOf, loadBucket, OpenIntervals, samplesOf } from "./movers-groups.js";
import {
  type DimensionGroups,
  type GroupTallies,
  type GroupTriple,
  MOVER_DIMENSIONS,
} from "./movers-types.js";
import type { Obligation } from "./obligations.js";

/**
 * The arrivals of the cases with a rep, for the rep-load count: per rep, per target and outcome
 * (code = target × 2 + hit), the instants. Their order is never read, only their counts per bucket.
 */
class Arrivals {
  private readonly byRep = new Map<string, Map<number, Samples>>();

  add(rep: string, code: number, at: Millis): void {
    let codes = this.byRep.get(rep);
    if (!codes) {
      codes = new Map();
      this.byRep.set(rep, codes);
    }
    samplesOf(codes, code).push(at);
  }

  /** Each rep's instants per code, ascending (typed arrays: moved across threads, not copied). */
  part(): [string, [number, Float64Array][]][] {
    return [...this.byRep].map(([rep, codes]) => [rep, [...codes].map(([c, s]) => [c, s.sorted()])]);
  }

  merge(part: readonly [string, [number, Float64Array][]][]): void {
    for (const [rep, codes] of part) {
      let mine = this.byRep.get(rep);
      if (!mine) {
        mine = new Map();
        this.byRep.set(rep, mine);
      }
      for (const [code, at] of codes) samplesOf(mine, code).appendSorted(at);
    }
  }

  /** Every rep's instants of each code. */
  each(visit: (rep: string, code: number, at: Float64Array) => void): void {
    for (const [rep, codes] of this.byRep) for (const [code, s] of codes) visit(rep, code, s.sorted());
  }
}

/** A MoversTally as it crosses threads. */
export interface MoversPart {
  /** Per target, per dimension (rep load: the cases with no rep only). */
  counts: GroupTriple[][][];
  open: [string, Float64Array, Float64Array][];
  arrivals: [string, [number, Float64Array][]][];
}

// The dimensions counted as cases come (all but load, counted in finish(); index DIRECT).
const DIRECT = MOVER_DIMENSIONS.length - 1;

const bump = (m: Map<string, [number, number]>, key: string, n: number, k: number) => {
  const c = m.get(key);
  if (c) {
    c[0] += n;
    c[1] += k;
  } else m.set(key, [n, k]);
};

const triples = (m: Map<string, [number, number]>): GroupTriple[] =>
  [...m]
    .map(([g, [n, k]]): GroupTriple => [g, n, k])
    .sort(([a], [b]) => (a === NONE ? 1 : b === NONE ? -1 : a < b ? -1 : a > b ? 1 : 0));

/** Targets: the handoffs by index, then the conversion steps. */
export class MoversTally {
  private readonly counts: Map<string, [number, number]>[][];
  private readonly open = new OpenIntervals();
  private readonly arrivals = new Arrivals();
  private readonly pairs: [number, number][];
  /** The steps' indexes by their first stage: those from one stage one after another (the memo's hits). */
  private readonly byStart: number[];
  private readonly groupsAt: ReturnType<typeof calendarGroups>;
  private readonly memo: {
    at: Millis;
    owner: string | null;
    pinned: string | null;
    lead: Lead | null;
    keys: string[];
  } = {
    at: Number.NaN,
    owner: null,
    pinned: null,
    lead: null,
    keys: [],
  };
  // A step's outcome for one journey, read from a scratch tally (the conversion's own rule).
  private readonly scratch: StepTally = {
    ...emptyStepTally(),
    latencies: { push() {} } as unknown as Samples,
  };

  constructor(
    private readonly config: SlaConfig,
    reps: readonly Rep[],
    private readonly period: Period,
    private readonly asOf: Millis,
  ) {
    this.pairs = conversionPairs(config);
    this.byStart = [...this.pairs.keys()].sort(
      (x, y) => (this.pairs[x]?.[0] ?? 0) - (this.pairs[y]?.[0] ?? 0) || x - y,
    );
    const targets = config.handoffs.length + this.pairs.length;
    this.counts = Array.from({ length: targets }, () => MOVER_DIMENSIONS.map(() => new Map()));
    this.groupsAt = calendarGroups(config, reps);
  }

  /** One obligation of handoff h (in the period or not: every one may load its rep). */
  addObligation(h: number, o: Obligation, lead: Lead): void {
    const inPeriod = o.entryAt >= this.period.from && o.entryAt <= this.period.to;
    const close = Math.min(o.response?.at ?? Number.POSITIVE_INFINITY, o.deadline, this.asOf);
    if (o.owner !== null) this.open.add(o.owner, o.entryAt, close);
    if (!inPeriod || o.status === "pending") return;
    const pinned = (this.config.handoffs[h] as HandoffDef).calendar;
    this.addCase(h, lead, o.owner, o.entryAt, o.status === "met" ? 1 : 0, pinned);
  }

  /** One journey of a lead whose latest owner is `owner`: a case of each step it is decided in. */
  addJourney(j: Journey, lead: Lead, owner: string | null): void {
    const { scratch: t, pairs, config, period, asOf } = this;
    const base = config.handoffs.length;
    for (const k of this.byStart) {
      const [a, b] = pairs[k] as [number, number];
      t.entered = t.converted = t.inFlight = t.excluded = 0;
      addJourney(t, j, a, b, config, period, asOf);
      if (t.entered === 0 || t.inFlight + t.excluded > 0) continue;
      this.addCase(base + k, lead, owner, (j.entries[a] as { at: Millis }).at, t.converted, null);
    }
  }

  private addCase(
    target: number,
    lead: Lead,
    owner: string | null,
    at: Millis,
    hit: number,
    pinned: string | null,
  ): void {
    // A journey's steps from one stage share their arrival: its groups are worked out once.
    const memo = this.memo;
    if (memo.at !== at || memo.owner !== owner || memo.pinned !== pinned || memo.lead !== lead) {
      const [afterHours, weekend] = this.groupsAt(at, owner, pinned);
      const hour = hourOf(at, this.config.timezone);
      Object.assign(memo, {
        at,
        owner,
        pinned,
        lead,
        keys: [dimensionOf(lead, "source"), owner ?? NONE, hour, afterHours, weekend],
      });
    }
    const maps = this.counts[target] as Map<string, [number, number]>[];
    for (let d = 0; d < DIRECT; d++)
      bump(maps[d] as Map<string, [number, number]>, memo.keys[d] as string, 1, hit);
    if (owner === null) bump(maps[DIRECT] as Map<string, [number, number]>, NONE, 1, hit);
    else this.arrivals.add(owner, target * 2 + hit, at);
  }

  part(): MoversPart {
    const counts = this.counts.map((maps) =>
      maps.map((m) => [...m].map(([g, [n, k]]): GroupTriple => [g, n, k])),
    );
    return { counts, open: this.open.part(), arrivals: this.arrivals.part() };
  }

  /** Adds another part's tallies (parts share no lead). */
  merge(p: MoversPart): void {
    p.counts.forEach((maps, t) => {
      maps.forEach((list, d) => {
        for (const [g, n, k] of list) bump(this.counts[t]?.[d] as Map<string, [number, number]>, g, n, k);
      });
    });
    this.open.merge(p.open);
    this.arrivals.merge(p.arrivals);
  }

  /** The groups of every target, each dimension's sorted by key ("(none)" last); rep load counted now. */
  finish(): GroupTallies {
    const load = this.counts.map(
      (maps) =>
        new Map([...(maps[DIRECT] as Map<string, [number, number]>)].map(([g, [n, k]]) => [g, [n, k]])),
    );
    this.arrivals.each((rep, code, at) => {
      const m = load[code >> 1] as Map<string, [number, number]>;
      for (let i = 0; i < at.length; i++)
        bump(m, loadBucket(this.open.openAt(rep, at[i] as number)), 1, code & 1);
    });
    const groupsOf = (t: number): DimensionGroups => {
      const maps = [...(this.counts[t] as Map<string, [number, number]>[]).slice(0, DIRECT), load[t]];
      return Object.fromEntries(
        MOVER_DIMENSIONS.map((d, i) => [d, triples(maps[i] as Map<string, [number, number]>)]),
      ) as DimensionGroups;
    };
    const base = this.config.handoffs.length;
    const stage = (i: number) => this.config.stages[i]?.id ?? "";
    return {
      handoffs: this.config.handoffs.map((h, i) => ({ id: h.id, groups: groupsOf(i) })),
      steps: this.pairs.map(([a, b], k) => ({ from: stage(a), to: stage(b), groups: groupsOf(base + k) })),
    };
  }
}
