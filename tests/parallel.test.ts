/**
 * Stage history and activities read in worker threads (src/parallel/rows.ts) must give the same
 * dataset as the single-thread path: the same rows in the same order, the same findings in the
 * same order, the same errors. Workers run from dist/ (npm test builds first).
 */

import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../src/errors.js";
import { ColumnPool } from "../src/ingest/batch.js";
import type { Dataset } from "../src/ingest/dataset.js";
import { type IngestOptions, readDataset } from "../src/ingest/index.js";
import { rowsWorkerScript } from "../src/parallel/rows.js";
import { runRowsJob } from "../src/parallel/rows-job.js";
import type { SlaConfig, SourceDef } from "../src/types.js";
import { EXAMPLE_AND_PRESETS, slaFile } from "./helpers/builders.js";
import { ENGAGEMENTS, engagementSource, fixtureSla, rule, withEngagements } from "./helpers/engagements.js";

const repo = join(import.meta.dirname, "..");

/** Everything a dataset holds that the audit reads, as plain data. */
function plain(d: Dataset): unknown {
  return {
    leads: d.leads,
    reps: d.reps,
    history: d.history.all(),
    activities: d.activities.all(),
    activityOwners: d.activityOwners,
    owners: [...d.history.owners()],
    findings: d.findings,
    earliest: d.earliest,
    latest: d.latest,
    rowCounts: d.rowCounts,
    engagements: d.engagements?.all(),
    engagementRows: d.engagementRows,
  };
}

/** The dataset, or the error, as plain data. */
async function outcome(config: SlaConfig, options: IngestOptions): Promise<unknown> {
  try {
    return plain(await readDataset(config, options));
  } catch (err) {
    if (err instanceof UserError) return { error: err.message, issues: err.issues };
    throw err;
  }
}

async function same(config: SlaConfig, options: IngestOptions = {}): Promise<unknown> {
  const one = await outcome(config, { ...options, workers: "never" });
  const many = await outcome(config, { ...options, workers: "always" });
  expect(many).toEqual(one);
  return one;
}

const cases = [
  ...EXAMPLE_AND_PRESETS,
  "tests/fixtures/ingest/basic/sla.yaml",
  ...[
    "csv-duplicate-headers",
    "csv-duplicate-lead-ids",
    "csv-empty-file",
    "csv-header-only",
    "csv-huge-field",
    "csv-huge-field-stage",
    "csv-invalid-utf8",
    "csv-missing-column",
    "csv-mixed-line-endings",
    "csv-nul-byte",
    "csv-ragged-rows",
    "csv-source-is-directory",
    "csv-unknown-lead-events",
    "csv-unterminated-quote",
    "csv-year-0001-9999",
  ].map((c) => `tests/corpus/${c}/sla.yaml`),
].filter((f) => existsSync(join(repo, f)));

describe("workers give the single-thread dataset", () => {
  it("covers the example, the presets and the corpus", () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
  });
  for (const file of cases)
    it(file, async () => {
      await same(slaFile(join(repo, file)));
    });

  it("with the activities reduced, an as-of and a traced lead", async () => {
    const config = slaFile(join(repo, "sla.example.yaml"));
    const d = (await same(config, {
      compact: { asOf: Date.parse("2026-08-15T12:00:00Z"), keepLead: "L-000002" },
      dropContacts: true,
    })) as { activities: unknown[] };
    expect(d.activities.length).toBeGreaterThan(0);
  });
});

/**
 * A dataset where every kind of odd row sits among ordinary ones, over several of the workers'
 * batches (16,384 rows): the odd rows are read on the main thread and must land at their place.
 */
