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
