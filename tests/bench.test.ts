/**
 * The bench's DuckDB SQL (scripts/bench/duckdb.ts) must compute the audit's headline figures
 * exactly (the lead definition's check and pass clock included): on a small generated data set at
 * the bench's density (planted problems included), and under the other reassignment and
 * skipped-stage policies; and the money figures (scripts/bench/duckdb-money.ts) on the generated
 * opportunities and on opportunities built for the money rules' corner cases. No timings are
 * asserted here.
 */

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DataSet, ensureData, moneySlaText, scenario } from "../scripts/bench/data.js";
import { median } from "../scripts/bench/docs.js";
import { duckdbFigures } from "../scripts/bench/duckdb.js";
import { compareFigures, type Figures, type MoneyFigure, reportFigures } from "../scripts/bench/figures.js";
import { readBenchSla } from "../scripts/bench/sla.js";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";

async function auditFigures(sla: string): Promise<Figures> {
  const f = fakeIo({ NO_COLOR: "1" });
  const code = await main(["audit", "--sla", sla, "--format", "json"], f.io);
  expect(code, f.stderr()).toBe(0);
  return reportFigures(JSON.parse(f.stdout()));
}

const T0 = Date.UTC(2026, 5, 1, 12); // 08:00 in New York (EDT, UTC-4)
const HOUR = 3_600_000;
/** Hours after T0 as stage_history writes them (UTC, Z) and as the other files do (naive New York). */
const z = (h: number) => `${new Date(T0 + h * HOUR).toISOString().slice(0, 19)}Z`;
const ny = (h: number, sep = " ") =>
  new Date(T0 + h * HOUR - 4 * HOUR).toISOString().slice(0, 19).replace("T", sep);

