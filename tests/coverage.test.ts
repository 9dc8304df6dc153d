/**
 * Coverage, the headline of every report (docs/definitions.md, "Coverage"): what the figures rest
 * on, counted independently of the report here, and the threshold that fails validate and --check.
 */

import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { parseSlaConfig } from "../src/config/parse.js";
import { readDataset } from "../src/ingest/index.js";
import { computeAudit } from "../src/metrics/index.js";
import type { Report } from "../src/metrics/types.js";

const dir = "tests/fixtures/ingest/rows-used";
const SLA = `${dir}/sla.yaml`;
const LEADS = `${dir}/leads.csv`;
const HISTORY = `${dir}/history.csv`;

async function run(...args: string[]) {
  const f = fakeIo({ NO_COLOR: "1" });
  const code = await main(args, f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr() };
}

const audit = (...more: string[]) => run("audit", "--sla", SLA, "--as-of", "2026-05-31", ...more);

/** The fixture's rows, split by hand (it has no quoted cells): header first. */
const table = (path: string) =>
  readFileSync(path, "utf8")
    .trimEnd()
    .split("\n")
    .map((l) => l.split(","));

describe("the coverage line of the hand-computed fixture", () => {
  it('says "8 of 10 leads; 2 not used: 1 creation time unreadable (column CreatedDate), 1 duplicate ids"', async () => {
    // 10 lead rows: line 7 ("not yet") has no creation time; line 5 repeats lead 3, created later
    // than line 4, so line 5 is the one dropped: 10 - 1 - 1 = 8 leads used.
    const { stdout } = await audit("--format", "json");
    const r = JSON.parse(stdout) as Report;
    expect(r.coverage.line).toBe(
      "8 of 10 leads; 2 not used: 1 creation time unreadable (column CreatedDate), 1 duplicate ids",
    );
    expect(r.coverage.leads).toEqual({ rows: 10, used: 8, not_used: 2, unaccounted: 0 });
  });

  it("counts rows, used and not used independently, and they add up file by file", async () => {
    const r = JSON.parse((await audit("--format", "json")).stdout) as Report;
    // Computed here from the CSV text, not from the report.
    const [, ...leads] = table(LEADS);
    const [, ...history] = table(HISTORY);
    const iso = (t: string | undefined) => /^\d{4}-\d{2}-\d{2}T/.test(t ?? "");
    const firstRowOf = new Map<string, string[]>();
    for (const row of leads) {
      const seen = firstRowOf.get(row[0] as string);
      if (!seen || (row[1] as string) < (seen[1] as string)) firstRowOf.set(row[0] as string, row);
    }
    const leadsUsed = [...firstRowOf.values()].filter((row) => iso(row[1])).length;
    const ids = new Set(firstRowOf.keys());
    const historyUsed = history.filter((row) => ids.has(row[0] as string) && iso(row[2])).length;
    expect([leads.length, leadsUsed, history.length, historyUsed]).toEqual([10, 8, 6, 4]);
    expect(r.inputs.files).toEqual([
      { file: LEADS, rows: leads.length, used: leadsUsed, not_used: leads.length - leadsUsed },
      { file: HISTORY, rows: history.length, used: historyUsed, not_used: history.length - historyUsed },
    ]);
    expect(r.quality.findings.find((f) => f.code === "rows_unaccounted")).toBeUndefined();
  });

  it("shows a row counted in neither as an error naming the file and the gap, never as a figure", async () => {
    const { config } = parseSlaConfig(readFileSync(SLA, "utf8"), SLA);
    if (!config) throw new Error("the fixture's SLA does not parse");
    const dataset = await readDataset(config);
    // A reader that counted one row more than anything used or dropped (what footers once did).
    dataset.rowCounts[config.sources.leads.file] = 11;
    const { report } = computeAudit(dataset, config, { asOf: Date.parse("2026-05-31T23:59:59Z") });
    const gap = report.quality.findings.find((f) => f.code === "rows_unaccounted");
    expect(gap?.severity).toBe("error");
    expect(gap?.examples[0]).toMatchObject({
      file: config.sources.leads.file,
      message: "11 rows read, 8 used, 2 not used: 1 counted in neither",
    });
    expect(report.coverage.leads.unaccounted).toBe(1);
    expect(report.coverage.line).toContain("1 unaccounted for (a bug: please report)");
  });
});

