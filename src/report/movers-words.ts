/** Why a figure moved, in words: the sentences and cell texts every format and the review pack share. */

import type { MoverFigure, MoverGroup, MoverSplit, MoversSection } from "../metrics/movers-types.js";
import { count, pct, shortIso } from "./format.js";

/** The section's title in every format. */
export const MOVERS_TITLE = "Why figures moved";

/** Against what the section compares, in words. */
export function moversNote(m: MoversSection): string {
  const what =
    m.against === "baseline"
      ? "the baseline report"
      : m.against === "previous period"
        ? "the previous period of the same length"
        : `the ${m.against}`;
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
