/**
 * Engagement sources (issue 19) against the five fixture shapes in tests/fixtures/engagements/:
 * the engagements kept (lead, type, instant) and the findings (code and line), hand-computed
 * from each folder's README. T = 2026-05-04T10:00:00Z throughout.
 */

import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/errors.js";
import type { Dataset } from "../../../src/ingest/dataset.js";
import { readDataset } from "../../../src/ingest/index.js";
import { listKey } from "../../../src/ingest/read-engagements.js";
import { computeAudit } from "../../../src/metrics/index.js";
import type { Criterion, LeadDefinitions, SlaConfig } from "../../../src/types.js";
import {
  DAY,
  ENGAGEMENTS,
  engagementSource,
  fixtureSla,
  HOUR,
  rule,
  T,
  withEngagements,
} from "../../helpers/engagements.js";

const ENGAGEMENT_CODES = /^engagement_|^missing_id$|^ambiguous_email$/;

/** The engagement findings as `code:line value`. */
const findingsOf = (d: Dataset) =>
  d.findings
    .filter((f) => ENGAGEMENT_CODES.test(f.code))
    .map((f) => `${f.code}:${f.place.line} ${f.value ?? ""}`);

/** Engagements of a lead (by the end of its id) and type with at in [from, to]. */
function count(d: Dataset, lead: string, type: string, from: number, to: number): number {
  return (d.engagements?.all() ?? []).filter(
    (e) => e.leadId.endsWith(lead) && e.type === type && e.at >= from && e.at <= to,
  ).length;
}

const iso = (t: number) => new Date(t).toISOString().replace(":00.000Z", "Z");
/** Every engagement kept as `lead type instant :line` (lead: the last 5 characters of its id). */
const kept = (d: Dataset) =>
  (d.engagements?.all() ?? []).map((e) => `${e.leadId.slice(-5)} ${e.type} ${iso(e.at)} :${e.place.line}`);

/** `lead_key:` of a fixture folder: its bridge file's vendor id column to its lead id column. */
const leadKey = (dir: string, file: string, to: string, fallback: string | null = null) => ({
  file,
  path: join(dir, file),
  from: "id",
  to,
  toEmail: to === "email",
  fallback,
});

