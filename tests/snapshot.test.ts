/**
 * A status-only snapshot (a lead-scoring export: a Converted 0/1 column, no time stamp) on the
 * first run: init drafts an SLA with only the flag's values placed, validate accepts it, and the
 * audit's headline is the converted share (docs/definitions.md, "Status-only snapshots").
 */

import { copyFileSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import type { Report } from "../src/metrics/types.js";

const FIXTURE = "tests/fixtures/ingest/snapshot";

async function run(...args: string[]) {
  const f = fakeIo({ NO_COLOR: "1" });
  const code = await main(args, f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr() };
}

describe("init → validate → audit on a status-only lead-scoring export", () => {
  const tmp = mkdtempSync(join(tmpdir(), "snapshot-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const leads = join(tmp, "leads.csv");
  copyFileSync(join(FIXTURE, "leads.csv"), leads);
  // The file's date is the draft's snapshot_at: pinned so the test does not read the clock.
  const written = new Date("2026-06-30T12:00:00Z");
  utimesSync(leads, written, written);
  const sla = join(tmp, "sla.yaml");

  it("init drafts two stages with the flag's values placed and snapshot_at from the file's date", async () => {
    const f = fakeIo({ NO_COLOR: "1" });
    expect(await main(["init", leads, "--out", sla], f.io)).toBe(0);
    const stdout = f.files.get(sla) ?? "";
    expect(stdout).toContain('    file: "leads.csv"'); // relative to the SLA file beside it
    expect(stdout).toContain('snapshot_at: "2026-06-30"');
    expect(stdout).toContain('  - { id: lead, label: Lead, matches: ["0"] }');
    expect(stdout).toContain('  - { id: converted, label: Converted, matches: ["1"] }');
    expect(stdout).toContain(
      'columns: { id: "Prospect ID", stage: Converted, source: "Lead Source", country: Country }',
    );
    expect(stdout).not.toMatch(/TODO: values and files not placed/);
    // The fake io keeps what init wrote; put it on disk as written, no edit.
    writeFileSync(sla, stdout);
  });

  it("validate accepts the draft: 13 of 13 leads", async () => {
    const { code, stdout } = await run("validate", "--sla", sla);
    expect(code).toBe(0);
    expect(stdout).toContain("coverage: the figures rest on 13 of 13 leads");
  });

  it("audit: the headline is the converted share, 5 of 13 = 38.46%, said to be a snapshot", async () => {
    const { code, stdout } = await run("audit", "--sla", sla, "--format", "json");
    expect(code).toBe(0);
    const r = JSON.parse(stdout) as Report;
    expect(r.snapshot).toEqual({ at: "2026-06-30T23:59:59Z" }); // a date alone: its end
    expect(r.coverage.line).toBe("13 of 13 leads");
    // Converted = 1 on rows 2, 4, 7, 10, 12 of 13: 5 / 13 = 0.384615… → 0.3846. The other 8 never
    // converted and may still: in flight, counted as not converted yet (no window), never left out.
    expect(r.conversion.steps).toHaveLength(1);
    expect(r.conversion.steps[0]).toMatchObject({
      from: "lead",
      to: "converted",
      entered: 13,
      converted: 5,
      in_flight: 8,
      decided: 5,
      rate: 0.3846,
      rate_basis: "entered",
      median_hours: null, // a snapshot has one instant: no latency
    });
    expect(r.latency.handoffs).toEqual([]);
  });

  it("the table says it is a snapshot instead of an as-of and a period", async () => {
    const { stdout } = await run("audit", "--sla", sla);
    const lines = stdout.split("\n");
    expect(lines[1]).toBe("figures rest on 13 of 13 leads");
    expect(lines[2]).toBe(
      "a snapshot at 2026-06-30 23:59 UTC: each lead's status then; no latency, no period",
    );
    // At 100 columns "skipped" is among the columns left out (the line under the table names them).
    expect(stdout).toMatch(/│ lead → converted │\s+13 │\s+5 │\s+8 │\s+38\.5%† │ entered │/);
  });
});
