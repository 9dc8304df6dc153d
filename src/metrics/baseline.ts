/**
 * Week over week: every headline figure against an earlier run's JSON report. A change for the
 * worse is marked; beyond the SLA's thresholds (`check: { max_drop, max_slowdown }`) it is a
 * regression, which `--check` fails on.
 */

import type { Miss, Report } from "./types.js";

export interface Change {
  figure: string;
  kind: "share" | "hours" | "count";
  before: number | null;
  after: number | null;
  delta: number | null;
  worse: boolean;
  regression: boolean;
}

export interface Thresholds {
  /** Largest tolerated drop of a rate or compliance, in share points (0.05 = 5 points). */
  maxDrop: number | null;
  /** Largest tolerated rise of a median latency, relative (0.25 = 25% slower). */
  maxSlowdown: number | null;
}

type Figure = { figure: string; kind: Change["kind"]; higherIsBetter: boolean; value: number | null };

function figures(r: Report): Figure[] {
  return [
    ...r.conversion.steps.map((s) => ({
      figure: `conversion ${s.from} → ${s.to}`,
      kind: "share" as const,
      higherIsBetter: true,
      value: s.rate,
    })),
    ...r.latency.handoffs.flatMap((h) => [
      { figure: `${h.id} compliance`, kind: "share" as const, higherIsBetter: true, value: h.compliance },
      { figure: `${h.id} p50 hours`, kind: "hours" as const, higherIsBetter: false, value: h.p50_hours },
    ]),
    {
      figure: "targets missed",
      kind: "count",
      higherIsBetter: false,
      value: r.check.missed.filter((m) => m.kind !== "regression").length,
    },
    {
      figure: "rows not used",
      kind: "count",
      higherIsBetter: false,
      value: r.inputs.files.reduce((n, f) => n + f.not_used, 0),
    },
  ];
}

/** True when the JSON looks like a schema_version 1 report (enough to compare with). */
export function isReport(value: unknown): value is Report {
  const r = value as Report | null;
  return (
    r !== null &&
    typeof r === "object" &&
    r.schema_version === 1 &&
    Array.isArray(r.conversion?.steps) &&
    Array.isArray(r.latency?.handoffs)
  );
}

/** Every figure present in both reports, before and after. */
export function compareReports(now: Report, before: Report, t: Thresholds): Change[] {
  const old = new Map(figures(before).map((f) => [f.figure, f.value]));
  return figures(now)
    .filter((f) => old.has(f.figure))
    .map((f) => {
      const prev = old.get(f.figure) ?? null;
      const delta = f.value === null || prev === null ? null : Math.round((f.value - prev) * 10_000) / 10_000;
      const worse = delta !== null && (f.higherIsBetter ? delta < 0 : delta > 0);
      const regression =
        worse &&
        delta !== null &&
        ((f.kind === "share" && t.maxDrop !== null && -delta > t.maxDrop) ||
          (f.kind === "hours" &&
            t.maxSlowdown !== null &&
            prev !== null &&
            prev > 0 &&
            delta / prev > t.maxSlowdown));
      return { figure: f.figure, kind: f.kind, before: prev, after: f.value, delta, worse, regression };
    });
}

/** The regressions as check misses. */
export function regressionMisses(changes: readonly Change[], t: Thresholds): Miss[] {
  return changes
    .filter((c) => c.regression)
    .map((c) => ({
      kind: "regression" as const,
      id: c.figure,
      period: null,
      actual: c.after,
      target: c.kind === "share" ? (t.maxDrop ?? 0) : (t.maxSlowdown ?? 0),
      message:
        c.kind === "share"
          ? `regression: ${c.figure} fell ${(-(c.delta ?? 0) * 100).toFixed(1)} points (${((c.before ?? 0) * 100).toFixed(1)}% → ${((c.after ?? 0) * 100).toFixed(1)}%), more than the ${((t.maxDrop ?? 0) * 100).toFixed(1)} allowed`
          : `regression: ${c.figure} rose from ${c.before} to ${c.after} h, over ${((t.maxSlowdown ?? 0) * 100).toFixed(0)}% slower`,
    }));
}
