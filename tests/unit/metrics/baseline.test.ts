import { describe, expect, it } from "vitest";
import {
  baselineProblem,
  compareReports,
  isReport,
  regressionMisses,
} from "../../../src/metrics/baseline.js";
import { computeAudit } from "../../../src/metrics/index.js";
import type { Report } from "../../../src/metrics/types.js";
import { sla } from "../../helpers/builders.js";
import { AS_OF, funnel, HANDOFFS } from "./fixture.js";

const report = (): Report => computeAudit(funnel(), sla(HANDOFFS), { asOf: AS_OF }).report;

/** The same report with mql-response compliance and its p50 changed. */
function changed(compliance: number, p50: number): Report {
  const r = structuredClone(report());
  const h = r.latency.handoffs.find((x) => x.id === "mql-response");
  if (h) Object.assign(h, { compliance, p50_hours: p50 });
  return r;
}

describe("week over week", () => {
  it("marks a fall beyond max_drop as a regression, a smaller one as worse only", () => {
    // Before: compliance 0.6 (fixture.ts). Now 0.5: -10 points; now 0.58: -2 points.
    const t = { maxDrop: 0.05, maxSlowdown: null };
    const big = compareReports(changed(0.5, 24), report(), t).find(
      (c) => c.figure === "mql-response compliance",
    );
    expect(big).toMatchObject({ before: 0.6, after: 0.5, delta: -0.1, worse: true, regression: true });
    const small = compareReports(changed(0.58, 24), report(), t).find(
      (c) => c.figure === "mql-response compliance",
    );
    expect(small).toMatchObject({ delta: -0.02, worse: true, regression: false });
  });

  it("a median over max_slowdown slower is a regression: 24 h to 36 h is +50%", () => {
    const changes = compareReports(changed(0.6, 36), report(), { maxDrop: null, maxSlowdown: 0.25 });
    expect(changes.find((c) => c.figure === "mql-response p50 hours")).toMatchObject({
      before: 24,
      after: 36,
      delta: 12,
      regression: true,
    });
    expect(regressionMisses(changes, { maxDrop: null, maxSlowdown: 0.25 }).map((m) => m.message)).toEqual([
      "regression: mql-response p50 hours rose from 24 to 36 h, over 25% slower",
    ]);
  });

  it("without thresholds nothing is a regression, and an identical report changes nothing", () => {
    const changes = compareReports(report(), report(), { maxDrop: null, maxSlowdown: null });
    expect(changes.every((c) => c.delta === 0 && !c.worse && !c.regression)).toBe(true);
  });

  it("recognises a report and refuses anything else", () => {
    expect(isReport(report())).toBe(true);
    expect(isReport({ schema_version: 2 })).toBe(false);
    expect(isReport(null)).toBe(false);
  });

  it("refuses a partial report, naming the first field it lacks (no TypeError later)", () => {
    const without = (edit: (r: Record<string, unknown>) => void) => {
      const r = structuredClone(report()) as unknown as Record<string, unknown>;
      edit(r);
      return baselineProblem(r);
    };
    expect(without((r) => delete r.check)).toBe("check.missed is missing or not a list");
    expect(without((r) => delete r.inputs)).toBe("inputs.files is missing or not a list");
    expect(
      without((r) => {
        (r.conversion as { steps: Record<string, unknown>[] }).steps[0] = { from: "mql" };
      }),
    ).toBe("conversion.steps[0] lacks from, to or rate");
    expect(
      without((r) => {
        delete ((r.latency as { handoffs: Record<string, unknown>[] }).handoffs[0] as Record<string, unknown>)
          .id;
      }),
    ).toBe("latency.handoffs[0] lacks id, compliance or p50_hours");
    expect(baselineProblem(report())).toBeNull();
  });
});
