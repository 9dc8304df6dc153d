/**
 * Money per month on examples/acme (`audit --period month`, the built CLI) against Opportunity.csv
 * and rates.csv read here with csv-parse: each opportunity's pipeline in the month (America/New_York)
 * its CreatedDate falls in, its close in the month of its CloseDate (a date in the SLA's zone), in
 * USD at rates.csv's rates. The export carries no history, so each amount is the one in the file.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { Report } from "../src/metrics/types.js";
import { auditAcme, built, repo } from "./helpers/acme-audit.js";

const csv = (file: string) =>
  parse(readFileSync(join(repo, "examples", "acme", file), "utf8"), { columns: true }) as Record<
    string,
    string
  >[];

const monthOf = new Intl.DateTimeFormat("en-CA", {
  timeZone: "America/New_York",
  year: "numeric",
  month: "2-digit",
});
const month = (iso: string) => monthOf.format(new Date(iso)).slice(0, 7);

/** Per month: [created, pipeline cents, won, won cents, lost], computed from the files alone. */
function independentMonths(): Map<string, number[]> {
  const rate = new Map<string, number>([["USD", 1]]);
  for (const r of csv("rates.csv")) rate.set(r.currency as string, Number(r.rate));
  const out = new Map<string, number[]>();
  const at = (m: string) => {
    const v = out.get(m) ?? [0, 0, 0, 0, 0];
    out.set(m, v);
    return v;
  };
  for (const o of csv("Opportunity.csv")) {
    const cents = Math.round(Number(o.Amount) * (rate.get(o.CurrencyIsoCode as string) as number) * 100);
    const created = at(month(o.CreatedDate as string));
    created[0] = (created[0] as number) + 1;
    created[1] = (created[1] as number) + cents;
    if (o.IsClosed !== "true") continue;
    const closed = at((o.CloseDate as string).slice(0, 7));
    if (o.IsWon === "true") {
      closed[2] = (closed[2] as number) + 1;
      closed[3] = (closed[3] as number) + cents;
    } else closed[4] = (closed[4] as number) + 1;
  }
  return out;
}

describe.skipIf(!built)("the acme example's money per month", () => {
  it("pipeline created and deals closed per month, as the files give them", () => {
    const report = auditAcme(["--period", "month"]) as unknown as Report;
    const got = new Map(
      (report.trends?.rows ?? []).map((t) => {
        const m = t.money?.totals.find((x) => x.currency === "USD");
        return [
          t.period,
          [
            m?.opportunities,
            Math.round((m?.pipeline ?? 0) * 100),
            m?.won,
            Math.round((m?.won_amount ?? 0) * 100),
            m?.lost,
          ],
        ];
      }),
    );
    const expected = independentMonths();
    expect([...got.keys()]).toEqual(["2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]);
    for (const [m, v] of expected) expect(got.get(m), m).toEqual(v);
    // October as checked by hand when the golden (acme-conversion-trends) was written: 49 created,
    // 940,726 USD; 16 won, 301,131 USD; 26 lost.
    expect(expected.get("2026-10")).toEqual([49, 94_072_600, 16, 30_113_100, 26]);
  }, 60_000);
});
