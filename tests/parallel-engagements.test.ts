/**
 * Engagements files read on a worker thread (src/parallel/rows.ts, rows-job.ts) must give the
 * single-thread dataset: the same engagements in the same order, the same findings in the same
 * order, the same counts. Workers run from dist/ (npm test builds first).
 */

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { UserError } from "../src/errors.js";
import type { Dataset } from "../src/ingest/dataset.js";
import { type IngestOptions, readDataset } from "../src/ingest/index.js";
import type { SlaConfig } from "../src/types.js";
import { ENGAGEMENTS, engagementSource, fixtureSla, rule, withEngagements } from "./helpers/engagements.js";

function plain(d: Dataset): unknown {
  return {
    engagements: d.engagements?.all(),
    findings: d.findings,
    counts: d.engagementRows,
    rowCounts: d.rowCounts,
    usedRows: d.usedRows,
  };
}

async function outcome(config: SlaConfig, options: IngestOptions): Promise<unknown> {
  try {
    return plain(await readDataset(config, options));
  } catch (err) {
    if (err instanceof UserError) return { error: err.message, issues: err.issues };
    throw err;
  }
}

/** Both paths, compared as JSON text (byte for byte); the single-thread one returned. */
async function same(config: SlaConfig): Promise<Record<string, unknown>> {
  const one = await outcome(config, { workers: "never" });
  const many = await outcome(config, { workers: "always" });
  expect(JSON.stringify(many)).toBe(JSON.stringify(one));
  return one as Record<string, unknown>;
}

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
    const d = await same(withEngagements(fixtureSla("salesforce-campaign-members"), source));
    expect((d.engagements as unknown[]).length).toBe(6);
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
    const d = await same(config);
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
    expect(d.counts).toEqual({
      rows: 27_104,
      used: 27_026,
      byType: { form_fill: 9_000, pricing_view: 9_000 },
    });
  });
});
