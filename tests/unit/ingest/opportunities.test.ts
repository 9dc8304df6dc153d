/**
 * Opportunities as an input (issue 21, items 1 and 4): a Salesforce org exported with Data Loader
 * (Lead with ConvertedOpportunityId, Opportunity, OpportunityFieldHistory; all-caps API headers,
 * 18-character ids, UTC) and a HubSpot deals export (labels, "$1,200.50", associated contact by
 * id or as "Name (e-mail)"), in tests/fixtures/opportunities. Every figure is read off the files.
 */

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSlaConfig } from "../../../src/config/load.js";
import { formatIssue, UserError } from "../../../src/errors.js";
import { FINDING_KINDS, type FindingCode } from "../../../src/findings.js";
import { readDataset } from "../../../src/ingest/index.js";
import { decideMark, MarkTally } from "../../../src/ingest/sources/opportunity-values.js";
import type { Finding, SlaConfig, SourceDef } from "../../../src/types.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/opportunities");
const SF = join(FIXTURES, "salesforce");
const HS = join(FIXTURES, "hubspot");

async function load(sla: string): Promise<SlaConfig> {
  const { config, issues } = await loadSlaConfig(sla);
  expect(issues.map(formatIssue)).toEqual([]);
  return config as SlaConfig;
}

/** The SLA file of a fixture folder with its text changed, written beside its files in a temp folder. */
function variant(dir: string, edit: (text: string) => string, files: Record<string, string> = {}): string {
  const out = mkdtempSync(join(tmpdir(), "opps-"));
  const text = edit(readFileSync(join(dir, "sla.yaml"), "utf8")).replace(
    /file: (\w+\.csv)/g,
    `file: ${dir}/$1`,
  );
  for (const [name, content] of Object.entries(files)) writeFileSync(join(out, name), content);
  writeFileSync(join(out, "sla.yaml"), text);
  return join(out, "sla.yaml");
}

const of = (findings: Finding[], code: string) =>
  findings
    .filter((f) => f.code === code)
    .map(
      (f) => `${basename(f.place.file)}:${f.place.line}${f.column ? `:${f.column}` : ""} ${f.value ?? ""}`,
    );

const utc = (iso: string) => Date.parse(iso);

