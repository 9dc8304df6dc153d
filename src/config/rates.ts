/** `money.rates`: the CSV file of rates to the reporting currency (currency, rate, optional from date). */

import { parse } from "csv-parse/sync";
import type { Issue } from "../errors.js";
import { parseCliInstant } from "../time/format.js";
import type { MoneyConfig } from "../types.js";

type Rate = MoneyConfig["rates"][number];

/**
 * The rates a file lists, sorted by currency then from (a rate without `from` first: it holds
 * from the start); every bad cell is an issue naming its line and column. Columns by header,
 * ignoring case: currency, rate, from.
 */
export function parseRates(text: string, file: string, timezone: string): { rates: Rate[]; issues: Issue[] } {
  const read = csvRows(text, file);
  if ("issue" in read) return { rates: [], issues: [read.issue] };
  const rows = read.rows;
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const at = (name: string) => header.indexOf(name);
  const [cur, rate, from] = [at("currency"), at("rate"), at("from")];
  const issues: Issue[] = [];
  const issue = (line: number, column: number, message: string, hint: string) =>
    issues.push({ severity: "error", file, line, column, message, hint });
  if (cur < 0 || rate < 0) {
    issue(
      1,
      1,
      `the rates file needs the columns currency and rate (it has ${header.join(", ") || "none"})`,
      "write a header: currency,rate,from",
    );
    return { rates: [], issues };
  }
  const rates: Rate[] = [];
  rows.slice(1).forEach((cells, i) => {
    const line = i + 2;
    const code = (cells[cur] ?? "").trim().toUpperCase();
    const value = Number((cells[rate] ?? "").trim());
    const when = from < 0 ? "" : (cells[from] ?? "").trim();
    const start = when === "" ? null : parseCliInstant(when, timezone);
    if (!/^[A-Z]{3}$/.test(code))
      issue(
        line,
        cur + 1,
        `"${cells[cur] ?? ""}" is not a currency code`,
        "write an ISO 4217 code: EUR, GBP",
      );
    else if (!Number.isFinite(value) || value <= 0 || (cells[rate] ?? "").trim() === "")
      issue(
        line,
        rate + 1,
        `rate "${cells[rate] ?? ""}" is not a positive number`,
        "write how many units of the reporting currency one unit is worth: 1.08",
      );
    else if (when !== "" && start === null)
      issue(line, from + 1, `"${when}" is not a date`, "write the date the rate holds from as YYYY-MM-DD");
    else rates.push({ currency: code, from: start, rate: value });
  });
  rates.sort((a, b) =>
    a.currency !== b.currency
      ? a.currency < b.currency
        ? -1
        : 1
      : (a.from ?? -Infinity) - (b.from ?? -Infinity),
  );
  for (let k = 1; k < rates.length; k++) {
    const [a, b] = [rates[k - 1] as Rate, rates[k] as Rate];
    if (a.currency === b.currency && a.from === b.from)
      issue(0, 0, `two rates for ${a.currency} from the same date`, "keep one rate per currency and date");
  }
  return { rates, issues };
}

/** The file's rows, or the issue that it is not CSV (a quote opened and never closed: csv-parse names the line). */
function csvRows(text: string, file: string): { rows: string[][] } | { issue: Issue } {
  try {
    return { rows: parse(text.replace(/^\uFEFF/, ""), { relax_column_count: true, skip_empty_lines: true }) };
  } catch (err) {
    const lines = (err as { lines?: unknown }).lines;
    return {
      issue: {
        severity: "error",
        file,
        line: typeof lines === "number" ? lines : 1,
        column: 1,
        message: "the rates file is not valid CSV (a quote opened and never closed, or a stray quote)",
        hint: "write one rate a line: currency,rate,from, with no quotes",
      },
    };
  }
}
