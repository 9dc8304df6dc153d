/**
 * A cell over 10,000 characters outside an id column is used cut to its two ends (src/ingest/csv/table.ts
 * cutCell). The fuzzer found a 1.8 MB lead source that made a 22 MB HTML report: the value was
 * shown, escaped, in each table that groups by source.
 */

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { cutCell } from "../src/ingest/csv/table.js";
import { twoLeadSla } from "./helpers/two-leads.js";

const HUGE = `${"a".repeat(150)}${"x".repeat(300_000)}${"z".repeat(150)}`;

describe("a cell of 300,000 characters", () => {
  it("cutCell keeps 100 characters at each end and says how many were cut (300,300 - 200)", () => {
    expect(cutCell(HUGE)).toBe(`${"a".repeat(100)}…(300,100 characters cut)…${"z".repeat(100)}`);
  });

  it("is named by a long_cell finding, cut in every format, and the figures are the same", async () => {
    const dir = mkdtempSync(join(tmpdir(), "long-cell-"));
    // L1's source is the huge value; L2's is "Web".
    writeFileSync(
      join(dir, "leads.csv"),
      `Id,CreatedDate,Status,Source\nL1,2026-05-01T09:00:00Z,New,${HUGE}\nL2,2026-05-02T09:00:00Z,MQL,Web\n`,
    );
    writeFileSync(
      join(dir, "sla.yaml"),
      twoLeadSla("leads.csv").replace(
        "columns: { id: Id, created_at: CreatedDate, stage: Status }",
        "columns: { id: Id, created_at: CreatedDate, stage: Status, source: Source }",
      ),
    );
    const run = async (format: string) => {
      const f = fakeIo({ NO_COLOR: "1" });
      const code = await main(
        ["audit", "--sla", join(dir, "sla.yaml"), "--by", "source", "--format", format],
        f.io,
      );
      return { code, out: f.stdout() };
    };
    for (const format of ["table", "md", "html", "json", "csv"]) {
      const { code, out } = await run(format);
      expect(code, format).toBe(0);
      expect(out.length, format).toBeLessThan(200_000);
      expect(out, format).not.toContain("x".repeat(1000));
      expect(out, format).toContain("characters cut)");
    }
    const json = JSON.parse((await run("json")).out);
    expect(json.coverage.leads).toMatchObject({ rows: 2, used: 2, not_used: 0 });
    expect(json.quality.findings.map((f: { code: string }) => f.code)).toContain("long_cell");
    // Two groups by source, one lead each: the cut value is still its own group.
    expect(json.conversion.breakdown.groups.map((g: { leads: number }) => g.leads)).toEqual([1, 1]);
  });
});
