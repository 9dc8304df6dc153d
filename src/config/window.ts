/** Durations written in the SLA file: `30m`, `4h`, `2d`, `1w` (also `90 days`, `1.5h`). */

const MINUTE = 60_000;
const UNIT_MS: Record<string, number> = {
  m: MINUTE,
  min: MINUTE,
  mins: MINUTE,
  minute: MINUTE,
  minutes: MINUTE,
  h: 60 * MINUTE,
  hr: 60 * MINUTE,
  hrs: 60 * MINUTE,
  hour: 60 * MINUTE,
  hours: 60 * MINUTE,
  d: 24 * 60 * MINUTE,
  day: 24 * 60 * MINUTE,
  days: 24 * 60 * MINUTE,
  w: 7 * 24 * 60 * MINUTE,
  wk: 7 * 24 * 60 * MINUTE,
  wks: 7 * 24 * 60 * MINUTE,
  week: 7 * 24 * 60 * MINUTE,
  weeks: 7 * 24 * 60 * MINUTE,
};

/** The pattern the schema enforces (also published in the JSON Schema for editors). */
export const WINDOW_PATTERN =
  /^\s*(\d+(?:\.\d+)?)\s*(m|mins?|minutes?|h|hrs?|hours?|d|days?|w|wks?|weeks?)\s*$/;

export const WINDOW_HINT =
  "write a number and a unit, e.g. 30m, 4h, 2d or 1w (m = minutes, h = hours, d = days, w = weeks)";

/**
 * The length of a window in milliseconds, or null when the text is not a window.
 * Calendar time: a day is 24 elapsed hours, whatever the clocks do at a DST change.
 */
export function parseWindow(text: string): number | null {
  const m = WINDOW_PATTERN.exec(text);
  if (!m) return null;
  const unit = UNIT_MS[m[2] as string];
  if (unit === undefined) return null;
  return Math.round(Number(m[1]) * unit);
}
