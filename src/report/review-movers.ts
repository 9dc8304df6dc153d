/** The review pack's movers: the figures that moved most, each split by dimension into mix and performance. */

import type { MoverFigure, MoversSection } from "../metrics/movers-types.js";
import { count, pct } from "./format.js";
import type { TablePart } from "./html/view.js";
import { dimensionWords, groupWords, moverSentences, points } from "./movers-words.js";
import { column, part } from "./review-view.js";

/** How many figures the page shows (the largest changes); JSON carries every one. */
export const PACK_MOVERS = 3;

/**
 * The figures the page details: the handoff and the step that moved most, then the next largest
 * change; largest first (ties in the report's order). None without a change to split.
 */
export function topMovers(m: MoversSection, n: number = PACK_MOVERS): MoverFigure[] {
  const ranked = m.figures
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.delta !== null && f.splits.length > 0)
    .sort((a, b) => Math.abs(b.f.delta ?? 0) - Math.abs(a.f.delta ?? 0) || a.i - b.i);
  const first = (kind: MoverFigure["kind"]) => ranked.filter((x) => x.f.kind === kind).slice(0, 1);
  const chosen = new Set([...first("handoff"), ...first("step")]);
  for (const x of ranked) if (chosen.size < n) chosen.add(x);
  return ranked.filter((x) => chosen.has(x)).map(({ f }) => f);
}

/** The dimension whose mix moved the figure most, in words ("rep: -6.7 pts"), or "–". */
function largestMix(f: MoverFigure): string {
  const [s] = [...f.splits].sort((a, b) => Math.abs(b.mix) - Math.abs(a.mix));
  return s ? `${dimensionWords(s.dimension)}: ${points(s.mix)}` : "–";
}

/** Every figure in one table: its rate before and now with the decided cases, the change, the largest mix part. */
function summaryPart(m: MoversSection): TablePart {
  const rate = (c: MoverFigure["before"]) => `${pct(c.rate)} of ${count(c.decided)}`;
  return part(
    "review-movers",
    "Every figure, before and now",
    "rate of the decided cases; the change not carried by the largest mix part is performance within the groups",
    [
      column("figure", "figure", (r) => String(r[0]), false),
      column("before", "before", (r) => String(r[1])),
      column("now", "now", (r) => String(r[2])),
      column("change", "change", (r) => String(r[3])),
      column("mix", "largest mix part", (r) => String(r[4]), false),
    ],
    m.figures.map((f) => [f.figure, rate(f.before), rate(f.after), points(f.delta), largestMix(f)]),
  );
}

/** One table per figure that moved most: per dimension, mix, performance and the group that contributed most. */
export function moversParts(m: MoversSection | null): TablePart[] {
  if (!m) return [];
  const details = topMovers(m).map((f, i) =>
    part(
      `review-movers-${i + 1}`,
      moverSentences(f)[0] ?? f.figure,
      "mix + performance = the change, per dimension; the group with the largest contribution, decided cases and rate before → now",
      [
        column("dimension", "by", (r) => String(r[0]), false),
        column("mix", "mix", (r) => String(r[1])),
        column("performance", "performance", (r) => String(r[2])),
        column("group", "moved it most", (r) => String(r[3]), false),
      ],
      f.splits.map((s) => [
        dimensionWords(s.dimension),
        points(s.mix),
        points(s.performance),
        s.top[0] ? groupWords(s.top[0]) : "–",
      ]),
    ),
  );
  return [summaryPart(m), ...details];
}
