/** Evidence for the next version of the SLA: the windows and targets the data supports, as data. */

/*
 * Proposals never change the SLA file: they print what the audited period says. Per handoff (and
 * per accountable rep): the shortest window at which the target share was met, and compliance at
 * a few candidate windows (proposals-scale.ts says how unanswered obligations count). Per
 * commitment: the largest target met in at least half of the judged periods.
 */

import { Samples } from "../paged.js";
import type { HandoffDef, SlaConfig } from "../types.js";
import { samplesOf } from "./movers-groups.js";
import type { Obligation, ObligationContext } from "./obligations.js";
import { type Reading, readAt, type Scaled, scaleOf, windowFor } from "./proposals-scale.js";
import { candidateWindows, inUnit, roundUpWindow, scaleUnit, windowText } from "./proposals-windows.js";
import { rate4 } from "./stats.js";
import type { CommitmentRow } from "./types.js";

export const PROPOSALS_DEFINITION = {
  window_needed:
    "the shortest window at which the share of obligations met reaches the target: the smallest response time W (on the handoff's clock, from the deciding clock's start) with met / (met + late + missed) ≥ target at W; an unanswered obligation counts as missed (never answered) at every window shorter than the time it has been open at as-of, and as pending (left out) at longer ones; null when even the longest response leaves the share under the target",
  candidates:
    "compliance the audit would report at ½, ¾, 1, 1.5 and 2 times the current window and the round values near them; owners and clock restarts are those found at the current window",
  commitments:
    "per commitment: the largest target met in at least half of the judged periods (met or missed; partial and no-data periods are not judged)",
} as const;

export interface WindowReading extends Reading {
  window: string;
  /** Hours (calendar or business) or business days, as `unit` says. */
  amount: number;
  current: boolean;
}

export interface NeededWindow {
  obligations: number;
  decided: number;
  /** Exact, in the handoff's unit; null when no window reaches the target. */
  window_needed: number | null;
  /** Rounded up to a window the SLA file can say ("3.5bh"). */
  window_needed_text: string | null;
}

export interface RepProposal extends NeededWindow {
  rep: string;
  compliance: number | null;
  small_sample: boolean;
}

export interface HandoffProposal extends NeededWindow {
  handoff: string;
  clock: "calendar" | "business";
  unit: "hours" | "business_days";
  within: string;
  target: number;
  compliance: number | null;
  candidates: WindowReading[];
  reps: RepProposal[];
}

export interface CommitmentProposal {
  team: CommitmentRow["team"];
  commitment: string;
  target: number;
  judged: number;
  kept: number;
  /** The largest target met in at least half of the judged periods (null: none judged). */
  proposed: number | null;
  kept_at_proposed: number;
}

export interface Proposals {
  definition: typeof PROPOSALS_DEFINITION;
  handoffs: HandoffProposal[];
  commitments: CommitmentProposal[];
}

/**
 * One handoff's obligations placed on its scale, by accountable owner: all its proposal reads.
 * Filled obligation by obligation (as the replay finds them, or from kept ones), 8 bytes each,
 * and mergeable across threads: the lists are only ever read sorted.
 */
export class ProposalValues {
  private readonly answered = new Map<string, Samples>();
  private readonly open = new Map<string, Samples>();

  constructor(
    private readonly h: HandoffDef,
    private readonly ctx: ObligationContext,
  ) {}

  /** An obligation of the handoff in the period, on the clock of its deciding run. */
  add(o: Obligation): void {
    const clock = this.ctx.clockFor(o.runs[o.runs.length - 1]?.owner ?? o.owner);
    const value = scaleOf(o, clock, this.h.within, this.ctx.asOf);
    samplesOf(o.response !== null ? this.answered : this.open, o.owner ?? "(unassigned)").push(value);
  }

  /** The values as they cross threads: per owner, answered and open, ascending. */
  part(): [string, Float64Array, Float64Array][] {
    return this.owners().map((owner) => {
      const s = this.scaledOf(owner);
      return [owner, s.answered, s.open];
    });
  }

  /** Adds another part's values (nothing is added after). */
  merge(part: readonly [string, Float64Array, Float64Array][]): void {
    for (const [owner, answered, open] of part) {
      samplesOf(this.answered, owner).appendSorted(answered);
      samplesOf(this.open, owner).appendSorted(open);
    }
  }

  /** The owners, sorted. */
  owners(): string[] {
    return [...new Set([...this.answered.keys(), ...this.open.keys()])].sort();
  }