/** Leads built to hit the replay's corners; each comment says which. */
function cornerCases(dir: string): string {
  const leads: string[][] = [];
  const history: string[][] = [];
  const acts: string[][] = [];
  const owners: string[][] = [];
  const lead = (id: string, h: number, owner = "Ann") =>
    leads.push([
      id,
      ny(h, "T"),
      "Pat",
      id,
      `${id.toLowerCase()}@example.org`,
      "Co",
      "CTO",
      "1-10",
      "US",
      "Web",
      "",
      owner,
    ]);
  const st = (id: string, status: string, h: number, owner = "", reason = "") =>
    history.push([id, status, z(h), owner, reason]);
  const act = (id: string, owner: string, type: string, h: number, status = "completed") =>
    acts.push([`A${acts.length}`, id, owner, type, status, ny(h)]);
  // Skipped stages up to won, an outcome after the end, a stage opening a new journey, a recycle.
  lead("L01", 0);
  st("L01", "MQL", 1);
  st("L01", "Closed Won", 5);
  st("L01", "Closed Lost", 6, "Ann", "Price");
  st("L01", "Marketing Qualified", 30);
  st("L01", "Recycled", 40, "Ann", "Timing");
  st("L01", "MQL", 60);
  // Reassignments restarting the clock twice, then the answer within the last clock.
  lead("L02", 0);
  st("L02", "MQL", 1);
  st("L02", "", 3, "Bob", "Reassigned");
  st("L02", "", 22, "Cy", "Reassigned");
  st("L02", "Sales Accepted", 40, "Cy");
  act("L02", "Cy", "call", 41);
  // A reassignment after the deadline passed changes nothing.
  lead("L03", 0);
  st("L03", "MQL", 1);
  owners.push(["L03", "Bob", ny(27)]);
  st("L03", "Sales Accepted", 30, "Bob");
  // A reassignment after the response (within the window) changes nothing either; the new owner's touch answers first-touch.
  lead("L04", 0);
  st("L04", "MQL", 1);
  st("L04", "Working - Contacted", 2, "Ann");
  act("L04", "Ann", "note", 2.5);
  st("L04", "", 3, "Bob", "Reassigned");
  act("L04", "Ann", "call", 3.5);
  act("L04", "Bob", "email", 4, "scheduled");
  act("L04", "Bob", "meeting", 7);
  // A touch exactly at the deadline (met), after a colleague's touch (not the owner's).
  lead("L05", 0);
  st("L05", "MQL", 1);
  st("L05", "Sales Accepted", 2, "Ann");
  act("L05", "Bob", "call", 3);
  act("L05", "Ann", "CALL", 6);
  // One instant: qualified and disqualified (stage first); two owners at one instant (content order).
  lead("L06", 0);
  st("L06", "MQL", 1);
  st("L06", "Sales Qualified", 2, "Ann");
  st("L06", "Disqualified", 2, "Ann", "Competitor");
  owners.push(["L06", "Bob", ny(1.5)]);
  st("L06", "", 1.5, "Dee", "Reassigned");
  lead("L06b", 0);
  st("L06b", "MQL", 1);
  st("L06b", "", 1.5, "Amy", "Reassigned");
  owners.push(["L06b", "Zed", ny(1.5)]);
  st("L06b", "Unqualified", 3, "Zed");
  // A backward move is no entry.
  lead("L07", 0);
  st("L07", "MQL", 1);
  st("L07", "Sales Accepted", 2);
  st("L07", "Marketing Qualified", 3);
  st("L07", "Sales Qualified", 4);
  // An event before the creation moves the creation back.
  lead("L08", 10);
  st("L08", "MQL", 5);
  st("L08", "Sales Accepted", 50);
  // Ended at once, ended again (ignored), then a stage opens a new journey.
  lead("L09", 0);
  st("L09", "Disqualified", 1, "Ann", "Spam");
  st("L09", "Unqualified", 2);
  st("L09", "New", 3);
  st("L09", "MQL", 4);
  // Two recycles at one instant: two new journeys.
  lead("L10", 0);
  st("L10", "MQL", 1);
  st("L10", "Recycled", 2);
  st("L10", "Nurture", 2);
  st("L10", "MQL", 30);
  st("L10", "Sales Accepted", 31, "Ann");
  act("L10", "Ann", "email", 32);
  // Won opening (and closing) a journey after a loss; a recycle after it is ignored.
  lead("L11", 0);
  st("L11", "Closed Lost", 1);
  st("L11", "Closed Won", 2);
  st("L11", "Recycled", 3);
  // Odd spacing and case; an unknown value; an unreadable time; an unknown lead.
  lead("L12", 0);
  st("L12", "  marketing   QUALIFIED ", 1);
  st("L12", "Contacted", 2);
  history.push(["L12", "Sales Accepted", "31/02/2026 25:00", "", ""]);
  st("L99", "MQL", 1);
  act("L99", "Ann", "call", 2);
  // No owner on the lead; the history names one. A duplicated lead row.
  lead("L13", 0, "");
  st("L13", "MQL", 1, "Bob");
  st("L13", "Sales Accepted", 3, "Bob");
  act("L13", "Bob", "call", 5);
  lead("L14", 0);
  lead("L14", 0);
  st("L14", "MQL", 2);
  // An activity before the creation, one after the journey ended (no answer), and never answered: missed.
  lead("L15", 5);
  act("L15", "Ann", "call", 1);
  st("L15", "MQL", 6);
  st("L15", "Sales Accepted", 8, "Ann");
  st("L15", "Closed Lost", 9, "Ann");
  act("L15", "Ann", "call", 10);
  // Pending at the end: the latest time stamp (the as-of, 126) is an activity 16 hours after the MQL.
  lead("L16", 100);
  st("L16", "MQL", 110);
  act("L16", "Ann", "note", 126);
  // Two owners at one instant, the later restoring the owner before: no reassignment at all.
  lead("L17", 0);
  st("L17", "MQL", 1, "Ann");
  owners.push(["L17", "Bob", ny(1.5)]);
  st("L17", "MQL", 1.5, "Ann");
  st("L17", "Sales Accepted", 3, "Ann");
  // A reassignment after the journey ended restarts nothing: missed (a restart would make it pending).
  lead("L18", 99);
  st("L18", "MQL", 100);
  st("L18", "Closed Lost", 100.5, "Ann");
  owners.push(["L18", "Bob", ny(105)]);
  const csv = (header: string, rows: string[][]) =>
    `${[header, ...rows.map((r) => r.join(","))].join("\n")}\n`;
  const leadsHeader =
    "lead_id,created_at,first_name,last_name,email,company,title,company_size,country,lead_source,campaign,owner";
  writeFileSync(join(dir, "leads.csv"), csv(leadsHeader, leads));
  writeFileSync(join(dir, "stage_history.csv"), csv("lead_id,status,changed_at,owner,reason", history));
  writeFileSync(join(dir, "activities.csv"), csv("activity_id,lead_id,owner,type,status,occurred_at", acts));
  writeFileSync(join(dir, "owner_history.csv"), csv("lead_id,owner,assigned_at", owners));
  writeFileSync(
    join(dir, "reps.csv"),
    csv(
      "rep,team,time_zone",
      ["Ann", "Bob", "Cy", "Dee"].map((r) => [r, "East", "America/New_York"]),
    ),
  );
  // The bench SLA reads engagements: one demo request (every corner lead fails the fit rules:
  // a company of 1-10).
  writeFileSync(
    join(dir, "engagements.csv"),
    csv("engagement_id,lead_id,email,type,occurred_at,detail", [
      ["E1", "L01", "l01@example.org", "demo_request", z(0.5), "Demo Request"],
    ]),
  );
  const sla = join(dir, "sla.yaml");
  writeFileSync(
    sla,
    readFileSync(join(import.meta.dirname, "..", "scripts", "bench", "sla.template.yaml"), "utf8"),
  );
  return sla;
}

