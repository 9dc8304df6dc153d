/**
 * src/clock/holiday-table.ts (written by `npm run holidays`) against date-holidays itself: the
 * table stands in for it only when it gives the same days.
 */
import { createRequire } from "node:module";
import Holidays from "date-holidays";
import { describe, expect, it } from "vitest";
import {
  decodeYear,
  encodeYear,
  TABLE_FIRST_YEAR,
  TABLE_LAST_YEAR,
} from "../../../src/clock/holiday-code.js";
import { HOLIDAY_TABLE, TABLE_SOURCE } from "../../../src/clock/holiday-table.js";
import { isKnownCountry, publicHolidayDates } from "../../../src/clock/holidays.js";

const fromLibrary = (hd: Holidays, year: number) =>
  [
    ...new Set(hd.getHolidays(year, "en").flatMap((h) => (h.type === "public" ? [h.date.slice(0, 10)] : []))),
  ].sort();
const fromTable = (country: string, year: number) =>
  decodeYear(year, HOLIDAY_TABLE[country]?.split(",")[year - TABLE_FIRST_YEAR] ?? "?");

describe("the holiday table", () => {
  it("was written from the installed date-holidays (else: npm run holidays)", () => {
    const installed = createRequire(import.meta.url)("date-holidays/package.json").version;
    expect(TABLE_SOURCE).toBe(installed);
  });

  it("lists the countries date-holidays knows, each with every year", () => {
    expect(Object.keys(HOLIDAY_TABLE).sort()).toEqual(Object.keys(new Holidays().getCountries("en")).sort());
    for (const code of Object.values(HOLIDAY_TABLE))
      expect(code.split(",")).toHaveLength(TABLE_LAST_YEAR - TABLE_FIRST_YEAR + 1);
  });

  it("gives date-holidays' public holidays for every country in the first, a middle and the last year", () => {
    for (const country of Object.keys(HOLIDAY_TABLE)) {
      const hd = new Holidays(country);
      for (const year of [TABLE_FIRST_YEAR, 2026, TABLE_LAST_YEAR])
        expect([country, year, fromTable(country, year)]).toEqual([country, year, fromLibrary(hd, year)]);
    }
  });

  it("gives them for every year in the US, Germany and New Zealand", () => {
    for (const country of ["US", "DE", "NZ"]) {
      const hd = new Holidays(country);
      for (let year = TABLE_FIRST_YEAR; year <= TABLE_LAST_YEAR; year++)
        expect([country, year, fromTable(country, year)]).toEqual([country, year, fromLibrary(hd, year)]);
    }
  });

  it("keeps a substitute day that falls in the next or previous year", () => {
    // 2022-01-01 is a Saturday: the US observes New Year's Day on Friday 2021-12-31, listed under 2021.
    expect(decodeYear(2021, encodeYear(2021, ["2021-01-01", "2021-12-31", "2022-01-01"]))).toEqual([
      "2021-01-01",
      "2021-12-31",
      "2022-01-01",
    ]);
    expect(decodeYear(2000, encodeYear(2000, ["1999-12-31"]))).toEqual(["1999-12-31"]);
  });

  it("answers publicHolidayDates and isKnownCountry as date-holidays does", () => {
    // US federal holidays 2026: New Year (Thu 01-01), King (3rd Mon Jan, 01-19), Washington (3rd Mon
    // Feb, 02-16), Memorial (last Mon May, 05-25), Juneteenth (Fri 06-19), Independence (Sat 07-04,
    // observed Fri 07-03), Labor (1st Mon Sep, 09-07), Columbus (2nd Mon Oct, 10-12), Veterans (Wed
    // 11-11), Thanksgiving (4th Thu Nov, 11-26), Christmas (Fri 12-25).
    expect(publicHolidayDates("us", null, [2026])).toEqual(fromLibrary(new Holidays("US"), 2026));
    expect(publicHolidayDates("US", null, [2026])).toEqual(
      expect.arrayContaining([
        "2026-01-01",
        "2026-01-19",
        "2026-02-16",
        "2026-05-25",
        "2026-06-19",
        "2026-07-03",
        "2026-09-07",
        "2026-10-12",
        "2026-11-11",
        "2026-11-26",
        "2026-12-25",
      ]),
    );
    // Outside the table's years, and with a region, date-holidays answers.
    expect(publicHolidayDates("US", null, [1999, 2041])).toEqual(
      [...fromLibrary(new Holidays("US"), 1999), ...fromLibrary(new Holidays("US"), 2041)].sort(),
    );
    expect(publicHolidayDates("US", "CA", [2026])).toEqual(fromLibrary(new Holidays("US", "CA"), 2026));
    expect(isKnownCountry("de")).toBe(true);
    expect(isKnownCountry("XX")).toBe(false);
  });
});
