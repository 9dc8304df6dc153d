import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseSlaConfig } from "../../../src/config/parse.js";
import { agreementHtml, agreementMarkdown } from "../../../src/report/agreement.js";
import type { SlaConfig } from "../../../src/types.js";
import { exampleWithoutDefinition } from "../../helpers/example-sla.js";

const fixture = new URL("../config/fixtures/definitions.sla.yaml", import.meta.url);

function config(text = readFileSync(fixture, "utf8")): SlaConfig {
  const { config, issues } = parseSlaConfig(text, "sla.yaml");
  expect(issues).toEqual([]);
  if (!config) throw new Error("no config");
  return config;
}

/** The lines of `md` from the line `from` up to (not including) the next line starting with `until`. */
function section(md: string, from: string, until: string): string[] {
  const lines = md.split("\n");
  const start = lines.indexOf(from);
  expect(start, `"${from}" in the agreement`).toBeGreaterThan(-1);
  const end = lines.findIndex((l, i) => i > start && l.startsWith(until));
  return lines.slice(start, end < 0 ? undefined : end);
}

describe("sla render: the written definitions in plain words (Markdown)", () => {
  const md = agreementMarkdown(config());

  it("opens with the go-nowhere list, once, before the stages", () => {
    expect(section(md, "## Which leads count (the written definitions)", "### ")).toEqual([
      "## Which leads count (the written definitions)",
      "",
      "Each entry into a defined stage is checked at the moment it happens: lead fields as exported, engagements before that moment.",
      "",
      "Leads that never count, at any stage (go-nowhere):",
      "",
      "- **e-mail free\\|disposable**: **email** is a free (webmail) or disposable address",
      "- **company in competitors.csv**: **company** is listed in `competitors.csv` (its first column)",
      "- **title matches student\\|intern**: **title** matches `student|intern` (a pattern, ignoring case)",
      "",
    ]);
  });

  it("mql: all of its criteria (a group nested), its own exclusion, marketing's pass clock", () => {
    expect(section(md, "### mql", "### ")).toEqual([
      "### mql",
      "",
      "A lead counts as **mql** when all of:",
      "",
      "- **Decision maker**: **title** matches `vp|director|head|chief|cxo` (a pattern, ignoring case)",
      "- **company_size 50–5000**: **company_size** is between 50 and 5000 (a range such as 10-49 must lie entirely inside)",
      "- **any of (demo_request in 30d; ≥3 pricing_view\\|content_download in 14d; HubSpot Score ≥ 60)**: any of:",
      "  - **demo_request in 30d**: at least one `demo_request` engagement in the 30 days before",
      "  - **≥3 pricing_view\\|content_download in 14d**: at least 3 `pricing_view` or `content_download` engagements in the 14 days before",
      "  - **HubSpot Score ≥ 60**: **HubSpot Score** is at least 60",
      "",
      "and none of (besides the go-nowhere list):",
      "",
      "- **country in North Korea**: **country** is one of `North Korea` (ignoring case)",
      "",
      "Marketing passes a lead on as **mql** within **one business day** (working time on the us-office calendar) of the moment it first meets this definition. The goal: **90%** passed in time.",
      "",
    ]);
  });

  it("sql: any of, every kind of field test in words, no pass clock", () => {
    expect(section(md, "### sql", "## ")).toEqual([
      "### sql",
      "",
      "A lead counts as **sql** when any of:",
      "",
      "- **demo_request in 30d**: at least one `demo_request` engagement in the 30 days before",
      "- **demo_request in 30d (2)**: at least one `demo_request` engagement in the 30 days before",
      "- **title not in Student, Intern**: **title** is none of `Student` or `Intern` (ignoring case)",
      "- **title does not match ^$**: **title** does not match `^$` (a pattern, ignoring case)",
      "- **title present**: **title** is filled in",
      "- **company_size ≤ 200**: **company_size** is at most 200",
      "- **company in lists/customers.csv (Name)**: **company** is listed in `lists/customers.csv` (column `Name`)",
      "- **webinar_attended ever**: at least one `webinar_attended` engagement at any time before",
      "",
    ]);
  });

  it("the engagement types, and per source which raw values mean each (pairs, detail conditions, ignore, where)", () => {
    expect(
      section(md, "## Engagements (what the behaviour rules count)", "From `form-submissions.csv`"),
    ).toEqual([
      "## Engagements (what the behaviour rules count)",
      "",
      "Engagement types: **form_fill**, **demo_request**, **pricing_view**, **content_download**, **webinar_attended**, **email_click**.",
      "",
      "From `activities.csv` (the lead: the lead id in `leadId`; the time: `activityDate`):",
      "",
      "- **form_fill**: `activityTypeId` is `2`",
      "- **demo_request**: `activityTypeId` is `2`, with the detail `Demo Request`",
      "- **pricing_view**: `activityTypeId` is `1`, whose detail contains `/pricing`",
      "- not engagements (left out): `10`, `12`, `13`, `22`",
      "",
      "From `visitor-activities.csv` (the lead: the e-mail in `email`; the time: `created_at`):",
      "",
      "- **form_fill**: `type` + `type_name` is `4 + Form`",
      "- **webinar_attended**: `type` + `type_name` is `24 + Webinar`",
      "- not engagements (left out): `6 + Email`, `3 + Form`",
      "",
    ]);
    expect(md).toContain(
      "From `form-submissions.csv` (the lead: the lead id in `canonical-vid`; the time: `timestamp`):\n\n- every row is a **form_fill**\n",
    );
    expect(md).toContain("- only rows whose `HasResponded` is `true`\n");
  });

  it("marketing's quality commitment", () => {
    expect(md).toContain(
      "Marketing:\n- at least **80%** of the leads that become mql meet its written definition (above).\n",
    );
  });

  it("an SLA without definitions or engagements renders neither section", () => {
    const { config: plain } = parseSlaConfig(exampleWithoutDefinition(), "sla.yaml");
    const out = plain ? agreementMarkdown(plain) : "";
    expect(out).toContain("## Stages (the waterfall, in order)");
    expect(out).not.toContain("## Which leads count");
    expect(out).not.toContain("## Engagements");
  });
});

describe("sla render: the definitions in HTML", () => {
  const html = agreementHtml(config());

  it("a stage heading, and a group's members as a list nested in its item", () => {
    expect(html).toContain("<h3>mql</h3>");
    expect(html).toContain(
      "<li><strong>any of (demo_request in 30d; ≥3 pricing_view|content_download in 14d; HubSpot Score ≥ 60)</strong>: any of:<ul><li><strong>demo_request in 30d</strong>: at least one <code>demo_request</code> engagement in the 30 days before</li><li>",
    );
    expect(html).toContain("<strong>HubSpot Score</strong> is at least 60</li></ul></li></ul>");
  });

  it("opens as many lists as it closes", () => {
    expect(html.split("<ul>").length).toBe(html.split("</ul>").length);
    expect(html.split("<li>").length).toBe(html.split("</li>").length);
  });
});