describe("Marketo Bulk Activity Extract", () => {
  const dir = join(ENGAGEMENTS, "marketo");
  // The activity log names Marketo ids: each bridged to its sfdcLeadId (7009 and 7010 have none).
  const mapping = {
    nullValue: "null",
    bridge: leadKey(dir, "marketo-leads.csv", "sfdcLeadId"),
    rules: [
      rule("form_fill", [2]),
      rule("demo_request", [2], { in: ["Demo Request"] }),
      rule("pricing_view", [1], { contains: "/pricing" }),
      rule("web_visit", [1]),
      rule("email_click", [11]),
    ],
    // Type 3 (Click Link) is left out on purpose: unmapped.
    ignore: ["10", "12", "13", "22"],
  };
  const columns = {
    lead_id: ["leadId"],
    at: ["activityDate"],
    type: ["activityTypeId"],
    detail: ["primaryAttributeValue"],
  };

  it("keeps each row's types, leaves ignored ones used, and finds unknown leads and unmapped types", async () => {
    const config = withEngagements(
      fixtureSla("marketo"),
      engagementSource(dir, "activities.csv", columns, mapping),
    );
    const d = await readDataset(config, { workers: "never" });
    // 28 rows: 8 ignored (10 ×5, 12, 13, 22), 1 unmapped (3, line 13), 3 of no lead (7009 lines
    // 20-21, 7010 line 23), 16 kept: 8 of type 1, 6 of type 2, 2 of type 11.
    expect(findingsOf(d)).toEqual([
      "engagement_type_unmapped:13 3",
      "engagement_unknown_lead:20 7009",
      "engagement_unknown_lead:21 7009",
      "engagement_unknown_lead:23 7010",
    ]);
    // Type 1: 8 web visits, 4 of them on /pricing (lines 10, 12, 22, 24, 27: 7002, 7007, 7002, 7001, 7001 = 5).
    // Type 2: 6 form fills, 2 of them Demo Request (lines 4, 25: Elena).
    expect(d.engagementRows).toEqual({
      rows: 28,
      used: 24,
      byType: { demo_request: 2, email_click: 2, form_fill: 6, pricing_view: 5, web_visit: 8 },
    });
    // Elena (7001): forms in (T - 30 d, T]: 04-10, 04-25, 05-03T14:00Z = 3; 4 with the start (04-04T10:00Z).
    expect(count(d, "01EAF", "form_fill", T - 30 * DAY + 1, T)).toBe(3);
    expect(count(d, "01EAF", "form_fill", T - 30 * DAY, T)).toBe(4);
    // Her pricing visits within 24 h before T: 05-03T13:55Z and 05-04T08:00Z.
    expect(count(d, "01EAF", "pricing_view", T - DAY, T)).toBe(2);
    // Tariq (7002): no form in 30 days (his is 03-20); 2 visits; a pricing visit at exactly T - 24 h.
    expect(count(d, "02EAF", "form_fill", T - 30 * DAY, T)).toBe(0);
    expect(count(d, "02EAF", "web_visit", T - 30 * DAY + 1, T)).toBe(2);
    expect(count(d, "02EAF", "pricing_view", T - DAY + 1, T)).toBe(0);
    expect(count(d, "02EAF", "pricing_view", T - DAY, T)).toBe(1);
    // Sofia (7003): her form is at T + 5 min, kept (the lookback leaves it out).
    expect(count(d, "03EAF", "form_fill", 0, T)).toBe(0);
    expect(count(d, "03EAF", "form_fill", T, T + HOUR)).toBe(1);
  });

  it("bridges by e-mail: fallback: email when sfdcLeadId is null, or to: email; a bridge row naming no lead is a finding", async () => {
    const read = (bridge: ReturnType<typeof leadKey>) =>
      readDataset(
        withEngagements(
          fixtureSla("marketo"),
          engagementSource(dir, "activities.csv", columns, { ...mapping, bridge }),
        ),
        { workers: "never" },
      );
    // 7010 (null sfdcLeadId) has MEI.CHEN@… = lead 5 by e-mail; 7009's jonas.berg@… is no lead
    // (marketo-leads.csv line 9): its rows 20-21 stay unknown, under their Marketo id.
    const fallback = await read(leadKey(dir, "marketo-leads.csv", "sfdcLeadId", "email"));
    expect(findingsOf(fallback)).toEqual([
      "engagement_bridge_unknown_lead:9 jonas.berg@fjellvik-marine.example",
      "engagement_type_unmapped:13 3",
      "engagement_unknown_lead:20 7009",
      "engagement_unknown_lead:21 7009",
    ]);
    // README: lead 5 has 0 forms by sfdcLeadId, 1 (Demo Request, 2026-05-03T10:00Z) with 7010 merged in.
    expect(kept(fallback).filter((k) => k.startsWith("05EAF"))).toEqual([
      "05EAF form_fill 2026-05-03T10:00Z :23",
      "05EAF demo_request 2026-05-03T10:00Z :23",
    ]);
    // Joined by e-mail alone: 26 rows belong, 7009's 2 do not; the same engagements.
    const byEmail = await read(leadKey(dir, "marketo-leads.csv", "email"));
    expect(findingsOf(byEmail)).toEqual(findingsOf(fallback));
    expect(kept(byEmail)).toEqual(kept(fallback));
    const before = await readDataset(
      withEngagements(fixtureSla("marketo"), engagementSource(dir, "activities.csv", columns, mapping)),
      { workers: "never" },
    );
    expect(kept(fallback).length - kept(before).length).toBe(2);
  });

  it("a lead_key: header the bridge lacks is an error at the SLA's line, with the closest header", async () => {
    const bad = leadKey(dir, "marketo-leads.csv", "sfdcLeadID_x");
    const err = await readDataset(
      withEngagements(
        fixtureSla("marketo"),
        engagementSource(dir, "activities.csv", columns, { ...mapping, bridge: bad }),
      ),
      { workers: "never" },
    ).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).issues[0]).toMatchObject({
      line: 20,
      column: 13,
      path: "sources.engagements[0].lead_key.to",
      message: 'marketo-leads.csv has no column "sfdcLeadID_x"',
      hint: 'did you mean "sfdcLeadId"?',
    });
  });

  it("reads a scripted log's naive wall times in the source's zone, a pair of type columns joined", async () => {
    const source = (zone: string | null) =>
      engagementSource(
        dir,
        "activity-log-tokyo.csv",
        {
          lead_id: ["Lead Id"],
          at: ["Activity Date"],
          type: ["Activity Type Id", "Activity Type Name"],
          detail: ["Primary Attribute Value"],
        },
        {
          timezone: zone,
          bridge: leadKey(dir, "marketo-leads.csv", "sfdcLeadId"),
          rules: [
            rule("form_fill", ["2\u0000Fill Out Form"]),
            rule("pricing_view", ["1\u0000visit webpage"], { contains: "/pricing" }),
          ],
          ignore: [
            "10\u0000Open Email",
            "11\u0000Click Email",
            "22\u0000Change Score",
            "13\u0000Change Data Value",
          ],
        },
      );
    const tokyo = await readDataset(withEngagements(fixtureSla("marketo"), source("Asia/Tokyo")), {
      workers: "never",
    });
    expect(findingsOf(tokyo)).toEqual([]);
    // Read in Tokyo the facts of the extract: 3 forms strict, 2 pricing visits in 24 h.
    expect(count(tokyo, "01EAF", "form_fill", T - 30 * DAY + 1, T)).toBe(3);
    expect(count(tokyo, "01EAF", "pricing_view", T - DAY, T)).toBe(2);
    // Read in the SLA's zone (UTC): the boundary form moves inside (4), the T - 2 h visit to T + 7 h (1).
    const utc = await readDataset(withEngagements(fixtureSla("marketo"), source(null)), { workers: "never" });
    expect(count(utc, "01EAF", "form_fill", T - 30 * DAY + 1, T)).toBe(4);
    expect(count(utc, "01EAF", "pricing_view", T - DAY, T)).toBe(1);
  });
});