/**
 * Opportunities on the corner-case leads (the period starts at T0, Monday 1 June 2026 08:00 in New
 * York), each comment saying which rule it hits. A close date is a date: its 00:00 in New York.
 * Opportunities are inputs: a creation or a closed deal's close after the leads' latest time stamp
 * (T0 + 126 h) moves the as-of; an open deal's expected close does not.
 */
function moneyCorners(dir: string): string {
  const opp = (
    id: string,
    lead: string,
    amount: string,
    currency: string,
    stage: string,
    created: number,
    close: string,
    source = "",
  ) => {
    const closed = stage.startsWith("Closed");
    return [
      id,
      lead,
      amount,
      currency,
      stage,
      String(closed),
      String(stage === "Closed Won"),
      close,
      `${z(created).slice(0, 19)}.000Z`,
      source,
      "Ann",
    ].join(",");
  };
  const rows = [
    // Marketing-sourced (L01's MQL at 1 h), won on 3 June: 1,000 USD; the same lead's second deal is lost.
    opp("O01", "L01", "1000", "USD", "Closed Won", 2, "2026-06-03"),
    opp("O02", "L01", "250.50", "USD", "Closed Lost", 3, "2026-06-05"),
    // Created before its lead's MQL (L02's at 1 h): sales-sourced; 500 EUR = 540 USD, lost.
    opp("O03", "L02", "500", "EUR", "Closed Lost", 0.5, "2026-06-04"),
    // No lead: sales-sourced, its own source; 333.33 GBP × 1.27 = 423.3291 → 42,333 cents; open.
    opp("O04", "", "333.33", "GBP", "Prospecting", 10, "2026-07-01", "Outbound"),
    // No amount, and a negative one: counted, never as 0.
    opp("O05", "L05", "", "USD", "Qualification", 4, "2026-07-01"),
    opp("O06", "L06", "-50", "USD", "Negotiation/Review", 4, "2026-07-01"),
    // A currency with no rate: a row of its own (JPY), never added to USD.
    opp("O07", "L07", "10000", "JPY", "Closed Won", 5, "2026-06-02"),
    // A lead the leads file does not have: dropped (its close moves nothing).
    opp("O08", "L99", "700", "USD", "Closed Won", 5, "2026-06-15"),
    // Created at T0 + 200 h, open until 1 July (an expected close): the as-of moves to its creation…
    opp("O09", "L10", "800", "USD", "Prospecting", 200, "2026-07-01"),
    // … and on to this deal's close, 10 June 00:00 in New York (T0 + 208 h): won at the as-of.
    opp("O10", "L13", "900", "USD", "Closed Won", 6, "2026-06-10"),
    // Marketing-sourced: L08's MQL at 5 h (before its creation at 10 h, which moves back to it),
    // L12's "  marketing   QUALIFIED " at 1 h. Sales-sourced: L11 never entered the MQL stage (its
    // Closed Won at 2 h opens a journey there, and nothing is backfilled before a journey's start).
    opp("O11", "L08", "1200", "USD", "Closed Won", 60, "2026-06-05"),
    opp("O12", "L12", "300", "USD", "Closed Lost", 2, "2026-06-06"),
    opp("O13", "L11", "400", "USD", "Qualification", 3, "2026-07-01"),
  ];
  writeFileSync(
    join(dir, "Opportunity.csv"),
    `Id,Converted_Lead_Id__c,Amount,CurrencyIsoCode,StageName,IsClosed,IsWon,CloseDate,CreatedDate,LeadSource,Owner.Name\n${rows.join("\n")}\n`,
  );
  writeFileSync(join(dir, "rates.csv"), "currency,rate\nEUR,1.08\nGBP,1.27\n");
  const sla = join(dir, "sla-money.yaml");
  writeFileSync(sla, moneySlaText());
  return sla;
}

