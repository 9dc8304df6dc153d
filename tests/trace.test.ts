/**
 * `trace`: the traced lead is replayed alone, with the call the audit makes for it, so its
 * timeline and clocks must be the audit's; every --format it lists is honoured, and the options
 * it cannot honour are refused (exit 2), never ignored.
 */

import { describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { readDataset } from "../src/ingest/index.js";
import { computeAudit } from "../src/metrics/index.js";
import { traceLead } from "../src/metrics/trace.js";
import { EXAMPLE_AND_PRESETS, slaFile } from "./helpers/builders.js";

async function run(args: string[]) {
  const f = fakeIo({ NO_COLOR: "1" });
  const code = await main(args, f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr() };
}

describe("trace computes what the audit computes for the lead", () => {
  it("equals the audit's timeline and its obligations in the period, lead after lead (example and presets)", async () => {
    for (const file of EXAMPLE_AND_PRESETS) {
      const config = slaFile(file);
      const data = await readDataset(config, { workers: "never" });
      // Every fifth lead, and as of the data's latest stamp and of an instant in the middle.
      const ids = data.leads.filter((_, i) => i % 5 === 0).map((l) => l.id);
      const middle = data.earliest !== null && data.latest !== null ? (data.earliest + data.latest) / 2 : 0;
      for (const asOf of [undefined, middle]) {
        const options = asOf === undefined ? {} : { asOf };
        const audit = computeAudit(data, config, { ...options, keep: "all" });
        for (const id of ids.slice(0, 40)) {
          const trace = traceLead(data, config, options, id);
          const timeline = audit.timelines.find((t) => t.lead.id === id);
          expect(trace?.asOf).toBe(audit.asOf);
          // The audit keeps replay steps only for a traced lead; everything else must be equal.
          expect({ ...trace?.timeline, steps: null }).toEqual({ ...timeline, steps: null });
          const mine = trace?.obligations ?? [];
          for (const o of audit.obligations.filter((x) => x.leadId === id)) expect(mine).toContainEqual(o);
        }
      }
    }
  });

  it("keeps the steps the audit keeps for a traced lead", async () => {
    const config = slaFile("sla.example.yaml");
    const data = await readDataset(config, { workers: "never" });
    const audit = computeAudit(data, config, { traceLeadId: "L-000006", keep: "report" });
    expect(traceLead(data, config, {}, "L-000006")?.timeline.steps).toEqual(audit.timelines[0]?.steps);
    expect(traceLead(data, config, {}, "L-999999")).toBeNull();
  });
});

describe("trace --format", () => {
  const trace = (...more: string[]) => run(["trace", "L-000006", "--sla", "sla.example.yaml", ...more]);

  it("csv is the replay steps, one row each, full instants in the SLA's zone", async () => {
    const r = await trace("--format", "csv");
    expect(r.code).toBe(0);
    const rows = r.stdout.trimEnd().split("\n");
    // stage_history.csv:11 is `L-000006,MQL,2026-05-04T17:22:08Z`: 17:22:08 UTC is 13:22:08 EDT.
    expect(rows[0]).toBe("at,journey,input,effect,place");
    expect(rows).toContain("2026-05-04T13:22:08-04:00,1,MQL,entered mql,examples/acme/stage_history.csv:11");
    // created, New (ignored), owner change, MQL, Sales Accepted: the five steps of the table trace.
    expect(rows).toHaveLength(1 + 5);
  });

  it("md is a heading and a table per part; html a page under the CSP with the same rows", async () => {
    const md = await trace("--format", "md");
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^## Lead L-000006 as of 2026-10-31 17:49 America\/New_York\n/);
    for (const title of ["Owners", "Replay", "Journeys", "SLA clocks", "Activities"])
      expect(md.stdout).toContain(`### ${title}\n`);
    expect(md.stdout).toContain(
      "| 2026-05-04 13:22 | 1 | MQL | entered mql | examples/acme/stage_history.csv:11 |",
    );
    const page = await trace("--format", "html");
    expect(page.code).toBe(0);
    expect(page.stdout).toContain("Content-Security-Policy");
    expect(page.stdout).not.toContain("<script");
    expect(page.stdout).toContain('<td class="">entered mql</td>');
  });
});

describe("trace refuses the options it cannot honour", () => {
  it.each([
    ["--check", []],
    ["--by", ["source"]],
    ["--period", ["week"]],
    ["--baseline", ["report.json"]],
    ["--from", ["2026-05-01"]],
    ["--to", ["2026-10-01"]],
  ])("%s: exit 2, a message naming it, nothing on stdout", async (flag, value) => {
    const r = await run(["trace", "L-000006", "--sla", "sla.example.yaml", flag, ...value]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`trace does not take ${flag}:`);
    expect(r.stdout).toBe("");
  });
});