describe("Pardot visitor activities", () => {
  const dir = join(ENGAGEMENTS, "pardot");
  const source = engagementSource(
    dir,
    "visitor-activities.csv",
    { lead_id: ["prospect_id"], at: ["created_at"], type: ["type", "type_name"], detail: ["details"] },
    {
      timezone: "America/Chicago",
      bridge: leadKey(dir, "prospects.csv", "crm_lead_fid"),
      rules: [
        rule("form_fill", ["4\u0000Form", "4\u0000Landing Page"]),
        rule("webinar_attended", ["24\u0000Webinar"]),
        rule("email_click", ["1\u0000Email"]),
        rule("content_download", ["1\u0000File"]),
        rule("web_visit", ["20\u0000Visit"]),
      ],
      // Sent, failed and viewed forms, opens: not the prospect's engagement.
      ignore: ["6\u0000Email", "3\u0000Form", "2\u0000Form", "11\u0000Email"],
    },
  );

  it("maps type pairs, reads Chicago wall times across the DST change, and finds the rest", async () => {
    const d = await readDataset(withEngagements(fixtureSla("pardot"), source), { workers: "never" });
    // 21 rows: 8 ignored (11 ×3, 2 ×2, 6 ×2, 3); 2 unmapped ((4, Form Handler) line 6, (25, Webinar)
    // line 9); the anonymous visit (line 15) has no id; prospect 208 (line 22) no CRM lead; 9 kept.
    expect(findingsOf(d)).toEqual([
      "engagement_type_unmapped:6 4, Form Handler",
      "engagement_type_unmapped:9 25, Webinar",
      "missing_id:15 ",
      "engagement_unknown_lead:22 208",
    ]);
    expect(d.engagementRows).toEqual({
      rows: 21,
      used: 17,
      byType: { content_download: 1, email_click: 1, form_fill: 4, web_visit: 2, webinar_attended: 1 },
    });
    // Elena (201): 2 form fills in 30 days: 04-24 06:08 CDT = 11:08Z, 05-02 05:00 CDT = 10:00Z.
    expect(kept(d).filter((k) => k.startsWith("01EAF form_fill"))).toEqual([
      "01EAF form_fill 2026-04-24T11:08Z :7",
      "01EAF form_fill 2026-05-02T10:00Z :19",
    ]);
    expect(count(d, "02EAF", "form_fill", T - 30 * DAY + 1, T)).toBe(1);
    expect(count(d, "03EAF", "webinar_attended", T - 30 * DAY + 1, T)).toBe(1);
    // Mei (205): 2026-03-05 04:00 is CST (-06:00) = 10:00Z, not 09:00Z.
    expect(kept(d).filter((k) => k.startsWith("05EAF"))).toEqual(["05EAF form_fill 2026-03-05T10:00Z :20"]);
  });
});

