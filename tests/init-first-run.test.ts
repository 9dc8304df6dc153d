/**
 * First runs of `init` on exports in the shapes the real products write (tests/fixtures/init):
 * a Salesforce org exported with Data Loader (all-caps API headers, 18-character ids, UTC times
 * with Z, Type mostly empty) and HubSpot contacts with activities that name the contact by e-mail.
 * init on the raw files, then validate and audit the draft as written, figures checked by hand.
 */

import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { schemaPathFrom } from "../src/cli/commands/init.js";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { readDataset } from "../src/ingest/index.js";
import { recognizeFile } from "../src/init/detect.js";
import { slaFile } from "./helpers/builders.js";

const repo = join(import.meta.dirname, "..");
const SF = join(repo, "tests/fixtures/init/salesforce-dataloader");
const HS = join(repo, "tests/fixtures/init/hubspot-email");
const work = mkdtempSync(join(tmpdir(), "funnel-init-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let n = 0;
/** init on the files into a fresh folder; returns the exit code, the draft (when written) and its path. */
async function init(files: string[], timezone = "America/New_York") {
  const dir = join(work, `run-${n++}`);
  mkdirSync(dir);
  const out = join(dir, "sla.yaml");
  const run = fakeIo({ NO_COLOR: "1" });
  const code = await main(["init", ...files, "--out", out, "--timezone", timezone], run.io);
  const text = run.files.get(out);
  if (text !== undefined) writeFileSync(out, text);
  return { code, text, out, dir, stderr: run.stderr() };
}

async function cli(args: string[]) {
  const run = fakeIo({ NO_COLOR: "1" });
  const code = await main(args, run.io);
  return { code, stdout: run.stdout(), stderr: run.stderr() };
}

async function auditJson(sla: string) {
  const r = await cli(["audit", "--sla", sla, "--format", "json"]);
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

describe("init recognises a Data Loader org whatever the order of the files", () => {
  const order = ["Task", "User", "Contact", "Event", "LeadHistory", "Lead"].map((f) => join(SF, `${f}.csv`));

  it("Task.csv first: Lead.csv is the leads file, each other file has its role, Contact.csv is set aside with the reason", async () => {
    const { code, text, dir } = await init(order);
    expect(code).toBe(0);
    const sla = parse(text as string);
    const file = (p: string) => resolve(dir, p);
    expect(file(sla.sources.leads.file)).toBe(join(SF, "Lead.csv"));
    expect(sla.sources.leads.preset).toBe("salesforce");
    expect(file(sla.sources.stage_history.file)).toBe(join(SF, "LeadHistory.csv"));
    expect(file(sla.sources.reps.file)).toBe(join(SF, "User.csv"));
    // Two activity files, one `activities:` key (a duplicate key would not parse).
    expect((text as string).match(/^ {2}activities:/gm)).toHaveLength(1);
    expect(sla.sources.activities.map((a: { file: string }) => file(a.file))).toEqual([
      join(SF, "Task.csv"),
      join(SF, "Event.csv"),
    ]);
    // Events are meetings, at their start.
    expect(sla.sources.activities[1].columns).toEqual({ type: "=meeting", at: "STARTDATETIME" });
    expect(text).toMatch(
      /# {3}file .*Contact\.csv: a Salesforce Contact export, not used: contacts are not leads/,
    );
    // The zone of naive time stamps, and Salesforce's UTC, are said in the draft.
    expect(text).toContain("# Time stamps without a zone (2021-03-08 09:15) are read in this zone");
    expect(text).toContain("# Salesforce Data Loader and API exports write UTC");
    expect(sla.timezone).toBe("America/New_York");
  });

  it("gives the same roles in another order", async () => {
    const a = await init(order);
    const b = await init([...order].reverse());
    const roles = (t: string, dir: string) => {
      const s = parse(t).sources;
      return {
        leads: resolve(dir, s.leads.file),
        history: resolve(dir, s.stage_history.file),
        reps: resolve(dir, s.reps.file),
        activities: s.activities.map((x: { file: string }) => resolve(dir, x.file)).sort(),
      };
    };
    expect(roles(b.text as string, b.dir)).toEqual(roles(a.text as string, a.dir));
  });

  it("validates as written, and audits follow-up with tasks typed from TaskSubtype and CallType", async () => {
    const { out } = await init(order);
    const v = await cli(["validate", "--sla", out]);
    // The draft's handoff counts any activity, so the task with no type at all is kept (a warning),
    // not dropped: every row of Task.csv is used and validate passes as written.
    expect(v.code, v.stderr + v.stdout).toBe(0);
    const report = await auditJson(out);
    // first-touch: from mql, any activity by the lead's owner within 1d (24 h).
    //   Alice (Dana): MQL 03-01 15:00Z; task with Type "" and TaskSubtype Call at 18:00Z: met, 3 h.
    //   Ben (Marcus): MQL 03-02 10:00Z; a task with no Type, TaskSubtype or CallType at 11:00Z, by
    //                 Marcus: it counts for a handoff that names no type: met, 1 h.
    //   Chie (Dana):  MQL 03-03 16:00Z; task with only CallType Outbound (a call) 03-04 09:00Z: met, 17 h.
    //   Emil (Marcus): MQL 03-05 09:00Z; the only task is Dana's: not by the owner; deadline 03-06 09:00Z
    //                 is before the as-of (03-08 10:00Z, the last history row): missed.
    //   Dina: never MQL, no obligation.
    // 4 obligations, 3 met, 1 missed: compliance 3 / 4 = 0.75; answered 1, 3, 17 h: p50 3 h, max 17 h.
    const h = report.latency.handoffs[0];
    expect(h).toMatchObject({ obligations: 4, met: 3, late: 0, missed: 1, pending: 0, compliance: 0.75 });
    expect([h.p50_hours, h.max_hours]).toEqual([3, 17]);
    // Reps named from FirstName + LastName (User.csv has no Name): Dana 2 of 2, Marcus 1 of 2.
    expect(
      report.compliance.reps.map((r: { rep: string; obligations: number; met: number; missed: number }) => [
        r.rep,
        r.obligations,
        r.met,
        r.missed,
      ]),
    ).toEqual([
      ["Dana Whitfield", 2, 2, 0],
      ["Marcus Lee", 2, 1, 1],
    ]);
    // The one task without any type is a warning naming the columns and the fix; it is not dropped.
    expect(report.quality.findings.find((f: { code: string }) => f.code === "missing_value")).toBeUndefined();
    const untyped = report.quality.findings.find((f: { code: string }) => f.code === "untyped_activity");
    expect(untyped.count).toBe(1);
    expect(untyped.examples[0].message).toContain(
      "activity row without a type (column TYPE, TASKSUBTYPE, CALLTYPE empty)",
    );
    const task = report.inputs.files.find((f: { file: string }) => f.file.endsWith("Task.csv"));
    expect([task.rows, task.used, task.not_used]).toEqual([5, 5, 0]);
  });

  it("with no leads file exits 2, says what it looked for, and writes nothing", async () => {
    const { code, text, out, stderr } = await init([join(SF, "Task.csv"), join(SF, "User.csv")]);
    expect(code).toBe(2);
    expect(text).toBeUndefined();
    expect(existsSync(out)).toBe(false);
    expect(stderr).toContain("init: no leads file among the 2 given; nothing written. It looked for:");
    expect(stderr).toContain("a Salesforce Lead export (Id, Company, Status, LeadSource or IsConverted)");
    expect(stderr).toContain(`${join(SF, "Task.csv")}: a Salesforce Task export`);
  });
});

describe("Salesforce tasks whose Type is empty", () => {
  it("a file whose type column is mostly empty opens with a warning naming the column", async () => {
    // Task-type-only.csv is the Data Loader task file exported without TaskSubtype and CallType:
    // 4 of its 5 rows have an empty TYPE (only the last is "Call").
    const dir = join(work, "untyped");
    mkdirSync(dir);
    const sla = join(dir, "sla.yaml");
    writeFileSync(
      sla,
      [
        "version: 1",
        "timezone: UTC",
        "stages:",
        '  - { id: inquiry, matches: ["Open - Not Contacted"] }',
        '  - { id: mql, matches: ["Marketing Qualified"] }',
        '  - { id: sal, matches: ["Working - Contacted"] }',
        '  - { id: opportunity, matches: ["Closed - Converted"] }',
        "outcomes:",
        '  - { id: disqualified, matches: ["Closed - Not Converted"] }',
        "sources:",
        `  leads: { file: ${JSON.stringify(join(SF, "Lead.csv"))}, preset: salesforce }`,
        `  activities: { file: ${JSON.stringify(join(repo, "tests/fixtures/init/salesforce-untyped/Task.csv"))}, preset: salesforce }`,
        "",
      ].join("\n"),
    );
    const report = await auditJson(sla);
    const warning = report.quality.findings.find((f: { code: string }) => f.code === "empty_column");
    expect(warning.count).toBe(1);
    expect(warning.examples[0].message).toMatch(
      /^4 of 5 rows of Task\.csv not used: the type \(column TYPE\) is empty \(map type: to a filled column \(Salesforce: TaskSubtype or CallType\)/,
    );
    expect(report.quality.findings.find((f: { code: string }) => f.code === "missing_value").count).toBe(4);
  });
});

describe("activities that name the lead by e-mail (HubSpot)", () => {
  const files = ["calls", "emails", "contacts"].map((f) => join(HS, `${f}.csv`));

  it("init maps Associated Contact Email to lead_email, never the activity's Record ID", async () => {
    const { code, text } = await init(files);
    expect(code).toBe(0);
    const sla = parse(text as string);
    expect(sla.sources.leads.preset).toBe("hubspot");
    for (const a of sla.sources.activities) {
      expect(a.columns.lead_email).toBe("Associated Contact Email");
      expect(a.columns.lead_id).toBeUndefined();
    }
    expect(sla.sources.activities.map((a: { columns: { type: string } }) => a.columns.type)).toEqual([
      "=call",
      "=email",
    ]);
  });

  it("joins by trimmed lower-case e-mail; an unknown e-mail and one two leads share are counted, not guessed", async () => {
    const { out } = await init(files);
    // calls.csv has 2 of 4 rows not used (below), the shared e-mail over the 1% threshold: validate says so.
    const v = await cli(["validate", "--sla", out]);
    // One verdict per run (issue 17): the SLA file's facts, never "valid" beside exit 2.
    expect(v.stdout).toMatch(/sla\.yaml: \d+ stages, /);
    expect(v.stdout).not.toMatch(/\bvalid\b/);
    expect(v.code).toBe(2);
    // The unknown e-mail is outside the leads (1 of 4, not most of the file): 1 shared of 3 rows = 33.3%.
    expect(v.stderr).toContain("calls.csv: 1 of 3 rows (33.3%)");
    const report = await auditJson(out);
    // first-touch from mql within 1d, naive times in America/New_York:
    //   Kara (Dana): MQL 03-08 10:00; call " Kara.Simmons@Northbeam.io" 11:30 by Dana: met, 1.5 h.
    //   Liam (Marcus): MQL 03-09 14:00; call 03-10 16:00 by Marcus: late, 26 h.
    //   Noah (Marcus): MQL 03-10 09:30; the call to info@adatum.com is not used (Noah and Ella share it);
    //                  deadline 03-11 09:30 is before the as-of (03-12 09:00, the last e-mail): missed.
    // 3 obligations: 1 met, 1 late, 1 missed: 1 / 3 = 0.3333; answered 1.5 and 26 h: p50 13.75 h.
    const h = report.latency.handoffs[0];
    expect(h).toMatchObject({ obligations: 3, met: 1, late: 1, missed: 1, pending: 0, compliance: 0.3333 });
    expect(h.p50_hours).toBe(13.75);
    const finding = (code: string) =>
      report.quality.findings.find((f: { code: string }) => f.code === code) ?? { count: 0 };
    expect(finding("unknown_lead").count).toBe(1);
    expect(finding("unknown_lead").examples[0].message).toBe(
      "activity for e-mail nobody@example.org, which no lead in the leads file has",
    );
    expect(finding("ambiguous_email").count).toBe(1);
    expect(finding("ambiguous_email").examples[0].message).toBe(
      "activity for e-mail info@adatum.com, which 2 leads share (3403, 3404)",
    );
    // calls.csv: 4 rows, 2 used (Kara, Liam), 2 not (unknown, shared); emails.csv: both used.
    const file = (name: string) => report.inputs.files.find((f: { file: string }) => f.file.endsWith(name));
    expect([file("calls.csv").used, file("calls.csv").not_used]).toEqual([2, 2]);
    expect([file("emails.csv").used, file("emails.csv").not_used]).toEqual([2, 0]);
  });
});

describe("reading workers give the same activities and findings", () => {
  it.each([
    ["the Data Loader org (types from TaskSubtype, CallType)", [join(SF, "Task.csv"), join(SF, "Lead.csv")]],
    ["HubSpot activities by e-mail", ["calls", "emails", "contacts"].map((f) => join(HS, `${f}.csv`))],
  ])("%s", async (_, files) => {
    const { out } = await init(files);
    const config = slaFile(out);
    const summary = async (workers: "never" | "always") => {
      const d = await readDataset(config, { workers });
      return {
        activities: [...d.activities.all()].map((a) => [a.leadId, a.at, a.type, a.owner]),
        findings: d.findings.map((f) => [f.code, f.place.line, f.message]).sort(),
      };
    };
    const one = await summary("never");
    expect(one.activities.length).toBeGreaterThan(0);
    expect(await summary("always")).toEqual(one);
  });
});

describe("recognising a file by its field names", () => {
  it.each([
    [
      ["Id", "WhoId", "Subject", "ActivityDate", "Status", "OwnerId", "Type", "TaskSubtype", "CreatedDate"],
      "Salesforce Task",
    ],
    [["Assigned", "Subject", "Task Subtype", "Due Date", "Name ID", "Created Date"], "Salesforce Task"],
    [
      ["Id", "WhoId", "Subject", "StartDateTime", "EndDateTime", "DurationInMinutes", "OwnerId"],
      "Salesforce Event",
    ],
    [["Id", "Username", "FirstName", "LastName", "TimeZoneSidKey", "ProfileId"], "Salesforce User"],
    [["Lead ID", "Company / Account", "Lead Status", "Lead Source", "Create Date"], "Salesforce Lead"],
    [["Lead ID", "Field / Event", "Old Value", "New Value", "Edit Date"], "Salesforce LeadHistory"],
    [
      ["Id", "AccountId", "FirstName", "LastName", "Email", "LeadSource", "CreatedDate"],
      "Salesforce Contact",
    ],
    [["Record ID - Contact", "First Name", "Email", "Create Date"], "HubSpot contacts"],
    [["Record ID", "Email", "Lifecycle Stage", "Create Date"], "HubSpot contacts"],
  ])("%j is a %s export", (header, object) => {
    expect(recognizeFile(header)?.object).toBe(object);
  });

  it.each([
    // Zoho leads: Lead Status and Lead Source, but no Salesforce created field.
    [["LEADID", "Company", "Lead Owner", "Lead Source", "Lead Status", "Created Time"]],
    // A HubSpot calls export: its Record ID is the call's.
    [["Record ID", "Call Title", "Activity date", "Associated Contact Email"]],
  ])("%j is none of them", (header) => {
    expect(recognizeFile(header)).toBeNull();
  });
});

describe("the $schema line", () => {
  it("in the repository, points from the draft's folder at schema/sla.schema.json, and the file is there", () => {
    const folder = join(repo, "tests/fixtures/init/salesforce-dataloader");
    const path = schemaPathFrom(folder);
    expect(path).toBe("../../../../schema/sla.schema.json");
    expect(existsSync(resolve(folder, path))).toBe(true);
  });

  it("prefers the project's own install (node_modules/funnel-audit) when the draft's folder has one", () => {
    const folder = join(work, "project");
    mkdirSync(join(folder, "node_modules/funnel-audit/schema"), { recursive: true });
    writeFileSync(join(folder, "node_modules/funnel-audit/schema/sla.schema.json"), "{}");
    expect(schemaPathFrom(folder)).toBe("./node_modules/funnel-audit/schema/sla.schema.json");
  });

  it("else points at the schema of the package that runs (a global install, the npx cache)", () => {
    const folder = join(work, "elsewhere");
    mkdirSync(folder);
    const installed = join(work, "global/lib/node_modules/funnel-audit/schema/sla.schema.json");
    const path = schemaPathFrom(folder, installed);
    expect(path).toBe("../global/lib/node_modules/funnel-audit/schema/sla.schema.json");
    expect(resolve(folder, path)).toBe(installed);
  });

  it("is written on the draft's first line", async () => {
    const { text, dir } = await init([join(SF, "Lead.csv")]);
    expect((text as string).split("\n")[0]).toBe(`# yaml-language-server: $schema=${schemaPathFrom(dir)}`);
    expect(existsSync(resolve(dir, schemaPathFrom(dir)))).toBe(true);
  });
});
