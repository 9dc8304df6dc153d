import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { parseSlaConfig } from "../../../src/config/parse.js";
import { formatIssue, UserError } from "../../../src/errors.js";
import { FINDING_KINDS, type FindingCode } from "../../../src/findings.js";
import type { Dataset } from "../../../src/ingest/dataset.js";
import { readDataset } from "../../../src/ingest/index.js";
import type { SlaConfig } from "../../../src/types.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/ingest/", import.meta.url));
const ACCEPTS =
  "ISO 8601 (2026-05-04T09:30:00Z, 2026-05-04 09:30:00) or a date (2026-05-04); for other formats set date_format: on the source";

/** The SLA file of a fixture folder, parsed as the CLI does (its sources sit beside it). */
function loadConfig(dir: string, edit: (text: string) => string = (t) => t): SlaConfig {
  const path = join(FIXTURES, dir, "sla.yaml");
  const { config, issues } = parseSlaConfig(edit(readFileSync(path, "utf8")), path);
  if (!config) throw new Error(`fixture ${dir}/sla.yaml is invalid:\n${issues.map(formatIssue).join("\n")}`);
  return config;
}

/** The UserError readDataset rejects with (fails the test when it resolves). */
async function datasetError(config: SlaConfig): Promise<UserError> {
  const err = await readDataset(config).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

const drops = (code: string) => FINDING_KINDS[code as FindingCode].drops;

describe("readDataset: basic fixture (one problem per row)", () => {
  let config: SlaConfig;
  let data: Dataset;
  let LEADS: string;
  let HISTORY: string;
  let ACTIVITIES: string;
  beforeAll(async () => {
    config = loadConfig("basic");
    data = await readDataset(config);
    LEADS = config.sources.leads.file;
    HISTORY = config.sources.stage_history?.file ?? "";
    ACTIVITIES = config.sources.activities[0]?.file ?? "";
  });

  it("reads the files beside the SLA file", () => {
    expect(LEADS).toBe(join(FIXTURES, "basic", "leads.csv"));
    expect(HISTORY).toBe(join(FIXTURES, "basic", "history.csv"));
    expect(ACTIVITIES).toBe(join(FIXTURES, "basic", "activities.csv"));
  });

  it("counts every data row of every file (header excluded, a multi-line row once)", () => {
    expect(data.rowCounts).toEqual({ [LEADS]: 10, [HISTORY]: 8, [ACTIVITIES]: 5 });
  });

  it("uses every row or counts it in a finding that drops it, never both", () => {
    const used: Record<string, number[]> = {
      // A lead whose creation time cannot be read stays in the dataset (its rows still join it) but
      // the audit does not use it: bad_created_time drops it (docs/definitions.md, coverage).
      [LEADS]: data.leads.filter((l) => l.createdAt !== null).map((l) => l.place.line),
      [HISTORY]: data.history.all().map((e) => e.place.line),
      [ACTIVITIES]: data.activities.all().map((a) => a.place.line),
    };
    for (const [file, rows] of Object.entries(data.rowCounts)) {
      const dropped = data.findings
        .filter((f) => f.place.file === file && drops(f.code))
        .map((f) => f.place.line);
      const lines = [...(used[file] ?? []), ...dropped];
      expect(lines, basename(file)).toHaveLength(rows);
      expect(new Set(lines).size, `${basename(file)}: a line both used and dropped`).toBe(rows);
    }
  });

  it("keeps the earliest-created row of a duplicated lead id and sorts leads by id", () => {
    expect(data.leads.map((l) => [l.id, l.place.line])).toEqual([
      ["L1", 2],
      ["L2", 3],
      ["L3", 5],
      ["L4", 6],
      ["L5", 7],
      ["L6", 8],
      ["L7", 9],
      ["L8", 11],
    ]);
    expect(data.leads[0]).toEqual({
      id: "L1",
      place: { file: LEADS, line: 2 },
      createdAt: Date.parse("2026-05-04T13:00:00Z"), // 09:00 in New York, the SLA's zone
      owner: "Ann",
      source: "web",
      campaign: null,
      company: "Acme",
      email: "ann.buyer@example.com",
      name: "Alice Buyer",
      title: null,
      companySize: null,
      country: null,
      convertedContactId: null,
    });
  });

  it.each<[string, string, number, Record<string, unknown>]>([
    [
      "duplicate lead id (the earliest created is kept)",
      "leads",
      4,
      {
        code: "duplicate_lead",
        leadId: "L1",
        value: "L1",
        message: "lead L1 is also at line 2, which is kept",
      },
    ],
    [
      "duplicate e-mail, ignoring case",
      "leads",
      5,
      {
        code: "duplicate_email",
        leadId: "L3",
        value: "ANN.BUYER@example.com",
        message: "lead L3 has the same e-mail as lead L1",
      },
    ],
    ["junk name", "leads", 6, { code: "junk_name", leadId: "L4", value: "Test Test" }],
    [
      "invalid e-mail",
      "leads",
      7,
      {
        code: "invalid_email",
        leadId: "L5",
        value: "not-an-email",
        message: 'lead L5 has e-mail "not-an-email"',
      },
    ],
    ["missing owner", "leads", 8, { code: "missing_owner", leadId: "L6", message: "lead L6 has no owner" }],
    [
      "missing source",
      "leads",
      8,
      { code: "missing_source", leadId: "L6", message: "lead L6 has no source" },
    ],
    [
      "bad created time (lead kept)",
      "leads",
      9,
      {
        code: "bad_created_time",
        leadId: "L7",
        value: "yesterday",
        message: 'created time "yesterday" is not a date',
        hint: ACCEPTS,
      },
    ],
    ["missing lead id", "leads", 10, { code: "missing_id", message: "lead row without an id" }],
    [
      "ragged row (lead kept)",
      "leads",
      11,
      { code: "ragged_row", message: "9 cells where the header has 8" },
    ],
    [
      "unknown stage value, closest declared value suggested",
      "history",
      3,
      {
        code: "unknown_stage",
        leadId: "L1",
        value: "Marketing Qualifed",
        message: '"Marketing Qualifed" is not declared under any stage or outcome',
        hint: 'did you mean "Marketing Qualified"? otherwise add "Marketing Qualifed" to the matches: of the stage it means',
      },
    ],
    [
      "history row for an unknown lead",
      "history",
      6,
      {
        code: "unknown_lead",
        leadId: "L99",
        message: "history for lead L99, which is not in the leads file",
      },
    ],
    [
      "ambiguous history time stamp (day and month never guessed)",
      "history",
      7,
      {
        code: "bad_timestamp",
        leadId: "L2",
        value: "05/04/2026",
        message: 'history time "05/04/2026" is not a date',
        hint: 'day and month cannot be told apart in "05/04/2026": set date_format: "M/d/yyyy h:mm a" (month first) or "d/M/yyyy HH:mm" (day first) on this source',
      },
    ],
    [
      "history row with neither stage nor owner",
      "history",
      9,
      { code: "missing_value", leadId: "L2", message: "history row with neither a stage nor an owner" },
    ],
    [
      "activity for an unknown lead",
      "activities",
      3,
      {
        code: "unknown_lead",
        leadId: "L42",
        message: "activity for lead L42, which is not in the leads file",
      },
    ],
    [
      "activity without a type",
      "activities",
      4,
      { code: "missing_value", leadId: "L2", message: "activity row without a type (column type empty)" },
    ],
    [
      "unparseable activity time stamp",
      "activities",
      5,
      {
        code: "bad_timestamp",
        leadId: "L2",
        value: "2026-13-01",
        message: 'activity time "2026-13-01" is not a date',
      },
    ],
  ])("finding: %s", (_name, source, line, expected) => {
    const file = join(FIXTURES, "basic", `${source}.csv`);
    const code = expected.code as FindingCode;
    const matches = data.findings.filter(
      (f) => f.place.file === file && f.place.line === line && f.code === code,
    );
    expect(matches).toHaveLength(1);
    expect(matches[0]).toMatchObject({ ...expected, severity: FINDING_KINDS[code].severity });
  });

  it("finds nothing else", () => {
    const rank = ["leads.csv", "history.csv", "activities.csv"];
    const order = (f: { place: { file: string; line: number }; code: string }) =>
      `${rank.indexOf(basename(f.place.file))}:${String(f.place.line).padStart(4, "0")}:${f.code}`;
    const sorted = [...data.findings].sort((a, b) => (order(a) < order(b) ? -1 : 1));
    // Ingest reports in file order except lead checks, which run per kept lead after the file is read.
    expect(sorted.map((f) => [basename(f.place.file), f.place.line, f.code])).toEqual([
      ["leads.csv", 4, "duplicate_lead"],
      ["leads.csv", 5, "duplicate_email"],
      ["leads.csv", 6, "junk_name"],
      ["leads.csv", 7, "invalid_email"],
      ["leads.csv", 8, "missing_owner"],
      ["leads.csv", 8, "missing_source"],
      ["leads.csv", 9, "bad_created_time"],
      ["leads.csv", 10, "missing_id"],
      ["leads.csv", 11, "ragged_row"],
      ["history.csv", 3, "unknown_stage"],
      ["history.csv", 6, "unknown_lead"],
      ["history.csv", 7, "bad_timestamp"],
      ["history.csv", 9, "missing_value"],
      ["activities.csv", 3, "unknown_lead"],
      ["activities.csv", 4, "missing_value"],
      ["activities.csv", 5, "bad_timestamp"],
    ]);
  });

  it("keeps a lead whose created time is not a date, with no created time", () => {
    expect(data.leads.find((l) => l.id === "L7")).toMatchObject({ createdAt: null, owner: "Ann" });
  });

  it("turns history rows into stage, owner and outcome events, naive times read in the SLA zone", () => {
    expect(data.history.all()).toEqual([
      {
        kind: "stage",
        leadId: "L1",
        at: Date.parse("2026-05-04T13:00:00Z"),
        place: { file: HISTORY, line: 2 },
        owner: "Ann",
        stage: "inquiry",
        raw: "New",
        reason: null,
      },
      {
        kind: "stage",
        leadId: "L1",
        at: Date.parse("2026-05-04T16:00:00Z"),
        place: { file: HISTORY, line: 4 },
        owner: "Ann",
        stage: "mql",
        raw: "MQL",
        reason: "form fill\nand webinar",
      },
      // Empty stage, owner set: a reassignment.
      {
        kind: "owner",
        leadId: "L2",
        at: Date.parse("2026-05-05T14:00:00Z"),
        place: { file: HISTORY, line: 8 },
        owner: "Cy",
      },
      // "recycled" matches the outcome's "Recycled", ignoring case.
      {
        kind: "outcome",
        leadId: "L2",
        at: Date.parse("2026-05-07T13:00:00Z"),
        place: { file: HISTORY, line: 10 },
        owner: "Cy",
        outcome: "recycled",
        raw: "recycled",
        reason: "no budget",
      },
    ]);
  });

  it("reads activities with their owner, type and instant (an offset honoured)", () => {
    expect(data.activities.all()).toEqual([
      {
        leadId: "L1",
        owner: "Ann",
        type: "call",
        subtype: null,
        status: null,
        at: Date.parse("2026-05-04T17:00:00Z"),
        place: { file: ACTIVITIES, line: 2 },
      },
      {
        leadId: "L3",
        owner: "Ann",
        type: "Email",
        subtype: null,
        status: null,
        at: Date.parse("2026-05-08T21:30:00Z"),
        place: { file: ACTIVITIES, line: 6 },
      },
    ]);
  });

  it("computes earliest and latest from valid, used time stamps only", () => {
    // Not the dropped duplicate of L1 (2026-06-01), nor L99's history row (2026-03-01), nor L42's
    // activity (2030-01-01): those rows became findings.
    expect(data.earliest).toBe(Date.parse("2026-05-04T10:00:00Z")); // L2 created
    expect(data.latest).toBe(Date.parse("2026-05-08T21:30:00Z")); // L3's e-mail
  });
});

describe("readDataset: column mapping", () => {
  it("finds mapped columns by other header names, ignoring case and surrounding spaces", async () => {
    const config = loadConfig("mapped");
    const data = await readDataset(config);
    expect(data.findings).toEqual([]);
    expect(data.leads).toEqual([
      {
        id: "00Q1",
        place: { file: config.sources.leads.file, line: 2 },
        createdAt: Date.parse("2026-05-04T09:00:00Z"),
        owner: "Ann",
        source: "Web",
        campaign: null,
        company: null,
        email: "ann@example.com",
        name: null,
        title: null,
        companySize: null,
        country: null,
        convertedContactId: null,
        extra: { Industry: "Software" }, // unmapped columns are kept for --by
      },
    ]);
    // NEWVALUE, not OldValue; "marketing  qualified" means mql (case and inner spaces folded).
    expect(data.history.all()).toMatchObject([
      { kind: "stage", leadId: "00Q1", stage: "mql", raw: "marketing  qualified", owner: "Ann" },
    ]);
    expect(data.activities.all()).toMatchObject([
      { leadId: "00Q1", owner: "Ann", type: "Call", at: Date.parse("2026-05-06T09:00:00Z") },
    ]);
  });

  it("stops with a UserError naming each missing column and the closest header present", async () => {
    const config = loadConfig("missing-column");
    const file = config.sources.leads.file;
    const err = await datasetError(config);
    expect(err.message).toBe(`${file}: missing column`);
    expect(err.issues.map(formatIssue)).toEqual([
      `${file}:1  error  missing column "created_at" (the created_at field of leads)\n    hint: did you mean "createdat"? map it in the SLA file: sources.leads.columns.created_at: "createdat"`,
      // `owner` is optional, but the SLA file named its column, so it must exist.
      `${file}:1  error  missing column "Rep Name" (the owner field of leads)\n    hint: map the column that holds it in the SLA file: sources.leads.columns.owner; columns present: lead_id, createdat, Rep, source`,
    ]);
  });
});

describe("readDataset: unreadable inputs", () => {
  it.each([
    ["an empty file", "leads.csv"],
    ["a file of blank lines", "blank-lines.csv"],
  ])("%s is a UserError", async (_name, name) => {
    const config = loadConfig("empty", (t) => t.replace("file: leads.csv", `file: ${name}`));
    const file = config.sources.leads.file;
    expect(basename(file)).toBe(name);
    const err = await datasetError(config);
    expect(err.message).toBe(`${file}: the file is empty`);
    expect(err.issues.map(formatIssue)).toEqual([
      `${file}:1  error  the file is empty: expected a header row\n    hint: export the leads again with its header row`,
    ]);
  });

  it("a missing file is a UserError naming it", async () => {
    const config = loadConfig("empty", (t) => t.replace("file: leads.csv", "file: no-such-file.csv"));
    const file = config.sources.leads.file;
    const err = await datasetError(config);
    expect(err.message).toBe(`cannot read ${file}: no such file`);
  });
});
