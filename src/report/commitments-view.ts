/** Commitments as people read them, shared by the HTML and Markdown reports. */

/*
 * A label per commitment (the terminal tables use it too), one grid key per (team, commitment),
 * and compact lists of periods ("W19–W26, W28 (2026)").
 */

import { isVolume } from "../metrics/commitments.js";
import { NO_REASON } from "../metrics/feedback.js";
import type { CommitmentRow, Report } from "../metrics/types.js";
import { count, pct } from "./format.js";

const LABELS: Record<string, string> = {
  mqls: "MQLs delivered",
  acceptance: "MQLs accepted",
  definition: "MQLs meeting the definition",
  pipeline: "pipeline created",
  reasons: "reasons given",
  revenue: "revenue won",
};

/** "MQLs delivered"; a handoff commitment by its handoff's id. */
export const commitmentLabel = (commitment: string) =>
  LABELS[commitment] ?? commitment.replace(/^handoff:/, "");

/** The figure as its kind reads: a count of MQLs or an amount, else a share. */
export const commitmentFigure = (commitment: string, x: number | null) =>
  x === null ? "–" : isVolume(commitment) ? count(x) : pct(x);

export interface CommitmentKey {
  team: CommitmentRow["team"];
  commitment: string;
  /** As `check.missed` names it: "sales.handoff:first-touch". */
  id: string;
  target: number;
  /** One per period of the report, in order (undefined when the period has no row). */
  cells: (CommitmentRow | undefined)[];
}

/** Each (team, commitment) in the report's order, with its row in every period. */
export function commitmentKeys(r: Report): CommitmentKey[] {
  const c = r.commitments;
  if (!c) return [];
  const keys = new Map<string, CommitmentKey>();
  for (const x of c.rows) {
    const id = `${x.team}.${x.commitment}`;
    if (!keys.has(id))
      keys.set(id, { team: x.team, commitment: x.commitment, id, target: x.target, cells: [] });
  }
  for (const k of keys.values())
    k.cells = c.periods.map((p) =>
      c.rows.find((x) => x.period === p.period && `${x.team}.${x.commitment}` === k.id),
    );
  return [...keys.values()];
}

/** Periods kept and missed (the ones judged: partial and no-data periods are neither). */
export function tally(k: CommitmentKey): { kept: number; judged: number } {
  const kept = k.cells.filter((x) => x?.status === "met").length;
  return { kept, judged: kept + k.cells.filter((x) => x?.status === "missed").length };
}

/**
 * The chosen periods as runs of consecutive periods of `all`: "W19–W26, W28" when every period of
 * the report is a week of one year (the report's period says which), else the full labels
 * ("2026-05–2026-07, 2026-09").
 */
export function periodRanges(chosen: readonly string[], all: readonly string[]): string {
  const pick = new Set(chosen);
  const weeks =
    all.every((p) => /^\d{4}-W\d\d$/.test(p)) && new Set(all.map((p) => p.slice(0, 4))).size === 1;
  const name = (p: string) => (weeks ? p.slice(5) : p);
  const runs: string[] = [];
  let start = -1;
  all.forEach((p, i) => {
    if (pick.has(p) && start < 0) start = i;
    if (start >= 0 && !pick.has(all[i + 1] ?? "")) {
      const a = name(all[start] ?? "");
      runs.push(start === i ? a : `${a}–${name(p)}`);
      start = -1;
    }
  });
  const extra = chosen.filter((p) => !all.includes(p));
  return [...runs, ...extra].join(", ");
}

export interface FeedbackGroup {
  source: string;
  outcome: string;
  total: number;
  /** Journeys that ended with no reason given. */
  none: number;
  /** The reasons given, most frequent first (the rows' order). */
  reasons: [string, number][];
}

/** Feedback rows per (source, outcome): the totals and the reasons given. */
export function feedbackGroups(r: Report): FeedbackGroup[] {
  const groups = new Map<string, FeedbackGroup>();
  for (const f of r.feedback.rows) {
    const key = `${f.source}\u0000${f.outcome}`;
    const g = groups.get(key) ?? { source: f.source, outcome: f.outcome, total: 0, none: 0, reasons: [] };
    g.total += f.count;
    if (f.reason === NO_REASON) g.none += f.count;
    else g.reasons.push([f.reason, f.count]);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** "Wrong persona 15, Too small 13, Competitor 9": the first reasons given. */
export const topReasons = (g: FeedbackGroup, n = 3) =>
  g.reasons
    .slice(0, n)
    .map(([reason, k]) => `${reason} ${count(k)}`)
    .join(", ");
