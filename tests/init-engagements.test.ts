/**
 * `init` on engagement exports (tests/fixtures/engagements: Marketo, Pardot, HubSpot, generic):
 * the draft's `sources.engagements` entry with its types: placed by keyword (the rest under
 * ignore: below a TODO), validated and audited as written, then read: the engagements kept are
 * the fixtures' READMEs' counts. The draft's zone is UTC (counts, not instants, are checked).
 */

import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { loadSlaConfig } from "../src/config/load.js";
import { readDataset } from "../src/ingest/index.js";
import { ENGAGEMENTS } from "./helpers/engagements.js";

const work = mkdtempSync(join(tmpdir(), "funnel-init-engagements-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function cli(args: string[]) {
  const run = fakeIo({ NO_COLOR: "1" });
  const code = await main(args, run.io);
  return { code, run };
}

/** init on a fixture folder's files (copied, so the draft names them by their own names), validate, audit. */
async function firstRun(folder: string, files: string[]) {
  const dir = mkdtempSync(join(work, `${folder}-`));
  for (const f of files) copyFileSync(join(ENGAGEMENTS, folder, f), join(dir, f));
  const out = join(dir, "sla.yaml");
  const init = await cli(["init", ...files.map((f) => join(dir, f)), "--out", out, "--timezone", "UTC"]);
  expect(init.code, init.run.stderr()).toBe(0);
  const text = init.run.files.get(out) as string;
  writeFileSync(out, text);
  const validate = await cli(["validate", "--sla", out]);
  expect(validate.code, validate.run.stderr()).toBe(0);
  const audit = await cli(["audit", "--sla", out, "--format", "json"]);
  expect(audit.code, audit.run.stderr()).toBe(0);
  const { config } = await loadSlaConfig(out);
  if (!config) throw new Error("the draft does not load");
  const d = await readDataset(config, { workers: "never" });
  return { text, sla: parse(text), d };
}

describe("init drafts sources.engagements that validate and audit as written", () => {
  it("Marketo Bulk Activity Extract: preset, the lead extract as lead_key:, types by the standard ids' names", async () => {
    const { text, sla, d } = await firstRun("marketo", ["leads.csv", "activities.csv", "marketo-leads.csv"]);
    expect(sla.engagement_types).toEqual(["email_click", "form_fill", "page_view"]);
    expect(sla.sources.engagements).toEqual([
      {
        file: "activities.csv",
        preset: "marketo",
        lead_key: { file: "marketo-leads.csv", from: "id", to: "sfdcLeadId", fallback: "email" },
        // 11 Click Email, 2 Fill Out Form, 1 Visit Webpage; the rest by count (10 ×5), then as text.
        types: { email_click: [11], form_fill: [2], page_view: [1], ignore: [10, 12, 13, 22, 3] },
      },
    ]);
    // Not dropped unseen: each ignored value is named with its meaning above the list.
    expect(text).toContain('# TODO: values no keyword placed (10 = "open email"; 12 = "new lead";');
    // 28 rows; 7010 (null sfdcLeadId) reaches lead 5 by e-mail, 7009's 2 rows (a visit and a form) no lead.
    // Types 2 ×8 - 1 = 7, 1 ×9 - 1 = 8, 11 ×2; used 28 - 2 = 26.
    expect(d.engagementRows).toEqual({
      rows: 28,
      used: 26,
      byType: { email_click: 2, form_fill: 7, page_view: 8 },
    });
  });

  it("Pardot visitor activities: type pairs by verb and asset, prospects as lead_key:, the zone a TODO", async () => {
    const { text, sla, d } = await firstRun("pardot", [
      "leads.csv",
      "visitor-activities.csv",
      "prospects.csv",
    ]);
    const [source] = sla.sources.engagements;
    expect(source.columns).toEqual({
      lead_id: "prospect_id",
      at: "created_at",
      detail: "details",
      type: ["type", "type_name"],
    });
    expect(source.lead_key).toEqual({
      file: "prospects.csv",
      from: "id",
      to: "crm_lead_fid",
      fallback: "email",
    });
    expect(source.types).toEqual({
      webinar_attended: [[24, "Webinar"]],
      content_download: [[1, "File"]],
      email_click: [[1, "Email"]],
      form_fill: [
        [4, "Form"],
        [4, "Form Handler"],
        [4, "Landing Page"],
      ],
      page_view: [[20, "Visit"]],
      // Opens, viewed, sent, registered and failed: not the prospect's engagement (README).
      ignore: [
        [11, "Email"],
        [2, "Form"],
        [6, "Email"],
        [25, "Webinar"],
        [3, "Form"],
      ],
    });
    expect(text).toContain("# TODO: the export writes wall times in its creator's zone");
    // 21 rows: 9 ignored; of 12 typed, the anonymous visit (no id) and 208's form (no CRM lead, its
    // e-mail no lead either) are not kept: form 6 - 1, visit 3 - 1, one each of the rest.
    expect(d.engagementRows).toEqual({
      rows: 21,
      used: 19,
      byType: { content_download: 1, email_click: 1, form_fill: 5, page_view: 2, webinar_attended: 1 },
    });
  });

  it("HubSpot form submissions (one type, epoch milliseconds) and page views", async () => {
    const { sla, d } = await firstRun("hubspot", ["leads.csv", "form-submissions.csv", "page-views.csv"]);
    expect(sla.engagement_types).toEqual(["form_fill", "page_view"]);
    expect(sla.sources.engagements).toEqual([
      { file: "form-submissions.csv", preset: "hubspot", type: "form_fill", epoch: "epoch_ms" },
      { file: "page-views.csv", preset: "hubspot", types: { page_view: ["e_visited_page"] } },
    ]);
    // 11 submissions, one a double (counted once); 11 page views, every contact in leads.csv.
    expect(d.engagementRows).toEqual({ rows: 22, used: 22, byType: { form_fill: 10, page_view: 11 } });
  });

  it("a generic engagements.csv: its type column's values, each its own type", async () => {
    const { sla, d } = await firstRun("generic", ["leads.csv", "engagements.csv"]);
    expect(sla.engagement_types).toEqual([
      "demo_request",
      "pricing_view",
      "webinar_attended",
      "content_download",
    ]);
    expect(sla.sources.engagements[0].types).toEqual({
      demo_request: ["demo_request"],
      pricing_view: ["pricing_page_view"],
      webinar_attended: ["webinar_attended"],
      content_download: ["content_download"],
    });
    // README: 12 rows, demo_request ×5, pricing_page_view ×3, content_download ×2, webinar_attended ×2.
    expect(d.engagementRows?.byType).toEqual({
      content_download: 2,
      demo_request: 5,
      pricing_view: 3,
      webinar_attended: 2,
    });
  });
});