describe("Salesforce: Opportunity joined through the Lead's ConvertedOpportunityId", async () => {
  const ds = await readDataset(await load(join(SF, "sla.yaml")));
  const opps = ds.opportunities ?? [];
  const byId = (id: string) => opps.find((o) => o.id === `0065e00000Op${id}AAA`);

  it("keeps one opportunity per id, sorted by id, each joined to the lead naming it; none named: no lead", () => {
    // 8 rows: 005 twice; 7 opportunities.
    expect(opps.map((o) => o.id.slice(12, 15))).toEqual(["001", "002", "003", "004", "005", "007", "008"]);
    expect(byId("001")?.leadId).toBe("00Q5e00000Ab001AAA");
    expect(byId("007")?.leadId).toBe("00Q5e00000Ab006AAA");
    // Hanbit Labs' lead (Ab004) was never converted: 004 is sales-sourced, with its own LeadSource.
    expect(byId("004")).toMatchObject({ leadId: null, source: "Partner" });
    expect(of(ds.findings, "opportunity_duplicate")).toEqual(["Opportunity.csv:7 0065e00000Op005AAA"]);
  });

  it("reads the state from StageName, else IsClosed/IsWon; an open CloseDate is an expected date, not a close", () => {
    expect(byId("001")).toMatchObject({ state: "won", closedAt: utc("2026-02-10T00:00:00Z"), amount: 13000 });
    expect(byId("002")).toMatchObject({ state: "lost", closedAt: utc("2026-02-20T00:00:00Z") });
    // "Closed - Signed" is no listed stage: IsClosed true, IsWon true.
    expect(byId("005")).toMatchObject({ state: "won", stage: "Closed - Signed" });
    expect(byId("003")).toMatchObject({ state: "open", closedAt: null });
    expect(byId("004")).toMatchObject({ currency: "EUR", amount: 5000.5 });
  });

  it("empty, negative and unreadable amounts are null with a finding naming the line (and column)", () => {
    expect(byId("003")?.amount).toBeNull();
    expect(byId("007")?.amount).toBeNull();
    expect(byId("008")?.amount).toBeNull();
    expect(of(ds.findings, "opportunity_amount_empty")).toEqual(["Opportunity.csv:4 "]);
    expect(of(ds.findings, "opportunity_amount_negative")).toEqual(["Opportunity.csv:8:5 -250"]);
    expect(of(ds.findings, "opportunity_amount_unreadable")).toEqual(["Opportunity.csv:9:5 TBD"]);
  });

  it("folds OpportunityFieldHistory: initial values from the first OldValue, then each change", () => {
    const h = byId("001")?.history ?? [];
    expect(h.map(({ place: _, ...c }) => c)).toEqual([
      { at: utc("2026-01-12T15:00:00Z"), amount: 10000, stage: "Prospecting", state: "open" },
      { at: utc("2026-01-20T09:00:00Z"), amount: 12000.5 },
      { at: utc("2026-02-10T16:00:00Z"), stage: "Closed Won", state: "won" },
      { at: utc("2026-03-01T12:00:00Z"), amount: 13000 },
    ]);
    // No amount row for 002: its amount holds from creation.
    expect(byId("002")?.history[0]).toMatchObject({ amount: 8000, stage: "Qualification", state: "open" });
    expect(byId("003")?.history).toEqual([]);
    expect(of(ds.findings, "opportunity_amount_changed_after_close")).toEqual([
      "OpportunityFieldHistory.csv:5 0065e00000Op001AAA",
    ]);
    expect(of(ds.findings, "other_field")).toEqual(["OpportunityFieldHistory.csv:2 created"]);
    expect(of(ds.findings, "opportunity_history_unknown")).toEqual([
      "OpportunityFieldHistory.csv:7 0065e00000Op099AAA",
    ]);
  });

  it("counts every row of the opportunity files as used or in a finding that drops it", () => {
    for (const [file, rows] of [
      ["Opportunity.csv", 8],
      ["OpportunityFieldHistory.csv", 6],
    ] as const) {
      const path = join(SF, file);
      const dropped = ds.findings.filter(
        (f) => f.place.file === path && FINDING_KINDS[f.code as FindingCode].drops,
      ).length;
      expect(ds.rowCounts[path]).toBe(rows);
      // Opportunity.csv: 7 kept + 1 duplicate; history: 4 folded + "created" + an unknown opportunity.
      expect((ds.usedRows?.[path] ?? 0) + dropped).toBe(rows);
    }
  });

  it("several currencies without rates: a finding per currency with no rate to the reporting one", async () => {
    expect(of(ds.findings, "opportunity_currency_unconverted")).toEqual([
      "Opportunity.csv:5 EUR",
      "Opportunity.csv:2 USD",
    ]);
    const usd = await readDataset(await load(variant(SF, (t) => `${t}money: { currency: USD }\n`)));
    expect(of(usd.findings, "opportunity_currency_unconverted")).toEqual(["Opportunity.csv:5 EUR"]);
    const rated = variant(SF, (t) => `${t}money: { currency: USD, rates: "rates.csv" }\n`, {
      "rates.csv": "currency,rate,from\nEUR,1.08,2026-01-01\nEUR,1.10,2026-03-01\n",
    });
    const config = await load(rated);
    expect(config.money?.rates).toEqual([
      { currency: "EUR", from: utc("2026-01-01T00:00:00Z"), rate: 1.08 },
      { currency: "EUR", from: utc("2026-03-01T00:00:00Z"), rate: 1.1 },
    ]);
    expect(of((await readDataset(config)).findings, "opportunity_currency_unconverted")).toEqual([]);
  });
});