describe("HubSpot form submissions and page views", () => {
  const dir = join(ENGAGEMENTS, "hubspot");
  const submissions = engagementSource(
    dir,
    "form-submissions.csv",
    { lead_id: ["canonical-vid"], at: ["timestamp"], detail: ["title"] },
    { fixedType: "form_fill", epoch: "epoch_ms" },
  );
  const views = engagementSource(
    dir,
    "page-views.csv",
    { lead_id: ["objectId"], at: ["occurredAt"], type: ["eventType"], detail: ["properties"] },
    {
      rules: [
        rule("page_view", ["e_visited_page"]),
        rule("pricing_view", ["e_visited_page"], { contains: "/pricing" }),
      ],
    },
    1,
  );

  it("reads epoch milliseconds under one fixed type; a double submission counts once", async () => {
    const config = withEngagements(fixtureSla("hubspot", "Europe/Berlin", true), submissions);
    const d = await readDataset(config, { workers: "never" });
    // Hannah's two rows (lines 10, 11) share 1777716000000 = 2026-05-02T10:00Z: the second is a repeat.
    expect(findingsOf(d)).toEqual(["engagement_duplicate:11 form_fill"]);
    expect(d.engagementRows).toEqual({ rows: 11, used: 11, byType: { form_fill: 10 } });
    // Elena: 3 within 30 days (04-10, 04-25, 05-03T14:00Z); Tariq 1 (05-03T10:00Z); Daniel's at
    // exactly T - 30 d; Sofia's at T + 30 min.
    expect(count(d, "0131", "form_fill", T - 30 * DAY + 1, T)).toBe(3);
    expect(count(d, "0262", "form_fill", T - 30 * DAY + 1, T)).toBe(1);
    expect(count(d, "0524", "form_fill", T - 30 * DAY + 1, T)).toBe(0);
    expect(count(d, "0524", "form_fill", T - 30 * DAY, T)).toBe(1);
    expect(count(d, "0393", "form_fill", 0, T)).toBe(0);
    expect(kept(d).filter((k) => k.startsWith("20917"))).toEqual(["20917 form_fill 2026-05-02T10:00Z :10"]);
  });

  it("matches a detail inside a JSON cell: pricing views within 24 h", async () => {
    const config = withEngagements(fixtureSla("hubspot", "Europe/Berlin", true), views);
    const d = await readDataset(config, { workers: "never" });
    expect(findingsOf(d)).toEqual([]);
    // 11 views, 5 of /pricing (lines 2, 4, 6, 9, 12).
    expect(d.engagementRows).toEqual({ rows: 11, used: 11, byType: { page_view: 11, pricing_view: 5 } });
    expect(count(d, "0131", "pricing_view", T - DAY, T)).toBe(2);
  });

  it("an epoch source refuses text time stamps, naming the setting", async () => {
    const wrong = { ...views, engagement: { ...views.engagement, epoch: "epoch_ms" } } as typeof views;
    const d = await readDataset(withEngagements(fixtureSla("hubspot", "Europe/Berlin", true), wrong), {
      workers: "never",
    });
    const f = d.findings.filter((x) => x.code === "engagement_time_unreadable");
    expect(f).toHaveLength(11);
    expect(f[0]?.hint).toContain("epoch: epoch_ms");
  });
});

