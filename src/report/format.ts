/** Number and text formatting shared by the text renderers; fixed, locale-independent. */

/** 0.8754 -> "87.5%"; null -> "–". */
export function pct(x: number | null | undefined): string {
  return x === null || x === undefined ? "–" : `${(x * 100).toFixed(1)}%`;
}

/** 3.256 -> "3.26"; null -> "–". */
export function num(x: number | null | undefined, decimals = 2): string {
  return x === null || x === undefined ? "–" : x.toFixed(decimals);
}

export { count, decimal, printable } from "../text.js";

import type { Breakdown } from "../metrics/types.js";
import { count } from "../text.js";

/** 1 -> "1 warning", 5 -> "5 warnings": a count with its noun in the right number. */
export const counted = (n: number, one: string, many = `${one}s`) => `${count(n)} ${n === 1 ? one : many}`;

/** The key of the row that holds a breakdown's folded groups, in every format. */
export const OTHER = "(other)";

/** What a breakdown folded, said once under its table ("" when it kept every group). */
export function foldNote(b: Breakdown): string {
  if (!b.other) return "";
  return `the ${count(b.groups.length)} ${b.by} values with the most leads, of ${count(b.groups_total)}; the other ${count(b.other.groups)} (${count(b.other.leads)} leads) are added up in the row ${OTHER} (--top N or --top all to change)`;
}

export type Clock = "calendar" | "business";

/** A duration's unit: minutes, hours or days (business ones on a business clock). */
export type DurationUnit = "m" | "h" | "d";

/** "3.5h", "0.3bd", "15bm": the terminal's spelling of a figure in its unit. */
const terse = (figure: string, unit: DurationUnit, clock: Clock) =>
  `${figure}${clock === "business" ? "b" : ""}${unit}`;

/**
 * A column of durations in one unit per clock (never mixed within it), chosen by the clock's
 * largest value: minutes when all are under an hour, days from 48 calendar hours or from three
 * business days (when every calendar's day is `businessDay` hours long), hours otherwise. Every
 * format shows durations this way; `spell` writes a figure with its unit.
 */
export function durationColumn(
  values: readonly (number | null)[],
  clocks: Clock | readonly Clock[],
  businessDay: number | null,
  spell: (figure: string, unit: DurationUnit, clock: Clock) => string = terse,
): string[] {
  const clockAt = (i: number): Clock => (typeof clocks === "string" ? clocks : (clocks[i] ?? "calendar"));
  const out = values.map(() => "–");
  for (const clock of ["calendar", "business"] as const) {
    const idx = values.flatMap((v, i) => (v !== null && clockAt(i) === clock ? [i] : []));
    const max = Math.max(0, ...idx.map((i) => values[i] ?? 0));
    const day = clock === "business" ? businessDay : 24;
    const show: (h: number) => string =
      day !== null && max >= (clock === "business" ? 3 * day : 48)
        ? (h) => spell((h / day).toFixed(1), "d", clock)
        : max < 1 && max > 0
          ? (h) => spell(String(Math.round(h * 60)), "m", clock)
          : (h) => spell(h.toFixed(1), "h", clock);
    for (const i of idx) out[i] = show(values[i] ?? 0);
  }
  return out;
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

/** The clock of a week-over-week figure: its handoff's for "<handoff> p50 hours", else calendar time. */
export function figureClock(
  r: { latency: { handoffs: readonly { id: string; clock: Clock }[] } },
  figure: string,
) {
  return r.latency.handoffs.find((h) => figure === `${h.id} p50 hours`)?.clock ?? "calendar";
}

/**
 * A week-over-week figure as its kind reads: a share "58.2%" (a change in points, "-0.4 pts"),
 * hours with the clock's unit ("2.1bh", spelled as in durationColumn), a count "2,217" ("+2").
 */
export function changeFigure(
  kind: "share" | "hours" | "count",
  value: number | null,
  clock: Clock,
  change: boolean,
  spell: (figure: string, unit: DurationUnit, clock: Clock) => string = terse,
): string {
  if (value === null) return "–";
  const figure =
    kind === "share"
      ? change
        ? (value * 100).toFixed(1)
        : ""
      : kind === "hours"
        ? value.toFixed(1)
        : count(value);
  // No sign on a change that rounds to nothing ("0.0 pts", not "-0.0 pts").
  const sign = !change || Number(figure.replace(/,/g, "")) === 0 ? "" : value > 0 ? "+" : "-";
  const abs = change ? figure.replace(/^-/, "") : figure;
  if (kind === "share") return change ? `${sign}${abs} pts` : pct(value);
  return kind === "hours" ? `${sign}${spell(abs, "h", clock)}` : `${sign}${abs}`;
}
