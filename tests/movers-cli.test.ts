/** `audit --movers`: the previous period, the baseline's group tallies, and the refusals that teach. */

import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { previousPeriod } from "../src/cli/movers.js";
import { reviewSpans } from "../src/cli/review-movers.js";
import { acmeSubset } from "./helpers/acme-subset.js";

const { dir, sla } = acmeSubset(400);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]) {
  const f = fakeIo({ NO_COLOR: "1" });
  const code = await main([...args, "--sla", sla], f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr() };
}

describe("the previous period", () => {
  it("of the review pack: the last whole quarter, and the calendar quarter before it judged as long after its end", () => {
    // The example's span: 2026-05-01 to 2026-10-31 17:49 (New York). Q4 is partial, so Q3 is reviewed.
    const span = {
      from: Date.parse("2026-05-01T01:12:00-04:00"),
      to: Date.parse("2026-10-31T17:49:56-04:00"),
    };
    const s = reviewSpans({ ...span, data: span }, "quarter", "America/New_York", span.to);
    expect(s?.reviewed).toEqual({
      label: "2026-Q3",
      from: Date.parse("2026-07-01T00:00:00-04:00"),
      to: Date.parse("2026-10-01T00:00:00-04:00") - 1,
    });
    // Q2 whole (April 1, not March 31 as `previousPeriod` of 92 days gives), as of 92 days before the as-of.
    expect(s?.previous).toEqual({
      from: Date.parse("2026-04-01T00:00:00-04:00"),
      to: Date.parse("2026-07-01T00:00:00-04:00") - 1,
      asOf: span.to - 92 * 86_400_000,
    });
  });

  it("is as long on the wall clock, across a daylight-saving change, and judged as long after its end", () => {
    // April 2026 in New York (EDT, -4 h) against March 2-31, whose start is EST (-5 h): 30 local days.
    const from = Date.parse("2026-04-01T00:00:00-04:00");
    const to = Date.parse("2026-04-30T23:59:59.999-04:00");
    const asOf = Date.parse("2026-05-10T12:00:00-04:00");
    const p = previousPeriod({ from, to }, asOf, "America/New_York");
    expect(new Date(p.from).toISOString()).toBe("2026-03-02T05:00:00.000Z");
    expect(new Date(p.to).toISOString()).toBe("2026-04-01T03:59:59.999Z");
    // As-of 10.5 days after the end of April: 10.5 days (and a millisecond less) after March 31's end.
    expect(p.asOf).toBe(asOf - (to - p.to));
  });
});

describe("audit --movers", () => {
  it("against a baseline: the same report against itself moved nothing", async () => {
    const base = await run(["audit", "--format", "json", "--from", "2026-05-01", "--to", "2026-05-31"]);
    const file = join(dir, "base.json");
    writeFileSync(file, base.stdout);
    const r = await run([
      "audit",
      "--format",
      "json",
      "--from",
      "2026-05-01",
      "--to",
      "2026-05-31",
      "--movers",
      "--baseline",
      file,
    ]);
    expect(r.code).toBe(0);
    const movers = JSON.parse(r.stdout).movers;
    expect(movers.against).toBe("baseline");
    expect(movers.figures.filter((f: { delta: number | null }) => f.delta !== null).length).toBeGreaterThan(
      3,
    );
    for (const f of movers.figures) if (f.delta !== null) expect(f.delta).toBe(0);
  });

  it("refuses a baseline written before group tallies, saying what to do", async () => {
    const base = JSON.parse((await run(["audit", "--format", "json"])).stdout);
    delete base.group_tallies;
    const file = join(dir, "old.json");
    writeFileSync(file, JSON.stringify(base));
    const r = await run(["audit", "--movers", "--baseline", file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(
      `funnel-audit: --movers --baseline ${file}: it has no group_tallies (it was written by a funnel-audit from before --movers); write the baseline again with this version's \`audit --format json\` over its period, or leave out --baseline to compare with the previous period (--from)\n`,
    );
  });

  it("is refused by the one-section commands (only audit has it)", async () => {
    const r = await run(["latency", "--movers"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown option '--movers'/);
  });
});
