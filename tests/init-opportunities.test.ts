/**
 * init on opportunity exports (issue 21): a Salesforce org (Lead, Opportunity,
 * OpportunityFieldHistory from Data Loader) and a HubSpot contacts + deals export, in
 * tests/fixtures/opportunities. init recognises the files and drafts the sources and
 * opportunity_stages:; then validate and audit run on the draft as written (no hand edits).
 */

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { loadSlaConfig } from "../src/config/load.js";
import { readDataset } from "../src/ingest/index.js";
import { recognizeFile } from "../src/init/detect.js";

const FIXTURES = join(import.meta.dirname, "fixtures/opportunities");
const SF = join(FIXTURES, "salesforce");
const HS = join(FIXTURES, "hubspot");
const work = mkdtempSync(join(tmpdir(), "funnel-init-opps-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const header = (file: string) =>
  (readFileSync(file, "utf8").split("\n")[0] as string).split(",").map((h) => h.replace(/"/g, ""));

let n = 0;
async function run(args: string[]) {
  const io = fakeIo({ NO_COLOR: "1" });
  const code = await main(args, io.io);
  return { code, stdout: io.stdout(), stderr: io.stderr(), files: io.files };
}

/** init on the files into a fresh folder; the draft written there. */
async function init(files: string[]) {
  const dir = join(work, `run-${n++}`);
  mkdirSync(dir);
  const out = join(dir, "sla.yaml");
  const r = await run(["init", ...files, "--out", out, "--timezone", "UTC"]);
  expect(r.code, r.stderr).toBe(0);
  const text = r.files.get(out) as string;
  writeFileSync(out, text);
  return { text, out, dir, sla: parse(text) };
}

describe("init recognises opportunity exports", () => {
  it.each([
    [join(SF, "Opportunity.csv"), "Salesforce Opportunity", "opportunities"],
    [join(SF, "OpportunityFieldHistory.csv"), "Salesforce OpportunityFieldHistory", "opportunity_history"],
    [join(HS, "deals.csv"), "HubSpot deals", "opportunities"],
  ])("%s", (file, object, role) => {
    expect(recognizeFile(header(file))).toMatchObject({ object, role });
  });

  it("OpportunityHistory (a row per change with StageName and Amount) is a history too; a Lead stays a Lead", () => {
    const history = ["Id", "OpportunityId", "StageName", "Amount", "CloseDate", "CreatedDate"];
    expect(recognizeFile(history)?.role).toBe("opportunity_history");
    expect(recognizeFile(header(join(SF, "Lead.csv")))?.role).toBe("leads");
  });

  it("drafts the sources and opportunity_stages: from the stages the file uses; a closed stage no list names is a TODO", async () => {
    const { text, sla, dir } = await init(
      ["Opportunity.csv", "Lead.csv", "OpportunityFieldHistory.csv"].map((f) => join(SF, f)),
    );
    expect(resolve(dir, sla.sources.opportunities.file)).toBe(join(SF, "Opportunity.csv"));
    expect(sla.sources.opportunities.preset).toBe("salesforce");
    expect(resolve(dir, sla.sources.opportunity_history.file)).toBe(join(SF, "OpportunityFieldHistory.csv"));
    expect(resolve(dir, sla.sources.leads.file)).toBe(join(SF, "Lead.csv"));
    expect(sla.opportunity_stages).toEqual({ won: ["Closed Won"], lost: ["Closed Lost"] });
    expect(text).toContain('#   opportunity stage "Closed - Signed": reads as closed');
    // Opportunity stages are no lead stages.
    expect(text).not.toMatch(/matches: \[[^\]]*Negotiation/);
  });
});

/** The fixture's files without their planted faults (the duplicate row, the history rows of no opportunity). */
function cleanSalesforce(): string[] {
  const dir = join(work, "clean");
  mkdirSync(dir, { recursive: true });
  const drop = (file: string, lines: number[]) => {
    const kept = readFileSync(join(SF, file), "utf8")
      .split("\n")
      .filter((_, i) => !lines.includes(i + 1));
    writeFileSync(join(dir, file), kept.join("\n"));
    return join(dir, file);
  };
  return [drop("Lead.csv", []), drop("Opportunity.csv", [7]), drop("OpportunityFieldHistory.csv", [2, 7])];
}

describe("first run: init, then validate and audit on the draft as written", () => {
  it("Salesforce: every opportunity row read is counted in the report's inputs", async () => {
    const { out } = await init(cleanSalesforce());
    const v = await run(["validate", "--sla", out]);
    expect(v.stderr).toBe("");
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/Opportunity\.csv: 7 rows; fields id=ID, amount=AMOUNT/);
    const a = await run(["audit", "--sla", out, "--format", "json"]);
    expect(a.code, a.stderr).toBe(0);
    const files = JSON.parse(a.stdout).inputs.files.map((f: { file: string; rows: number; used: number }) => [
      f.file.split("/").pop(),
      f.rows,
      f.used,
    ]);
    // 7 opportunities, all used; 4 field-history rows, all folded.
    expect(files).toEqual([
      ["Lead.csv", 7, 7],
      ["Opportunity.csv", 7, 7],
      ["OpportunityFieldHistory.csv", 4, 4],
    ]);
    const { config } = await loadSlaConfig(out);
    const ds = await readDataset(config as NonNullable<typeof config>);
    expect(ds.opportunities?.filter((o) => o.state === "won").map((o) => o.amount)).toEqual([13000, 3000]);
  });

  it("HubSpot: contacts and deals drafted with the hubspot preset, the deals read", async () => {
    const { out, sla } = await init([join(HS, "deals.csv"), join(HS, "contacts.csv")]);
    expect(sla.sources.opportunities.preset).toBe("hubspot");
    expect(sla.opportunity_stages).toEqual({ won: ["Closed Won"], lost: ["Closed Lost"] });
    const { config } = await loadSlaConfig(out);
    const ds = await readDataset(config as NonNullable<typeof config>);
    // 6 deals: 9005 names contact 999, no lead of the file (a finding); 9004's stage is "Closed Wom".
    expect(ds.opportunities?.map((o) => `${o.id}:${o.state}:${o.amount}`)).toEqual([
      "9001:won:24000",
      "9002:open:1250.5",
      "9003:lost:900",
      "9004:open:2000",
      "9006:open:3000",
    ]);
  });
});
