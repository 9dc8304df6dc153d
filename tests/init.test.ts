/** `init`: a starter SLA file from raw exports, which `validate` accepts and which audits them. */

import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { parseSlaConfig } from "../src/config/parse.js";
import { formatIssue } from "../src/errors.js";
import { readDataset } from "../src/ingest/index.js";
import { findColumn } from "../src/init/detect.js";
import { placeValue } from "../src/init/draft.js";
import { computeAudit } from "../src/metrics/index.js";
import { slaFile } from "./helpers/builders.js";

const repo = join(import.meta.dirname, "..");
const shared = join(repo, "..", "shared", "datasets");
const present = existsSync(shared);
if (!present)
  console.warn(
    `public-dataset tests skipped: ${shared} not found (the datasets live in ../shared beside the repository; CI has them)`,
  );
const presets = "tests/fixtures/presets";

/** Runs init on the files (paths relative to the repository), then parses and audits the draft. */
async function initAndAudit(files: string[], timezone = "UTC") {
  const run = fakeIo({ NO_COLOR: "1" });
  const code = await main(["init", ...files, "--out", "-", "--timezone", timezone], run.io);
  expect(code).toBe(0);
  const text = run.stdout();
  const { config, issues } = parseSlaConfig(text, join(process.cwd(), "sla.yaml"));
  if (!config) throw new Error(`${text}\n${issues.map(formatIssue).join("\n")}`);
  return { text, config, audit: computeAudit(await readDataset(config), config) };
}

describe("placing raw status values", () => {
  it.each([
    ["Open - Not Contacted", "inquiry"],
    ["Not Contacted", "inquiry"],
    ["Marketing Qualified", "mql"],
    ["marketingqualifiedlead", "mql"],
    ["Marketing Qualified Lead", "mql"],
    ["Sales Qualified Lead", "sql"],
    ["Pre Qualified", "sql"],
    ["Working - Contacted", "sal"],
    ["Attempted to Contact", "sal"],
    ["Sales Qualified", "sql"],
    ["Engaging", "sql"],
    ["Closed - Converted", "opportunity"],
    ["Closed Won", "won"],
    ["Customer", "won"],
    ["Nurture", "recycled"],
    ["Junk Lead", "disqualified"],
    ["Closed - Not Converted", "disqualified"],
    ["Closed Lost", "lost"],
    // A Spanish org's statuses (a Salesforce report export from Spain), and a few of their neighbours.
    ["Nuevo", "inquiry"],
    ["En gestión", "sal"],
    ["Contactado", "sal"],
    ["Cualificado por marketing", "mql"],
    ["Cualificado", "sql"],
    ["No cualificado", "disqualified"],
    ["Convertido", "opportunity"],
    ["Descartado", "disqualified"],
    ["Ganado", "won"],
    ["Perdido", "lost"],
    ["Nouveau", "inquiry"],
    ["Qualifié", "sql"],
  ])("%s → %s", (value, step) => {
    expect(placeValue(value)?.id).toBe(step);
  });

  it("leaves a value it cannot place for the TODO list", () => {
    expect(placeValue("Other")).toBeUndefined();
  });
});

