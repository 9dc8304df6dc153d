/** Durations with their unit on a page (HTML and Markdown), spelled with a space and "min" for minutes. */

/*
 * The terminal's units (format.ts durationColumn, one unit per column and clock).
 */

import { type Clock, type DurationUnit, durationColumn } from "../format.js";

export type { Clock } from "../format.js";

/** "3.5 h", "0.3 bd", "15 min", "15 bmin". */
export const spelled = (figure: string, unit: DurationUnit, clock: Clock) =>
  `${figure} ${clock === "business" ? "b" : ""}${unit === "m" ? "min" : unit}`;

/** A column of durations as a page shows it: one unit per clock, as in the terminal. */
export const durationTexts = (
  values: readonly (number | null)[],
  clocks: readonly Clock[],
  businessDay: number | null,
) => durationColumn(values, clocks, businessDay, spelled);

/** What the abbreviations mean on a clock, said once where they are used. */
export function unitNote(clock: Clock, businessDay: number | null): string {
  if (clock === "calendar") return "min, h, d = minutes, hours, days of calendar time";
  const units =
    businessDay === null
      ? "bmin, bh = business minutes, hours"
      : `bmin, bh, bd = business minutes, hours, days (a business day is ${businessDay} business hours)`;
  return `${units}: working time on the owner's calendar, nights and holidays left out`;
}

/** The exact figure behind a duration, for its title on hover. */
export const exactHours = (hours: number, clock: Clock) =>
  `${hours.toFixed(2)} ${clock === "business" ? "business " : ""}hours`;
