/**
 * The files of one `file:` pattern decide their date layout together (a column is one column
 * across its files): a month whose dates are all ambiguous follows the month that settles it, and
 * files that disagree are refused naming both files.
 */

import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSlaConfig } from "../../../src/config/load.js";
import { UserError } from "../../../src/errors.js";
import { readDataset } from "../../../src/ingest/index.js";

const SLA = `version: 1
timezone: UTC
stages:
  - { id: lead, matches: [New] }
  - { id: mql, matches: [MQL] }
engagement_types: [web_visit]
sources:
  leads: { file: leads.csv, columns: { id: Id, created_at: Created, stage: Status } }
  engagements:
    file: exports/visits-*.csv
    columns: { lead_id: Lead, type: Type, at: When }
    types: { web_visit: Visit }
`;

/** A folder with two monthly extracts; `march` and `april` are their rows (Lead,Type,When). */
function folder(march: string[], april: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "pattern-dates-"));
  writeFileSync(join(dir, "sla.yaml"), SLA);
  writeFileSync(join(dir, "leads.csv"), "Id,Created,Status\nL1,2026-02-01,New\n");
  mkdirSync(join(dir, "exports"));
  const file = (rows: string[]) => `Lead,Type,When\n${rows.map((r) => `L1,Visit,${r}`).join("\n")}\n`;
  writeFileSync(join(dir, "exports", "visits-03.csv"), file(march));
  writeFileSync(join(dir, "exports", "visits-04.csv"), file(april));
  return dir;
}

async function read(dir: string) {
  const { config } = await loadSlaConfig(join(dir, "sla.yaml"));
  if (!config) throw new Error("no config");
  return readDataset(config, { workers: "never" });
}

describe("the date layout of a file pattern", () => {
  it("reads an all-ambiguous month in the layout its sibling file settles (day first)", async () => {
    // March: 03/04 and 05/06 fit both orders; alone they are refused. April's 25/04 is day first only.
    const d = await read(folder(["03/04/2026 10:00", "05/06/2026 11:00"], ["25/04/2026 09:30"]));
    const layout = d.findings.filter((f) => f.code === "date_layout");
    expect(layout).toHaveLength(1);
    expect(layout[0]?.message).toContain("read day first");
    expect(layout[0]?.message).toContain("1 of 3 dates in the files of");
    // The evidence names the file it is in: the second file, line 2, column 3.
    expect(layout[0]?.place.file).toMatch(/visits-04\.csv$/);
    expect([layout[0]?.place.line, layout[0]?.column]).toEqual([2, 3]);
    // Day first: 03/04 is 3 April, 05/06 is 5 June (month first would have been 4 March, 6 May).
    expect(d.engagementRows?.used).toBe(3);
    const times = d.findings.filter((f) => f.code.startsWith("engagement_time"));
    expect(times).toEqual([]);
  });

  it("refuses files of one pattern that disagree, naming each file's example", async () => {
    const dir = folder(["25/03/2026 10:00"], ["04/25/2026 09:30"]);
    const err = await read(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    const message = (err as UserError).message;
    expect(message).toMatch(/visits-03\.csv line 2 "25\/03\/2026 10:00"/);
    expect(message).toMatch(/visits-04\.csv line 2 "04\/25\/2026 09:30"/);
    expect((err as UserError).issues[0]?.file).toMatch(/visits-03\.csv$/);
    expect((err as UserError).issues[0]?.column).toBe(3);
  });

  it("still refuses a pattern whose every date fits both orders, naming the setting to add", async () => {
    const err = await read(folder(["03/04/2026 10:00"], ["05/06/2026 11:00"])).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).issues[0]?.hint).toContain('date_format: "dd/MM/yyyy HH:mm"');
  });
});
