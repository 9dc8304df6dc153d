/**
 * The first run on real export shapes (issue 15): `init` on the raw files, `validate`, `audit`,
 * with no hand edits, on the five fixture sets of tests/fixtures/exports (each folder's README
 * says what product wrote that shape, its quirks, and the figures by hand). Every figure below
 * is worked out beside it from the fixture, not read off the report; row counts are checked
 * against counts taken from the files' own text (independent of the reader).
 */

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";

const EXPORTS = join(import.meta.dirname, "fixtures", "exports");
const work = mkdtempSync(join(tmpdir(), "funnel-first-run-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Finding {
  code: string;
  count: number;
  examples: { message?: string; line?: number }[];
}
interface FileRows {
  file: string;
  rows: number;
  used: number;
  not_used: number;
}

async function cli(args: string[]) {
  const run = fakeIo({ NO_COLOR: "1" });
  const code = await main(args, run.io);
  return { code, stdout: run.stdout(), stderr: run.stderr(), files: run.files };
}

let n = 0;
/** init on the files into a fresh folder, as a new user would; the draft is written as init wrote it. */
async function init(files: string[], timezone?: string) {
  const dir = join(work, `run-${n++}`);
  mkdirSync(dir);
  const sla = join(dir, "sla.yaml");
  const r = await cli(["init", ...files, "--out", sla, ...(timezone ? ["--timezone", timezone] : [])]);
  expect(r.code, r.stderr).toBe(0);
  const text = r.files.get(sla) as string;
  writeFileSync(sla, text);
  return { sla, text };
}

async function audit(sla: string, extra: string[] = []) {
  const r = await cli(["audit", "--sla", sla, "--format", "json", ...extra]);
  expect(r.code, r.stderr).toBe(0);
  expect(r.stdout.includes("\uFFFD")).toBe(false);
  const report = JSON.parse(r.stdout);
  // The independent counts agree in every file: no row counted in neither or twice.
  expect(report.quality.findings.map((f: Finding) => f.code)).not.toContain("rows_unaccounted");
  return report;
}

const fileOf = (report: { inputs: { files: FileRows[] } }, name: string) =>
  report.inputs.files.find((f) => f.file.endsWith(`/${name}`)) as FileRows;
const findingOf = (report: { quality: { findings: Finding[] } }, code: string) =>
  report.quality.findings.find((f) => f.code === code);
const entries = (report: { stages: { stage: string; entries: number }[] }) =>
  Object.fromEntries(report.stages.map((s) => [s.stage, s.entries]));
const step = (report: { conversion: { steps: { from: string; to: string }[] } }, from: string, to: string) =>
  report.conversion.steps.find((s) => s.from === from && s.to === to);

/** Data rows of a CSV counted from its text, apart from the reader: lines, less the header and blank lines. */
function textRows(path: string, encoding: BufferEncoding = "utf8"): number {
  const lines = readFileSync(path, encoding).split(/\r?\n/);
  // Fields here never hold a line break (checked: no quote opens a cell that a line ends in).
  return lines.slice(1).filter((l) => l.trim() !== "").length;
}

describe("a Salesforce org exported with Data Loader (Task.csv listed first)", () => {
  const dir = join(EXPORTS, "salesforce-dataloader");
  const files = ["Task", "User", "Event", "Contact", "LeadHistory", "Lead"].map((f) => join(dir, `${f}.csv`));

  it("validates as drafted and audits every lead, tasks typed from TaskSubtype", async () => {
    const { sla, text } = await init(files, "America/New_York");
    expect(text).toMatch(/leads:\n {4}file: .*Lead\.csv"/);
    const v = await cli(["validate", "--sla", sla]);
    expect(v.code, v.stderr).toBe(0);
    expect(v.stdout).toContain("coverage: the figures rest on 24 of 24 leads");
    const report = await audit(sla);
    expect(report.coverage.leads).toEqual({ rows: 24, used: 24, not_used: 0, unaccounted: 0 });
    // Rows per file, from the files' text (README: Lead 24, LeadHistory 75, Task 31, User 5, Event 3).
    for (const name of ["Lead.csv", "LeadHistory.csv", "Task.csv", "User.csv", "Event.csv"])
      expect(fileOf(report, name).rows, name).toBe(textRows(join(dir, name)));
    // LeadHistory: 30 Status rows + 7 Owner changes used = 37; not used 24 `created` + 7
    // `leadConverted` (other fields) + 7 Owner rows logged a second time with ids = 38.
    expect(fileOf(report, "LeadHistory.csv")).toMatchObject({ rows: 75, used: 37, not_used: 38 });
    // Task: 27 completed calls and e-mails + 2 open tasks are used = 29; the task with no WhoId
    // and the call on a contact who never was a lead are not: 2 (outside the leads: no warning).
    expect(fileOf(report, "Task.csv")).toMatchObject({ rows: 31, used: 29, not_used: 2 });
    expect(report.coverage.warning).toBeNull();
    // 28 of 31 tasks have an empty Type; every one is typed from TaskSubtype: none is untyped.
    expect(findingOf(report, "missing_value")).toBeUndefined();
    // Entered: every lead at creation 24; Working 18 (A 6 + B 5 + C 5 + F 2); Converted 7 (A 6 + L23).
    expect(entries(report)).toEqual({ inquiry: 24, sal: 18, opportunity: 7 });
    expect(step(report, "inquiry", "sal")).toMatchObject({ entered: 24, converted: 18 });
    // Working → Converted: 7 of 18; 5 closed not converted (B), 6 still working (C 5 + L24).
    expect(step(report, "sal", "opportunity")).toMatchObject({ entered: 18, converted: 7, in_flight: 6 });
    // The draft's follow-up rule: any activity by the owner within 1 day of creation.
    // Maya 11 = created with her 8 (L04 L05 L08 L10 L14 L16 L18 L21) + from the queue 3 (L01 L02 L12):
    //   met 9 (a call 2 h 05 m after creation), missed L18 (open, untouched) and L21 (closed unworked).
    // Tomás 10 = 7 (L06 L09 L11 L13 L15 L19 L22) + from the queue 3 (L03 L07 L17): met 8, the
    //   7 calls and L17's open task (the draft counts any activity), missed L19 and L22.
    // Priya 2 (L23, L24), e-mails at +5 h and +3 h: met 2. The queue keeps L20: missed.
    const reps = report.compliance.reps.map(
      (r: { rep: string; obligations: number; met: number; missed: number }) => [
        r.rep,
        r.obligations,
        r.met,
        r.missed,
      ],
    );
    expect(reps).toEqual([
      ["00G8d00000Cq7LpEAJ", 1, 0, 1],
      ["Maya Lindqvist", 11, 9, 2],
      ["Priya Natarajan", 2, 2, 0],
      ["Tomás Ferreira", 10, 8, 2],
    ]);
  });
});

describe("a Salesforce report export with Pardot columns (Windows-1252, dd-MM-yyyy, footer)", () => {
  const dir = join(EXPORTS, "salesforce-report-pardot");

  it("decides the encoding and the day-first layout, places the Spanish statuses, and rests on every lead", async () => {
    const { sla, text } = await init([join(dir, "Leads.csv")]);
    expect(text).toContain("    encoding: windows-1252\n");
    expect(text).toContain('    date_format: "dd-MM-yyyy HH:mm"');
    // Statuses placed by keyword, no TODO left: Nuevo, En gestión, Cualificado, Convertido; Descartado an outcome.
    expect(text).toContain('  - { id: sal, label: "Sales accepted", matches: ["En gestión"] }');
    expect(text).toContain("  - { id: disqualified, matches: [Descartado] }");
    expect(text).not.toContain("# TODO:");
    const v = await cli(["validate", "--sla", sla]);
    expect(v.code, v.stderr).toBe(0);
    const report = await audit(sla);
    // 30 leads, 10 of them created on a day 13 or later: all 30 read day first, none lost.
    expect(report.coverage.line).toBe("30 of 30 leads");
    // 30 data rows + 5 footer lines after a blank line = 35 rows; the 5 are not used, never leads.
    expect(fileOf(report, "Leads.csv")).toMatchObject({ rows: 35, used: 30, not_used: 5 });
    expect(findingOf(report, "report_footer")?.count).toBe(5);
    // The draft names the encoding, so nothing is left to detect; L29 "Test Pardot" (test@test.com) is named.
    expect(findingOf(report, "encoding_detected")).toBeUndefined();
    expect(findingOf(report, "test_record")?.count).toBe(1);
    // The report export has no status date: the 22 statuses past Nuevo (7 + 5 + 6 + 4 Descartado)
    // are placed at creation, and a note says so (their step times read 0).
    expect(findingOf(report, "status_at_creation")?.count).toBe(22);
    // Status only, placed at creation (skipped stages backfilled): reached sal 7 + 5 + 6 = 18,
    // sql 5 + 6 = 11, opportunity 6; Descartado 4 end in inquiry.
    expect(entries(report)).toEqual({ inquiry: 30, sal: 18, sql: 11, opportunity: 6 });
    // First → last: 6 of 30 = 20.0% (the converted share), over entered: never near 100%.
    expect(step(report, "inquiry", "opportunity")).toMatchObject({ entered: 30, converted: 6, rate: 0.2 });
    expect(step(report, "sal", "sql")).toMatchObject({ entered: 18, converted: 11 });
  });

  it("opens every format with what the figures rest on, and shows Gestión directa as written", async () => {
    const { sla } = await init([join(dir, "Leads.csv")]);
    for (const format of ["table", "md", "html"]) {
      const r = await cli(["audit", "--sla", sla, "--format", format, "--by", "source"]);
      expect(r.code).toBe(0);
      expect(r.stdout.includes("\uFFFD"), format).toBe(false);
      const at = r.stdout.indexOf("30 of 30 leads");
      expect(at, format).toBeGreaterThan(-1);
      // Before the first section (stages) of the report.
      expect(at, format).toBeLessThan(r.stdout.indexOf("Inquiry"));
      expect(r.stdout, format).toContain("Gestión directa");
    }
  });
});

describe("a status-only lead-scoring snapshot (Converted 0/1, no time stamps)", () => {
  const file = join(EXPORTS, "lead-scoring-status", "Leads.csv");

  it("is drafted as a snapshot whose headline is the converted share", async () => {
    const { sla, text } = await init([file]);
    expect(text).toContain("snapshot_at:");
    expect(text).toContain('  - { id: converted, label: Converted, matches: ["1"] }');
    const v = await cli(["validate", "--sla", sla]);
    expect(v.code, v.stderr).toBe(0);
    const report = await audit(sla);
    expect(report.coverage.leads).toMatchObject({ rows: 40, used: 40, not_used: 0 });
    expect(fileOf(report, "Leads.csv").rows).toBe(textRows(file));
    // 15 of 40 have Converted = 1: 15 ÷ 40 = 37.5%, the headline (not converted ÷ decided = 100%).
    expect(step(report, "lead", "converted")).toMatchObject({ entered: 40, converted: 15, rate: 0.375 });
    // Google (5 leads) and google (2): one source spelt two ways, named, not merged.
    expect(findingOf(report, "value_variants")?.examples[0]?.message).toMatch(
      /Google.*google|google.*Google/,
    );
  });
});

describe("a HubSpot contacts export with the associated company's columns", () => {
  const dir = join(EXPORTS, "hubspot-contacts");

  it("reads the contact's columns where names repeat, and audits every contact", async () => {
    const { sla, text } = await init([join(dir, "contacts.csv")]);
    expect(text).toContain("preset: hubspot");
    const v = await cli(["validate", "--sla", sla]);
    expect(v.code, v.stderr).toBe(0);
    const report = await audit(sla);
    expect(report.coverage.line).toBe("30 of 30 leads");
    expect(fileOf(report, "contacts.csv")).toMatchObject({
      rows: textRows(join(dir, "contacts.csv")),
      used: 30,
    });
    // Company name, Create Date, Phone Number, Last Activity Date: the company's copies are named.
    expect(findingOf(report, "repeated_column")?.count).toBe(4);
    // Lifecycle dates: MQL 20, SQL 11, Opportunity 6, Customer 3 (every contact enters the first stage).
    expect(entries(report)).toEqual({ inquiry: 30, mql: 20, sql: 11, opportunity: 6, won: 3 });
    expect(step(report, "opportunity", "won")).toMatchObject({ entered: 6, converted: 3 });
  });

  it("refuses the spreadsheet re-save loudly: the ids collided, and validate names the cause and the setting", async () => {
    const file = join(dir, "excel-resaved", "contacts.csv");
    const { sla, text } = await init([file]);
    // Excel wrote it in Windows-1252 with 1/8/24 9:00 dates: both decided for the whole file.
    expect(text).toContain("    encoding: windows-1252\n");
    expect(text).toMatch(/date_format: "M\/d{1,2}\/yy H:mm"/);
    const v = await cli(["validate", "--sla", sla]);
    expect(v.code).toBe(2);
    expect(v.stderr).toContain("coverage.max_not_used");
    expect(v.stderr).toContain("scientific notation");
    const report = await audit(sla);
    // 30 contacts whose ids became 9 distinct values in scientific notation: 21 duplicates, 9 leads.
    expect(report.coverage.leads).toMatchObject({ rows: 30, used: 9, not_used: 21 });
    expect(report.coverage.line).toMatch(/^9 of 30 leads; 21 not used: 21 duplicate ids/);
    expect(report.coverage.warning).toContain("export the file again from the CRM");
    // 30 contacts + the summary row of numbers Excel's user added = 31 rows; the summary is no lead.
    expect(fileOf(report, "contacts.csv").rows).toBe(31);
    expect(findingOf(report, "spreadsheet_id")).toBeDefined();
    // And --check fails on it (exit 1), saying why.
    const check = await cli(["audit", "--sla", sla, "--check"]);
    expect(check.code).toBe(1);
    expect(check.stdout + check.stderr).toContain("coverage");
  });
});

describe("HubSpot contacts with calls, e-mails and meetings naming contacts by e-mail", () => {
  const dir = join(EXPORTS, "hubspot-activities");
  const files = ["contacts", "calls", "emails", "meetings"].map((f) => join(dir, `${f}.csv`));

  it("joins activities by normalised e-mail or ids, counts the unknown ones, and audits follow-up", async () => {
    const { sla, text } = await init(files, "America/New_York");
    expect((text.match(/^ {2}activities:/gm) ?? []).length).toBe(1);
    const v = await cli(["validate", "--sla", sla]);
    expect(v.code, v.stderr).toBe(0);
    const report = await audit(sla);
    expect(report.coverage.line).toBe("20 of 20 leads");
    // 27 activity rows: 13 by exact e-mail + 4 after trimming and lower-casing + 5 by ids = 22
    // used; 5 name nobody in the contacts file (calls 2, emails 2, meetings 1).
    expect(fileOf(report, "calls.csv")).toMatchObject({ rows: 12, used: 10, not_used: 2 });
    expect(fileOf(report, "emails.csv")).toMatchObject({ rows: 10, used: 8, not_used: 2 });
    expect(fileOf(report, "meetings.csv")).toMatchObject({ rows: 5, used: 4, not_used: 1 });
    expect(findingOf(report, "unknown_lead")?.count).toBe(5);
    // Lifecycle: Lead 20, MQL 12, SQL 4.
    expect(entries(report)).toEqual({ inquiry: 20, mql: 12, sql: 4 });
    const h = report.latency.handoffs[0];
    // 12 MQLs, each an obligation on its owner; 11 touched within a day, one not.
    expect(h).toMatchObject({ obligations: 12, met: 11, missed: 1 });
  });
});
