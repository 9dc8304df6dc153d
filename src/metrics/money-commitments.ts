/** Commitments in money: marketing-sourced pipeline and revenue won, per commitments period, judged like the others. */

import type { SlaConfig } from "../types.js";
import { commitmentRow } from "./commitments.js";
import type { Ledger, Sums } from "./money-rows.js";
import type { Bucket } from "./periods.js";
import type { CommitmentRow } from "./types.js";

/**
 * The figure of one group in the reporting currency: null (no data) when some of its amounts are
 * in a currency no rate converts, since their sum would be wrong; 0 when nothing moved.
 */
function inReporting(
  ledger: Ledger,
  group: string,
  currency: string | null,
  figure: (s: Sums) => number,
): { actual: number | null; n: number } {
  const byCurrency = ledger.sums.get(group);
  if (!byCurrency) return { actual: 0, n: 0 };
  let cents = 0;
  let n = 0;
  for (const [c, s] of byCurrency) {
    if (c !== currency && figure(s) !== 0) return { actual: null, n: 0 };
    if (c === currency) [cents, n] = [figure(s), s.opportunities + s.won];
  }
  return { actual: Math.round(cents) / 100, n };
}

/** The money commitment rows per period (marketing's pipeline, then sales' revenue); none when not made. */
export function moneyCommitmentRows(
  config: SlaConfig,
  ledger: Ledger,
  list: readonly Bucket[],
): CommitmentRow[] {
  const c = config.commitments;
  if (!c) return [];
  // The reporting currency, else the one currency the amounts are in.
  const all = ledger.sums.get("");
  const currency = config.money?.currency ?? (all && all.size === 1 ? ([...all.keys()][0] ?? null) : null);
  const rows: CommitmentRow[] = [];
  for (const b of list) {
    if (c.marketing.pipeline != null) {
      const { actual, n } = inReporting(ledger, `mperiod\u0000${b.label}`, currency, (s) => s.pipeline);
      rows.push(commitmentRow(b, "marketing", "pipeline", actual, c.marketing.pipeline, n, !b.partial));
    }
    if (c.sales.revenue != null) {
      const { actual, n } = inReporting(ledger, `period\u0000${b.label}`, currency, (s) => s.wonAmount);
      rows.push(commitmentRow(b, "sales", "revenue", actual, c.sales.revenue, n, !b.partial));
    }
  }
  return rows;
}

/** The commitment rows with the money rows among them: period by period, marketing's before sales'. */
export function withMoneyRows(
  rows: readonly CommitmentRow[],
  money: readonly CommitmentRow[],
  list: readonly Bucket[],
): CommitmentRow[] {
  if (money.length === 0) return [...rows];
  const order = new Map(list.map((b, i) => [b.label, i]));
  const team = (r: CommitmentRow) => (r.team === "marketing" ? 0 : 1);
  const keyed = [...rows.map((r, i) => ({ r, i })), ...money.map((r, i) => ({ r, i: rows.length + i }))];
  return keyed
    .sort(
      (a, b) =>
        (order.get(a.r.period) ?? 0) - (order.get(b.r.period) ?? 0) || team(a.r) - team(b.r) || a.i - b.i,
    )
    .map((x) => x.r);
}
