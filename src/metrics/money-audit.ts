/** The audit's money: the section, the money commitments' rows, and each trend period's money (`--period`). */

import { compareText } from "../errors.js";
import type { Dataset } from "../ingest/dataset.js";
import type { Millis, SlaConfig } from "../types.js";
import { moneyCommitmentRows } from "./money-commitments.js";
import { type Ledger, moneyLedger, moneySection, rowOf, Sums } from "./money-rows.js";
import type { MoneyTally } from "./money-tally.js";
import type { MoneySection, TrendMoney, TrendMoneyPart } from "./money-types.js";
import type { AuditPeriod, Bucket, PeriodKind } from "./periods.js";
import type { CommitmentRow, TrendRow } from "./types.js";

/** What the money needs of the audit: the replay's money tally, the commitments' periods, the frame. */
export interface MoneyInputs {
  tally: MoneyTally | null;
  periods: readonly Bucket[];
  asOf: Millis;
  period: AuditPeriod;
  /** `--by`: the lead field money is also summed by. */
  by?: string | undefined;
  /** `--period`: the trends' period kind, whose rows gain their money. */
  trend?: PeriodKind | undefined;
}

export interface AuditMoney {
  section: MoneySection | null;
  rows: CommitmentRow[];
  /** Per trend period label (with `trend` and opportunities). */
  trends: Map<string, TrendMoneyPart> | null;
}

/** The money section, the money commitments' rows and the trends' money, when there are opportunities. */
export function auditMoney(dataset: Dataset, config: SlaConfig, m: MoneyInputs): AuditMoney {
  const { opportunities } = dataset;
  if (!opportunities || !m.tally) return { section: null, rows: [], trends: null };
  const input = { ...dataset, opportunities };
  const ledger = moneyLedger(config, input, m.tally, m.period, m.asOf, { by: m.by ?? null });
  const trend = m.trend ? moneyLedger(config, input, m.tally, m.period, m.asOf, { kind: m.trend }) : null;
  return {
    section: moneySection(config, dataset, m.tally, m.period, ledger),
    rows: moneyCommitmentRows(config, ledger.ledger, m.periods),
    trends: trend ? trendMoney(trend.ledger, ledger.ledger) : null,
  };
}

const trendFigures = (key: string, currency: string | null, r: ReturnType<typeof rowOf>): TrendMoney => ({
  key,
  currency,
  opportunities: r.opportunities,
  pipeline: r.pipeline,
  amount_missing: r.amount_missing,
  won: r.won,
  won_amount: r.won_amount,
  lost: r.lost,
  lost_amount: r.lost_amount,
  win_rate: r.win_rate,
  win_rate_value: r.win_rate_value,
});

/**
 * Each trend period's money from the ledger cut by the trend's periods: its totals per currency
 * and per source. Under "": a period with no deal, zeros in the audit's one currency (else none).
 */
function trendMoney(ledger: Ledger, audit: Ledger): Map<string, TrendMoneyPart> {
  const all = audit.sums.get("");
  const only = all && all.size === 1 ? [...all.keys()] : [];
  const zero = new Sums();
  const out = new Map<string, TrendMoneyPart>([
    ["", { totals: only.map((c) => trendFigures("all", c, rowOf("", c, zero, null))), by_source: [] }],
  ]);
  for (const [group, byCurrency] of ledger.sums) {
    const [dimension, label = "", source] = group.split("\u0000");
    if (dimension !== "period" && dimension !== "psource") continue;
    const part = out.get(label) ?? { totals: [], by_source: [] };
    out.set(label, part);
    for (const [currency, s] of byCurrency) {
      const row = trendFigures(source ?? "all", currency, rowOf("", currency, s, null));
      (dimension === "period" ? part.totals : part.by_source).push(row);
    }
  }
  const byKey = (a: TrendMoney, b: TrendMoney) =>
    compareText(a.key, b.key) || compareText(a.currency ?? "", b.currency ?? "");
  for (const p of out.values()) {
    p.totals.sort(byKey);
    p.by_source.sort(byKey);
  }
  return out;
}

/** The trend rows with their period's money (rows of periods without a deal: zeros). */
export function withTrendMoney(rows: TrendRow[], trends: AuditMoney["trends"]): TrendRow[] {
  if (!trends) return rows;
  const empty = trends.get("") as TrendMoneyPart;
  return rows.map((r) => ({ ...r, money: trends.get(r.period) ?? empty }));
}
