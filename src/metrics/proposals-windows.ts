/** Candidate windows for a handoff: multiples of the current window, the round values near them, their texts. */

import type { ClockWindow } from "../types.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The multiples of the current window the proposals read compliance at. */
export const FACTORS = [0.5, 0.75, 1, 1.5, 2] as const;

/**
 * The grid a round value lies on: 5 minutes under an hour (15 on a business clock: a quarter of a
 * business hour is written exactly, 0.25bh), 15 under 4 h, hours under 2 days, then days (hours on
 * a business clock).
 */
function grid(ms: number, business: boolean): number {
  if (ms < HOUR && !business) return 5 * MINUTE;
  if (ms < 4 * HOUR) return 15 * MINUTE;
  if (ms < 2 * DAY || business) return HOUR;
  return DAY;
}

/** The nearest round value (never 0). */
export function roundWindow(ms: number, business: boolean): number {
  const g = grid(ms, business);
  return Math.max(g, Math.round(ms / g) * g);
}

/** The next round value at or above `ms` (a proposal rounded up still meets its share). */
export function roundUpWindow(ms: number, business: boolean): number {
  const g = grid(ms, business);
  return Math.max(g, Math.ceil(ms / g) * g);
}

/**
 * The windows to read compliance at, ascending, the current one included: each multiple of
 * FACTORS and, when it is not round, the round value near it. Business days are whole: a multiple
 * between two counts gives both (at least 1).
 */
export function candidateWindows(w: ClockWindow): number[] {
  const out = new Set<number>();
  for (const f of FACTORS) {
    const x = f * w.amount;
    if (w.unit === "business_days") {
      for (const n of [Math.floor(x), Math.ceil(x)]) if (n >= 1) out.add(n);
      continue;
    }
    out.add(Math.round(x));
    out.add(roundWindow(x, w.unit === "business_hours"));
  }
  out.add(w.amount);
  return [...out].sort((a, b) => a - b);
}

/** Up to two decimals, no trailing zeros: 1.5, 0.25, 4. */
const short = (x: number) => String(Math.round(x * 100) / 100);

/**
 * A window as the SLA file writes it: `45m`, `1.5h`, `2d` on the calendar, `3.5bh`, `2bd` on a
 * business calendar (so a proposal can be copied into the file).
 */
export function windowText(amount: number, unit: ClockWindow["unit"]): string {
  if (unit === "business_days") return `${short(amount)}bd`;
  if (unit === "business_hours") return `${short(amount / HOUR)}bh`;
  if (amount >= DAY && amount % DAY === 0) return `${amount / DAY}d`;
  if (amount < HOUR) return `${short(amount / MINUTE)}m`;
  return `${short(amount / HOUR)}h`;
}

/** The scale's unit as a JSON field says it: hours (calendar or business), or business days. */
export const scaleUnit = (w: ClockWindow) => (w.unit === "business_days" ? "business_days" : "hours");

/** A value on the scale in its reported unit: hours with 2 decimals, or days. */
export const inUnit = (x: number, w: ClockWindow) =>
  w.unit === "business_days" ? x : Math.round((x / HOUR) * 100) / 100;
