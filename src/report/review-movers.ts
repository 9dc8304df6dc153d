/** The review pack's movers: the figures that moved most, each split by dimension into mix and performance. */

import type { MoverFigure, MoversSection } from "../metrics/movers-types.js";
import type { TablePart } from "./html/view.js";
import { dimensionWords, groupWords, moverSentences, points } from "./movers-words.js";
import { column, part } from "./review-view.js";

/** How many figures the page shows (the largest changes); JSON carries every one. */
export const PACK_MOVERS = 3;

/** The figures with the largest change first (ties in the report's order); none without a change to split. */
export function topMovers(m: MoversSection, n: number = PACK_MOVERS): MoverFigure[] {
  return m.figures
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => f.delta !== null && f.splits.length > 0)
    .sort((a, b) => Math.abs(b.f.delta ?? 0) - Math.abs(a.f.delta ?? 0) || a.i - b.i)
    .slice(0, n)
    .map(({ f }) => f);
}

/** One table per figure that moved most: per dimension, mix, performance and the group that contributed most. */
export function moversParts(m: MoversSection | null): TablePart[] {
  if (!m) return [];
  return topMovers(m).map((f, i) =>
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
}