function oddDataset(): string {
  const dir = mkdtempSync(join(tmpdir(), "funnel-parallel-"));
  const leads = ["id,created_at,owner,converted_contact_id"];
  const n = 12_000;
  const id = (i: number) => `L${String(i).padStart(6, "0")}`;
  for (let i = 0; i < n; i++)
    leads.push(
      `${id(i)},2026-01-${String(1 + (i % 28)).padStart(2, "0")} 08:00,${i % 3 ? "Ann" : "Bob"},${i === 7 ? "C-77" : ""}`,
    );
  const history = ["lead_id,stage,at,owner,reason"];
  const activities = ["lead_id,type,at,owner,status"];
  const owners = ["lead_id,owner,assigned_at"];
  for (let i = 0; i < n; i++) {
    const l = id(i);
    const day = String(1 + (i % 28)).padStart(2, "0");
    history.push(`${l},New,2026-02-${day} 09:00,Ann,`);
    history.push(`${l},MQL,2026-02-${day} 10:00,Bob,`);
    history.push(`${l},,2026-02-${day} 10:30,Cy,`);
    activities.push(`${l},call,2026-02-${day} 10:15,Ann,completed`);
    activities.push(`${l},email,2026-02-${day} 11:00,Bob,`);
    owners.push(`${l},${i % 2 ? "Bob" : "Cy"},2026-02-${day} 09:30`);
    // Every 997th lead: one odd row of each kind.
    if (i % 997 === 0) {
      history.push(`,MQL,2026-02-${day} 10:00,Bob,`); // no lead id
      history.push(`${l},MQL,not a date,Bob,`); // bad time stamp
      history.push(`${l},Qualifed,2026-02-${day} 11:00,Bob,`); // undeclared stage value
      history.push(`X${i},MQL,2026-02-${day} 11:00,Bob,`); // unknown lead
      history.push(`${l},,2026-02-${day} 11:00,,`); // neither stage nor owner
      history.push(`${l},Recycled,2026-02-${day} 12:00,Bob,"no budget, call in Q3"`); // reason
      history.push(`${l},SAL,1999-02-${day} 12:00,Bob,`); // implausible date
      history.push(`${l},SAL,2026-02-${day} 13:00,Bob,,extra`); // ragged
      history.push(`${l},"S\nAL",2026-02-${day} 13:00,Bob,`); // a line break in a cell
      activities.push(`${l};${id(i + 1)},meeting,2026-02-${day} 12:00,Ann,completed`); // two leads
      activities.push(`${l},,2026-02-${day} 12:00,Ann,`); // no type
      activities.push(`X${i},call,2026-02-${day} 12:00,Ann,`); // unknown lead
      activities.push(`${l},call,2026-02-${day} 12:00,Zed,`); // not in the reps file
      activities.push(`C-77,call,2026-02-${day} 12:00,Ann,`); // a converted contact's id
      activities.push(`${l},call,2026-13-${day} 12:00,Ann,`); // bad time stamp
      activities.push(`${l},call,2031-02-${day} 12:00,Ann,`); // implausible date
      owners.push(`${l},,2026-02-${day} 09:40`); // no owner
      owners.push(`,Bob,2026-02-${day} 09:40`); // no lead id
      owners.push(`X${i},Bob,2026-02-${day} 09:40`); // unknown lead
      owners.push(`${l},Bob,someday`); // bad time stamp
    }
  }
  history.push("Generated by a report", "Copyright");
  writeFileSync(join(dir, "leads.csv"), `${leads.join("\n")}\n`);
  writeFileSync(join(dir, "history.csv"), `${history.join("\r\n")}\r\n`);
  writeFileSync(join(dir, "activities.csv"), `${activities.join("\n")}\n`);
  writeFileSync(join(dir, "owners.csv"), `${owners.join("\n")}\n`);
  writeFileSync(join(dir, "reps.csv"), "id,name\nAnn,Ann\nBob,Bob\nCy,Cy\n");
  writeFileSync(
    join(dir, "sla.yaml"),
    `version: 1
timezone: Europe/Berlin
stages:
  - { id: inquiry, matches: [New] }
  - { id: mql, matches: [MQL] }
  - { id: sal, matches: [SAL, "S\\nAL"] }
outcomes:
  - { id: recycled, matches: [Recycled], returns_to: inquiry }
handoffs:
  - id: touch
    from: mql
    activity: { types: [call, meeting], by: owner }
    within: 1d
    target: 0.8
sources:
  reps: { file: reps.csv }
  leads: { file: leads.csv }
  stage_history: { file: history.csv }
  activities: { file: activities.csv }
  owner_history: { file: owners.csv, columns: { at: assigned_at } }
`,
  );
  return join(dir, "sla.yaml");
}

