/** The review pack's money tables, shaped once for its Markdown and HTML pages. */

import { commitmentFigure, commitmentLabel } from "./commitments-view.js";
import { count, pct } from "./format.js";
import type { TablePart } from "./html/view.js";
import type { ReviewDoc } from "./review-doc.js";
import { column, part, trendLabel } from "./review-view.js";
import { amountText } from "./tables/money.js";
import type { Cell } from "./tabular.js";

/** Each money commitment per period of the pack: its weeks (months) kept of those judged, and the sum. */
function moneyKeptPart(d: ReviewDoc): TablePart | null {
  const m = d.money;
  const every = d.commitments?.period ?? "week";
  if (!m || m.commitments.length === 0) return null;
  const periods = d.trends.map((t) => t.period);
  const rows = m.commitments.map((c) => [
    c.team,
    commitmentLabel(c.commitment),
    commitmentFigure(c.commitment, c.target),
    ...c.periods.map((p) => `${count(p.kept)} of ${count(p.judged)}; ${amountText(p.actual)}`),
  ]);
  return part(
    "review-money-kept",
    `Money committed and kept, by ${d.review.period}`,
    `per ${d.review.period}: the ${every}s the target was kept of those judged, then the ${every}s' sum (marketing: marketing-sourced pipeline created; sales: revenue won)`,
    [
      column("team", "team", (r) => String(r[0]), false),
      column("commitment", "commitment", (r) => String(r[1]), false),
      column("target", `target per ${every}`, (r) => String(r[2])),
      ...periods.map((p, i) => column(p, trendLabel(d, p), (r) => String(r[i + 3]))),
    ],
    rows,
  );
}

/** Pipeline created, deals won and win rates per period (one row per currency). */
function moneyTrendPart(d: ReviewDoc): TablePart {
  const rows = d.trends.flatMap((t) =>
    (t.money?.totals ?? []).map((m): Cell[] => [
      t.period,
      m.currency,
      m.opportunities,
      m.pipeline,
      m.won,
      m.won_amount,
      m.win_rate,
      m.win_rate_value,
    ]),
  );
  const amount = (i: number) => (r: Cell[]) => amountText(r[i] as number);
  return part(
    "review-money-trend",
    `Pipeline and revenue by ${d.review.period}`,
    `pipeline: opportunities created in the ${d.review.period}; won and win rates (won ÷ won and lost, by count and by value): deals closed in it`,
    [
      column("period", d.review.period, (r) => trendLabel(d, String(r[0])), false),
      column("currency", "currency", (r) => String(r[1] ?? "–"), false),
      column("opportunities", "created", (r) => count(Number(r[2]))),
      column("pipeline", "pipeline", amount(3)),
      column("won", "won", (r) => count(Number(r[4]))),
      column("won_amount", "revenue won", amount(5)),
      column("win_rate", "win rate", (r) => pct(r[6] as number | null)),
      column("win_rate_value", "by value", (r) => pct(r[7] as number | null)),
    ],
    rows,
  );
}

/** Per source, pipeline created and revenue won in each period: the sources that bring volume and no revenue show. */
function moneySourcesPart(d: ReviewDoc): TablePart {
  const m = d.money;
  const periods = d.trends.map((t) => t.period);
  const rows = (m?.sources ?? []).map((s): Cell[] => [
    s.source,
    s.currency,
    ...s.periods.map((p) => `${amountText(p.pipeline)} / ${amountText(p.won_amount)}`),
  ]);
  return part(
    "review-money-sources",
    `Pipeline and revenue by source and ${d.review.period}`,
    `pipeline created / revenue won in each ${d.review.period}, by the lead's source (an opportunity without a lead: its own); the best payers first`,
    [
      column("source", "source", (r) => String(r[0]), false),
      column("currency", "currency", (r) => String(r[1] ?? "–"), false),
      ...periods.map((p, i) => column(p, trendLabel(d, p), (r) => String(r[i + 2]))),
    ],
    rows,
  );
}

/** The pack's money tables: commitments kept (when made), the trend, the sources. */
export function moneyParts(d: ReviewDoc): TablePart[] {
  if (!d.money) return [];
  const kept = moneyKeptPart(d);
  return [...(kept ? [kept] : []), moneyTrendPart(d), moneySourcesPart(d)];
}

/** The line under the money tables: the sources that brought pipeline and no revenue over the pack's periods. */
export function moneyLines(d: ReviewDoc): string[] {
  const idle = (d.money?.sources ?? []).flatMap((s) => {
    const pipeline = s.periods.reduce((n, p) => n + p.pipeline, 0);
    const won = s.periods.reduce((n, p) => n + p.won_amount, 0);
    return pipeline > 0 && won === 0
      ? [`${s.source} (${amountText(pipeline)}${s.currency ? ` ${s.currency}` : ""})`]
      : [];
  });
  const span = `${d.trends[0]?.period ?? ""}–${d.trends[d.trends.length - 1]?.period ?? ""}`;
  return idle.length > 0
    ? [`Pipeline and no revenue over ${span}: ${idle.join(", ")}.`]
    : [`Every source with pipeline over ${span} won revenue.`];
}
