/** The money section as plain tables: totals and sourcing, which sources pay, reps, periods. */

import type { MoneyRow, MoneySection, TrendMoney } from "../../metrics/money-types.js";
import type { Report } from "../../metrics/types.js";
import { type Cell, slug, type Tabular } from "./shape.js";

/** A table's columns: head, the row's cell, and whether it is a share (0..1). */
type Column<R = MoneyRow> = [head: string, cell: (r: R) => Cell, share?: boolean];

// The columns a trend period's money has too (TrendMoney is a part of MoneyRow).
const GROUP: Column<TrendMoney>[] = [["currency", (r) => r.currency]];
const CREATED: Column<TrendMoney>[] = [
  ["opportunities", (r) => r.opportunities],
  ["pipeline", (r) => r.pipeline],
  ["no amount", (r) => r.amount_missing],
];
const CLOSED: Column<TrendMoney>[] = [
  ["won", (r) => r.won],
  ["won amount", (r) => r.won_amount],
  ["lost", (r) => r.lost],
  ["lost amount", (r) => r.lost_amount],
  ["win rate", (r) => r.win_rate, true],
  ["win rate by value", (r) => r.win_rate_value, true],
];
const DEALS: Column[] = [
  ["mean deal", (r) => r.deal_mean],
  ["median deal", (r) => r.deal_median],
  ["cycle p50 days", (r) => r.cycle_days_p50],
  ["cycle p90 days", (r) => r.cycle_days_p90],
  ["MQL to close p50 days", (r) => r.mql_cycle_days_p50],
  ["MQL to close p90 days", (r) => r.mql_cycle_days_p90],
];
const PAYS: Column[] = [
  ["leads", (r) => r.leads],
  ["MQLs", (r) => r.mqls],
  ["pipeline per MQL", (r) => r.pipeline_per_mql],
  ["revenue per MQL", (r) => r.revenue_per_mql],
  ["revenue per lead", (r) => r.revenue_per_lead],
];

function tabular(
  id: string,
  title: string,
  note: string,
  first: string,
  rows: MoneyRow[],
  columns: Column[],
): Tabular {
  const all: Column[] = [[first, (r) => r.key], ...columns];
  return {
    id,
    section: "money",
    title,
    note,
    head: all.map(([h]) => h),
    rows: rows.map((r) => all.map(([, cell]) => cell(r))),
    shares: all.flatMap(([, , share], i) => (share ? [i] : [])),
  };
}

const PAID: Column[] = [
  ["pipeline", (r) => r.pipeline],
  ["won amount", (r) => r.won_amount],
];

/** The groups' tables: sources and campaigns (per MQL and per lead), reps and teams. */
function groupTables(m: MoneySection): Tabular[] {
  const sources = `by the lead's source (an opportunity with no lead: its own); per MQL and per lead: the period's pipeline or revenue over the ${m.mql_stage ?? "MQL"} entries and the leads created in it`;
  const out = [
    tabular("money-sources", "Which sources pay", sources, "source", m.by_source, [
      ...GROUP,
      ...PAYS,
      ...PAID,
      CLOSED[4] as Column,
    ]),
  ];
  if (m.by_campaign.some((x) => x.key !== "(none)"))
    out.push(
      tabular(
        "money-campaigns",
        "Pipeline and revenue by campaign",
        "by the lead's campaign",
        "campaign",
        m.by_campaign,
        [...GROUP, ...PAYS, ...PAID],
      ),
    );
  const closing = [...GROUP, ...CREATED.slice(0, 2), ...CLOSED];
  out.push(
    tabular(
      "money-reps",
      "Pipeline and revenue by rep",
      "the opportunity's owner, else the lead's",
      "rep",
      m.by_rep,
      [...closing, ...DEALS.slice(1, 3)],
    ),
  );
  if (m.by_team.length > 0)
    out.push(
      tabular("money-teams", "Pipeline and revenue by team", "the rep's team", "team", m.by_team, closing),
    );
  return out;
}

/** With `--by FIELD`: pipeline and revenue per value of the lead's field. */
function byTable(m: MoneySection): Tabular[] {
  if (!m.by) return [];
  const { by, rows } = m.by;
  const note = `by the lead's ${by}; (none): an opportunity without a lead, or a lead without a ${by}`;
  const columns = [...GROUP, ...CREATED.slice(0, 2), ...CLOSED, ...DEALS.slice(0, 2)];
  return [tabular(`money-by-${slug(by)}`, `Pipeline and revenue by ${by}`, note, by, rows, columns)];
}

/** With `--period`: each trend period's totals ("all") and sources, pipeline when created, deals when closed. */
function trendTable(r: Report): Tabular[] {
  const t = r.trends;
  if (!t?.rows.some((x) => x.money)) return [];
  const columns: Column<TrendMoney>[] = [
    ["source", (m) => m.key],
    ...GROUP,
    ...CREATED.slice(0, 2),
    ...CLOSED.filter(([head]) => !head.startsWith("lost")),
  ];
  return [
    {
      id: "money-trend",
      section: "money",
      title: `Pipeline and revenue per ${t.period}, by source`,
      note: `per ${t.period} of the trends: pipeline in the ${t.period} the opportunity was created, won and win rates in the ${t.period} it closed; "all" first`,
      head: [t.period, ...columns.map(([h]) => h)],
      rows: t.rows.flatMap((x) =>
        [...(x.money?.totals ?? []), ...(x.money?.by_source ?? [])].map((m) => [
          x.partial ? `${x.period} (partial)` : x.period,
          ...columns.map(([, cell]) => cell(m)),
        ]),
      ),
      shares: columns.flatMap(([, , share], i) => (share ? [i + 1] : [])),
    },
  ];
}

/** The money tables of the report (none without a money section). */
export function moneyTables(r: Report): Tabular[] {
  const m = r.money;
  if (!m) return [];
  const currency = m.currency
    ? `amounts in ${m.currency}`
    : "amounts per currency: some could not be converted";
  const totals = tabular(
    "money",
    "Pipeline and revenue: totals, marketing- and sales-sourced",
    `${currency}; pipeline: opportunities created in the period; won and lost: closed in the period; marketing-sourced: the lead was an MQL before the opportunity was created`,
    "group",
    [...m.totals, ...m.sourcing],
    [...GROUP, ...CREATED, ...CLOSED, ...DEALS],
  );
  const periods = tabular(
    "money-periods",
    `Pipeline and revenue per ${m.periods.period}`,
    "pipeline in the period it was created, revenue in the period it closed",
    m.periods.period,
    m.periods.rows,
    [...GROUP, ...CREATED, ...CLOSED.slice(0, 4)],
  );
  return [totals, ...groupTables(m), ...byTable(m), periods, ...trendTable(r)];
}