describe("Salesforce campaign members", () => {
  const dir = join(ENGAGEMENTS, "salesforce-campaign-members");
  const source = (dateOnly: "start_of_day" | "end_of_day" | "reject", from = dir) =>
    engagementSource(
      from,
      "CampaignMember.csv",
      {
        lead_id: ["LeadId", "ContactId"],
        at: ["FirstRespondedDate"],
        type: ["Status"],
        detail: ["Campaign.Name"],
      },
      {
        dateOnly,
        where: { HasResponded: ["true"] },
        rules: [
          rule("demo_request", ["Responded"], { in: ["2026 Q2 Demo Requests"] }),
          rule("email_click", ["Responded"], { contains: "nurture" }),
          rule("webinar_attended", ["Attended"]),
          rule("event_visit", ["Visited Booth"]),
        ],
      },
    );

  it("keeps responses only (where), dates them at the end of their day, and finds the contact", async () => {
    const d = await readDataset(
      withEngagements(fixtureSla("salesforce-campaign-members"), source("end_of_day")),
      {
        workers: "never",
      },
    );
    // 14 rows: 3 not responded (used, not kept), 10 kept, the contact's (line 15) names no lead.
    expect(findingsOf(d)).toEqual(["engagement_unknown_lead:15 0038d00000WtE99AAF"]);
    expect(d.engagementRows).toEqual({
      rows: 14,
      used: 13,
      byType: { demo_request: 3, email_click: 2, event_visit: 2, webinar_attended: 3 },
    });
    // Demo requests dated in the window, placed at the end of their day: …01 (05-03), …07 (05-02);
    // …02's 2026-05-04 ends at 23:59:59.999Z, after T.
    const end = (d0: string) => Date.parse(`${d0}T23:59:59.999Z`);
    expect(kept(d).filter((k) => k.includes("demo_request"))).toEqual([
      `01EAF demo_request ${iso(end("2026-05-03"))} :2`,
      `02EAF demo_request ${iso(end("2026-05-04"))} :7`,
      `07EAF demo_request ${iso(end("2026-05-02"))} :12`,
    ]);
    expect(["01EAF", "02EAF", "07EAF"].map((l) => count(d, l, "demo_request", T - 30 * DAY, T))).toEqual([
      1, 0, 1,
    ]);
    // Lead 1: 3 responses within the window (Demo 05-03, Nurture 04-24, Webinar 04-16), not the expo (03-13).
    const lead1 = (d.engagements?.all() ?? []).filter(
      (e) => e.leadId.endsWith("01EAF") && e.at >= T - 30 * DAY && e.at <= T,
    );
    expect(lead1).toHaveLength(3);
  });

  it("start_of_day puts T's own date before T; reject makes each date a finding", async () => {
    const start = await readDataset(
      withEngagements(fixtureSla("salesforce-campaign-members"), source("start_of_day")),
      {
        workers: "never",
      },
    );
    expect(count(start, "02EAF", "demo_request", T - 30 * DAY, T)).toBe(1);
    const reject = await readDataset(
      withEngagements(fixtureSla("salesforce-campaign-members"), source("reject")),
      {
        workers: "never",
      },
    );
    // The 11 responded rows are dates: 11 findings, nothing kept; the 3 others are used (where).
    expect(findingsOf(reject)).toEqual(
      [2, 3, 4, 5, 7, 9, 10, 12, 13, 14, 15].map((l) =>
        expect.stringMatching(new RegExp(`^engagement_date_only:${l} `)),
      ),
    );
    expect(reject.engagementRows).toEqual({ rows: 14, used: 3, byType: {} });
  });

  it("a contact's member joins its lead through the lead's ConvertedContactId", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "campaign-"));
    copyFileSync(join(dir, "CampaignMember.csv"), join(tmp, "CampaignMember.csv"));
    const leads = readFileSync(join(dir, "leads.csv"), "utf8").trim().split("\n");
    // Lead 6 (Pablo) converted into the contact 0038d00000WtE99AAF.
    const withContact = leads.map((l, i) =>
      i === 0 ? `${l},"ConvertedContactId"` : `${l},"${l.includes("EnG06") ? "0038d00000WtE99AAF" : ""}"`,
    );
    writeFileSync(join(tmp, "leads.csv"), `${withContact.join("\n")}\n`);
    const base = fixtureSla("salesforce-campaign-members");
    const config: SlaConfig = withEngagements(
      {
        ...base,
        sources: {
          ...base.sources,
          leads: {
            ...base.sources.leads,
            file: join(tmp, "leads.csv"),
            path: join(tmp, "leads.csv"),
            columns: { ...base.sources.leads.columns, converted_contact_id: ["ConvertedContactId"] },
          },
        },
      },
      source("end_of_day", tmp),
    );
    const d = await readDataset(config, { workers: "never" });
    expect(findingsOf(d)).toEqual([]);
    expect(kept(d).filter((k) => k.startsWith("06EAF"))).toEqual([
      `06EAF demo_request ${iso(Date.parse("2026-05-01T23:59:59.999Z"))} :15`,
    ]);
  });

  it("a where: column the file lacks is an error naming the SLA file", async () => {
    const s = source("end_of_day");
    const bad = { ...s, engagement: { ...s.engagement, where: { HasRespond: ["true"] } } } as typeof s;
    const err = await readDataset(withEngagements(fixtureSla("salesforce-campaign-members"), bad), {
      workers: "never",
    }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).issues[0]).toMatchObject({
      line: 20,
      column: 13,
      hint: 'did you mean "HasResponded"?',
    });
  });
});

