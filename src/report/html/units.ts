/**
 * Durations with their unit, for the HTML report. Calendar hours scale to minutes, hours and days;
 * business hours stay business hours (a business day's length depends on the owner's calendar,
 * which the report does not carry), shown whole once they are large so the figure stays short.
 */

import { html, type SafeHtml } from "./escape.js";

export type Clock = "calendar" | "business";

/** What the abbreviations mean, said once under the tables that use them. */
export const UNIT_NOTE: Record<Clock, string> = {
  calendar: "min = minutes, h = hours, d = days of calendar time",
  business:
    "bh = business hours, bmin = business minutes: working time on the owner's calendar (holidays and nights do not count)",
};

/** 0.25 -> "15 min"; 3.5 -> "3.5 h"; 49 -> "2.0 d"; business: "15 bmin", "13.1 bh", "134 bh". */
export function durationText(hours: number | null, clock: Clock): string {
  if (hours === null) return "–";
  if (clock === "business") {
    if (hours < 1) return `${Math.round(hours * 60)} bmin`;
    return `${hours < 100 ? hours.toFixed(1) : Math.round(hours).toString()} bh`;
  }
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} d`;
}

/** The duration as a cell: the exact hours on hover. */
export function durationCell(hours: number | null, clock: Clock): SafeHtml {
  if (hours === null) return html`–`;
  const exact = `${hours.toFixed(2)} ${clock === "business" ? "business " : ""}hours`;
  return html`<span title="${exact}">${durationText(hours, clock)}</span>`;
}
