/** Why a figure moved, as plain tables: the Markdown, CSV and HTML reports (and the review pack) render them. */

import type { Report } from "../metrics/types.js";
import { MOVERS_TITLE, moversNote } from "./movers-words.js";
import type { Tabular } from "./tabular/shape.js";

/** The columns read as a change of a share, in points, on a page (html/view.ts). */
export const MOVERS_POINTS = ["change", "mix", "performance", "contribution"];

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
