/**
 * Writes src/clock/holiday-table.ts (`npm run holidays`): the public holidays date-holidays gives
 * each country (no region) for the years FIRST..LAST, so that an audit whose calendar names a
 * country does not load date-holidays and its dependencies (moment-timezone, astronomia, the rules
 * of every country: a fifth of the bundled example's time). src/clock/holidays.ts uses the table only
 * when the installed date-holidays is the version written here; tests/unit/clock/holiday-table.test.ts
 * compares it with date-holidays. Run it again after updating date-holidays.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import Holidays from "date-holidays";
import { encodeYear, TABLE_FIRST_YEAR, TABLE_LAST_YEAR } from "../src/clock/holiday-code.js";

const require = createRequire(import.meta.url);
const version = (require("date-holidays/package.json") as { version: string }).version;
const countries = Object.keys(new Holidays().getCountries("en")).sort();

const rows: string[] = [];
for (const country of countries) {
  const hd = new Holidays(country);
  const years: string[] = [];
  for (let year = TABLE_FIRST_YEAR; year <= TABLE_LAST_YEAR; year++) {
    const dates = hd
      .getHolidays(year, "en")
      .flatMap((h) => (h.type === "public" ? [h.date.slice(0, 10)] : []));
    years.push(encodeYear(year, dates));
  }
  rows.push(`  ${country}: "${years.join(",")}",`);
}

const target = new URL("../src/clock/holiday-table.ts", import.meta.url);
const text = `// Written by scripts/write-holidays.ts (npm run holidays) from date-holidays ${version}: do not edit.
// Per country, the public holidays of each year ${TABLE_FIRST_YEAR}..${TABLE_LAST_YEAR}, separated by commas,
// in src/clock/holiday-code.ts's code. Data: date-holidays, © its contributors, CC BY-SA 3.0
// (https://creativecommons.org/licenses/by-sa/3.0/); this file is under the same licence (README).

/** The date-holidays version the table was written from. */
export const TABLE_SOURCE = "${version}";

export const HOLIDAY_TABLE: Readonly<Record<string, string>> = {
${rows.join("\n")}
};
`;
const before = (() => {
  try {
    return readFileSync(target, "utf8");
  } catch {
    return "";
  }
})();
writeFileSync(target, text);
process.stdout.write(
  `${before === text ? "unchanged" : "wrote"} ${target.pathname} (${countries.length} countries)\n`,
);