describe("generic files", () => {
  const dir = join(ENGAGEMENTS, "generic");
  const types = ["demo_request", "pricing_page_view", "content_download", "webinar_attended"];

  it("reads ISO time stamps with offsets (lead 8's +05:30 demo request is T - 1 h)", async () => {
    const config = withEngagements(
      fixtureSla("generic", "America/New_York"),
      engagementSource(
        dir,
        "engagements.csv",
        { lead_id: ["lead_id"], at: ["occurred_at"], type: ["type"], detail: ["detail"] },
        { rules: types.map((t) => rule(t, [t])) },
      ),
    );
    const d = await readDataset(config, { workers: "never" });
    expect(findingsOf(d)).toEqual([]);
    expect(d.engagementRows).toEqual({
      rows: 12,
      used: 12,
      byType: { content_download: 2, demo_request: 5, pricing_page_view: 3, webinar_attended: 2 },
    });
    // Demo requests in (T - 30 d, T]: …01 (05-03T14:00Z), …07 (05-02T10:00Z), …08 (05-04T09:00Z);
    // …04's at exactly T - 30 d, …02's at T - 31 d.
    const demo = (from: number) =>
      (d.engagements?.all() ?? []).filter((e) => e.type === "demo_request" && e.at >= from && e.at <= T)
        .length;
    expect(demo(T - 30 * DAY + 1)).toBe(3);
    expect(demo(T - 30 * DAY)).toBe(4);
    expect(kept(d).filter((k) => k.startsWith("08EAF demo"))).toEqual([
      "08EAF demo_request 2026-05-04T09:00Z :12",
    ]);
  });

  it("reads a typed spreadsheet: e-mails as typed, month-first dates in New York, junk as findings", async () => {
    const config = withEngagements(
      fixtureSla("generic", "America/New_York"),
      engagementSource(
        dir,
        "spreadsheet.csv",
        { lead_email: ["Email"], at: ["Date"], type: ["Activity"], detail: ["Notes"] },
        {
          matchBy: "email",
          dateOnly: "reject",
          rules: [
            rule("demo_request", ["Demo request", "demo-request"]),
            rule("content_download", ["content download"]),
            rule("pricing_page_view", ["pricing page visit"]),
            rule("webinar_attended", ["webinar - attended"]),
          ],
        },
      ),
    );
    const d = await readDataset(config, { workers: "never" });
    // TBD (line 9), the trade show scan no rule names (12), jonas (15), a date only (18); Hannah's
    // second demo request (14) repeats line 13.
    expect(findingsOf(d)).toEqual([
      "engagement_time_unreadable:9 TBD",
      "engagement_type_unmapped:12 Trade show badge scan",
      "engagement_unknown_lead:15 jonas.berg@fjellvik-marine.example",
      "engagement_date_only:18 5/4/2026",
      "engagement_duplicate:14 demo_request",
    ]);
    // 18 rows: 4 not used, 14 used (13 kept once, 1 repeat).
    expect(d.engagementRows).toEqual({
      rows: 18,
      used: 14,
      byType: { content_download: 3, demo_request: 5, pricing_page_view: 2, webinar_attended: 3 },
    });
    // Demo requests in (T - 30 d, T]: 4 rows for 3 leads, 3 after the repeat is counted once.
    const demos = (d.engagements?.all() ?? []).filter(
      (e) => e.type === "demo_request" && e.at > T - 30 * DAY && e.at <= T,
    );
    expect(demos.map((e) => `${e.leadId.slice(-5)} ${iso(e.at)}`)).toEqual([
      "01EAF 2026-05-03T14:00Z",
      "07EAF 2026-05-02T10:00Z",
      "08EAF 2026-05-04T09:00Z",
    ]);
    // Elena's row typed with capitals and a trailing space is hers.
    expect(kept(d)).toContain("01EAF webinar_attended 2026-04-25T10:00Z :5");
    // Coverage: every row read is used or not used (the repeat is used), none unaccounted for.
    // As of T (every kept row is at or before it): 14 used, 4 not used.
    const { report } = computeAudit(d, config, { keep: "report", asOf: T });
    expect(report.inputs.files.find((f) => f.file.endsWith("spreadsheet.csv"))).toMatchObject({
      rows: 18,
      used: 14,
      not_used: 4,
    });
    // As of the data's own latest stamp (the leads'; engagements do not move it), the 5 kept rows
    // after it are after the as-of: not used, and each an after_as_of finding.
    const late = computeAudit(d, config, { keep: "report" }).report;
    const lateRows = late.quality.findings.find((f) => f.code === "after_as_of")?.count;
    expect(late.inputs.files.find((f) => f.file.endsWith("spreadsheet.csv"))?.used).toBe(
      14 - (lateRows ?? 0),
    );
    expect(lateRows).toBe(5);
    expect(JSON.stringify(report)).not.toContain("rows_unaccounted");
  });
});