describe("more than coverage.max_not_used of a file not used", () => {
  // leads.csv: 2 of 10 rows not used (20%); history.csv: 2 of 6 (33.3%); both over the default 1%.
  it("opens the report with a warning naming the main causes and their fixes", async () => {
    // --wide: the warning on one line, as a log reader greps it (a terminal wraps it to its width).
    const { stdout, code } = await audit("--wide");
    expect(code).toBe(0); // without --check the report is out and the run succeeded
    const first = stdout.split("\n")[0] as string;
    expect(first).toMatch(/^WARNING: more than 1\.0% of the rows are not used \(coverage\.max_not_used\)/);
    expect(first).toContain(`${LEADS}: 2 of 10 rows (20.0%)`);
    expect(first).toContain(`${HISTORY}: 2 of 6 rows (33.3%)`);
    expect(first).toContain("1 creation time unreadable (column CreatedDate) in");
    expect(first).toContain("fix: export the created date of every lead");
  });

  it("fails --check with exit 1 and a line saying so", async () => {
    const { code, stderr } = await audit("--check");
    expect(code).toBe(1);
    expect(stderr).toMatch(/^check failed: coverage: more than 1\.0% of the rows are not used/m);
  });

  it("fails validate with exit 2 (the inputs as mapped cannot carry the figures)", async () => {
    const { code, stdout, stderr } = await run("validate", "--sla", SLA);
    expect(code).toBe(2);
    expect(stdout).toContain(
      "coverage: the figures rest on 8 of 10 leads; 2 not used: 1 creation time unreadable (column CreatedDate), 1 duplicate ids",
    );
    expect(stderr).toMatch(/^funnel-audit: coverage: more than 1\.0% of the rows are not used/m);
  });

  describe("with coverage.max_not_used: 0.4 (40%: over 20% and 33.3%)", () => {
    const tmp = mkdtempSync(join(tmpdir(), "coverage-"));
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));
    for (const f of ["leads.csv", "history.csv"]) copyFileSync(join(dir, f), join(tmp, f));
    const sla = join(tmp, "sla.yaml");
    writeFileSync(sla, `${readFileSync(SLA, "utf8")}coverage: { max_not_used: 0.4 }\n`);

    it("no warning, validate and --check pass", async () => {
      const v = await run("validate", "--sla", sla);
      expect(v.code).toBe(0);
      const a = await run("audit", "--sla", sla, "--as-of", "2026-05-31", "--check", "--wide");
      expect(a.code).toBe(0);
      expect(a.stdout).not.toContain("WARNING");
      expect(a.stdout.split("\n")[1]).toBe(
        "figures rest on 8 of 10 leads; 2 not used: 1 creation time unreadable (column CreatedDate), 1 duplicate ids",
      );
    });
  });
});