  /** One owner's values, or every owner's (null). */
  scaledOf(owner: string | null): Scaled {
    const all = (m: Map<string, Samples>) => {
      const lists = owner === null ? [...m.values()] : [m.get(owner) ?? new Samples()];
      if (lists.length === 1) return (lists[0] as Samples).sorted();
      const out = new Float64Array(lists.reduce((n, l) => n + l.length, 0));
      let at = 0;
      for (const l of lists) {
        const xs = l.sorted();
        out.set(xs, at);
        at += xs.length;
      }
      return out.sort();
    };
    return { answered: all(this.answered), open: all(this.open) };
  }
}

/** The values of one handoff's obligations (those of other handoffs are left out). */
export function valuesOf(
  h: HandoffDef,
  obligations: readonly Obligation[],
  ctx: ObligationContext,
): ProposalValues {
  const values = new ProposalValues(h, ctx);
  for (const o of obligations) if (o.handoff === h.id) values.add(o);
  return values;
}

function needed(h: HandoffDef, s: Scaled): NeededWindow {
  const w = windowFor(s, h.target);
  const r = readAt(s, h.within.amount);
  const business = h.within.unit === "business_hours";
  const text =
    w === null
      ? null
      : windowText(h.within.unit === "business_days" ? w : roundUpWindow(w, business), h.within.unit);
  return {
    obligations: s.answered.length + s.open.length,
    decided: r.met + r.late + r.missed,
    window_needed: w === null ? null : inUnit(w, h.within),
    window_needed_text: text,
  };
}

/** One handoff's proposal from its obligations in the period. */
export function handoffProposal(
  h: HandoffDef,
  obligations: readonly Obligation[],
  ctx: ObligationContext,
  minSample: number,
): HandoffProposal {
  return proposalOf(h, valuesOf(h, obligations, ctx), minSample);
}

/** One handoff's proposal from its obligations' values (ProposalValues). */
export function proposalOf(h: HandoffDef, values: ProposalValues, minSample: number): HandoffProposal {
  const all = values.scaledOf(null);
  const reps = values.owners().map((rep): RepProposal => {
    const s = values.scaledOf(rep);
    const n = needed(h, s);
    return {
      rep,
      ...n,
      compliance: rate4(readAt(s, h.within.amount).compliance),
      small_sample: n.decided < minSample,
    };
  });
  return {
    handoff: h.id,
    clock: h.within.unit === "calendar" ? "calendar" : "business",
    unit: scaleUnit(h.within),
    within: h.within.text,
    target: h.target,
    compliance: rate4(readAt(all, h.within.amount).compliance),
    ...needed(h, all),
    candidates: candidateWindows(h.within).map((w) => {
      const r = readAt(all, w);
      return {
        window: windowText(w, h.within.unit),
        amount: inUnit(w, h.within),
        current: w === h.within.amount,
        ...r,
        compliance: rate4(r.compliance),
      };
    }),
    reps,
  };
}

/** Per commitment, the largest target met in at least half of its judged periods. */
export function commitmentProposals(rows: readonly CommitmentRow[]): CommitmentProposal[] {
  const groups = new Map<string, CommitmentRow[]>();
  for (const r of rows) {
    const key = `${r.team}.${r.commitment}`;
    const list = groups.get(key);
    if (list) list.push(r);
    else groups.set(key, [r]);
  }
  return [...groups.values()].map((g) => {
    const first = g[0] as CommitmentRow;
    const judged = g.filter((r) => (r.status === "met" || r.status === "missed") && r.actual !== null);
    const actuals = judged.map((r) => r.actual as number).sort((a, b) => b - a);
    // Met in at least half: the ceil(n/2)-th largest actual (met means actual ≥ target).
    const proposed = actuals.length ? (actuals[Math.ceil(actuals.length / 2) - 1] as number) : null;
    return {
      team: first.team,
      commitment: first.commitment,
      target: first.target,
      judged: judged.length,
      kept: judged.filter((r) => r.status === "met").length,
      proposed,
      kept_at_proposed: proposed === null ? 0 : actuals.filter((a) => a >= proposed).length,
    };
  });
}

/** Every proposal of an audit: its handoffs' obligations in the period and its commitment rows. */
export function computeProposals(
  config: SlaConfig,
  obligations: readonly Obligation[],
  contextFor: (h: HandoffDef) => ObligationContext,
  commitments: readonly CommitmentRow[],
): Proposals {
  const values = config.handoffs.map((h) => valuesOf(h, obligations, contextFor(h)));
  return proposalsOf(config, values, commitments);
}

/** Every proposal from each handoff's values, folded during the replay (AuditOptions.proposals). */
export function proposalsOf(
  config: SlaConfig,
  values: readonly ProposalValues[],
  commitments: readonly CommitmentRow[],
): Proposals {
  return {
    definition: PROPOSALS_DEFINITION,
    handoffs: config.handoffs.map((h, i) => proposalOf(h, values[i] as ProposalValues, config.minSample)),
    commitments: commitmentProposals(commitments),
  };
}
