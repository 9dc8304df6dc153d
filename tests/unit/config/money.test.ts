/** The SLA file's money keys (issue 21): money:, opportunity_stages:, sources.opportunities and opportunity_history, the rates file. */

import { describe, expect, it } from "vitest";
import { parseSlaConfig } from "../../../src/config/parse.js";
import { parseRates } from "../../../src/config/rates.js";
import { formatIssue, sortIssues } from "../../../src/errors.js";

const BASE = `version: 1
timezone: UTC
stages:
  - { id: lead, matches: [Open] }
  - { id: mql, matches: [MQL] }
`;
const parse = (text: string) => parseSlaConfig(text, "sla.yaml");
const issues = (text: string) => sortIssues(parse(text).issues).map(formatIssue);

describe("money: and opportunity sources in the SLA file", () => {
  it("normalises the keys: presets' headers, decimal_mark, one source or a list, default stages", () => {
    const { config } = parse(`${BASE}money: { currency: USD, symbol: CAD }
sources:
  leads: { file: Lead.csv, preset: salesforce }
  opportunities:
    - { file: Opportunity.csv, preset: salesforce, decimal_mark: "," }
    - { file: deals.csv, preset: hubspot }
  opportunity_history: { file: OpportunityHistory.csv, preset: salesforce }
`);
    const s = config?.sources;
    expect(s?.leads.columns.converted_opportunity_id).toEqual([
      "ConvertedOpportunityId",
      "Converted Opportunity ID",
    ]);
    expect(s?.opportunities?.map((o) => [o.file, o.kind, o.decimalMark, o.columns.amount])).toEqual([
      ["Opportunity.csv", "opportunities", ",", ["Amount"]],
      ["deals.csv", "opportunities", null, ["Amount"]],
    ]);
    expect(s?.opportunities?.[1]?.columns.lead_id).toEqual([
      "Associated Contact IDs",
      "Associated Contact ID",
    ]);
    expect(s?.opportunity_history?.[0]?.columns.opportunity_id).toEqual(["OpportunityId", "Opportunity ID"]);
    expect(s?.opportunities?.[0]?.declared?.path).toBe("sources.opportunities[0].file");
    expect(config?.money).toEqual({ currency: "USD", symbol: "CAD", rates: [] });
    expect(config?.opportunityStages).toEqual({
      won: ["Closed Won", "closedwon", "Won"],
      lost: ["Closed Lost", "closedlost", "Lost"],
      open: null,
    });
  });

  it("says nothing of money when the SLA names none (no key added to the config)", () => {
    const { config } = parse(`${BASE}sources:\n  leads: { file: leads.csv }\n`);
    expect(config && "money" in config).toBe(false);
    expect(config?.sources.opportunities).toBeUndefined();
  });

  it.each([
    [
      "rates without a currency",
      "money: { rates: rates.csv }\nsources:\n  leads: { file: l.csv }\n",
      "sla.yaml:6:10  error  money.rates: rates convert amounts to the reporting currency, and money: names none",
    ],
    [
      "a stage both won and lost",
      "opportunity_stages: { won: [Closed Won], lost: [closed won] }\nsources:\n  leads: { file: l.csv }\n",
      'sla.yaml:6:49  error  opportunity_stages.lost[0]: stage "closed won" is listed under won: and lost:',
    ],
    [
      "history without opportunities",
      "sources:\n  leads: { file: l.csv }\n  opportunity_history: { file: h.csv }\n",
      "sla.yaml:8:3  error  sources.opportunity_history: opportunity_history: is the history of the opportunities, and sources names no opportunities:",
    ],
    [
      "a currency that is no ISO code",
      "money: { currency: usd }\nsources:\n  leads: { file: l.csv }\n",
      "sla.yaml:6:20  error  money.currency: an ISO 4217 currency code in capitals, e.g. USD, EUR",
    ],
    [
      "a decimal mark that is none",
      'sources:\n  leads: { file: l.csv }\n  opportunities: { file: o.csv, decimal_mark: "·" }\n',
      "sla.yaml:8:18  error  sources.opportunities: this value has none of the shapes allowed here",
    ],
  ])("%s is an error at its place", (_, text, expected) => {
    const [first] = issues(`${BASE}${text}`);
    expect(first?.split("\n")[0]).toContain(expected);
  });
});

describe("the rates file", () => {
  it("reads currency, rate and from (a date in the SLA's zone), sorted by currency then from", () => {
    const { rates, issues } = parseRates(
      "Currency,Rate,From\nGBP,1.27,\nEUR,1.10,2026-03-01\nEUR,1.08,2026-01-01\n",
      "rates.csv",
      "UTC",
    );
    expect(issues).toEqual([]);
    expect(rates).toEqual([
      { currency: "EUR", from: Date.UTC(2026, 0, 1), rate: 1.08 },
      { currency: "EUR", from: Date.UTC(2026, 2, 1), rate: 1.1 },
      { currency: "GBP", from: null, rate: 1.27 },
    ]);
  });

  it("names the line and column of each bad cell", () => {
    const { issues } = parseRates(
      "currency,rate,from\neuro,1.1,\nGBP,-2,\nJPY,0.0067,March\n",
      "rates.csv",
      "UTC",
    );
    expect(issues.map((i) => `${i.line}:${i.column} ${i.message}`)).toEqual([
      '2:1 "euro" is not a currency code',
      '3:2 rate "-2" is not a positive number',
      '4:3 "March" is not a date',
    ]);
  });
});
