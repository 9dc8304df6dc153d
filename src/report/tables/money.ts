/** The money section in the terminal: the plain tables (tabular/money.ts), amounts grouped by thousands, fitted to the width. */

import type { Report } from "../../metrics/types.js";
import { decimal, pct, printable } from "../format.js";
import type { Style } from "../style.js";
import { moneyTables } from "../tabular/money.js";
import type { Cell, Tabular } from "../tabular/shape.js";
import { fitTable, section } from "./common.js";

/** 17500 → "17,500"; 5833.33 → "5,833.33"; null → "–". */
export function amountText(x: number | null): string {
  if (x === null) return "–";
  const text = decimal(x);
  return text.endsWith(".00") ? text.slice(0, -3) : text;
}

const cellText = (c: Cell, share: boolean): string =>
  c === null ? "–" : typeof c === "number" ? (share ? pct(c) : amountText(c)) : printable(String(c));

/** Columns hidden first on a narrow terminal: the secondary ones, from the right. */
const dropOrder = (t: Tabular) => {
  const keep = new Set([0, 1]);
  const primary = ["pipeline", "won amount", "revenue per MQL", "win rate"];
  return t.head
    .map((_, i) => i)
    .filter((i) => !keep.has(i) && !primary.includes(t.head[i] ?? ""))
    .reverse();
};

export function moneyTablesText(r: Report, style: Style): string {
  return moneyTables(r)
    .map((t) =>
      section(
        style,
        t.title,
        t.note,
        fitTable(style, {
          head: t.head,
          rows: t.rows.map((row) => row.map((c, i) => cellText(c, t.shares.includes(i)))),
          align: t.head.map((_, i) => (i < 2 ? "left" : "right")),
          drop: dropOrder(t),
        }),
      ),
    )
    .join("\n\n");
}
