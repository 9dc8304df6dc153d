/** The review pack as data: commitments kept, trends, movers, proposals and the proposed version's diff. */

/*
 * One page for the periodic SLA meeting (`funnel-audit review`). The reviewed period is the last
 * whole week, month or quarter of the audited span (the last one when none is whole); the trends
 * show the periods before it. The movers compare the reviewed period with the one of the same
 * kind before it (shift-share, `audit --movers`); --proposed adds the diff in `sla diff`'s words.
 */

import type { MoversSection } from "../metrics/movers-types.js";
import type { Proposals } from "../metrics/proposals.js";
import type { Report, TrendRow } from "../metrics/types.js";
import { commitmentKeys } from "./commitments-view.js";
import { shortIso } from "./format.js";
import { docEnvelope } from "./proposals.js";
import { type ReviewMoney, reviewMoney } from "./review-money.js";

/** How many periods the trends show, the reviewed one last. */
export const TREND_PERIODS = { week: 8, month: 6, quarter: 4 } as const;

export type ReviewPeriod = keyof typeof TREND_PERIODS;

/** A part of the pack another command provides; `available` false until it does. */
export interface Seam {
  available: boolean;
  note: string;
}

export interface ReviewCommitment {
  team: "marketing" | "sales";
  commitment: string;
  target: number;
  /** Periods kept and judged over the audited span, then within the reviewed period. */
  kept: number;
  judged: number;
  kept_reviewed: number;
  judged_reviewed: number;
  /** The commitment's periods missed within the reviewed period. */
  missed_reviewed: string[];
}

export interface ReviewDoc {
  schema_version: 1;
  sla: Report["sla"];
  as_of: string;
  period: Report["period"];
  coverage: { line: string; warning: string | null };
  review: { period: ReviewPeriod; reviewed: string | null; reviewed_partial: boolean; shown: string[] };
  /** The commitments' own period (week or month) and each commitment's record. */
  commitments: { period: "week" | "month"; periods: string[]; rows: ReviewCommitment[] } | null;
  handoffs: { id: string; within: string; target: number }[];
  trends: TrendRow[];
  /** With opportunities: the money commitments kept per shown period, and pipeline and revenue by source. */
  money: ReviewMoney | null;
  movers: ReviewMovers;
  proposals: Proposals;
  /** With --proposed: the file and its diff against the current SLA. */
  proposed: ProposedDiff | null;
}

/** The proposed version: its file, and the diff's Markdown (`sla diff`'s words) once available. */
export interface ProposedDiff extends Seam {
  file: string;
  /** How many changes the diff lists, and its text (Markdown; HTML, escaped by its renderer); null in the seam. */
  changes: number;
  markdown: string | null;
  html: string | null;
}

/** Why figures moved in the reviewed period; null section when the span holds no period. */
export interface ReviewMovers extends Seam {
  section: MoversSection | null;
}

/** The movers part: the section (the reviewed period against the one before) and the line that introduces it. */
export function moversPart(section: MoversSection | null, reviewed: string | null): ReviewMovers {
  if (!section || !reviewed)
    return { available: false, section: null, note: "No period in the audited span to compare." };
  const b = section.before;
  return {
    available: true,
    section,
    note: `${reviewed} against the ${section.against.replace("previous ", "")} before (${shortIso(b.from)} → ${shortIso(b.to)}, as of ${shortIso(b.as_of)}): each change split into mix (the share of decided cases by group) and performance (the rate within each group), mix + performance = change. Every figure, then the handoff and the step that moved most (and the next largest change) by dimension; every group: \`--format json\` (\`movers.section\`).`,
  };
}

/** The reviewed period: the last whole period of the trends, else the last one. */
function reviewedOf(rows: readonly TrendRow[]): TrendRow | null {
  return [...rows].reverse().find((r) => !r.partial) ?? rows[rows.length - 1] ?? null;
}

/** The commitments' record, over the audited span and within the reviewed span [from, to). */
function commitmentRecord(r: Report, span: { from: number; to: number } | null): ReviewDoc["commitments"] {
  const c = r.commitments;
  if (!c) return null;
  const inside = new Set(
    c.periods
      .filter((p) => span !== null && Date.parse(p.from) >= span.from && Date.parse(p.from) < span.to)
      .map((p) => p.period),
  );
  const rows = commitmentKeys(r).map((k): ReviewCommitment => {
    const cells = k.cells.filter((x) => x !== undefined);
    const judged = cells.filter((x) => x.status === "met" || x.status === "missed");
    const reviewed = judged.filter((x) => inside.has(x.period));
    return {
      team: k.team,
      commitment: k.commitment,
      target: k.target,
      kept: judged.filter((x) => x.status === "met").length,
      judged: judged.length,
      kept_reviewed: reviewed.filter((x) => x.status === "met").length,
      judged_reviewed: reviewed.length,
      missed_reviewed: reviewed.filter((x) => x.status === "missed").map((x) => x.period),
    };
  });
  return { period: c.period, periods: c.periods.map((p) => p.period), rows };
}

export interface ReviewInputs {
  report: Report;
  proposals: Proposals;
  period: ReviewPeriod;
  /** Each trend period's span (instants), by label. */
  spans: ReadonlyMap<string, { from: number; to: number }>;
  /** The diff of the proposed version (--proposed). */
  proposed: ProposedDiff | null;
  movers: ReviewMovers;
}

/** The pack's data from the audit (with trends per `period`) and its proposals. */
export function reviewDoc({ report, proposals, period, spans, proposed, movers }: ReviewInputs): ReviewDoc {
  const rows = report.trends?.rows ?? [];
  const reviewed = reviewedOf(rows);
  const end = reviewed ? rows.indexOf(reviewed) + 1 : rows.length;
  const trends = rows.slice(Math.max(0, end - TREND_PERIODS[period]), end);
  return {
    ...docEnvelope(report),
    review: {
      period,
      reviewed: reviewed?.period ?? null,
      reviewed_partial: reviewed?.partial ?? false,
      shown: trends.map((t) => t.period),
    },
    commitments: commitmentRecord(report, reviewed ? (spans.get(reviewed.period) ?? null) : null),
    handoffs: report.latency.handoffs.map((h) => ({ id: h.id, within: h.within, target: h.target })),
    trends,
    money: reviewMoney(report, trends, spans),
    movers,
    proposals,
    proposed,
  };
}
