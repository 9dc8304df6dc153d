import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { criterionName } from "../../../src/config/definitions.js";
import { parseSlaConfig } from "../../../src/config/parse.js";
import type { RawCriterion } from "../../../src/config/schema.js";
import type { Criterion, SlaConfig } from "../../../src/types.js";

const text = readFileSync(new URL("fixtures/definitions.sla.yaml", import.meta.url), "utf8");

function parsed(): SlaConfig {
  const { config, issues } = parseSlaConfig(text, "/srv/audit/sla.yaml");
  expect(issues).toEqual([]);
  if (!config) throw new Error("no config");
  return config;
}

/** name @ line:col, nested groups indented: what a reader of the SLA file checks by eye. */
function outline(cs: Criterion[], depth = 0): string[] {
  return cs.flatMap((c) => [
    `${"  ".repeat(depth)}${c.kind} ${c.name} @${c.line}:${c.column}`,
    ...(c.kind === "all" || c.kind === "any" ? outline(c.of, depth + 1) : []),
  ]);
}

describe("definitions: the design example, normalised", () => {
  it("lists the engagement types and defines the stages in waterfall order", () => {
    const d = parsed().definitions;
    expect(d?.engagementTypes).toEqual([
      "form_fill",
      "demo_request",
      "pricing_view",
      "content_download",
      "webinar_attended",
      "email_click",
    ]);
    expect(d?.stages.map((s) => s.stage)).toEqual(["mql", "sql"]);
  });

  it("mql: never: first, then its own exclusion; the rule's criteria named and placed (line:col of the SLA)", () => {
    const mql = parsed().definitions?.stages[0];
    expect(outline(mql?.exclude ?? [])).toEqual([
      "field e-mail free|disposable @14:7",
      "field company in competitors.csv @15:7",
      "field title matches student|intern @16:7",
      "field country in North Korea @21:16",
    ]);
    expect(outline(mql ? [mql.rule] : [])).toEqual([
      "all the mql definition @22:5",
      "  field Decision maker @23:9",
      "  field company_size 50–5000 @24:9",
      "  any any of (demo_request in 30d; ≥3 pricing_view|content_download in 14d; HubSpot Score ≥ 60) @25:9",
      "    engagement demo_request in 30d @26:13",
      "    engagement ≥3 pricing_view|content_download in 14d @27:13",
      "    field HubSpot Score ≥ 60 @28:13",
    ]);
  });

  it("mql: tests, counts and windows as the pipeline reads them; in_file joined to the SLA's folder", () => {
    const mql = parsed().definitions?.stages[0];
    expect(mql?.exclude.map((c) => (c.kind === "field" ? [c.field, c.test, c.negated] : null))).toEqual([
      ["email", { kind: "email", classes: ["free", "disposable"] }, false],
      [
        "company",
        {
          kind: "in_file",
          file: "/srv/audit/competitors.csv",
          path: "/srv/audit/competitors.csv",
          column: null,
        },
        false,
      ],
      ["title", { kind: "matches", pattern: "student|intern" }, false],
      ["country", { kind: "in", values: ["North Korea"] }, false],
    ]);
    const [, size, any] = mql?.rule.of ?? [];
    expect(size).toMatchObject({ kind: "field", test: { kind: "range", min: 50, max: 5000 } });
    expect(any).toMatchObject({
      kind: "any",
      of: [
        {
          kind: "engagement",
          types: ["demo_request"],
          atLeast: 1,
          within: { text: "30d", unit: "calendar", amount: 30 * 86_400_000 },
        },
        {
          kind: "engagement",
          types: ["pricing_view", "content_download"],
          atLeast: 3,
          within: { amount: 14 * 86_400_000 },
        },
        { kind: "field", field: "HubSpot Score", test: { kind: "range", min: 60, max: null } },
      ],
    });
    expect(mql).toMatchObject({
      passWithin: { text: "1bd", unit: "business_days", amount: 1 },
      passTarget: 0.9,
      passCalendar: "us-office",
    });
  });

  it("sql: names unique within the stage, negated tests, at_most, a list file's column, an engagement ever", () => {
    const sql = parsed().definitions?.stages[1];
    expect(sql?.exclude.map((c) => c.name)).toEqual([
      "e-mail free|disposable",
      "company in competitors.csv",
      "title matches student|intern",
    ]);
    expect(sql?.rule.of.map((c) => c.name)).toEqual([
      "demo_request in 30d",
      "demo_request in 30d (2)",
      "title not in Student, Intern",
      "title does not match ^$",
      "title present",
      "company_size ≤ 200",
      "company in lists/customers.csv (Name)",
      "webinar_attended ever",
    ]);
    const of = sql?.rule.of ?? [];
    expect(of[2]).toMatchObject({ test: { kind: "in", values: ["Student", "Intern"] }, negated: true });
    expect(of[3]).toMatchObject({ test: { kind: "matches", pattern: "^$" }, negated: true });
    expect(of[4]).toMatchObject({ test: { kind: "present" }, negated: false });
    expect(of[5]).toMatchObject({ test: { kind: "range", min: null, max: 200 } });
    expect(of[6]).toMatchObject({
      test: { kind: "in_file", file: "/srv/audit/lists/customers.csv", column: "Name" },
    });
    expect(of[7]).toMatchObject({ kind: "engagement", atLeast: 1, within: null });
    expect(sql).toMatchObject({ passWithin: null, passTarget: null, passCalendar: null });
  });

  it("commitments.marketing.definition is read", () => {
    expect(parsed().commitments?.marketing.definition).toBe(0.8);
  });
});

