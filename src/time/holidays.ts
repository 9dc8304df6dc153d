/** Public holidays by country (and region) from the date-holidays package. */

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

/**
 * Answers kept between runs, so that a calendar naming a country does not load date-holidays at
 * every start (the CLI keeps them in a file per date-holidays version: src/cli/holiday-cache.ts).
 * The answers are date-holidays' own, worked out on this machine; the core never reads a file.
 */
export interface HolidayCache {
  get(key: string): readonly string[] | undefined;
  set(key: string, value: readonly string[]): void;
}

let cache: HolidayCache | null = null;

/** Keeps answers in `store` from now on (null: none kept beyond this process). */
export function useHolidayCache(store: HolidayCache | null): void {
  cache = store;
}

// Per process: every calendar (one per rep's zone) asks for the same countries and years.
const known = new Map<string, readonly string[]>();

/** The answer under `key`: from this process, else the kept answers, else date-holidays (then kept). */
function remember(
  key: string,
  work: (Holidays: typeof HolidaysClass) => readonly string[],
): readonly string[] {
  let list = known.get(key) ?? cache?.get(key);
  if (list === undefined) {
    list = work(holidaysClass());
    cache?.set(key, list);
  }
  known.set(key, list);
  return list;
}

/** True when date-holidays knows the country code (ISO 3166-1 alpha-2, e.g. US, DE). */
export function isKnownCountry(country: string): boolean {
  const codes = remember("countries", (Holidays) => Object.keys(new Holidays().getCountries("en")));
  return codes.includes(country.toUpperCase());
}

/** The regions (states) date-holidays knows for a country; empty when it has none. */
export function knownRegions(country: string): string[] {
  const code = country.toUpperCase();
  return [
    ...remember(`regions/${code}`, (Holidays) => Object.keys(new Holidays().getStates(code, "en") ?? {})),
  ];
}

/** Local dates (YYYY-MM-DD) of public holidays in the given years. */
export function publicHolidayDates(
  country: string,
  region: string | null,
  years: readonly number[],
): string[] {
  const code = country.toUpperCase();
  const state = region?.toUpperCase() ?? null;
  let hd: HolidaysClass | undefined;
  const dates = new Set<string>();
  for (const year of years) {
    const list = remember(`public/${code}/${state ?? ""}/${year}`, (Holidays) => {
      hd ??= state ? new Holidays(code, state) : new Holidays(code);
      return hd.getHolidays(year, "en").flatMap((h) => (h.type === "public" ? [h.date.slice(0, 10)] : []));
    });
    for (const date of list) dates.add(date);
  }
  return [...dates].sort();
}