describe("init on preset exports", () => {
  it("drafts the Salesforce org's SLA: preset detected, values placed, and the draft audits it", async () => {
    const { text, audit } = await initAndAudit(
      [
        `${presets}/salesforce-api/Lead.csv`,
        `${presets}/salesforce-api/LeadHistory.csv`,
        `${presets}/salesforce-api/Task.csv`,
      ],
      "America/New_York",
    );
    expect(text).toContain('  - { id: opportunity, label: Opportunity, matches: ["Closed - Converted"] }');
    expect(text).toContain("    preset: salesforce");
    // The same stage entries as the hand-written SLA of the fixture (tests/fixtures/presets/salesforce-api/sla.yaml).
    const hand = slaFile(join(repo, presets, "salesforce-api", "sla.yaml"));
    const entries = (stages: { stage: string; entries: number; backfilled: number }[]) =>
      stages.map((x) => [x.stage, x.entries, x.backfilled]);
    expect(entries(audit.report.stages)).toEqual(
      entries(computeAudit(await readDataset(hand), hand).report.stages),
    );
  });

  it("drafts HubSpot contacts with lifecycle stages; an unplaced value goes to the TODO list", async () => {
    const { text, audit } = await initAndAudit(
      [`${presets}/hubspot/contacts.csv`, `${presets}/hubspot/calls.csv`],
      "America/New_York",
    );
    expect(text).toContain("    preset: hubspot");
    expect(text).toMatch(/# TODO: values and files not placed:\n# {3}"Other"/);
    expect(text).toContain(
      '  - { id: mql, label: "Marketing qualified", matches: ["Marketing Qualified Lead"] }',
    );
    expect(audit.report.stages.find((s) => s.stage === "won")?.entries).toBe(1);
  });
});

describe.skipIf(!present)(
  present ? "init on the public datasets" : `init on the public datasets (skipped: ${shared} not found)`,
  () => {
    const D = "../shared/datasets";
    it("Olist: two files joined by mql_id, won_date as the won stage: 842 of 8,000", async () => {
      const { audit } = await initAndAudit([
        `${D}/olist-marketing-funnel/olist_marketing_qualified_leads_dataset.csv`,
        `${D}/olist-marketing-funnel/olist_closed_deals_dataset.csv`,
      ]);
      expect(audit.report.conversion.steps.at(-1)).toMatchObject({ entered: 8000, converted: 842 });
    });

    it("Maven: deal_stage values placed, close_date as the status time: 4,238 won of 6,711 closed", async () => {
      const { audit } = await initAndAudit([`${D}/maven-crm-sales-opportunities/sales_pipeline.csv`]);
      expect(audit.report.conversion.steps.at(-1)).toMatchObject({ converted: 4238, decided: 6711 });
    });

    it("Zoho: every lead status placed, mixed date formats read", async () => {
      const { text, audit } = await initAndAudit([`${D}/zoho-crm-sample/Leads.csv`]);
      expect(text).not.toContain("TODO: values");
      expect(audit.report.inputs.leads).toBe(3900);
      expect(audit.report.quality.findings.find((f) => f.code === "bad_created_time")).toBeUndefined();
    });
  },
);

describe("the date of a lead's current status", () => {
  it.each(["Last Status Change", "Status Date", "Status Change Date"])("%s maps to stage_at", (header) => {
    expect(findColumn(["Lead ID", "Created Date", "Status", header], "stage_at")).toBe(header);
  });
});

describe("a stage no value was placed in", () => {
  it("keeps its placeholder and says so in the TODO list (it matches nothing)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "init-placeholder-"));
    try {
      // Every lead is "New": only inquiry gets a value; the draft pads a second stage.
      const file = join(dir, "leads.csv");
      writeFileSync(file, "Lead ID,Created Date,Status\nL1,2026-05-01 09:00,New\nL2,2026-05-02 10:00,New\n");
      const run = fakeIo({ NO_COLOR: "1" });
      expect(await main(["init", file, "--out", "-"], run.io)).toBe(0);
      expect(run.stdout()).toContain('  - { id: mql, label: "Marketing qualified", matches: ["(mql)"] }');
      expect(run.stdout()).toMatch(
        /# TODO: values and files not placed:\n# {3}stage mql: no value in the files/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("year-first compact dates (20210105)", () => {
  it("init writes date_format: yyyyMMdd, and the draft audits every lead", async () => {
    const dir = mkdtempSync(join(tmpdir(), "init-compact-"));
    try {
      const file = join(dir, "Leads.csv");
      writeFileSync(file, "LeadId,Stage,CreatedDate\n1,New,20210105\n2,Qualified,20210131\n3,New,20210201\n");
      const run = fakeIo({ NO_COLOR: "1" });
      expect(await main(["init", file, "--out", join(dir, "sla.yaml")], run.io)).toBe(0);
      const text = run.files.get(join(dir, "sla.yaml")) as string;
      expect(text).toContain('    date_format: "yyyyMMdd" # decided from the values');
      writeFileSync(join(dir, "sla.yaml"), text);
      const audit = fakeIo({ NO_COLOR: "1" });
      expect(await main(["audit", "--sla", join(dir, "sla.yaml"), "--format", "json"], audit.io)).toBe(0);
      // 3 rows, each an 8-digit year-first date: all 3 leads used.
      expect(JSON.parse(audit.stdout()).coverage.leads).toMatchObject({ rows: 3, used: 3, not_used: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
