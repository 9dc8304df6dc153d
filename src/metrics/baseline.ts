/** Week over week: every headline figure against an earlier run's JSON report. */

/**
 * A change for the worse is marked; beyond the SLA's thresholds (`check: { max_drop,
 * max_slowdown }`) it is a regression, which `--check` fails on.
 */

import type { Change, Miss, Report } from "./types.js";

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
    // Money, per currency (a report without opportunities, or an older one, has none to compare).
    ...(r.money?.totals ?? []).flatMap((t) => {
      const unit = t.currency ? ` (${t.currency})` : "";
      return [
        {
          figure: `pipeline created${unit}`,
          kind: "count" as const,
          higherIsBetter: true,
          value: t.pipeline,
        },
        { figure: `revenue won${unit}`, kind: "count" as const, higherIsBetter: true, value: t.won_amount },
        { figure: `win rate${unit}`, kind: "share" as const, higherIsBetter: true, value: t.win_rate },
      ];
    }),
    {
      figure: "rows not used",
      kind: "count",
      higherIsBetter: false,
      value: r.inputs.files.reduce((n, f) => n + f.not_used, 0),
    },
  ];
}

/**
 * What a baseline lacks of the fields the comparison reads (`conversion.steps[2].rate`), or null
 * when it has them all: a partial or hand-edited report is refused here, not with a TypeError later.
 */
export function baselineProblem(value: unknown): string | null {
  const isObject = (v: unknown): v is Record<string, unknown> =>
    v !== null && typeof v === "object" && !Array.isArray(v);
  const numberOrNull = (v: unknown) => v === null || typeof v === "number";
  if (!isObject(value)) return "not a JSON object";
  if (value.schema_version !== 1) return "schema_version is not 1";
  const list = (parent: unknown, key: string, path: string): unknown[] | string => {
    const v = isObject(parent) ? parent[key] : undefined;
    return Array.isArray(v) ? v : `${path} is missing or not a list`;
  };
  const steps = list(value.conversion, "steps", "conversion.steps");
  if (typeof steps === "string") return steps;
  for (const [i, s] of steps.entries())
    if (!isObject(s) || typeof s.from !== "string" || typeof s.to !== "string" || !numberOrNull(s.rate))
      return `conversion.steps[${i}] lacks from, to or rate`;
  const handoffs = list(value.latency, "handoffs", "latency.handoffs");
  if (typeof handoffs === "string") return handoffs;
  for (const [i, h] of handoffs.entries())
    if (!isObject(h) || typeof h.id !== "string" || !numberOrNull(h.compliance) || !numberOrNull(h.p50_hours))
      return `latency.handoffs[${i}] lacks id, compliance or p50_hours`;
  const missed = list(value.check, "missed", "check.missed");
  if (typeof missed === "string") return missed;
  for (const [i, m] of missed.entries())
    if (!isObject(m) || typeof m.kind !== "string") return `check.missed[${i}] lacks kind`;
  const files = list(value.inputs, "files", "inputs.files");
  if (typeof files === "string") return files;
  for (const [i, f] of files.entries())
    if (!isObject(f) || typeof f.not_used !== "number") return `inputs.files[${i}] lacks not_used`;
  return null;
}

/** True when the JSON is a schema_version 1 report with every field the comparison reads. */
export function isReport(value: unknown): value is Report {
  return baselineProblem(value) === null;
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