describe("sources.engagements: the four shapes, normalised", () => {
  const sources = () => parsed().sources.engagements;

  it("Marketo: an id column, raw type values mapped with detail conditions, ignore:, null text, a zone", () => {
    const s = sources()[0];
    expect(s).toMatchObject({
      kind: "engagements",
      file: "/srv/audit/activities.csv",
      columns: {
        lead_id: ["leadId"],
        at: ["activityDate"],
        type: ["activityTypeId"],
        detail: ["primaryAttributeValue"],
      },
      explicit: ["lead_id", "at", "type", "detail"],
      declared: { line: 45, column: 13, path: "sources.engagements[0].file" },
    });
    expect(s?.engagement).toEqual({
      fixedType: null,
      rules: [
        { type: "form_fill", values: ["2"], detailIn: [], detailContains: null },
        { type: "demo_request", values: ["2"], detailIn: ["Demo Request"], detailContains: null },
        { type: "pricing_view", values: ["1"], detailIn: [], detailContains: "/pricing" },
      ],
      ignore: ["10", "12", "13", "22"],
      timezone: "America/Chicago",
      matchBy: "id",
      dateOnly: "start_of_day",
      where: {},
      nullValue: "null",
      epoch: null,
      typePair: false,
    });
  });

  it("Pardot: matched by e-mail, the type a pair of columns; [4, Form] is one pair, [[24, Webinar]] a list of them", () => {
    const s = sources()[1];
    expect(s?.columns.type).toEqual(["type", "type_name"]);
    expect(s?.engagement).toMatchObject({
      matchBy: "email",
      typePair: true,
      rules: [
        { type: "form_fill", values: ["4\u0000Form"] },
        { type: "webinar_attended", values: ["24\u0000Webinar"] },
      ],
      ignore: ["6\u0000Email", "3\u0000Form"],
      dateOnly: "end_of_day",
      timezone: null,
    });
  });

  it("HubSpot form submissions: one type for the file (no type column read), epoch milliseconds", () => {
    const s = sources()[2];
    expect(s?.columns.type).toEqual([]);
    expect(s?.engagement).toMatchObject({ fixedType: "form_fill", rules: [], epoch: "epoch_ms" });
  });

  it("CampaignMember: candidate lead columns, where: with YAML true read as the text true, no types: → type names map to themselves", () => {
    const s = sources()[3];
    expect(s?.columns.lead_id).toEqual(["LeadId", "ContactId"]);
    expect(s?.engagement?.where).toEqual({ HasResponded: ["true"] });
    expect(s?.engagement?.rules.map((r) => [r.type, r.values])).toEqual([
      ["form_fill", ["form_fill"]],
      ["demo_request", ["demo_request"]],
      ["pricing_view", ["pricing_view"]],
      ["content_download", ["content_download"]],
      ["webinar_attended", ["webinar_attended"]],
      ["email_click", ["email_click"]],
    ]);
  });
});

describe("criterionName: short plain names written from the rule", () => {
  it.each<[RawCriterion, string]>([
    [{ field: "title", matches: "vp|director" }, "title matches vp|director"],
    [{ field: "company_size", between: [50, 5000] }, "company_size 50–5000"],
    [
      { engagement: ["pricing_view", "content_download"], at_least: 3, within: "14d" },
      "≥3 pricing_view|content_download in 14d",
    ],
    [{ engagement: "demo_request", within: "30d" }, "demo_request in 30d"],
    [{ engagement: "demo_request", at_least: 1 }, "demo_request ever"],
    [{ field: "email", email: ["free", "disposable"] }, "e-mail free|disposable"],
    [{ field: "work_email", email: ["role"] }, "work_email role"],
    [{ field: "company", in_file: "competitors.csv" }, "company in competitors.csv"],
    [{ field: "country", in: ["US", 1] }, "country in US, 1"],
    [{ field: "Score", at_least: 60 }, "Score ≥ 60"],
    [
      {
        any: [
          { name: "Decision maker", field: "title", matches: "vp" },
          { field: "x", present: true },
        ],
      },
      "any of (Decision maker; x present)",
    ],
  ])("%j → %s", (c, name) => {
    expect(criterionName(c)).toBe(name);
  });
});

describe("sources.engagements: presets name the standard headers", () => {
  const base = text.slice(0, text.indexOf("  engagements:"));

  it("salesforce: CampaignMember's lead or contact, response date, status and campaign; responses only", () => {
    const sla = `${base}  engagements: { file: CampaignMember.csv, preset: salesforce }\n`;
    const s = parseSlaConfig(sla, "sla.yaml").config?.sources.engagements[0];
    expect(s?.columns).toEqual({
      lead_id: ["LeadId", "ContactId"],
      lead_email: [],
      at: ["FirstRespondedDate"],
      type: ["Status"],
      detail: ["Campaign.Name"],
    });
    expect(s?.engagement).toMatchObject({
      where: { HasResponded: ["true"] },
      matchBy: "id",
      typePair: false,
    });
  });

  it("hubspot: form submissions' and page views' headers; a where: or column of the SLA's own wins", () => {
    const sla = `${base}  engagements:\n    file: form-submissions.csv\n    preset: hubspot\n    columns: { detail: page-url }\n    type: form_fill\n    epoch: epoch_ms\n    where: { portal-id: "24681357" }\n`;
    const s = parseSlaConfig(sla, "sla.yaml").config?.sources.engagements[0];
    expect(s?.columns).toEqual({
      lead_id: ["canonical-vid", "objectId"],
      lead_email: [],
      at: ["timestamp", "occurredAt"],
      type: [],
      detail: ["page-url"],
    });
    expect(s?.explicit).toEqual(["detail"]);
    expect(s?.engagement).toMatchObject({
      fixedType: "form_fill",
      epoch: "epoch_ms",
      where: { "portal-id": ["24681357"] },
    });
  });
});
