/**
 * Issue 16, "wrong figures with no error": rules that can never be met, windows that are typos,
 * a file listed twice, handoff ids that share a table's file name.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { parseSlaConfig } from "../src/config/parse.js";
import { formatIssue, sortIssues } from "../src/errors.js";
import { edit } from "./helpers/edit.js";

const FILE = "cfg/sla.yaml";

/** Three stages, an outcome, a handoff; the line numbers below refer to it. */
const BASE = `version: 1
timezone: UTC
stages:
  - { id: inquiry, matches: [New] }
  - { id: mql, matches: [MQL] }
  - { id: sal, matches: [SAL] }
outcomes:
  - { id: recycled, matches: [Recycled], returns_to: inquiry }
handoffs:
  - id: mql-response
    from: mql
    to: [sal]
    within: 1d
    target: 0.9
calendars:
  standard: { hours: [09:00-17:00] }
sources:
  leads: { file: leads.csv }
  activities:
    - { file: calls.csv }
    - { file: emails.csv }
`;

const errors = (text: string) => sortIssues(parseSlaConfig(text, FILE).issues).map(formatIssue);

describe("SLA rules that can never be met are refused at their line", () => {
  it("accepts the base file", () => {
    expect(errors(BASE)).toEqual([]);
  });

  it.each<[string, string, string[]]>([
    [
      "a handoff with `to: []` and no activity",
      edit(BASE, "to: [sal]", "to: []"),
      [
        "cfg/sla.yaml:12:9  error  handoffs[0].to: this handoff can never be answered: `to` is empty and it has no `activity`\n    hint: add `to: [stage, …]` or `activity: {types: [call, email]}`",
      ],
    ],
    [
      // sal is the last stage: entering it ends the journey, so nothing can answer after it.
      "a handoff from the last stage (with an activity)",
      edit(BASE, "from: mql\n    to: [sal]", "from: sal\n    activity: { types: [call] }"),
      [
        'cfg/sla.yaml:11:11  error  handoffs[0].from: "sal" is the last stage: reaching it ends the journey, so this handoff can never be answered\n    hint: start the clock at an earlier stage (inquiry, mql)',
      ],
    ],
    [
      "returns_to the last stage",
      edit(BASE, "returns_to: inquiry", "returns_to: sal"),
      [
        'cfg/sla.yaml:8:54  error  outcomes[0].returns_to: "sal" is the last stage: reaching it ends a journey, so every recycle would count as a win\n    hint: return to an earlier stage (inquiry, mql)',
      ],
    ],
  ])("%s", (_name, text, expected) => {
    expect(errors(text)).toEqual(expected);
  });
});

describe("a window over five years is a typo, refused at its line", () => {
  const HINT = "a window that long is a typo: check the number and the unit (30m, 4h, 2d, 12bh, 2bd)";
  it.each([
    ["100000bd", 'window "100000bd" is over 5 years'],
    ["99999999bh", 'window "99999999bh" is over 5 years'],
    // 5 × 365.25 = 1826.25 days: 1827d is over, 1826d is not.
    ["1827d", 'window "1827d" is over 5 years'],
    ["261w", 'window "261w" is over 5 years'], // 261 × 7 = 1827 days
    ["43831bh", 'window "43831bh" is over 5 years'], // 1826.25 days × 24 = 43830 hours
  ])("within: %s", (w, message) => {
    expect(errors(edit(BASE, "within: 1d", `within: ${w}`))).toEqual([
      `cfg/sla.yaml:13:13  error  handoffs[0].within: ${message}\n    hint: ${HINT}`,
    ]);
  });

  it.each(["1826d", "260w", "1826bd", "43830bh"])("within: %s (five years or less) is accepted", (w) => {
    expect(errors(edit(BASE, "within: 1d", `within: ${w}`))).toEqual([]);
  });

  it("a conversion window over five years too", () => {
    expect(errors(`${BASE}conversion: { window: 2000d }\n`)).toEqual([
      `cfg/sla.yaml:22:23  error  conversion.window: window "2000d" is over 5 years\n    hint: ${HINT}`,
    ]);
  });
});

describe("one file listed twice in a kind of source is refused", () => {
  it.each([
    ["the same name", "emails.csv", "calls.csv"],
    ["./ and a folder that comes back", "emails.csv", "./x/../calls.csv"],
  ])("%s", (_name, from, to) => {
    expect(errors(edit(BASE, from, to))).toEqual([
      `cfg/sla.yaml:21:15  error  sources.activities[1].file: "${to}" is already listed under sources.activities[0]: its rows would count twice\n    hint: list each file once`,
    ]);
  });

  it("stage and owner history may share LeadHistory.csv (Salesforce exports both in one file)", () => {
    const text = edit(
      BASE,
      "  activities:",
      "  stage_history: { file: LeadHistory.csv }\n  owner_history: { file: LeadHistory.csv }\n  activities:",
    );
    expect(errors(text)).toEqual([]);
  });
});

