/**
 * Engagement sources as the SLA file writes them (issue 19, item 2): `preset: marketo`, `lead_key:`
 * and a `file:` pattern over Marketo's extract split in two (≤ 31-day files, in no given order),
 * loaded with loadSlaConfig and read; the facts are the Marketo README's (T = 2026-05-04T10:00Z).
 */

import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSlaConfig } from "../../../src/config/load.js";
import { formatIssue } from "../../../src/errors.js";
import { readDataset } from "../../../src/ingest/index.js";
import { ENGAGEMENTS } from "../../helpers/engagements.js";

const MARKETO = join(ENGAGEMENTS, "marketo");

const SLA = (file: string) => `version: 1
timezone: UTC
stages:
  - { id: lead, matches: [Open - Not Contacted] }
  - { id: mql, matches: [Working - Contacted] }
engagement_types: [form_fill, demo_request, pricing_view, web_visit, email_click]
sources:
  leads: { file: leads.csv, columns: { id: Id, created_at: CreatedDate, email: Email, stage: Status } }
  engagements:
    - file: ${file}
      preset: marketo
      lead_key: { file: marketo-leads.csv, from: id, to: sfdcLeadId, fallback: email }
      types:
        form_fill: 2
        demo_request: { values: 2, detail: [Demo Request] }
        pricing_view: { values: 1, detail_contains: /pricing }
        web_visit: 1
        email_click: 11
        ignore: [10, 12, 13, 22]
`;

/** A folder with the leads, the bridge, and the extract split after its 14th row into two files (and a file that does not match). */
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), "engagement-files-"));
  for (const f of ["leads.csv", "marketo-leads.csv"]) copyFileSync(join(MARKETO, f), join(dir, f));
  const [head, ...rows] = readFileSync(join(MARKETO, "activities.csv"), "utf8").trimEnd().split("\n");
  mkdirSync(join(dir, "exports"));
  // Rows 1-14 (March to mid-April) and 15-28: two extract windows.
  writeFileSync(
    join(dir, "exports", "activities-2026-03.csv"),
    `${[head, ...rows.slice(0, 14)].join("\n")}\n`,
  );
  writeFileSync(join(dir, "exports", "activities-2026-04.csv"), `${[head, ...rows.slice(14)].join("\n")}\n`);
  writeFileSync(join(dir, "exports", "notes.txt"), "not an extract\n");
  return dir;
}

describe("engagements files as the SLA file names them", () => {
  it("reads every file a pattern matches, in sorted order, through the bridge and the Marketo preset", async () => {
    const dir = folder();
    writeFileSync(join(dir, "sla.yaml"), SLA("exports/activities-2026-0?.csv"));
    const { config, issues } = await loadSlaConfig(join(dir, "sla.yaml"));
    expect(issues.map(formatIssue)).toEqual([]);
    expect(config?.sources.engagements.map((s) => s.file)).toEqual([
      join(dir, "exports", "activities-2026-03.csv"),
      join(dir, "exports", "activities-2026-04.csv"),
    ]);
    if (!config) throw new Error("no config");
    const d = await readDataset(config, { workers: "never" });
    // As the whole extract with 7010 merged in by e-mail (lead 5): 28 rows, 8 ignored, 1 unmapped
    // (3, line 13 of the whole = line 13 of the first file), 7009's 2 (lines 20-21 = 6-7 of the second: 14 rows fewer).
    const found = d.findings
      .filter((f) => f.code.startsWith("engagement_"))
      .map((f) => `${f.code} ${f.place.file.split("/").pop()}:${f.place.line} ${f.value}`);
    expect(found).toEqual([
      "engagement_bridge_unknown_lead marketo-leads.csv:9 jonas.berg@fjellvik-marine.example",
      "engagement_type_unmapped activities-2026-03.csv:13 3",
      "engagement_unknown_lead activities-2026-04.csv:6 7009",
      "engagement_unknown_lead activities-2026-04.csv:7 7009",
    ]);
    // 16 kept by sfdcLeadId + 7010's Demo Request (a form fill and a demo request); used 28 - 1 - 2 = 25.
    expect(d.engagementRows).toEqual({
      rows: 28,
      used: 25,
      byType: { demo_request: 3, email_click: 2, form_fill: 7, pricing_view: 5, web_visit: 8 },
    });
  });

  it("a pattern matching no file is an error at its line in the SLA file", async () => {
    const dir = folder();
    writeFileSync(join(dir, "sla.yaml"), SLA("exports/activities-2025-*.csv"));
    const { config, issues } = await loadSlaConfig(join(dir, "sla.yaml"));
    expect(config).toBeNull();
    expect(issues).toMatchObject([
      {
        severity: "error",
        file: join(dir, "sla.yaml"),
        line: 10,
        column: 13,
        path: "sources.engagements[0].file",
        message: `no file matches ${join(dir, "exports", "activities-2025-*.csv")}`,
      },
    ]);
  });
});
