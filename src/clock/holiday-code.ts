/**
 * The code of src/clock/holiday-table.ts: a year's dates as two base-36 characters each, the
 * date's day counted from 100 days before the year's 1 January (a substitute day may fall in the
 * year before or after; date-holidays lists it under the year asked, and so does the table).
 */

import { civilOf, utcOf } from "../zone.js";

export const TABLE_FIRST_YEAR = 2000;
export const TABLE_LAST_YEAR = 2040;

const DAY = 86_400_000;
const BEFORE = 100;
const jan1 = (year: number) => utcOf({ y: year, m: 1, d: 1, h: 0, mi: 0, s: 0, ms: 0 }) / DAY;

/** `2026-01-01` … as the table's code for `year` (sorted, each date once). */
export function encodeYear(year: number, dates: readonly string[]): string {
  const first = jan1(year) - BEFORE;
  return [...new Set(dates)]
    .sort()
    .map((date) => {
      const [y, m, d] = date.split("-").map(Number) as [number, number, number];
      const k = utcOf({ y, m, d, h: 0, mi: 0, s: 0, ms: 0 }) / DAY - first;
      if (!(k >= 0 && k < 36 * 36)) throw new Error(`${date} is too far from ${year} for the table`);
      return k.toString(36).padStart(2, "0");
    })
    .join("");
}

/** The dates (YYYY-MM-DD, sorted) of one year's code. */
export function decodeYear(year: number, code: string): string[] {
  const first = jan1(year) - BEFORE;
  const dates: string[] = [];
  for (let i = 0; i < code.length; i += 2) {
    const { y, m, d } = civilOf(first + Number.parseInt(code.slice(i, i + 2), 36));
    dates.push(`${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
  }
  return dates;
}