describe("handoff ids that name the same CSV file are refused", () => {
  const two = (a: string, b: string) =>
    edit(
      BASE,
      "calendars:",
      `  - { id: ${b}, from: mql, to: [sal], within: 2d, target: 0.5 }\ncalendars:`,
    ).replace("id: mql-response", `id: ${a}`);
  it("first_touch and first-touch both write compliance-first-touch.csv", () => {
    expect(errors(two("first_touch", "first-touch"))).toEqual([
      'cfg/sla.yaml:15:11  error  handoffs[1].id: handoff ids "first_touch" and "first-touch" make the same file name (compliance-first-touch.csv)\n    hint: - and _ both become - in file names: make the ids differ in a letter or digit',
    ]);
  });
  it("the same id twice keeps its own message", () => {
    expect(errors(two("a", "a"))).toEqual([
      'cfg/sla.yaml:15:11  error  handoffs[1].id: handoff id "a" is used twice\n    hint: give each handoff its own id',
    ]);
  });
});

/** Runs `audit --format json` on files written to a fresh folder; returns the exit code and report. */
async function audit(files: Record<string, string>, args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), "figs-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  const run = fakeIo({ NO_COLOR: "1" });
  const code = await main(["audit", "--sla", join(dir, "sla.yaml"), "--format", "json", ...args], run.io);
  rmSync(dir, { recursive: true, force: true });
  // biome-ignore lint/suspicious/noExplicitAny: the report is read as plain JSON
  const report: any = code === 0 ? JSON.parse(run.stdout()) : null;
  const found = (code: string) =>
    // biome-ignore lint/suspicious/noExplicitAny: plain JSON
    report?.quality.findings.find((f: any) => f.code === code) ?? { count: 0, examples: [] };
  return { code, stderr: run.stderr(), report, found, dir };
}

const SLA = `version: 1
timezone: UTC
stages:
  - { id: inquiry, matches: [New] }
  - { id: mql, matches: [MQL] }
  - { id: sal, matches: [Accepted] }
  - { id: won, matches: [Closed Won] }
outcomes:
  - { id: recycled, matches: [Recycled], returns_to: inquiry }
handoffs:
  - { id: accept, from: mql, to: [sal, recycled], within: 1d, target: 0.5 }
sources:
  leads:
    file: leads.csv
    columns: { id: lead_id, created_at: created_at, owner: owner }
  stage_history:
    file: history.csv
    columns: { lead_id: lead_id, stage: status, at: changed_at }
`;
const LEADS = "lead_id,created_at,owner\nL1,2026-01-05 09:00,Ann\nL2,2026-01-05 09:00,Bob\n";
/** Export A: L1 wins; L2 is recycled on the 7th, MQL again on the 8th, recycled again on the 9th. */
const EXPORT_A = `lead_id,status,changed_at
L1,MQL,2026-01-05 10:00
L1,Accepted,2026-01-05 12:00
L1,Closed Won,2026-01-06 12:00
L2,MQL,2026-01-05 11:00
L2,Recycled,2026-01-07 11:00
`;
/** Export B overlaps A: it repeats L1's win and L2's first recycle, with its own header. */
const EXPORT_B = `lead_id,status,changed_at
L1,Closed Won,2026-01-06 12:00
L2,Recycled,2026-01-07 11:00
L2,MQL,2026-01-08 11:00
L2,Recycled,2026-01-09 11:00
L2,Recycled,2026-01-09 11:00
`;

