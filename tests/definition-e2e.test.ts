/**
 * The lead definition end to end, from the SLA file and CSV files (tests/fixtures/definition),
 * as of 2026-01-15T00:00Z. The figures, by hand:
 *
 *   lead  title    size         e-mail / company     demo at         stages                      at its MQL entry
 *   A     VP       1,000-5,000  acme                 01-06 00:00     MQL 01-06 02:00, SAL 01-07  met
 *   B     VP       201-1000     gmail (never: free)  01-06 00:00     MQL 01-06, disq. 01-08      not met: free mail
 *   C     Analyst  201-1000     acme                 –               MQL 01-07, SAL 01-09        not met: title, demo
 *   D     VP       "lots"       acme                 01-07 00:00     –                           (unreadable size: never holds)
 *   E     VP       201-1000     Rival Inc (never)    01-10 00:00     MQL 01-12                   not met: competitor
 *   F     VP       51-200       acme                 01-14 12:00     unqualified 01-15 00:00     –
 *
 * Pass clock (1d): A met (2 h); F pending (deadline 01-15 12:00 after the as-of); B, C, D, E never
 * met the definition. Validity: met 1 of 1 accepted (A); not met 1 of 2 decided (C accepted, B
 * rejected; E open). Engagements: X names no lead (not used); A's newsletter is ignored (used).
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDataset } from "../src/ingest/index.js";
import { computeAudit } from "../src/metrics/index.js";
import { slaFile } from "./helpers/builders.js";

const dir = join(import.meta.dirname, "fixtures", "definition");
const AS_OF = Date.UTC(2026, 0, 15);

async function audit() {
  const config = slaFile(join(dir, "sla.yaml"));
  const dataset = await readDataset(config, { workers: "never" });
  return computeAudit(dataset, config, { asOf: AS_OF }).report;
}

describe("the definition from the SLA file", () => {
  it("4 MQL entries, 1 met; failures per criterion in the SLA's order", async () => {
    const s = (await audit()).definitions?.stages[0];
    expect([s?.stage, s?.entries, s?.met]).toEqual(["mql", 4, 1]);
    expect(s?.criteria.map((c) => [c.kind, c.failed])).toEqual([
      ["exclusion", 1], // B's gmail
      ["exclusion", 1], // E's Rival Inc
      ["fit", 1], // C's title
      ["fit", 0], // sizes of A, B, C, E all inside 50–5000
      ["behaviour", 1], // C had no demo request
    ]);
  });
  it("marketing's pass clock: A met in 2 h, F pending; compliance 1 of 1", async () => {
    const l = (await audit()).definitions?.leakage[0];
    expect([l?.obligations, l?.met, l?.late, l?.missed, l?.pending, l?.compliance, l?.p50_hours]).toEqual([
      2, 1, 0, 0, 1, 1, 2,
    ]);
  });
  it("validity: met accepted 1 of 1, not met 1 of 2; difference 0.5", async () => {
    const v = (await audit()).definitions?.validity[0];
    expect([v?.met.decided, v?.met.accepted, v?.not_met.decided, v?.not_met.accepted, v?.difference]).toEqual(
      [1, 1, 2, 1, 0.5],
    );
  });
  it("engagements: 6 kept on 5 leads; X's row a finding, D's size a finding, the newsletter used", async () => {
    const r = await audit();
    expect(r.definitions?.engagements).toEqual({
      leads_with: 5,
      engagements: 6,
      by_type: [
        { type: "demo_request", count: 5 },
        { type: "pricing_view", count: 1 },
      ],
    });
    const codes = Object.fromEntries(r.quality.findings.map((f) => [f.code, f.count]));
    expect(codes).toMatchObject({ engagement_unknown_lead: 1, definition_value_unreadable: 1 });
    expect(r.inputs.files.find((f) => f.file.endsWith("engagements.csv"))).toMatchObject({
      rows: 8,
      used: 7,
      not_used: 1,
    });
  });
});

describe("--period", () => {
  it("per week: W02 has A, B, C (1 met: A), W03 has E (0 met)", async () => {
    const config = slaFile(join(dir, "sla.yaml"));
    const dataset = await readDataset(config, { workers: "never" });
    const rows = computeAudit(dataset, config, { asOf: AS_OF, trend: "week" }).report.trends?.rows ?? [];
    expect(rows.map((r) => [r.period, r.definitions?.[0]?.entries, r.definitions?.[0]?.met])).toEqual([
      ["2026-W02", 3, 1],
      ["2026-W03", 1, 0],
    ]);
  });
});

describe("the CLI", () => {
  const cli = (...args: string[]) =>
    execFileSync(process.execPath, [join(import.meta.dirname, "..", "bin", "funnel-audit.js"), ...args], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1" },
    });
  it("validate accepts the file; trace explains C's MQL entry criterion by criterion", () => {
    cli("validate", "--sla", join(dir, "sla.yaml"));
    const out = cli("trace", "C", "--sla", join(dir, "sla.yaml"), "--as-of", "2026-01-15T00:00:00Z");
    expect(out).toContain("→ not met");
    expect(out).toMatch(/✗ title matches .*: title = "Analyst"/);
    expect(out).toMatch(/✗ demo_request in 30d: 0 demo_request in the 30d before \(at least 1\)/);
  });
  it("obligations lists marketing's pass clocks as <stage>-pass: A met, F pending", () => {
    const csv = cli(
      "obligations",
      "--sla",
      join(dir, "sla.yaml"),
      "--as-of",
      "2026-01-15T00:00:00Z",
      "--handoff",
      "mql-pass",
      "--format",
      "csv",
    );
    const rows = csv
      .trim()
      .split("\n")
      .slice(1)
      .map((l) => l.split(","));
    expect(rows.map((r) => [r[0], r[1], r[9]])).toEqual([
      ["mql-pass", "A", "met"],
      ["mql-pass", "F", "pending"],
    ]);
  });
});