describe("HubSpot deals: the associated contact by id or e-mail, amounts as the export writes them", async () => {
  const ds = await readDataset(await load(join(HS, "sla.yaml")));
  const byId = (id: string) => ds.opportunities?.find((o) => o.id === id);

  it("joins by Associated Contact IDs (the first that is a lead), else the e-mail in Associated Contact", () => {
    expect(ds.opportunities?.map((o) => [o.id, o.leadId])).toEqual([
      ["9001", "101"],
      ["9002", "102"],
      ["9003", "103"],
      ["9004", "101"],
      ["9006", null],
    ]);
    // 9007's "Associated Contact" is a name with no e-mail: it names a contact it cannot join.
    expect(of(ds.findings, "opportunity_unknown_lead")).toEqual([
      "deals.csv:6:10 999",
      "deals.csv:8:9 Chen Wei",
    ]);
    expect(of(ds.findings, "lead_several_opportunities")).toEqual(["deals.csv:5 9001, 9004"]);
  });

  it('reads "$24,000.00" in the column\'s decimal mark, the bare $ as money.symbol says', () => {
    expect(byId("9001")).toMatchObject({ amount: 24000, currency: "USD", state: "won" });
    expect(byId("9002")).toMatchObject({ amount: 1250.5, currency: "USD", state: "open" });
    // Close Date 2026-03-02 17:00 in New York (UTC-5).
    expect(byId("9001")?.closedAt).toBe(utc("2026-03-02T22:00:00Z"));
  });

  it("a stage no list names (open: listed) is a finding with the closest stage, read as open", () => {
    expect(byId("9004")?.state).toBe("open");
    const f = ds.findings.find((x) => x.code === "opportunity_stage_unknown");
    expect(f?.value).toBe("Closed Wom");
    expect(f?.hint).toContain('did you mean "Closed Won"?');
  });
});

describe("a column of amounts the values cannot decide", () => {
  /** A plain file whose every amount is "1,200"-shaped: a thousand, or one and a fifth. */
  const generic = (extra: string) => {
    const dir = mkdtempSync(join(tmpdir(), "opps-mark-"));
    writeFileSync(join(dir, "leads.csv"), "id,created\nA,2026-01-01\n");
    writeFileSync(
      join(dir, "opps.csv"),
      'id,lead,amount,stage,created,closed\nO1,A,"1,200",Won,2026-01-02,2026-01-20\nO2,,"4,500",Lost,2026-01-03,2026-01-21\n',
    );
    writeFileSync(
      join(dir, "sla.yaml"),
      `version: 1
timezone: UTC
stages: [{ id: lead, matches: [Lead] }, { id: customer, matches: [Customer] }]
sources:
  leads: { file: leads.csv, columns: { id: id, created_at: created } }
  opportunities:
    file: opps.csv
    columns: { id: id, lead_id: lead, amount: amount, stage: stage, created_at: created, closed_at: closed }${extra}
`,
    );
    return join(dir, "sla.yaml");
  };

  it("is refused: exit 2 naming the file, lines, column and decimal_mark:", async () => {
    const err = await readDataset(await load(generic(""))).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    const issues = (err as UserError).issues.map((i) => `${basename(i.file)}:${i.line}:${i.column}`);
    expect(issues).toEqual(["opps.csv:2:3", "opps.csv:3:3"]);
    expect((err as UserError).issues[0]?.hint).toContain('decimal_mark: "."');
  });

  it('reads in the mark decimal_mark: gives ("1,200" with "," is 1.2)', async () => {
    const comma = await readDataset(await load(generic('\n    decimal_mark: ","')));
    expect(comma.opportunities?.map((o) => o.amount)).toEqual([1.2, 4.5]);
    const point = await readDataset(await load(generic('\n    decimal_mark: "."')));
    expect(point.opportunities?.map((o) => [o.amount, o.state])).toEqual([
      [1200, "won"],
      [4500, "lost"],
    ]);
  });
});

describe("MarkTally: amounts tallied as the rows stream by", () => {
  const source = { file: "opps.csv", kind: "opportunities" } as unknown as SourceDef;
  it("names each example's own column: the first amount cell of its line", () => {
    const t = new MarkTally();
    // line 2: Amount (column 4); line 3: only the fallback column 5 is filled; line 4: a history
    // row's old value (column 5) then new value (column 6): its first cell, column 5.
    t.add({ line: 2, text: "1,200", column: 4 });
    t.add({ line: 3, text: "4,500", column: 5 });
    t.add({ line: 4, text: "7,000", column: 5 });
    t.add({ line: 4, text: "8,000", column: 6 });
    const err = (() => {
      try {
        t.decide(source);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UserError);
    // Every value reads two ways: refused, with the first three examples' places.
    expect((err as UserError).issues.map((i) => `${i.line}:${i.column}`)).toEqual(["2:4", "3:5", "4:5"]);
  });
  it("decides as decideMark does on the same values", () => {
    const values = [
      { line: 2, text: "1.200,50", column: 3 },
      { line: 3, text: "75", column: 3 },
    ];
    const t = new MarkTally();
    for (const v of values) t.add(v);
    expect(t.decide(source)).toBe(decideMark(source, values));
    expect(t.decide(source)).toBe(",");
  });
});
