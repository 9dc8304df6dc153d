/** Why a figure moved, on the terminal: per figure, a table of mix and performance per dimension, fitted to the width. */

import type { Report } from "../metrics/types.js";
import {
  dimensionWords,
  groupWords,
  MOVERS_TITLE,
  moverSentences,
  moversNote,
  points,
} from "./movers-words.js";
import type { Style } from "./style.js";
import { fitTable, section } from "./tables/common.js";
import { wrap } from "./width.js";

/** The movers section ("" without --movers): each figure's change, then its split by dimension. */
export function moversTable(r: Report, style: Style): string {
  const m = r.movers;
  if (!m) return "";
  const blocks = m.figures.map((f) => {
    const [head = ""] = moverSentences(f);
    const title = wrap(style.chalk.bold(head), style.width, "  ");
    if (f.delta === null) return title;
    const rows = f.splits.map((s) => [
      dimensionWords(s.dimension),
      points(s.mix),
      points(s.performance),
      s.top.map(groupWords).join("\n"),
    ]);
    const body = fitTable(style, {
      head: ["by", "mix", "performance", "groups that moved it most"],
      rows,
      align: ["left", "right", "right", "left"],
      wrap: 3,
      minWrap: 24,
    });
    return `${title}\n${body}`;
  });
  return section(style, MOVERS_TITLE, moversNote(m), blocks.join("\n\n"));
}
