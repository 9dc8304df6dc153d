/** The conversion section as plain tables: stages, cohort conversion, trends, the breakdown. */

import type { TrendMoney } from "../../metrics/money-types.js";
import type { Report } from "../../metrics/types.js";
import { foldNote, OTHER } from "../format.js";
import { type Cell, slug, type Tabular } from "./shape.js";

function stagesTable(r: Report): Tabular {
  return {
    id: "stages",
    section: "conversion",
    title: "Stages",
    note: "journeys entering each stage in the period",
    head: ["stage", "label", "entries", "backfilled", "leads"],
    rows: r.stages.map((s) => [s.stage, s.label, s.entries, s.backfilled, s.leads]),
    shares: [],
  };
}

function cohortTable(r: Report): Tabular {
  const c = r.conversion;
  return {
    id: "conversion",
    section: "conversion",
    title: "Conversion (cohort)",
    note: `${c.definition}${c.window ? `; window ${c.window}` : ""}; skipped stages: ${c.skipped_stages}`,
    head: [
      "from",
      "to",
      "entered",
      "converted",
      "in_flight",
      "skipped",
      "decided",
      "rate",
      "rate_basis",
      "decided_share",
      "rate_low",
      "rate_high",
      "rate_of_entered",
      "mature",
      "median_hours",
    ],
    rows: c.steps.map((s) => [
      s.from,
      s.to,
      s.entered,
      s.converted,
      s.in_flight,
      s.skipped,
      s.decided,
      s.rate,
      s.rate_basis,
      s.decided_share,
      s.rate_low,
      s.rate_high,
      s.rate_of_entered,
      s.mature,
      s.median_hours,
    ]),
    shares: [7, 9, 10, 11, 12],
  };
}

function trendsTable(trends: NonNullable<Report["trends"]>): Tabular {
  return {
    id: "trends",
    section: "conversion",
    title: `Trends by ${trends.period}`,
    note: "one row per period and figure",
    head: ["period", "partial", "figure", "value"],
    rows: trends.rows.flatMap((x) => [
      ...Object.entries(x.entries).map(([stage, n]): Cell[] => [x.period, x.partial, `${stage} entries`, n]),
      ...x.steps.flatMap((s): Cell[][] => [
        [x.period, x.partial, `${s.from}->${s.to} rate`, s.rate],
        [x.period, x.partial, `${s.from}->${s.to} median_hours`, s.median_hours],
        [x.period, x.partial, `${s.from}->${s.to} p90_hours`, s.p90_hours],
      ]),
      ...x.handoffs.map((h): Cell[] => [x.period, x.partial, `${h.id} compliance`, h.compliance]),
      ...(x.money?.totals ?? []).flatMap((m) =>
        moneyFigures(m).map(([figure, value]): Cell[] => [x.period, x.partial, figure, value]),
      ),
    ]),
    shares: [],
  };
}

/** A trend period's money figures, each named with its currency (never summed across currencies). */
export function moneyFigures(m: TrendMoney): [string, number | null][] {
  const c = m.currency ?? "no currency";
  return [
    [`pipeline (${c})`, m.pipeline],
    [`opportunities created (${c})`, m.opportunities],
    [`revenue won (${c})`, m.won_amount],
    [`deals won (${c})`, m.won],
    [`deals lost (${c})`, m.lost],
    [`win rate (${c})`, m.win_rate],
    [`win rate by value (${c})`, m.win_rate_value],
  ];
}

function breakdownTable(b: NonNullable<Report["conversion"]["breakdown"]>): Tabular {
  return {
    id: `conversion-by-${slug(b.by)}`,
    section: "conversion",
    title: `Conversion by ${b.by}`,
    note: [foldNote(b), "cohort rate per value (÷ decided or ÷ entered: rate_basis)"]
      .filter(Boolean)
      .join("; "),
    head: [
      b.by,
      "from",
      "to",
      "entered",
      "converted",
      "decided",
      "rate",
      "rate_basis",
      "rate_of_entered",
      "leads",
      "groups",
    ],
    // The folded values last, as one row per step: `groups` says how many values it adds up.
    rows: [
      ...b.groups.map((g) => ({ ...g, groups: 1 })),
      ...(b.other ? [{ key: OTHER, ...b.other }] : []),
    ].flatMap((g) =>
      g.steps.map((s) => [
        g.key,
        s.from,
        s.to,
        s.entered,
        s.converted,
        s.decided,
        s.rate,
        s.rate_basis,
        s.rate_of_entered,
        g.leads,
        g.groups,
      ]),
    ),
    shares: [6, 8],
  };
}

/** Stages and cohort conversion, then the trends and the breakdown when the run asked for them. */
export function conversionTables(r: Report): Tabular[] {
  const out = [stagesTable(r), cohortTable(r)];
  if (r.trends) out.push(trendsTable(r.trends));
  if (r.conversion.breakdown) out.push(breakdownTable(r.conversion.breakdown));
  return out;
}