describe("odd rows among ordinary ones, over several batches", () => {
  const file = oddDataset();

  it("every row and finding in place, all activities kept", async () => {
    const d = (await same(slaFile(file))) as {
      findings: { code: string; message: string }[];
      history: unknown[];
    };
    expect(d).not.toHaveProperty("error");
    const codes = new Set(d.findings.map((f) => f.code));
    for (const code of [
      "missing_id",
      "bad_timestamp",
      "unknown_stage",
      "unknown_lead",
      "missing_value",
      "implausible_date",
      "ragged_row",
      "report_footer",
      "unknown_rep",
    ])
      expect(codes, code).toContain(code);
    expect(d.history.length).toBeGreaterThan(36_000);
    const messages = d.findings.map((f) => f.message);
    expect(messages).toContain("owner change for lead X0, which is not in the leads file");
    expect(messages).toContain("owner-change row without a new owner");
  });

  it("with the activities reduced", async () => {
    expect(await same(slaFile(file), { compact: {} })).not.toHaveProperty("error");
  });
});

describe("a worker that cannot start", () => {
  it("leaves its file to the main thread: the same dataset, no error", async () => {
    const script = rowsWorkerScript.url;
    rowsWorkerScript.url = new URL("./no-such-worker.js", script);
    try {
      const d = (await same(slaFile(join(repo, "sla.example.yaml")))) as { history: unknown[] };
      expect(d).not.toHaveProperty("error");
      expect(d.history.length).toBeGreaterThan(100);
    } finally {
      rowsWorkerScript.url = script;
    }
  });
});

describe("a worker's column buffers", () => {
  it("are used again once the main thread gives them back, and every row arrives", async () => {
    // The odd dataset's activities: 24,000 ordinary rows and more, over two batches of 16,383 and more.
    const config = slaFile(oddDataset());
    const source = config.sources.activities[0] as SourceDef;
    const pool = new ColumnPool();
    const buffers: ArrayBuffer[] = [];
    const lines: number[] = [];
    const job = {
      kind: "activities" as const,
      source,
      timezone: config.timezone,
      stages: config,
      progress: false,
      budget: 1,
    };
    await runRowsJob(
      job,
      async (m) => {
        if (m.type !== "batch") return;
        buffers.push(m.line.buffer as ArrayBuffer);
        for (let i = 0; i < m.n; i++) lines.push(m.line[i] as number);
        // What the main thread does once it has taken a batch (here without a transfer).
        pool.give([m.lead.buffer, m.at.buffer, m.line.buffer, m.text.buffer] as ArrayBuffer[]);
      },
      pool,
    );
    expect(buffers.length).toBeGreaterThanOrEqual(2);
    // The first batch's buffer is filled again for the second (given back before it was needed).
    expect(buffers[1]).toBe(buffers[0]);
    // Every ordinary row, in file order: 2 per lead, and 4 more for each 997th lead (13 of them):
    // an unknown lead, a rep not in the reps file, a contact's id and an implausible date are
    // ordinary to the worker (the main thread judges them); two leads, no type and a bad time
    // stamp go as cells.
    expect(lines.length).toBe(24_000 + 4 * 13);
    expect(lines.every((l, i) => i === 0 || l > (lines[i - 1] as number))).toBe(true);
  });

  it("a give of the wrong shape is ignored: new buffers are made", () => {
    const pool = new ColumnPool();
    pool.give([new ArrayBuffer(8)]);
    expect(pool.take().lead.length).toBeGreaterThan(1);
  });
});

