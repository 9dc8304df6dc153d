/** Per-group tallies of each handoff's compliance and each step's conversion, for "why a figure moved". */

/**
 * Decided cases and hits (met obligations, converted journeys) per group of each dimension
 * (movers-groups.ts), lead after lead, mergeable across threads. Rep load needs every lead's
 * obligations first, so each case's arrival is kept and its load bucket counted in finish().
 */

import type { Samples } from "../paged.js";
import type { HandoffDef, Journey, Lead, Millis, Rep, SlaConfig } from "../types.js";
import { dimensionOf, NONE } from "./breakdown.js";
import { conversionPairs } from "./conversion.js";
import { addJourney, emptyStepTally, type Period, type StepTally } from "./conversion-step.js";
import { calendarGroups, hourOf, loadBucket, OpenIntervals } from "./movers-groups.js";
import {
  type DimensionGroups,
  type GroupTallies,
  type GroupTriple,
  MOVER_DIMENSIONS,
} from "./movers-types.js";
import type { Obligation } from "./obligations.js";

/** Every case's arrival, kept for the rep-load count: parallel lists. */
interface Arrivals {
  rep: (string | null)[];
  at: number[];
  target: number[];
  hit: number[];
}

/** A MoversTally as it crosses threads. */
export interface MoversPart {
  counts: GroupTriple[][][];
  open: [string, number[], number[]][];
  arrivals: Arrivals;
}

// The dimensions counted as cases come (all but load).
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
  private readonly arrivals: Arrivals = { rep: [], at: [], target: [], hit: [] };
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
    this.counts = Array.from({ length: targets }, () => Array.from({ length: DIRECT }, () => new Map()));
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
    const { arrivals } = this;
    arrivals.rep.push(owner);
    arrivals.at.push(at);
    arrivals.target.push(target);
    arrivals.hit.push(hit);
  }

  part(): MoversPart {
    const counts = this.counts.map((maps) =>
      maps.map((m) => [...m].map(([g, [n, k]]): GroupTriple => [g, n, k])),
    );
    return { counts, open: this.open.part(), arrivals: this.arrivals };
  }

  /** Adds another part's tallies (parts share no lead). */
  merge(p: MoversPart): void {
    p.counts.forEach((maps, t) => {
      maps.forEach((list, d) => {
        for (const [g, n, k] of list) bump(this.counts[t]?.[d] as Map<string, [number, number]>, g, n, k);
      });
    });
    this.open.merge(p.open);
    const a = this.arrivals;
    for (let i = 0; i < p.arrivals.at.length; i++) {
      a.rep.push(p.arrivals.rep[i] ?? null);
      a.at.push(p.arrivals.at[i] as number);
      a.target.push(p.arrivals.target[i] as number);
      a.hit.push(p.arrivals.hit[i] as number);
    }
  }

  /** The groups of every target, each dimension's sorted by key ("(none)" last); rep load counted now. */
  finish(): GroupTallies {
    const load = this.counts.map(() => new Map<string, [number, number]>());
    const { rep, at, target, hit } = this.arrivals;
    for (let i = 0; i < at.length; i++) {
      const r = rep[i] ?? null;
      const bucket = r === null ? NONE : loadBucket(this.open.openAt(r, at[i] as number));
      bump(load[target[i] as number] as Map<string, [number, number]>, bucket, 1, hit[i] as number);
    }
    const groupsOf = (t: number): DimensionGroups => {
      const maps = [
        ...(this.counts[t] as Map<string, [number, number]>[]),
        load[t] as Map<string, [number, number]>,
      ];
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