describe("every format states the coverage at the top", () => {
  const line = "8 of 10 leads; 2 not used: 1 creation time unreadable (column CreatedDate), 1 duplicate ids";
  it("table: the warning, then the title, then the coverage line", async () => {
    const lines = (await audit("--wide")).stdout.split("\n");
    expect(lines[0]).toMatch(/^WARNING: /);
    expect(lines.slice(2, 4)).toEqual([`funnel-audit · ${SLA}`, `figures rest on ${line}`]);
  });
  it("md: a warning quote, the title, the coverage in bold", async () => {
    const lines = (await audit("--format", "md")).stdout.split("\n");
    expect(lines[0]).toMatch(/^> \*\*⚠ Warning:\*\* more than 1\.0% of the rows/);
    expect(lines[2]).toMatch(/^## funnel-audit: /);
    expect(lines[4]).toBe(`**Figures rest on ${line}.**`);
  });
  it("html: the warning and the coverage open the header, before the title's facts", async () => {
    const html = (await audit("--format", "html")).stdout;
    const header = html.slice(html.indexOf('<header class="report-header">'));
    expect(header.indexOf('id="coverage-warning"')).toBeGreaterThan(0);
    expect(header.indexOf('id="coverage-warning"')).toBeLessThan(header.indexOf("<h1>"));
    expect(header).toContain(
      `<p class="coverage" id="coverage"><strong>Figures rest on ${line}.</strong></p>`,
    );
    expect(header.indexOf('id="coverage"')).toBeLessThan(header.indexOf('class="facts"'));
  });
  it("json: a coverage object before inputs and every section", async () => {
    const keys = Object.keys(JSON.parse((await audit("--format", "json")).stdout));
    expect(keys.slice(0, 8)).toEqual([
      "schema_version",
      "sla",
      "as_of",
      "period",
      "confidence",
      "snapshot",
      "coverage",
      "inputs",
    ]);
  });
});

describe("activities about no lead of the leads file", () => {
  /** A leads file of 4 leads and an activities file whose rows name the given lead ids. */
  async function withActivities(whoIds: string[]) {
    const tmp = mkdtempSync(join(tmpdir(), "coverage-activities-"));
    try {
      writeFileSync(
        join(tmp, "leads.csv"),
        "Id,CreatedDate,Status\nL1,2026-05-01T09:00:00Z,New\nL2,2026-05-01T10:00:00Z,New\nL3,2026-05-02T09:00:00Z,New\nL4,2026-05-02T10:00:00Z,New\n",
      );
      writeFileSync(
        join(tmp, "tasks.csv"),
        `WhoId,Type,CreatedDate\n${whoIds.map((id, i) => `${id},Call,2026-05-03T0${i}:00:00Z`).join("\n")}\n`,
      );
      writeFileSync(
        join(tmp, "sla.yaml"),
        [
          "version: 1",
          "timezone: UTC",
          "stages:",
          "  - { id: inquiry, matches: [New] }",
          "  - { id: mql, matches: [MQL] }",
          "sources:",
          "  leads: { file: leads.csv, columns: { id: Id, created_at: CreatedDate, stage: Status } }",
          "  activities: { file: tasks.csv, columns: { lead_id: WhoId, type: Type, at: CreatedDate } }",
          "",
        ].join("\n"),
      );
      const v = await run("validate", "--sla", join(tmp, "sla.yaml"));
      const r = JSON.parse(
        (await run("audit", "--sla", join(tmp, "sla.yaml"), "--format", "json")).stdout,
      ) as Report;
      return { v, r };
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  }

  it("a few (tasks on accounts, contacts never leads) are named but do not fail the threshold", async () => {
    // 4 rows: 3 name leads, 1 (003…, a contact) names none: 1 ≤ half of 4, outside the audit.
    const { v, r } = await withActivities(["L1", "L2", "L3", "003000000000001"]);
    expect(v.code, v.stderr).toBe(0);
    expect(r.inputs.files.find((f) => f.file.endsWith("tasks.csv"))).toMatchObject({
      rows: 4,
      used: 3,
      not_used: 1,
    });
    expect(r.coverage.causes).toEqual([
      expect.objectContaining({ code: "unknown_lead", count: 1, not_data: true }),
    ]);
    expect(r.coverage.warning).toBeNull();
  });

  it("most of the file naming no lead says the join is wrong: the threshold fails, naming the column", async () => {
    // 4 rows: 1 names a lead, 3 name ids of another object: 3 > half of 4, so they count: 3 of 4.
    const { v, r } = await withActivities(["L1", "006000000000001", "006000000000002", "006000000000003"]);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain("tasks.csv: 3 of 4 rows (75.0%)");
    expect(r.coverage.warning).toContain("3 naming no lead of the leads file (column WhoId)");
  });
});

describe("a history row repeated exactly", () => {
  it("is one change, and its row is counted once as used, not also as not used", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "coverage-repeat-"));
    try {
      writeFileSync(join(tmp, "leads.csv"), "Id,CreatedDate\nL1,2026-05-01T09:00:00Z\n");
      // Lines 2 and 3 are the same change: 3 rows, all used (the repeat's content, once).
      writeFileSync(
        join(tmp, "history.csv"),
        "LeadId,NewValue,CreatedDate\nL1,MQL,2026-05-02T09:00:00Z\nL1,MQL,2026-05-02T09:00:00Z\nL1,SAL,2026-05-03T09:00:00Z\n",
      );
      writeFileSync(
        join(tmp, "sla.yaml"),
        [
          "version: 1",
          "timezone: UTC",
          "stages:",
          "  - { id: inquiry, matches: [New] }",
          "  - { id: mql, matches: [MQL] }",
          "  - { id: sal, matches: [SAL] }",
          "sources:",
          "  leads: { file: leads.csv, columns: { id: Id, created_at: CreatedDate } }",
          "  stage_history: { file: history.csv, columns: { lead_id: LeadId, stage: NewValue, at: CreatedDate } }",
          "",
        ].join("\n"),
      );
      const r = JSON.parse(
        (await run("audit", "--sla", join(tmp, "sla.yaml"), "--format", "json")).stdout,
      ) as Report;
      expect(r.inputs.files.find((f) => f.file.endsWith("history.csv"))).toMatchObject({
        rows: 3,
        used: 3,
        not_used: 0,
      });
      const codes = r.quality.findings.map((f) => f.code);
      expect(codes).toContain("duplicate_history_row");
      expect(codes).not.toContain("rows_unaccounted");
      // mql entered once, not twice.
      expect(r.stages.find((s) => s.stage === "mql")?.entries).toBe(1);
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });
});