describe("bench: DuckDB's SQL gives the audit's figures", () => {
  let base: string;
  let data: DataSet;

  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), "funnel-bench-"));
    data = ensureData(scenario("funnel", 2000), base, () => {});
  }, 60_000);
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  it("on 2,000 generated leads at the funnel scenario's density", async () => {
    expect(data.rows.history / data.rows.leads).toBeGreaterThan(3.5);
    const audit = await auditFigures(data.sla);
    const duck = await duckdbFigures(readBenchSla(data.sla), 2);
    const c = compareFigures(audit, duck.figures);
    expect(c.mismatches).toEqual([]);
    expect(c.compared).toBeGreaterThan(300);
    // Not vacuous: every handoff has met, late and missed obligations.
    for (const h of audit.handoffs) expect(Math.min(h.met, h.late, h.missed)).toBeGreaterThan(0);
    // The lead definition too: entries met and not, each criterion failed, every pass-clock status but pending.
    expect(audit.definitions.map((d) => d.stage)).toEqual(["mql"]);
    for (const d of audit.definitions) {
      expect(Math.min(d.met, d.not_met)).toBeGreaterThan(0);
      for (const n of Object.values(d.failed)) expect(n).toBeGreaterThan(0);
    }
    for (const p of audit.leakage) expect(Math.min(p.met, p.late, p.missed)).toBeGreaterThan(0);
  }, 60_000);

  it("on leads built for the replay's corner cases", async () => {
    const dir = join(base, "corners");
    mkdirSync(dir);
    const sla = cornerCases(dir);
    const audit = await auditFigures(sla);
    expect(audit.journeys).toBeGreaterThan(20);
    const duck = await duckdbFigures(readBenchSla(sla), 1);
    expect(compareFigures(audit, duck.figures).mismatches).toEqual([]);
  }, 60_000);

  it("money: on the generated opportunities (USD, EUR and GBP; marketing- and sales-sourced)", async () => {
    expect(data.rows.opportunities).toBeGreaterThan(300);
    const audit = await auditFigures(data.moneySla);
    const duck = await duckdbFigures(readBenchSla(data.moneySla), 2);
    const c = compareFigures(audit, duck.figures);
    expect(c.mismatches).toEqual([]);
    // Not vacuous: every group compared, both sourcings, sources that won and one that never did.
    const groups = new Set(duck.figures.money.map((r) => r.group));
    expect([...groups].sort()).toEqual(["by_campaign", "by_source", "periods", "sourcing", "totals"]);
    const of = (group: string, key: string) => audit.money.find((r) => r.group === group && r.key === key);
    expect(
      Math.min(of("sourcing", "marketing")?.won ?? 0, of("sourcing", "sales")?.won ?? 0),
    ).toBeGreaterThan(0);
    expect(of("by_source", "Paid Search")?.won).toBe(0);
    expect(of("by_source", "Paid Search")?.lost).toBeGreaterThan(0);
    // Amounts in three currencies, converted with rates.csv.
    const currencies = readFileSync(join(data.dir, "Opportunity.csv"), "utf8").match(/,(EUR|GBP),/g) ?? [];
    expect(new Set(currencies).size).toBe(2);
  }, 60_000);

  it("money: on opportunities built for the corner cases", async () => {
    const dir = join(base, "money-corners");
    mkdirSync(dir);
    cornerCases(dir);
    const sla = moneyCorners(dir);
    const audit = await auditFigures(sla);
    const duck = await duckdbFigures(readBenchSla(sla), 1);
    expect(compareFigures(audit, duck.figures).mismatches).toEqual([]);
    // The hand-computed figures (see moneyCorners), so that both sides are checked, not only alike.
    const row = (group: string, key: string, currency = "USD") =>
      duck.figures.money.find(
        (r) => r.group === group && r.key === key && r.currency === currency,
      ) as MoneyFigure;
    expect(duck.figures.asOf).toBe(Date.UTC(2026, 5, 10, 4)); // O10's close, 00:00 EDT
    // USD pipeline: O01 1,000 + O02 250.50 + O03 540 + O04 423.33 + O09 800 + O10 900 + O11 1,200
    // + O12 300 + O13 400 = 5,813.83 (O05, O06 without an amount; O07 in JPY; O08 dropped).
    expect(row("totals", "all")).toMatchObject({ opportunities: 11, pipeline: 5813.83, amount_missing: 2 });
    // Won O01 + O10 + O11 = 3,100; lost O02 250.50 + O03 540 + O12 300 = 1,090.50.
    expect(row("totals", "all")).toMatchObject({ won: 3, won_amount: 3100, lost: 3, lost_amount: 1090.5 });
    expect(row("totals", "all").win_rate_value).toBe(0.7398); // 3,100 ÷ 4,190.50
    expect(row("totals", "all", "JPY")).toMatchObject({ opportunities: 1, pipeline: 10000, won: 1 });
    // Sales-sourced: O03 (before L02's MQL), O04 (no lead) and O13 (L11, never an MQL).
    expect(row("sourcing", "sales")).toMatchObject({ opportunities: 3, pipeline: 1363.33 });
    expect(row("by_source", "Outbound")).toMatchObject({ opportunities: 1, pipeline: 423.33, leads: 0 });
  }, 60_000);

  it.each([
    ["on_reassign: keep, skipped_stages: eligible", "on_reassign: keep", "skipped_stages: eligible"],
    ["on_reassign: restart, skipped_stages: strict", "on_reassign: restart", "skipped_stages: strict"],
  ])(
    "with %s",
    async (_, reassign, skipped) => {
      const text = readFileSync(data.sla, "utf8")
        .replace(/^on_reassign: .*$/m, reassign)
        .replace(/^skipped_stages: .*$/m, skipped);
      const sla = join(data.dir, "sla-variant.yaml");
      writeFileSync(sla, text);
      const audit = await auditFigures(sla);
      const duck = await duckdbFigures(readBenchSla(sla), 1);
      expect(compareFigures(audit, duck.figures).mismatches).toEqual([]);
    },
    60_000,
  );
});

describe("the bench's paired ratio", () => {
  it("is the median of the pairs (odd and even counts)", () => {
    expect(median([1.3, 0.9, 1.1])).toBe(1.1);
    expect(median([1.2, 0.8, 1.0, 1.4])).toBeCloseTo(1.1, 12); // (1.0 + 1.2) / 2
    expect(median([0.95])).toBe(0.95);
  });
});
