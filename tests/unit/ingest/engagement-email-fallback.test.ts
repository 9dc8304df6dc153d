/**
 * A bridged engagements source whose rows carry their own e-mail (issue 19, gap 1): Pardot API v5
 * visitor activities with `prospect.email` beside `prospectId` (tests/fixtures/engagements/pardot-v5,
 * README there). A row whose prospect id `prospects.csv` maps to no lead reaches its lead by that
 * e-mail; the rows joined each way are counted in one info finding. Read on the main thread and
 * on a worker: the same engagements and findings.
 */

import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSlaConfig } from "../../../src/config/load.js";
import { formatIssue } from "../../../src/errors.js";
import { readDataset } from "../../../src/ingest/index.js";
import { ENGAGEMENTS } from "../../helpers/engagements.js";

const FOLDER = join(ENGAGEMENTS, "pardot-v5");

const SLA = (columns: string) => `version: 1
timezone: UTC
stages:
  - { id: lead, matches: [Open - Not Contacted] }
  - { id: mql, matches: [Working - Contacted] }
engagement_types: [form_fill, webinar_attended, web_visit]
sources:
  leads: { file: leads.csv, columns: { id: Id, created_at: CreatedDate, email: Email, stage: Status } }
  engagements:
    - file: visitor-activities.csv
      columns: ${columns}
      lead_key: { file: prospects.csv, from: id, to: salesforceId }
      types: { form_fill: [4, Form], webinar_attended: [24, Webinar], web_visit: [20, Visit] }
`;
const WITH_EMAIL =
  "{ lead_id: prospectId, lead_email: prospect.email, at: createdAt, type: [type, typeName], detail: details }";
const WITHOUT_EMAIL = "{ lead_id: prospectId, at: createdAt, type: [type, typeName], detail: details }";

async function read(columns: string, workers: "never" | "always") {
  const dir = mkdtempSync(join(tmpdir(), "engagement-email-"));
  for (const f of ["leads.csv", "prospects.csv", "visitor-activities.csv"])
    copyFileSync(join(FOLDER, f), join(dir, f));
  writeFileSync(join(dir, "sla.yaml"), SLA(columns));
  const { config, issues } = await loadSlaConfig(join(dir, "sla.yaml"));
  expect(issues.map(formatIssue)).toEqual([]);
  if (!config) throw new Error("no config");
  const d = await readDataset(config, { workers });
  const found = d.findings
    .filter(
      (f) => f.code.startsWith("engagement_") || f.code === "ambiguous_email" || f.code === "missing_id",
    )
    .map((f) => `${f.code} ${f.place.file.split("/").pop()}:${f.place.line} ${f.message}`);
  const kept = (d.engagements?.all() ?? [])
    .map((e) => `${e.leadId.slice(-6)} ${e.type} :${e.place.line}`)
    .sort();
  return { found, kept, counts: d.engagementRows };
}

describe("a bridged engagement row's own e-mail as the fallback", () => {
  for (const workers of ["never", "always"] as const)
    it(`joins by the row's e-mail where the bridge maps no lead, and says how many (workers: ${workers})`, async () => {
      const { found, kept, counts } = await read(WITH_EMAIL, workers);
      // Lines 2-3: prospect 301 -> 00Q…A01 through the bridge (2 rows).
      // Line 4: 302 has an empty salesforceId (no lead) -> its e-mail, case aside, is lead A02.
      // Line 5: 303 is not in prospects.csv -> cara.nwosu@ is lead A03. So 2 rows by e-mail.
      // Line 6: 304 unmapped, no e-mail; line 7: 305 unmapped, e-mail of no lead; line 8: 306's
      // e-mail is shared by A04 and A05 (never a guess); line 9: anonymous (no id, no e-mail).
      expect(found).toEqual([
        "engagement_unknown_lead visitor-activities.csv:6 engagement for lead 304, which is not in the leads file",
        "engagement_unknown_lead visitor-activities.csv:7 engagement for lead 305, which is not in the leads file, nor is its e-mail zed@nowhere.example",
        "ambiguous_email visitor-activities.csv:8 engagement for e-mail ops@quarry-labs.example, which 2 leads share (00Q8d00000FpA04EAF, 00Q8d00000FpA05EAF)",
        "missing_id visitor-activities.csv:9 engagement row without a lead id or e-mail",
        "engagement_joined_by_email visitor-activities.csv:4 2 rows reached their lead by their own e-mail (prospect.email): prospects.csv maps their prospectId to no lead; 2 rows through prospects.csv",
      ]);
      expect(kept).toEqual([
        "A01EAF form_fill :2",
        "A01EAF webinar_attended :3",
        "A02EAF form_fill :4",
        "A03EAF form_fill :5",
      ]);
      // 8 rows; used: the 4 kept (no where:, no ignore:).
      expect(counts).toEqual({ rows: 8, used: 4, byType: { form_fill: 3, webinar_attended: 1 } });
    });

  it("without lead_email: mapped, the same rows are unknown under their prospect id, as before", async () => {
    const { found, kept } = await read(WITHOUT_EMAIL, "never");
    // Lines 4-8 name prospects the bridge maps to no lead; line 9 has no prospect id at all.
    expect(found).toEqual([
      "engagement_unknown_lead visitor-activities.csv:4 engagement for lead 302, which is not in the leads file",
      "engagement_unknown_lead visitor-activities.csv:5 engagement for lead 303, which is not in the leads file",
      "engagement_unknown_lead visitor-activities.csv:6 engagement for lead 304, which is not in the leads file",
      "engagement_unknown_lead visitor-activities.csv:7 engagement for lead 305, which is not in the leads file",
      "engagement_unknown_lead visitor-activities.csv:8 engagement for lead 306, which is not in the leads file",
      "missing_id visitor-activities.csv:9 engagement row without a lead id or e-mail",
    ]);
    expect(kept).toHaveLength(2);
  });
});
