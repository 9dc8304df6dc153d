/**
 * Public holidays by country (and region) from the date-holidays package (data licence:
 * CC-BY-3.0, see README). Only days of type "public" close a calendar; observances do not.
 */

import { createRequire } from "node:module";
import type HolidaysClass from "date-holidays";

// date-holidays and what it loads (its rules for every country, moment-timezone, astronomia) take
// 100-200 ms to load: only a calendar that names a country pays for it, when it is first asked.
let loaded: typeof HolidaysClass | undefined;
function holidaysClass(): typeof HolidaysClass {
  loaded ??= createRequire(import.meta.url)("date-holidays") as typeof HolidaysClass;
  return loaded;
}

/** True when date-holidays knows the country code (ISO 3166-1 alpha-2, e.g. US, DE). */
export function isKnownCountry(country: string): boolean {
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
