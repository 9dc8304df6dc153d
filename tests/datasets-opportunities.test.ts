/**
 * Opportunities read from a real public dataset (issue 21): Olist's 842 closed deals as won
 * opportunities of their MQLs (examples/datasets/olist-revenue.sla.yaml), their declared monthly
 * revenue summed by the lead's origin, against a join of the two CSV files computed here on its
 * own. Skipped, saying so, when ../shared is absent.
 */

import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { readDataset } from "../src/ingest/index.js";
import type { MoneyRow } from "../src/metrics/money-types.js";
import { slaFile } from "./helpers/builders.js";

const repo = join(import.meta.dirname, "..");
const olist = join(repo, "..", "shared", "datasets", "olist-marketing-funnel");
const maven = join(repo, "..", "shared", "datasets", "maven-crm-sales-opportunities");
const present = existsSync(olist);
if (!present)
  console.warn(
    `Olist opportunity test skipped: ${olist} not found (the datasets live in ../shared beside the repository)`,
  );
const mavenPresent = existsSync(maven);
if (!mavenPresent)
  console.warn(
    `Maven opportunity tests skipped: ${maven} not found (the datasets live in ../shared beside the repository)`,
  );

/** A file's rows by header, parsed by csv-parse (16 closed deals quote a comma), amounts by Number. */
const rowsOf = (file: string, dir = olist) =>
  parse(readFileSync(join(dir, file), "utf8"), { columns: true }) as Record<string, string>[];

describe.skipIf(!present)("Olist closed deals as opportunities", () => {
  it("842 won opportunities, each joined to its MQL; declared revenue by origin as the files' own join gives it", async () => {
    const ds = await readDataset(slaFile(join(repo, "examples", "datasets", "olist-revenue.sla.yaml")));
    const opps = ds.opportunities ?? [];
    expect(opps.length).toBe(842);
    expect(opps.every((o) => o.state === "won" && o.leadId === o.id && o.closedAt === o.createdAt)).toBe(
      true,
    );
    // Independent: origin of each MQL, then the deals' declared revenue summed by it (in whole reais).
    const origin = new Map(
      rowsOf("olist_marketing_qualified_leads_dataset.csv").map((r) => [r.mql_id, r.origin || "(none)"]),
    );
    const expected: Record<string, number> = {};
    for (const d of rowsOf("olist_closed_deals_dataset.csv")) {
      const key = origin.get(d.mql_id) ?? "(no mql)";
      expected[key] = (expected[key] ?? 0) + Number(d.declared_monthly_revenue);
    }
    const lead = new Map(ds.leads.map((l) => [l.id, l.source ?? "(none)"]));
    const got: Record<string, number> = {};
    for (const o of opps) {
      const key = lead.get(o.leadId ?? "") ?? "(no mql)";
      got[key] = (got[key] ?? 0) + (o.amount ?? 0);
    }
    const round = (m: Record<string, number>) =>
      Object.fromEntries(
        Object.entries(m)
          .map(([k, v]) => [k, Math.round(v)])
          .sort(),
      );
    expect(round(got)).toEqual(round(expected));
    expect(Object.keys(expected)).not.toContain("(no mql)");
  });
});

describe.skipIf(!mavenPresent)("Maven sales_pipeline as opportunities", () => {
  it("won close values by agent, as the file's own sums give them; Prospecting rows (no engage_date) are findings", async () => {
    const ds = await readDataset(slaFile(join(repo, "examples", "datasets", "maven-revenue.sla.yaml")));
    const rows = rowsOf("sales_pipeline.csv", maven);
    const expected: Record<string, number> = {};
    for (const r of rows)
      if (r.deal_stage === "Won")
        expected[r.sales_agent as string] = (expected[r.sales_agent as string] ?? 0) + Number(r.close_value);
    const got: Record<string, number> = {};
    for (const o of ds.opportunities ?? [])
      if (o.state === "won") got[o.owner ?? ""] = (got[o.owner ?? ""] ?? 0) + (o.amount ?? 0);
    expect(got).toEqual(expected);
    const prospecting = rows.filter((r) => r.deal_stage === "Prospecting").length;
    expect(ds.opportunities?.length).toBe(rows.length - prospecting);
    const states = new Set(ds.opportunities?.map((o) => `${o.stage}:${o.state}`));
    expect([...states].sort()).toEqual(["Engaging:open", "Lost:lost", "Won:won"]);
  });
});

describe.skipIf(!mavenPresent)("Maven close values by sector (money --by sector)", () => {
  it("won close values, deals won and lost per sector, as a join of sales_pipeline.csv and accounts.csv computed here gives them", async () => {
    const f = fakeIo({ NO_COLOR: "1" });
    const sla = join(repo, "examples", "datasets", "maven-revenue.sla.yaml");
    expect(await main(["money", "--sla", sla, "--by", "sector", "--format", "json"], f.io)).toBe(0);
    const by = (JSON.parse(f.stdout()) as { money: { by: { by: string; rows: MoneyRow[] } } }).money.by;
    // Independent: each deal's sector through its account (none: no account, or one accounts.csv lacks).
    const sector = new Map(rowsOf("accounts.csv", maven).map((a) => [a.account, a.sector as string]));
    const expected: Record<string, [won: number, amount: number, lost: number]> = {};
    for (const r of rowsOf("sales_pipeline.csv", maven)) {
      if (r.deal_stage !== "Won" && r.deal_stage !== "Lost") continue;
      const key = sector.get(r.account as string) ?? "(none)";
      const e = expected[key] ?? [0, 0, 0];
      expected[key] = e;
      if (r.deal_stage === "Won") [e[0], e[1]] = [e[0] + 1, e[1] + Number(r.close_value)];
      else e[2]++;
    }
    const got = Object.fromEntries(
      by.rows.filter((r) => r.won + r.lost > 0).map((r) => [r.key, [r.won, r.won_amount, r.lost]]),
    );
    expect(by.by).toBe("sector");
    expect(got).toEqual(expected);
    // Every closed deal has an account and every account a sector; the sum is SOURCE.md's 10,005,534.
    expect(expected["(none)"]).toBeUndefined();
    expect(Object.values(expected).reduce((n, [, amount]) => n + amount, 0)).toBe(10_005_534);
    expect(by.rows.every((r) => r.currency === "USD")).toBe(true);
  }, 60_000);
});
