/** Number and text formatting shared by the text renderers; fixed, locale-independent. */

/** 0.8754 -> "87.5%"; null -> "–". */
export function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? "–" : `${(x * 100).toFixed(1)}%`;
}

/** 3.256 -> "3.26"; null -> "–". */
export function num(x: number | null | undefined, decimals = 2): string {
  return x === null || x === undefined ? "–" : x.toFixed(decimals);
}

export { count, printable } from "../text.js";

import type { Breakdown } from "../metrics/types.js";
import { count } from "../text.js";

/** The key of the row that holds a breakdown's folded groups, in every format. */
export const OTHER = "(other)";

/** What a breakdown folded, said once under its table ("" when it kept every group). */
export function foldNote(b: Breakdown): string {
  if (!b.other) return "";
  return `the ${count(b.groups.length)} ${b.by} values with the most leads, of ${count(b.groups_total)}; the other ${count(b.other.groups)} (${count(b.other.leads)} leads) are added up in the row ${OTHER} (--top N or --top all to change)`;
}

/** Hours as a readable duration: 0.25 -> "15m", 3.5 -> "3.5h", 49 -> "2.0d". */
export function duration(hours: number | null | undefined): string {
  if (hours === null || hours === undefined) return "–";
  if (hours < 1) return `${Math.round(hours * 60)}m`;
  if (hours < 48) return `${hours.toFixed(1)}h`;
  return `${(hours / 24).toFixed(1)}d`;
}

/** "2026-10-31T17:00:00-04:00" -> "2026-10-31 17:00". */
export function shortIso(iso: string): string {
  return iso.slice(0, 16).replace("T", " ");
}
