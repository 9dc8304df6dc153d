/** The review pack's money: the money commitments kept per period, pipeline and revenue per period and by source. */

import { compareText } from "../errors.js";
import type { TrendMoney } from "../metrics/money-types.js";
import type { CommitmentRow, Report, TrendRow } from "../metrics/types.js";

/** A money commitment over one of the pack's periods: its own periods (weeks, months) kept of those judged, and the sum. */
export interface MoneyKeptCell {
  period: string;
  kept: number;
  judged: number;
  /** The figure summed over the commitment's periods that start in this one; null when one is unknown. */
  actual: number | null;
}

export interface ReviewMoney {
  /** The reporting currency, or null when amounts are in several, unconverted. */
  currency: string | null;
  /** Each money commitment (marketing's pipeline, sales' revenue) per shown period. */
  commitments: {
    team: "marketing" | "sales";
    commitment: string;
    target: number;
    periods: MoneyKeptCell[];
  }[];
  /** Per source and currency over the shown periods, the best payers first (won, then pipeline, summed). */
  sources: {
    source: string;
    currency: string | null;
    periods: { period: string; pipeline: number; won_amount: number }[];
  }[];
}

const isMoney = (r: CommitmentRow) => r.commitment === "pipeline" || r.commitment === "revenue";

/** One commitment's cell over a span [from, to): its rows whose period starts inside. */
function keptCell(
  rows: readonly CommitmentRow[],
  starts: ReadonlyMap<string, number>,
  period: string,
  span: { from: number; to: number } | undefined,
): MoneyKeptCell {
  const inside = rows.filter((r) => {
    const at = starts.get(r.period);
    return span !== undefined && at !== undefined && at >= span.from && at < span.to;
  });
  const judged = inside.filter((r) => r.status === "met" || r.status === "missed");
  const actual = inside.some((r) => r.actual === null)
    ? null
    : inside.reduce((n, r) => n + (r.actual ?? 0), 0);
  return {
    period,
    kept: judged.filter((r) => r.status === "met").length,
    judged: judged.length,
    actual: actual === null ? null : Math.round(actual * 100) / 100,
  };
}

/** The money commitments' record per shown period. */
function moneyCommitments(
  report: Report,
  trends: readonly TrendRow[],
  spans: ReadonlyMap<string, { from: number; to: number }>,
): ReviewMoney["commitments"] {
  const c = report.commitments;
  if (!c) return [];
  const starts = new Map(c.periods.map((p) => [p.period, Date.parse(p.from)]));
  const ids = [...new Set(c.rows.filter(isMoney).map((r) => `${r.team}.${r.commitment}`))];
  return ids.map((id) => {
    const rows = c.rows.filter((r) => `${r.team}.${r.commitment}` === id);
    const first = rows[0] as CommitmentRow;
    return {
      team: first.team,
      commitment: first.commitment,
      target: first.target,
      periods: trends.map((t) => keptCell(rows, starts, t.period, spans.get(t.period))),
    };
  });
}

/** Pipeline and revenue per source and currency over the shown periods. */
function moneySources(trends: readonly TrendRow[]): ReviewMoney["sources"] {
  const keyOf = (m: TrendMoney) => `${m.key}\u0000${m.currency ?? ""}`;
  const found = new Map<string, TrendMoney>();
  for (const t of trends) for (const m of t.money?.by_source ?? []) found.set(keyOf(m), m);
  const rows = [...found.values()].map((m) => ({
    source: m.key,
    currency: m.currency,
    periods: trends.map((t) => {
      const x = t.money?.by_source.find((y) => keyOf(y) === keyOf(m));
      return { period: t.period, pipeline: x?.pipeline ?? 0, won_amount: x?.won_amount ?? 0 };
    }),
  }));
  const sum = (r: (typeof rows)[number], k: "pipeline" | "won_amount") =>
    r.periods.reduce((n, p) => n + p[k], 0);
  return rows.sort(
    (a, b) =>
      sum(b, "won_amount") - sum(a, "won_amount") ||
      sum(b, "pipeline") - sum(a, "pipeline") ||
      compareText(a.source, b.source) ||
      compareText(a.currency ?? "", b.currency ?? ""),
  );
}

/** The pack's money from the report and its shown trend rows; null without opportunities. */
export function reviewMoney(
  report: Report,
  trends: readonly TrendRow[],
  spans: ReadonlyMap<string, { from: number; to: number }>,
): ReviewMoney | null {
  if (!report.money) return null;
  return {
    currency: report.money.currency,
    commitments: moneyCommitments(report, trends, spans),
    sources: moneySources(trends),
  };
}