describe("engagements read on a worker give the single-thread dataset", () => {
  it("Salesforce campaign members: where, dates at the end of their day, a contact of no lead", async () => {
    const dir = join(ENGAGEMENTS, "salesforce-campaign-members");
    const source = engagementSource(
      dir,
      "CampaignMember.csv",
      {
        lead_id: ["LeadId", "ContactId"],
        at: ["FirstRespondedDate"],
        type: ["Status"],
        detail: ["Campaign.Name"],
      },
      {
        dateOnly: "end_of_day",
        where: { HasResponded: ["true"] },
        rules: [
          rule("demo_request", ["Responded"], { in: ["2026 Q2 Demo Requests"] }),
          rule("webinar_attended", ["Attended"]),
        ],
      },
    );
    const d = (await same(withEngagements(fixtureSla("salesforce-campaign-members"), source))) as {
      engagements: unknown[];
    };
    expect(d.engagements.length).toBe(6);
    // A where: column the file lacks: the same error either way.
    const bad = {
      ...source,
      engagement: { ...source.engagement, where: { Responded: ["true"] } },
    } as typeof source;
    expect(await same(withEngagements(fixtureSla("salesforce-campaign-members"), bad))).toHaveProperty(
      "error",
    );
  });

  it("HubSpot epoch milliseconds and a JSON detail; the generic spreadsheet by e-mail", async () => {
    const hub = join(ENGAGEMENTS, "hubspot");
    await same(
      withEngagements(
        fixtureSla("hubspot", "Europe/Berlin", true),
        engagementSource(
          hub,
          "form-submissions.csv",
          { lead_id: ["canonical-vid"], at: ["timestamp"] },
          {
            fixedType: "form_fill",
            epoch: "epoch_ms",
          },
        ),
        engagementSource(
          hub,
          "page-views.csv",
          { lead_id: ["objectId"], at: ["occurredAt"], type: ["eventType"], detail: ["properties"] },
          {
            rules: [
              rule("page_view", ["e_visited_page"]),
              rule("pricing_view", ["e_visited_page"], { contains: "/pricing" }),
            ],
          },
          1,
        ),
      ),
    );
    const gen = join(ENGAGEMENTS, "generic");
    await same(
      withEngagements(
        fixtureSla("generic", "America/New_York"),
        engagementSource(
          gen,
          "spreadsheet.csv",
          { lead_email: ["Email"], at: ["Date"], type: ["Activity"] },
          {
            matchBy: "email",
            dateOnly: "reject",
            rules: [rule("demo_request", ["Demo request", "demo-request"])],
          },
        ),
      ),
    );
  });

  it("Marketo and Pardot vendor ids through lead_key: (to an id with an e-mail fallback, to an e-mail)", async () => {
    const bridge = (folder: string, file: string, to: string, fallback: string | null) => ({
      file,
      path: join(ENGAGEMENTS, folder, file),
      from: "id",
      to,
      toEmail: to === "email",
      fallback,
    });
    const marketo = (to: string, fallback: string | null) =>
      engagementSource(
        join(ENGAGEMENTS, "marketo"),
        "activities.csv",
        {
          lead_id: ["leadId"],
          at: ["activityDate"],
          type: ["activityTypeId"],
          detail: ["primaryAttributeValue"],
        },
        {
          nullValue: "null",
          bridge: bridge("marketo", "marketo-leads.csv", to, fallback),
          rules: [rule("form_fill", [2]), rule("web_visit", [1])],
          ignore: ["10", "11", "12", "13", "22"],
        },
      );
    // By sfdcLeadId, 7010 by e-mail (lead 5).
    const d = (await same(withEngagements(fixtureSla("marketo"), marketo("sfdcLeadId", "email")))) as {
      engagements: unknown[];
      findings: { code: string }[];
    };
    // 28 rows: 10 ignored (10 ×5, 11 ×2, 12, 13, 22), 1 unmapped (3); of the 17 of types 1 and 2,
    // 7009's 2 name no lead: 15 kept.
    expect(d.engagements.length).toBe(15);
    expect(d.findings.filter((f) => f.code === "engagement_unknown_lead").length).toBe(2);
    await same(withEngagements(fixtureSla("marketo"), marketo("email", null)));
    const pardot = engagementSource(
      join(ENGAGEMENTS, "pardot"),
      "visitor-activities.csv",
      { lead_id: ["prospect_id"], at: ["created_at"], type: ["type", "type_name"], detail: ["details"] },
      {
        timezone: "America/Chicago",
        bridge: bridge("pardot", "prospects.csv", "crm_lead_fid", "email"),
        rules: [rule("form_fill", ["4\u0000Form"])],
      },
    );
    await same(withEngagements(fixtureSla("pardot"), pardot));
  });

  it("over several batches, odd rows among ordinary ones land at their place", async () => {
    const dir = mkdtempSync(join(tmpdir(), "funnel-engagements-"));
    const leads = ["Id,CreatedDate,Status,Company,Email"];
    const rows = ["lead,type,kind,at,url,responded"];
    const id = (i: number) => `L${String(i).padStart(6, "0")}`;
    const n = 9_000;
    for (let i = 0; i < n; i++) {
      leads.push(`${id(i)},2026-01-01T08:00:00Z,Open - Not Contacted,Co ${i},${id(i)}@x.example`);
      const day = String(1 + (i % 28)).padStart(2, "0");
      rows.push(`${id(i)},2,Form,2026-02-${day}T10:00:00Z,/demo,true`);
      rows.push(`${id(i)},1,Visit,2026-02-${day}T10:05:00Z,/pricing,true`);
      rows.push(`${id(i)},1,Visit,2026-02-${day}T10:05:00Z,/pricing,true`); // a repeat
      if (i % 701 === 0) {
        rows.push(`X${i},2,Form,2026-02-${day}T10:00:00Z,/demo,true`); // no such lead
        rows.push(`${id(i)},9,Form,2026-02-${day}T10:00:00Z,,true`); // unmapped
        rows.push(`${id(i)},6,Email,2026-02-${day}T10:00:00Z,,true`); // ignored
        rows.push(`${id(i)},2,Form,2026-02-${day}T10:00:00Z,/demo,false`); // not wanted
        rows.push(`${id(i)},2,Form,someday,/demo,true`); // unreadable
        rows.push(`${id(i)},2,Form,2026-02-${day},/demo,true`); // a date only
        rows.push(`,2,Form,2026-02-${day}T10:00:00Z,/demo,true`); // no lead
        rows.push(`${id(i)},2,Form,1777816800000,/demo,true`); // digits in a text column
      }
    }
    writeFileSync(join(dir, "leads.csv"), `${leads.join("\n")}\n`);
    writeFileSync(join(dir, "e.csv"), `${rows.join("\n")}\n`);
    const base = fixtureSla("generic");
    const config = withEngagements(
      {
        ...base,
        sources: {
          ...base.sources,
          leads: { ...base.sources.leads, file: join(dir, "leads.csv"), path: join(dir, "leads.csv") },
        },
      },
      engagementSource(
        dir,
        "e.csv",
        { lead_id: ["lead"], at: ["at"], type: ["type", "kind"], detail: ["url"] },
        {
          dateOnly: "reject",
          where: { responded: ["TRUE"] },
          rules: [
            rule("form_fill", ["2\u0000form"]),
            rule("pricing_view", ["1\u0000Visit"], { contains: "pricing" }),
          ],
          ignore: ["6\u0000Email"],
        },
      ),
    );
    const d = (await same(config)) as Record<string, unknown>;
    expect(d.issues ?? d.error).toBeUndefined();
    const codes = (d.findings as { code: string }[]).reduce<Record<string, number>>((m, f) => {
      if (f.code.startsWith("engagement_") || f.code === "missing_id") m[f.code] = (m[f.code] ?? 0) + 1;
      return m;
    }, {});
    // 9,000 leads; every 701st (13 of them: 0, 701, …, 8412) has the odd rows.
    expect(codes).toEqual({
      engagement_unknown_lead: 13,
      engagement_type_unmapped: 13,
      engagement_time_unreadable: 26,
      engagement_date_only: 13,
      missing_id: 13,
      engagement_duplicate: 9_000,
    });
    // 27,000 ordinary rows + 13 × 8 odd ones; used: 27,000 + 13 ignored + 13 not wanted.
    expect(d.engagementRows).toEqual({
      rows: 27_104,
      used: 27_026,
      byType: { form_fill: 9_000, pricing_view: 9_000 },
    });
  });
});
