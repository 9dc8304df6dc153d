/** The table helper and cell formats shared by the terminal sections. */

import Table from "cli-table3";
import { count, duration, pct } from "../format.js";
import type { Style } from "../style.js";

/** A compact table (no rule between rows); first column left, the rest right unless told. */
export function table(
  style: Style,
  head: string[],
  rows: string[][],
  align: ("left" | "right")[] = [],
): string {
  const t = new Table({
    head: head.map((h) => style.chalk.bold(h)),
    style: style.color ? { head: [], border: ["grey"] } : { head: [], border: [] },
    chars: { mid: "", "left-mid": "", "mid-mid": "", "right-mid": "" },
    colAligns: head.map((_, i) => align[i] ?? (i === 0 ? "left" : "right")),
  });
  t.push(...rows);
  return t.toString();
}

/** A section: bold title, an optional note in brackets, the body. */
export const section = (style: Style, title: string, note: string, body: string) =>
  `${style.chalk.bold(title)}${note ? ` (${note})` : ""}\n${body}`;

/** "–" when null; "87.5%" otherwise, with "†" when the sample is too small to judge. */
export const rate = (x: number | null, small = false) => `${pct(x)}${small && x !== null ? "†" : ""}`;

/** "61.2%–78.0%", or "–". */
export const interval = (low: number | null, high: number | null) =>
  low === null ? "–" : `${pct(low)}–${pct(high)}`;

/** Hours on a clock: "3.5h" calendar, "3.5bh" business (business hours are never shown as days). */
export function hours(h: number | null, clock: "calendar" | "business"): string {
  if (clock === "calendar" || h === null) return duration(h);
  return h < 1 ? `${Math.round(h * 60)}bm` : `${h.toFixed(1)}bh`;
}

export const verdict = (style: Style, met: boolean | null) =>
  met === null ? "–" : met ? style.chalk.green("met") : style.chalk.red("missed");

export const counts = (...ns: number[]) => ns.map(count);

export const SMALL_NOTE = (n: number) => `† fewer than ${n} decided cases: too small a sample to judge`;
