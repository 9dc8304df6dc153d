/**
 * The money section of sla.example.yaml run on examples/acme (the built CLI, `audit --format json`)
 * finds what the generator planted in Opportunity.csv (scripts/generate/opportunities.ts, the
 * manifest's `opportunities`), never taking an expected figure from the report itself:
 *
 * - the volume-no-revenue source (Paid Search): revenue 0, its opportunities as many as the manifest
 *   says, and the most leads of all the sources with no revenue;
 * - the currency mix: the total pipeline and revenue in USD equal a sum computed here from
 *   Opportunity.csv and rates.csv with csv-parse (every opportunity is created and every won one
 *   closed within the report's period, which runs from the first lead to the export);
 * - the EUR and GBP opportunities are as many as the manifest says, so the mix is really there;
 * - the outbound opportunities (no lead) are the sales-sourced ones, all others marketing-sourced
 *   (every lead with an opportunity in the example was an MQL before it).
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { acmeManifest, auditAcme, built, repo } from "./helpers/acme-audit.js";

const truth = acmeManifest().opportunities;

interface Row {
  key: string;
  currency: string;
  leads: number | null;
  mqls: number | null;
  opportunities: number;
  pipeline: number;
  won: number;
  won_amount: number;
}
interface Money {
  currency: string;
  totals: Row[];
  sourcing: Row[];
  by_source: Row[];
}

function audit(): Money {
  return auditAcme().money as Money;
}

const csv = (file: string) =>
  parse(readFileSync(join(repo, "examples", "acme", file), "utf8"), { columns: true }) as Record<
    string,
    string
  >[];

/** Opportunity.csv in USD, computed independently of the report: amount × rates.csv's rate. */
function independentSums(): {
  pipeline: number;
  won: number;
  wonCount: number;
  byCurrency: Map<string, number>;
} {
  const rate = new Map<string, number>([["USD", 1]]);
  for (const r of csv("rates.csv")) rate.set(r.currency as string, Number(r.rate));
  const sums = { pipeline: 0, won: 0, wonCount: 0, byCurrency: new Map<string, number>() };
  for (const o of csv("Opportunity.csv")) {
    const code = o.CurrencyIsoCode as string;
    const usd = Number(o.Amount) * (rate.get(code) as number);
    sums.pipeline += usd;
    if (o.IsWon === "true") {
      sums.won += usd;
      sums.wonCount++;
    }
    sums.byCurrency.set(code, (sums.byCurrency.get(code) ?? 0) + 1);
  }
  return sums;
}

describe.skipIf(!built)("the acme example's money section finds the planted truth", () => {
  const money = built ? audit() : ({} as Money);
  const source = () => money.by_source.find((s) => s.key === truth.source) as Row;

  it("reports in USD, one row per source (no per-currency split: the rates convert everything)", () => {
    expect(money.currency).toBe("USD");
    expect(money.totals.map((t) => t.currency)).toEqual(["USD"]);
    expect(money.by_source.every((s) => s.currency === "USD")).toBe(true);
  });

  it("Paid Search brings volume and no revenue", () => {
    const paid = source();
    expect(paid.won_amount).toBe(0);
    expect(paid.won).toBe(0);
    expect(paid.opportunities).toBe(truth.noRevenue.opportunities);
    expect(truth.noRevenue.lost + truth.noRevenue.open).toBe(truth.noRevenue.opportunities);
    expect(truth.noRevenue.wonWithoutOpportunity).toBeGreaterThan(0);
    // Volume: it has the most leads of the sources with no revenue, and more than 100 MQLs.
    const zero = money.by_source.filter((s) => s.won_amount === 0);
    const most = Math.max(...zero.map((s) => s.leads ?? 0));
    expect(paid.leads).toBe(most);
    expect(paid.mqls ?? 0).toBeGreaterThan(100);
    // Every other named source has revenue.
    const others = money.by_source.filter((s) => s.key !== truth.source && s.key !== "(none)");
    expect(others.length).toBe(5); // Web Form, Webinar, Trade Show, Partner Referral, Outbound
    expect(others.every((s) => s.won_amount > 0)).toBe(true);
  });

  it("the outbound opportunities, with no lead, are sales-sourced; every other one marketing-sourced", () => {
    const rows = csv("Opportunity.csv");
    const noLead = rows.filter((o) => o.Converted_Lead_Id__c === "");
    expect(noLead.length).toBe(truth.outbound.opportunities);
    const sourcing = (key: string) => money.sourcing.find((s) => s.key === key) as Row;
    expect(sourcing("sales").opportunities).toBe(truth.outbound.opportunities);
    expect(sourcing("sales").won).toBe(truth.outbound.won);
    expect(sourcing("marketing").opportunities).toBe(rows.length - truth.outbound.opportunities);
    const outbound = money.by_source.find((s) => s.key === "Outbound") as Row;
    expect(outbound.opportunities).toBe(truth.outbound.opportunities);
    expect(outbound.leads ?? 0).toBe(0);
  });

  it("converts the EUR and GBP amounts at rates.csv's rates", () => {
    const sums = independentSums();
    expect(sums.byCurrency.get("EUR")).toBe(truth.currencies.EUR);
    expect(sums.byCurrency.get("GBP")).toBe(truth.currencies.GBP);
    expect(truth.currencies.EUR).toBeGreaterThan(10);
    expect(truth.currencies.GBP).toBeGreaterThan(10);
    const total = money.totals[0] as Row;
    expect(total.opportunities).toBe(csv("Opportunity.csv").length);
    expect(total.won).toBe(sums.wonCount);
    expect(total.pipeline).toBeCloseTo(sums.pipeline, 2);
    expect(total.won_amount).toBeCloseTo(sums.won, 2);
    // Not summed as if every amount were USD.
    const raw = csv("Opportunity.csv").reduce((n, o) => n + Number(o.Amount), 0);
    expect(Math.abs(total.pipeline - raw)).toBeGreaterThan(1000);
  });
});