describe("two overlapping exports concatenated count each change once", () => {
  it("repeated Closed Won and Recycled rows open no extra journey; the second header is no lead", async () => {
    const r = await audit({ "sla.yaml": SLA, "leads.csv": LEADS, "history.csv": EXPORT_A + EXPORT_B });
    expect(r.code).toBe(0);
    // Journeys: L1 one (won); L2 three: j1 MQL → recycled 7th, j2 inquiry 7th → MQL 8th → recycled
    // 9th, j3 inquiry 9th (open). 1 + 3 = 4 entries of inquiry, 1 + 2 = 3 of mql, 1 won.
    // Counting the repeats as changes would give L2 five journeys and L1 a second win.
    // biome-ignore lint/suspicious/noExplicitAny: plain JSON
    const entries = Object.fromEntries(r.report.stages.map((s: any) => [s.stage, s.entries]));
    expect(entries).toEqual({ inquiry: 4, mql: 3, sal: 1, won: 1 });
    expect(r.report.inputs).toMatchObject({ leads: 2, journeys: 4 });
    // Lines: 1 header, 2-6 export A, 7 header again, 8-12 export B. Repeats: 8 (of 4), 9 (of 6), 12 (of 11).
    expect(r.found("duplicate_history_row").count).toBe(3);
    // biome-ignore lint/suspicious/noExplicitAny: plain JSON
    expect(r.found("duplicate_history_row").examples.map((e: any) => [e.line, e.message])).toEqual([
      [8, "lead L1: the same change as line 4"],
      [9, "lead L2: the same change as line 6"],
      [12, "lead L2: the same change as line 11"],
    ]);
    expect(r.found("repeated_header").count).toBe(1);
    expect(r.found("repeated_header").examples[0].line).toBe(7);
    expect(r.found("unknown_lead").count).toBe(0); // no lead "lead_id"
    // 11 rows after the first header: the second header not used; the 10 changes used (a repeat is used once, as its first).
    const history = r.report.inputs.files.find((i: { file: string }) => i.file.endsWith("history.csv"));
    expect(history.rows).toBe(11);
    expect(history.not_used).toBe(1);
    expect(history.used).toBe(10);
    expect(r.found("rows_unaccounted").count).toBe(0);
  });

  it("a header repeated in the leads file (trimmed, any case) is no lead", async () => {
    const leads = `${LEADS} LEAD_ID , Created_At,owner\nL3,2026-01-06 09:00,Ann\n`;
    const r = await audit({ "sla.yaml": SLA, "leads.csv": leads, "history.csv": EXPORT_A });
    expect(r.code).toBe(0);
    expect(r.found("repeated_header").count).toBe(1);
    expect(r.found("repeated_header").examples[0].line).toBe(4);
    // Three leads (L1, L2, L3), not four.
    expect(r.report.inputs.leads).toBe(3);
    const leadsFile = r.report.inputs.files.find((i: { file: string }) => i.file.endsWith("leads.csv"));
    expect(leadsFile).toMatchObject({ rows: 4, used: 3, not_used: 1 });
  });
});

describe("a time stamp far from the rest moves neither the period nor the as-of", () => {
  const SLA_ACT = `${SLA}  activities:
    file: activities.csv
    columns: { lead_id: lead_id, type: type, at: occurred_at, owner: owner }
`;
  // The bulk: 2026-01-05 to 2026-01-09. 2020-01-06 is six years before any lead; 2026-11-20 ten
  // months after (a typo for a January date): each is behind a hole of far more than 90 days.
  const ACTIVITIES = `lead_id,type,occurred_at,owner
L1,call,2020-01-06 13:00,Ann
L1,call,2026-01-05 13:00,Ann
L2,call,2026-11-20 09:00,Bob
L2,call,2026-11-20 10:00,Bob
`;
  it("an activity six years early and two ten months ahead are findings; period and as-of are the bulk's", async () => {
    const r = await audit({
      "sla.yaml": SLA_ACT,
      "leads.csv": LEADS,
      "history.csv": EXPORT_A + EXPORT_B.split("\n").slice(1).join("\n"),
      "activities.csv": ACTIVITIES,
    });
    expect(r.code).toBe(0);
    expect(r.report.period).toEqual({ from: "2026-01-05T09:00:00Z", to: "2026-01-09T11:00:00Z" });
    // biome-ignore lint/suspicious/noExplicitAny: plain JSON
    expect(r.found("outlier_date").examples.map((e: any) => [e.line, e.message])).toEqual([
      [2, "2020-01-06 is far from the rest of the data (2026-01-05 to 2026-01-09)"],
      [4, "2026-11-20 (and 1 more that day) is far from the rest of the data (2026-01-05 to 2026-01-09)"],
    ]);
  });

  it("a gap the data's own spread explains is no outlier (leads in January and in March)", async () => {
    const leads = `${LEADS}L3,2026-03-02 09:00,Ann\nL4,2026-03-03 09:00,Bob\n`;
    const r = await audit({ "sla.yaml": SLA, "leads.csv": leads, "history.csv": EXPORT_A });
    expect(r.code).toBe(0);
    expect(r.found("outlier_date").count).toBe(0);
    expect(r.report.period.to).toBe("2026-03-03T09:00:00Z");
  });
});
