/** The money section in every format (the fixture of tests/unit/metrics/money.test.ts). */

import { appendFileSync, cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeIo } from "../../../src/cli/io.js";
import { main } from "../../../src/cli/main.js";
import { parseRates } from "../../../src/config/rates.js";
import { traceLead } from "../../../src/metrics/trace.js";
import { makeStyle, renderCsvFiles, renderReport, SECTIONS } from "../../../src/report/index.js";
import { traceJson, traceText } from "../../../src/report/trace.js";
import { displayWidth, stripAnsi } from "../../../src/report/width.js";
import { AS_OF, audit, moneyConfig, moneyDataset } from "../../helpers/money.js";

const report = audit();

describe("the money section rendered", () => {
  it("terminal: fits 80 columns and keeps the figures that settle which sources pay", () => {
    const text = renderReport(report, "table", ["money"], makeStyle(0, { width: 80 }));
    const widest = Math.max(...text.split("\n").map((l) => displayWidth(stripAnsi(l))));
    expect(widest).toBeLessThanOrEqual(80);
    expect(text).toContain("Which sources pay");
    // Webinar: 10,000 won, 5,000 per MQL; the totals' pipeline 17,500 (USD) and 5,833.33 per MQL.
    expect(text).toMatch(/Webinar[^\n]*10,000/);
    expect(text).toContain("17,500");
  });

  it("JSON carries the section under `money`; a report without opportunities has none", () => {
    const json = JSON.parse(renderReport(report, "json", SECTIONS, makeStyle(0)));
    expect(json.money.totals[0].key).toBe("all");
    const { money: _, ...without } = report;
    expect(JSON.parse(renderReport(without, "json", SECTIONS, makeStyle(0))).money).toBeUndefined();
  });

  it("Markdown and CSV show the same tables; HTML draws pipeline and revenue by source", () => {
    const md = renderReport(report, "md", ["money"], makeStyle(0));
    expect(md).toContain("Pipeline and revenue");
    expect(md).toContain("| Webinar | USD |");
    const files = renderCsvFiles(report, ["money"]);
    expect([...files.keys()].sort()).toEqual([
      "money-periods.csv",
      "money-reps.csv",
      "money-sources.csv",
      "money.csv",
    ]);
    expect(files.get("money-sources.csv")?.split("\n")[1]).toBe(
      "Webinar,USD,2,2,7750,5000,5000,15500,10000,0.5",
    );
    const html = renderReport(report, "html", ["money"], makeStyle(0));
    expect(html).toContain('data-chart="money"');
    expect(html).toMatch(
      /<desc>Webinar: pipeline 15,500, won 10,000; Paid: pipeline 2,000, won 2,000\.<\/desc>/,
    );
  });
});

describe("trace shows the lead's opportunities", () => {
  it("as of as-of: O1 won at 10,000 USD; O5 created after as-of", () => {
    const t = traceLead(moneyDataset(), moneyConfig(), { asOf: AS_OF }, "L1");
    if (!t) throw new Error("no L1");
    const text = traceText(t, moneyConfig(), makeStyle(0));
    expect(text).toContain("Opportunities");
    expect(text).toMatch(/O1 {2}created 2026-01-10 00:00 {2}10,000 USD {2}won 2026-01-25 00:00/);
    expect(text).toMatch(/O5 {2}created 2026-03-16 00:00 {2}\(after as-of\)/);
    const json = JSON.parse(traceJson(t, moneyConfig()));
    expect(
      json.opportunities.map((o: { id: string; amount: number | null; state: string | null }) => [
        o.id,
        o.amount,
        o.state,
      ]),
    ).toEqual([
      ["O1", 10_000, "won"],
      ["O5", null, null],
    ]);
  });
});

describe("trace of a lead without opportunities", () => {
  it("says none under the heading", () => {
    const t = traceLead(moneyDataset(), moneyConfig(), { asOf: AS_OF }, "L4");
    if (!t) throw new Error("no L4");
    expect(traceText(t, moneyConfig(), makeStyle(0))).toContain("Opportunities\n  none\n");
  });
});

describe("funnel-audit money", () => {
  it("refuses with exit 2 and no output when the SLA names no opportunities", async () => {
    const run = fakeIo({ NO_COLOR: "1" });
    const code = await main(["money", "--sla", "tests/fixtures/definition/sla.yaml"], run.io);
    expect(code).toBe(2);
    expect(run.stdout()).toBe("");
    expect(run.stderr()).toContain("names no opportunities");
    expect(run.stderr()).toContain("add sources.opportunities");
  });

  it("reads the Salesforce exports and reports the money: the fixture's opportunities count in the as-of", async () => {
    const run = fakeIo({ NO_COLOR: "1" });
    const sla = "tests/fixtures/opportunities/salesforce/sla.yaml";
    const code = await main(["money", "--sla", sla, "--format", "json"], run.io);
    expect(code).toBe(0);
    const report = JSON.parse(run.stdout());
    expect(Object.keys(report.money)).toContain("by_source");
    // The latest stamp of every input, the opportunities' too, is the as-of.
    expect(report.as_of).toBe("2026-03-01T12:00:00Z");
    // The planted duplicate and the history row of no opportunity are named as causes, in words.
    expect(report.coverage.warning).toContain("1 opportunities listed twice");
    expect(report.coverage.warning).toContain("1 history of no opportunity read");
  });
});

describe("broken money inputs are input errors, not crashes", () => {
  it("a rates file with a quote left open: exit 2 naming the file and line", () => {
    const { issues } = parseRates('currency,rate\nEUR,1.08\n"GBP,1.27\n', "rates.csv", "UTC");
    expect(issues.map((i) => [i.file, i.line, i.severity])).toEqual([["rates.csv", 3, "error"]]);
  });

  it("a truncated last line of the opportunities (it ends before the lead column) is a ragged row", async () => {
    const dir = mkdtempSync(join(tmpdir(), "money-truncated-"));
    cpSync("tests/fixtures/opportunities/salesforce", dir, { recursive: true });
    appendFileSync(join(dir, "Opportunity.csv"), "006Ac00000009ZZZAA,Truncated");
    const run = fakeIo({ NO_COLOR: "1" });
    const code = await main(["money", "--sla", join(dir, "sla.yaml"), "--format", "json"], run.io);
    expect(run.stderr()).not.toContain("unexpected error");
    expect(code).toBe(0);
  });
});
