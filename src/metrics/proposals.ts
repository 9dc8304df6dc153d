/** Evidence for the next version of the SLA: the windows and targets the data supports, as data. */

/*
 * Proposals never change the SLA file: they print what the audited period says. Per handoff (and
 * per accountable rep): the shortest window at which the target share was met, and compliance at
 * a few candidate windows (proposals-scale.ts says how unanswered obligations count). Per
 * commitment: the largest target met in at least half of the judged periods.
 */

import type { HandoffDef, SlaConfig } from "../types.js";
import type { Obligation, ObligationContext } from "./obligations.js";
import { type Reading, readAt, type Scaled, scaled, scaleOf, windowFor } from "./proposals-scale.js";
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

interface Valued {
  value: number;
  answered: boolean;
  owner: string;
}

/** The obligations of one handoff on its scale, each with its accountable owner. */
function valuesOf(h: HandoffDef, obligations: readonly Obligation[], ctx: ObligationContext): Valued[] {
  return obligations
    .filter((o) => o.handoff === h.id)
    .map((o) => {
      const owner = o.runs[o.runs.length - 1]?.owner ?? o.owner;
      const clock = ctx.clockFor(owner);
      return {
        value: scaleOf(o, clock, h.within, ctx.asOf),
        answered: o.response !== null,
        owner: o.owner ?? "(unassigned)",
      };
    });
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
  const values = valuesOf(h, obligations, ctx);
  const all = scaled(values);
  const byRep = new Map<string, Valued[]>();
  for (const v of values) {
    const list = byRep.get(v.owner);
    if (list) list.push(v);
    else byRep.set(v.owner, [v]);
  }
  const reps = [...byRep.keys()].sort().map((rep): RepProposal => {
    const s = scaled(byRep.get(rep) as Valued[]);
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
  return {
    definition: PROPOSALS_DEFINITION,
    handoffs: config.handoffs.map((h) => handoffProposal(h, obligations, contextFor(h), config.minSample)),
    commitments: commitmentProposals(commitments),
  };
}
