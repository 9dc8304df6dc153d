/** The review pack's own tables (commitments kept, trends), shaped once for its Markdown and HTML pages. */

import type { Proposals } from "../metrics/proposals.js";
import { commitmentFigure, commitmentLabel, periodRanges } from "./commitments-view.js";
import { count, pct } from "./format.js";
import type { Column, TablePart } from "./html/view.js";
import { proposalsParts } from "./proposals-view.js";
import type { ReviewDoc } from "./review-doc.js";
import type { Cell } from "./tabular.js";

/** A column whose text is computed from the row's raw cells. */
export const column = (name: string, head: string, text: (row: Cell[]) => string, num = true): Column => ({
  name,
  head,
  num,
  text: (row) => text(row),
});

export const part = (
  id: string,
  title: string,
  note: string,
  columns: Column[],
  rows: Cell[][],
): TablePart => ({
  id,
  title,
  note,
  columns,
  rows,
  clocks: [],
});

const of = (k: Cell, n: Cell) => `${count(Number(k))} of ${count(Number(n))}`;

/** Each commitment: its target, how often it was kept in the reviewed period and over the span. */
export function keptPart(d: ReviewDoc): TablePart | null {
  const c = d.commitments;
  if (!c) return null;
  const reviewed = d.review.reviewed ?? "the reviewed period";
  const rows = c.rows.map((x) => [
    x.team,
    commitmentLabel(x.commitment),
    commitmentFigure(x.commitment, x.target),
    of(x.kept_reviewed, x.judged_reviewed),
    x.missed_reviewed.length ? periodRanges(x.missed_reviewed, c.periods) : "–",
    of(x.kept, x.judged),
  ]);
  return part(
    "review-kept",
    "Committed and kept",
    `${c.period}s kept of those judged (partial and no-data ${c.period}s are not judged)`,
    [
      column("team", "team", (r) => String(r[0]), false),
      column("commitment", "commitment", (r) => String(r[1]), false),
      column("target", "target", (r) => String(r[2])),
      column("kept_reviewed", `kept in ${reviewed}`, (r) => String(r[3])),
      column("missed_reviewed", `missed in ${reviewed}`, (r) => String(r[4]), false),
      column("kept", "kept, whole span", (r) => String(r[5])),
    ],
    rows,
  );
}

/** A trend period's label, "(partial)" after it when the period is. */
export const trendLabel = (d: ReviewDoc, period: string) =>
  `${period}${d.trends.find((t) => t.period === period)?.partial ? " (partial)" : ""}`;

/** Each handoff's compliance per period, its obligations beside it; the target in the head. */
export function complianceTrendPart(d: ReviewDoc): TablePart {
  const columns = [
    column("period", d.review.period, (r) => trendLabel(d, String(r[0])), false),
    ...d.handoffs.map((h, i) =>
      column(h.id, `${h.id} (${h.within}, ≥ ${pct(h.target)})`, (r) => {
        const n = r[2 * i + 2];
        return typeof n === "number" ? `${pct(r[2 * i + 1] as number | null)} of ${count(n)}` : "–";
      }),
    ),
  ];
  const rows = d.trends.map((t) => [
    t.period,
    ...d.handoffs.flatMap((h): Cell[] => {
      const x = t.handoffs.find((y) => y.id === h.id);
      return x ? [x.compliance, x.obligations] : [null, null];
    }),
  ]);
  return part(
    "review-compliance-trend",
    `Handoff compliance by ${d.review.period}`,
    "compliance of the obligations that started in the period, of that many obligations",
    columns,
    rows,
  );
}

/** Each step's cohort conversion per period, with the journeys entering the first stage. */
export function conversionTrendPart(d: ReviewDoc): TablePart {
  const steps = d.trends[0]?.steps.map((s) => `${s.from}→${s.to}`) ?? [];
  const first = d.trends[0]?.steps[0]?.from ?? "";
  const columns = [
    column("period", d.review.period, (r) => trendLabel(d, String(r[0])), false),
    column("entered", `entered ${first}`, (r) => count(Number(r[1]))),
    ...steps.map((s, i) => column(s, s, (r) => pct(r[i + 2] as number | null))),
  ];
  const rows = d.trends.map((t) => [t.period, t.entries[first] ?? 0, ...t.steps.map((s) => s.rate)]);
  return part(
    "review-conversion-trend",
    `Conversion by ${d.review.period}`,
    "cohort conversion of the journeys that entered each step's first stage in the period (recent periods are still in flight)",
    columns,
    rows,
  );
}

/** Shorter captions for paper (the full definitions are in `proposals` and docs/definitions.md). */
const PACK_NOTES: Record<string, string> = {
  "proposals-windows":
    "the shortest window at which the target share was met; an unanswered obligation counts as missed once it has been open longer than the window",
  "proposals-candidates": "compliance as the audit would read it at each window",
  "proposals-commitments": "the largest target met in at least half of the judged periods",
};

/** The proposals as the pack shows them: windows, compliance at other windows, commitments (per rep: `proposals`). */
export const packProposals = (p: Proposals): TablePart[] =>
  proposalsParts(p)
    .filter((t) => t.id !== "proposals-reps")
    .map((t) => ({ ...t, note: PACK_NOTES[t.id] ?? t.note }));
