/** Colour and width decided once by the CLI and passed in: renderers never look at the terminal. */

import { Chalk, type ChalkInstance } from "chalk";

export interface Style {
  color: boolean;
  chalk: ChalkInstance;
  /** Columns the terminal text must fit in; Infinity prints every table at its full width (--wide). */
  width: number;
  /**
   * Business hours in one business day when every calendar's working day is that long (large
   * business durations are then shown in days); null keeps them in business hours.
   */
  businessDay: number | null;
}

/** Width when nothing says otherwise (output piped or written to a file). */
export const DEFAULT_WIDTH = 100;

/**
 * A style at the colour level the CLI decided (true is level 1: 16 colours, enough and safe), and
 * the layout terminal text must fit. The level is always given: chalk never reads the environment
 * or the terminal here.
 */
export function makeStyle(
  level: boolean | 0 | 1 | 2 | 3,
  layout: { width?: number; businessDay?: number | null } = {},
): Style {
  const n = level === true ? 1 : level === false ? 0 : level;
  return {
    color: n > 0,
    chalk: new Chalk({ level: n }),
    width: layout.width ?? DEFAULT_WIDTH,
    businessDay: layout.businessDay ?? null,
  };
}

/**
 * Hours in the working day shared by every calendar (us-office 09:00–12:00, 13:00–17:00: 7), or
 * null when they differ or there is none: a business day is then no fixed number of hours.
 */
export function businessDayHours(
  calendars: readonly { hours: { start: number; end: number }[] }[],
): number | null {
  const lengths = new Set(calendars.map((c) => c.hours.reduce((n, h) => n + h.end - h.start, 0) / 60));
  const [only] = lengths;
  return lengths.size === 1 && only !== undefined && only > 0 ? only : null;
}