describe("the fields and lists the definitions name", () => {
  const field = (name: string, line: number, test: Criterion = {} as Criterion): Criterion =>
    ({
      kind: "field",
      name,
      field: name,
      test: { kind: "present" },
      negated: false,
      line,
      column: 7,
      ...(test as object),
    }) as Criterion;
  const defs = (...of: Criterion[]): LeadDefinitions => ({
    engagementTypes: ["form_fill"],
    stages: [
      {
        stage: "mql",
        rule: { kind: "all", name: "all", of, line: 3, column: 5 },
        exclude: [],
        passWithin: null,
        passTarget: null,
        passCalendar: null,
      },
    ],
  });

  it("holds canonical fields on the lead and any other header on its extra, matched ignoring case", async () => {
    const config = {
      ...fixtureSla("hubspot", "Europe/Berlin", true),
      definitions: defs(field("email", 4), field("hubspot score", 5), field("Company Name", 6)),
    };
    const d = await readDataset(config, { workers: "never", dropContacts: true });
    expect(d.definitionFields).toEqual({
      "Company Name": { extra: "Company Name" },
      email: { lead: "email" },
      "hubspot score": { extra: "HubSpot Score" },
    });
    // dropContacts lets e-mails go, unless a definition reads them.
    expect(d.leads[0]?.email).toBe("elena.marsh@brightwell-robotics.example");
    expect(d.leads[0]?.extra?.["HubSpot Score"]).toBe("75");
  });

  it("a field that is neither is an error at the SLA's line and column, with the closest header", async () => {
    const config = {
      ...fixtureSla("hubspot", "Europe/Berlin", true),
      definitions: defs(field("HubSpot Scor", 9)),
    };
    const err = await readDataset(config, { workers: "never" }).catch((e) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).issues).toMatchObject([
      { file: config.file, line: 9, column: 7, hint: 'did you mean "HubSpot Score"?' },
    ]);
  });

  it("reads in_file lists: first column or a named one, trimmed, lower-cased, sorted, unique", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "lists-"));
    writeFileSync(
      join(tmp, "competitors.csv"),
      "Name,Domain\n Vireo Labs ,vireo.example\nACME,acme.example\nvireo labs,x\n\n",
    );
    const list = (column: string | null, line: number) =>
      field("Company Name", line, {
        test: { kind: "in_file", file: "competitors.csv", path: join(tmp, "competitors.csv"), column },
      } as unknown as Criterion);
    const config = {
      ...fixtureSla("hubspot", "Europe/Berlin", true),
      definitions: defs(list(null, 4), list("domain", 5)),
    };
    const d = await readDataset(config, { workers: "never" });
    expect(d.lists).toEqual({
      [listKey(join(tmp, "competitors.csv"), null)]: ["acme", "vireo labs"],
      [listKey(join(tmp, "competitors.csv"), "domain")]: ["acme.example", "vireo.example", "x"],
    });
    // A missing column, and a missing file, stop the run naming the SLA's line.
    const missing = { ...config, definitions: defs(list("Domian", 8)) };
    const e1 = await readDataset(missing, { workers: "never" }).catch((e) => e);
    expect((e1 as UserError).issues).toMatchObject([{ line: 8, column: 7, hint: 'did you mean "Domain"?' }]);
    const gone = {
      ...config,
      definitions: defs(
        field("Company Name", 11, {
          test: { kind: "in_file", file: "nowhere.csv", path: join(tmp, "nowhere.csv"), column: null },
        } as unknown as Criterion),
      ),
    };
    const e2 = await readDataset(gone, { workers: "never" }).catch((e) => e);
    expect(e2).toBeInstanceOf(UserError);
    expect((e2 as UserError).issues).toMatchObject([{ file: config.file, line: 11, column: 7 }]);
  });
});
