/**
 * Public holidays by country (and region) from the date-holidays package (data licence:
 * CC-BY-3.0, see README). Only days of type "public" close a calendar; observances do not.
 */

import { createRequire } from "node:module";
import type HolidaysClass from "date-holidays";
import { decodeYear, TABLE_FIRST_YEAR, TABLE_LAST_YEAR } from "./holiday-code.js";
import { HOLIDAY_TABLE, TABLE_SOURCE } from "./holiday-table.js";

// date-holidays and what it loads (its rules for every country, moment-timezone, astronomia) take
// 100-200 ms to load, and a year of a country 10-40 ms more: only a calendar that names a country
// pays for it, when it is first asked, and only for what the table below does not hold.
const require = createRequire(import.meta.url);
let loaded: typeof HolidaysClass | undefined;
function holidaysClass(): typeof HolidaysClass {
  loaded ??= require("date-holidays") as typeof HolidaysClass;
  return loaded;
}

// src/clock/holiday-table.ts holds what date-holidays gives each country (no region) for the years
// 2000-2040, written from one version of it (scripts/write-holidays.ts): used only when that is the
// version installed, so the days are date-holidays' own either way.
let tableUsable: boolean | undefined;
function table(): Readonly<Record<string, string>> | null {
  tableUsable ??= (require("date-holidays/package.json") as { version?: string }).version === TABLE_SOURCE;
  return tableUsable ? HOLIDAY_TABLE : null;
}

/** True when date-holidays knows the country code (ISO 3166-1 alpha-2, e.g. US, DE). */
export function isKnownCountry(country: string): boolean {
  const known = table();
  if (known !== null) return Object.hasOwn(known, country.toUpperCase());
  const Holidays = holidaysClass();
  return Object.hasOwn(new Holidays().getCountries("en"), country.toUpperCase());
}

/** The regions (states) date-holidays knows for a country; empty when it has none. */
export function knownRegions(country: string): string[] {
  const Holidays = holidaysClass();
  return Object.keys(new Holidays().getStates(country.toUpperCase(), "en") ?? {});
}

// Public holidays per country, region and year: date-holidays takes tens of milliseconds a year,
// and every calendar (one per rep's zone) asks for the same years.
const known = new Map<string, readonly string[]>();

/** Local dates (YYYY-MM-DD) of public holidays in the given years. */
export function publicHolidayDates(
  country: string,
  region: string | null,
  years: readonly number[],
): string[] {
  const place = `${country.toUpperCase()}/${region?.toUpperCase() ?? ""}`;
  let hd: HolidaysClass | undefined;
  const dates = new Set<string>();
  for (const year of years) {
    const key = `${place}/${year}`;
    let list = known.get(key);
    if (list === undefined && !region && year >= TABLE_FIRST_YEAR && year <= TABLE_LAST_YEAR) {
      const code = table()?.[country.toUpperCase()]?.split(",")[year - TABLE_FIRST_YEAR];
      if (code !== undefined) {
        list = decodeYear(year, code);
        known.set(key, list);
      }
    }
    if (list === undefined) {
      const Holidays = holidaysClass();
      hd ??= region
        ? new Holidays(country.toUpperCase(), region.toUpperCase())
        : new Holidays(country.toUpperCase());
      list = hd.getHolidays(year, "en").flatMap((h) => (h.type === "public" ? [h.date.slice(0, 10)] : []));
      known.set(key, list);
    }
    for (const date of list) dates.add(date);
  }
  return [...dates].sort();
}
