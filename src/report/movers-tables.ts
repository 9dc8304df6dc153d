/** Why a figure moved, as plain tables (Markdown, CSV, HTML) and as sentences a review page can quote. */

import type { MoverFigure, MoverGroup, MoverSplit, MoversSection } from "../metrics/movers-types.js";
import type { Report } from "../metrics/types.js";
import { count, pct, shortIso } from "./format.js";
import type { Tabular } from "./tabular/shape.js";

/** The columns read as a change of a share, in points, on a page (html/view.ts). */
export const MOVERS_POINTS = ["change", "mix", "performance", "contribution"];

/** The section's title in every format. */
export const MOVERS_TITLE = "Why figures moved";

/** Against what the section compares, in words. */
export function moversNote(m: MoversSection): string {
  const what = m.against === "baseline" ? "the baseline report" : "the previous period of the same length";
  return `against ${what}, ${shortIso(m.before.from)} → ${shortIso(m.before.to)}; each change split into mix (the share of decided cases by group) and performance (the rate within each group); mix + performance = change; rep load = the rep's open obligations at arrival (${m.load_buckets.join(", ")})`;
}

/** A change in points: "-24.0 pts", "+0.5 pts", "0.0 pts". */
export function points(x: number | null): string {
  if (x === null) return "–";
  const text = Math.abs(x * 100).toFixed(1);
  return `${Number(text) === 0 ? "" : x > 0 ? "+" : "-"}${text} pts`;
}

/** One group in words: "B: 20 → 80 decided, 50.0% → 50.0%, -19.2 pts". */
export function groupWords(g: MoverGroup): string {
  return `${g.group}: ${count(g.before.decided)} → ${count(g.after.decided)} decided, ${pct(g.before.rate)} → ${pct(g.after.rate)}, ${points(g.contribution)}`;
}

/** The dimension a split is over, in words. */
export const dimensionWords = (d: MoverSplit["dimension"]) =>
  ({
    source: "lead source",
    owner: "rep",
    hour: "arrival hour",
    after_hours: "after hours",
    weekend: "weekend",
    load: "rep load",
  })[d];

/**
 * A figure in sentences: its change, then per dimension whether mix or performance carried it and
 * the group that contributed most. The review pack quotes these.
 */
export function moverSentences(f: MoverFigure): string[] {
  const head = `${f.figure}: ${pct(f.before.rate)} → ${pct(f.after.rate)} (${points(f.delta)}), over ${count(f.before.decided)} then ${count(f.after.decided)} decided`;
  if (f.delta === null) return [`${head}; no decided case in a period, nothing to split`];
  const lines = f.splits.map((s) => {
    const [top] = s.top;
    return `by ${dimensionWords(s.dimension)}: mix ${points(s.mix)}, performance ${points(s.performance)}${top ? `; most: ${groupWords(top)}` : ""}`;
  });
  return [head, ...lines];
}

/**
 * The section as two plain tables: each figure's split per dimension, and the groups that
 * contributed most with their counts in both periods. None without --movers.
 */
export function moversTables(r: Report): Tabular[] {
  const m = r.movers;
  if (!m) return [];
  const splits = m.figures.flatMap((f) => f.splits.map((s) => ({ f, s })));
  return [
    {
      id: "movers",
      section: "conversion",
      title: MOVERS_TITLE,
      note: moversNote(m),
      head: ["figure", "dimension", "before", "now", "change", "mix", "performance"],
      rows: splits.map(({ f, s }) => [
        f.figure,
        s.dimension,
        f.before.rate,
        f.after.rate,
        f.delta,
        s.mix,
        s.performance,
      ]),
      shares: [2, 3],
    },
    {
      id: "movers-groups",
      section: "conversion",
      title: "The groups that moved each figure most",
      note: "per dimension, the groups with the largest contribution (mix + performance), with their decided cases and rate in both periods",
      head: [
        "figure",
        "dimension",
        "group",
        "before_decided",
        "before_rate",
        "now_decided",
        "now_rate",
        "mix",
        "performance",
        "contribution",
      ],
      rows: splits.flatMap(({ f, s }) =>
        s.top.map((g) => [
          f.figure,
          s.dimension,
          g.group,
          g.before.decided,
          g.before.rate,
          g.after.decided,
          g.after.rate,
          g.mix,
          g.performance,
          g.contribution,
        ]),
      ),
      shares: [4, 6],
    },
  ];
}
