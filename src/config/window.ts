/** Durations written in the SLA file (`4h`, `2bd`, `90 days`) and the clock windows they mean. */

/**
 * Calendar time: `30m`, `4h`, `2d`, `1w` (also `90 days`, `1.5h`). Business time, counted on a
 * calendar: `4 business hours` / `4bh`, `2 business days` / `2bd`.
 */

import type { ClockWindow } from "../types.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const CALENDAR_MS: Record<string, number> = { m: MINUTE, h: HOUR, d: 24 * HOUR, w: 7 * 24 * HOUR };

// One unit word, folded to its letter: minutes → m, hrs → h, days → d, wks → w.
const UNIT =
  "(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?|bh|business\\s+hours?|bd|business\\s+days?)";

/** The pattern the schema enforces (also published in the JSON Schema for editors). */
export const WINDOW_PATTERN = new RegExp(`^\\s*(\\d+(?:\\.\\d+)?)\\s*${UNIT}\\s*$`);

export const WINDOW_HINT =
  "write a number and a unit: 30m, 4h, 2d, 1w (calendar time) or 4bh / 4 business hours, 2bd / 2 business days (on a calendar)";

/** A window as the clock uses it, or null when the text is not a window. */
export function parseWindow(text: string): ClockWindow | null {
  const m = WINDOW_PATTERN.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const unit = (m[2] as string).replace(/\s+/g, " ");
  if (unit === "bh" || unit.startsWith("business h"))
    return { unit: "business_hours", amount: Math.round(n * HOUR) };
  if (unit === "bd" || unit.startsWith("business d"))
    return Number.isInteger(n) ? { unit: "business_days", amount: n } : null;
  const ms = CALENDAR_MS[unit[0] as string];
  return ms === undefined ? null : { unit: "calendar", amount: Math.round(n * ms) };
}

/** True for windows counted on a business calendar. */
export const isBusiness = (w: ClockWindow) => w.unit !== "calendar";

/**
 * How many years the window's number is, read in its own unit as calendar time (2bd → 2 days,
 * 12bh → 12 hours): a generous bound, as business time is longer on the calendar.
 */
export function windowYears(w: ClockWindow): number {
  const YEAR_MS = 365.25 * 24 * HOUR;
  if (w.unit === "business_days") return (w.amount * 24 * HOUR) / YEAR_MS;
  return w.amount / YEAR_MS;
}
