/**
 * The headline figures both sides compute (the audit's JSON report, and DuckDB's SQL), in one
 * shape, and their comparison: counts must be equal; rates (4 decimals) and hours (2 decimals)
 * may differ by one unit of their last decimal, for floating-point rounding at a boundary.
 */

import type { MoneyRow } from "../../src/metrics/money-types.js";
import { hours2, rate4 as rateOf, ratio } from "../../src/metrics/stats.js";
import type { ConversionStep, HandoffRow, RepRow, StageRow } from "../../src/metrics/types.js";
import type { DefinitionFigure } from "./duckdb-definitions.js";

// The report's own row types, cut to the columns DuckDB computes too.
export type StageFigure = Pick<StageRow, "stage" | "entries" | "backfilled" | "leads">;
export type StepFigure = Pick<
  ConversionStep,
  "from" | "to" | "entered" | "converted" | "in_flight" | "skipped" | "decided" | "rate"
>;
type Counts = "obligations" | "met" | "late" | "missed" | "pending" | "compliance" | "p90_hours";
export type HandoffFigure = Pick<HandoffRow, "id" | Counts | "p50_hours">;
export type RepFigure = Pick<RepRow, "rep" | Counts | "median_hours"> & { handoff: string };
/** The money rows DuckDB computes (issue 21): the report's `money` lists of these names. */
export type MoneyGroup = "totals" | "sourcing" | "by_source" | "by_campaign" | "periods";
const MONEY_GROUPS: MoneyGroup[] = ["totals", "sourcing", "by_source", "by_campaign", "periods"];
type MoneyColumns =
  | "key"
  | "currency"
  | "leads"
  | "mqls"
  | "opportunities"
  | "pipeline"
  | "amount_missing"
  | "won"
  | "won_amount"
  | "lost"
  | "lost_amount"
  | "win_rate"
  | "win_rate_value"
  | "deal_mean"
  | "deal_median"
  | "pipeline_per_mql"
  | "revenue_per_mql"
  | "revenue_per_lead";
export type MoneyFigure = Pick<MoneyRow, MoneyColumns> & { group: MoneyGroup };

export interface Figures {
  /** The as-of instant, epoch milliseconds. */
  asOf: number;
  leads: number;
  journeys: number;
  stages: StageFigure[];
  steps: StepFigure[];
  handoffs: HandoffFigure[];
  reps: RepFigure[];
  /** The lead definition's check per defined stage (none without `definitions:`). */
  definitions: DefinitionFigure[];
  /** Marketing's pass clocks, as handoff rows. */
  leakage: HandoffFigure[];
  /** Pipeline and revenue (none when the SLA reads no opportunities). */
  money: MoneyFigure[];
}

/** As the project rounds (src/metrics/stats.ts): a count ratio to 4 decimals, hours to 2. */
export const rate4 = (k: number, n: number): number | null => rateOf(ratio(k, n));
export { hours2 };

interface ReportJson {
  as_of: string;
  inputs: { leads: number; journeys: number };
  stages: StageFigure[];
  conversion: { steps: StepFigure[] };
  latency: { handoffs: HandoffFigure[] };
  compliance: { by_handoff: { handoff: string; reps: Omit<RepFigure, "handoff">[] }[] };
  definitions?: {
    stages: (Omit<DefinitionFigure, "failed"> & { criteria: { name: string; failed: number }[] })[];
    leakage: HandoffFigure[];
  };
  money?: Record<MoneyGroup, MoneyRow[]> & { periods: { rows: MoneyRow[] } };
}

/** A handoff row (or a pass clock's) cut to the columns DuckDB computes. */
const handoffFigure = (h: HandoffFigure): HandoffFigure => ({
  id: h.id,
  obligations: h.obligations,
  met: h.met,
  late: h.late,
  missed: h.missed,
  pending: h.pending,
  compliance: h.compliance,
  p50_hours: h.p50_hours,
  p90_hours: h.p90_hours,
});

/** A handoff's figures from SQL counts and latencies (milliseconds; null: none). */
export function countedHandoff(
  id: string,
  c: { obligations: number; met: number; late: number; missed: number; pending: number },
  p50: number | null,
  p90: number | null,
): HandoffFigure {
  return {
    id,
    ...c,
    compliance: rate4(c.met, c.met + c.late + c.missed),
    p50_hours: hours2(p50),
    p90_hours: hours2(p90),
  };
}

/** The counts of a SQL result row (0 for a handoff without a row). */
export function handoffCounts(r: Record<string, unknown> | undefined) {
  const c = (k: string) => (r ? Number(r[k]) : 0);
  return {
    obligations: c("obligations"),
    met: c("met"),
    late: c("late"),
    missed: c("missed"),
    pending: c("pending"),
  };
}

/** A money row cut to the columns DuckDB computes. */
function moneyFigure(group: MoneyGroup, r: MoneyRow): MoneyFigure {
  return {
    group,
    key: r.key,
    currency: r.currency,
    leads: r.leads,
    mqls: r.mqls,
    opportunities: r.opportunities,
    pipeline: r.pipeline,
    amount_missing: r.amount_missing,
    won: r.won,
    won_amount: r.won_amount,
    lost: r.lost,
    lost_amount: r.lost_amount,
    win_rate: r.win_rate,
    win_rate_value: r.win_rate_value,
    deal_mean: r.deal_mean,
    deal_median: r.deal_median,
    pipeline_per_mql: r.pipeline_per_mql,
    revenue_per_mql: r.revenue_per_mql,
    revenue_per_lead: r.revenue_per_lead,
  };
}

/** A money row's ratios from its counts and amounts (docs/definitions.md, "Money"), rounded as the report shows them. */
export function moneyRatios(
  r: Pick<MoneyRow, "leads" | "mqls" | "pipeline" | "won" | "won_amount" | "lost" | "lost_amount">,
): Pick<
  MoneyRow,
  "win_rate" | "win_rate_value" | "pipeline_per_mql" | "revenue_per_mql" | "revenue_per_lead"
> {
  const per = (amount: number, n: number | null) => (n ? Math.round((amount * 100) / n) / 100 : null);
  return {
    win_rate: rate4(r.won, r.won + r.lost),
    win_rate_value: r.won + r.lost > 0 ? rate4(r.won_amount, r.won_amount + r.lost_amount) : null,
    pipeline_per_mql: per(r.pipeline, r.mqls),
    revenue_per_mql: per(r.won_amount, r.mqls),
    revenue_per_lead: per(r.won_amount, r.leads),
  };
}

/** The figures of an audit JSON report (`audit --format json`). */
export function reportFigures(report: unknown): Figures {
  const r = report as ReportJson;
  return {
    asOf: Date.parse(r.as_of),
    leads: r.inputs.leads,
    journeys: r.inputs.journeys,
    stages: r.stages.map(({ stage, entries, backfilled, leads }) => ({ stage, entries, backfilled, leads })),
    steps: r.conversion.steps.map(({ from, to, entered, converted, in_flight, skipped, decided, rate }) => ({
      from,
      to,
      entered,
      converted,
      in_flight,
      skipped,
      decided,
      rate,
    })),
    handoffs: r.latency.handoffs.map(handoffFigure),
    reps: r.compliance.by_handoff.flatMap((b) =>
      b.reps.map(({ rep, obligations, met, late, missed, pending, compliance, median_hours, p90_hours }) => ({
        handoff: b.handoff,
        rep,
        obligations,
        met,
        late,
        missed,
        pending,
        compliance,
        median_hours,
        p90_hours,
      })),
    ),
    definitions: (r.definitions?.stages ?? []).map(
      ({ stage, entries, backfilled, met, not_met, criteria }) => ({
        stage,
        entries,
        backfilled,
        met,
        not_met,
        failed: Object.fromEntries(criteria.map((c) => [c.name, c.failed])),
      }),
    ),
    leakage: (r.definitions?.leakage ?? []).map(handoffFigure),
    money: r.money
      ? MONEY_GROUPS.flatMap(
          (g) =>
            (g === "periods" ? r.money?.periods.rows : r.money?.[g])?.map((x) => moneyFigure(g, x)) ?? [],
        )
      : [],
  };
}

/** Tolerance per field: 0 for counts; one unit of the last decimal for rates and hours. */
const TOLERANCE: Record<string, number> = {
  rate: 1e-4,
  compliance: 1e-4,
  p50_hours: 0.01,
  p90_hours: 0.01,
  median_hours: 0.01,
  // Money: amounts are cents shown in units (half a cent tolerates only a float's last bits);
  // a mean, a median and a per-MQL figure are rounded to cents, a win rate to 4 decimals.
  pipeline: 0.005,
  won_amount: 0.005,
  lost_amount: 0.005,
  deal_mean: 0.01,
  deal_median: 0.01,
  pipeline_per_mql: 0.01,
  revenue_per_mql: 0.01,
  revenue_per_lead: 0.01,
  win_rate: 1e-4,
  win_rate_value: 1e-4,
};

/** How many figures were compared, and every disagreement as "where: audit X, duckdb Y". */
export interface Comparison {
  compared: number;
  mismatches: string[];
}

type Row = Record<string, string | number | null>;

/** Compares the audit's figures with DuckDB's, row by row (rows matched by their key). */
export function compareFigures(audit: Figures, duck: Figures): Comparison {
  const mismatches: string[] = [];
  let compared = 0;
  const value = (where: string, field: string, a: unknown, d: unknown) => {
    compared++;
    const tol = TOLERANCE[field] ?? 0;
    const same =
      a === d || (typeof a === "number" && typeof d === "number" && Math.abs(a - d) <= tol + 1e-9 && tol > 0);
    if (!same) mismatches.push(`${where} ${field}: audit ${String(a)}, duckdb ${String(d)}`);
  };
  value("inputs", "as_of", new Date(audit.asOf).toISOString(), new Date(duck.asOf).toISOString());
  value("inputs", "leads", audit.leads, duck.leads);
  value("inputs", "journeys", audit.journeys, duck.journeys);
  const rows = (what: string, a: Row[], d: Row[], key: (r: Row) => string) => {
    const byKey = new Map(d.map((r) => [key(r), r]));
    const seen = new Set<string>();
    for (const ra of a) {
      const k = key(ra);
      seen.add(k);
      const rd = byKey.get(k);
      if (!rd) {
        mismatches.push(`${what} ${k}: in the audit only (${JSON.stringify(ra)})`);
        continue;
      }
      for (const field of Object.keys(ra)) value(`${what} ${k}`, field, ra[field], rd[field]);
    }
    for (const [k, rd] of byKey)
      if (!seen.has(k)) mismatches.push(`${what} ${k}: in DuckDB only (${JSON.stringify(rd)})`);
  };
  const asRows = (xs: object[]) => xs as unknown as Row[];
  rows("stage", asRows(audit.stages), asRows(duck.stages), (r) => String(r.stage));
  rows("step", asRows(audit.steps), asRows(duck.steps), (r) => `${r.from}→${r.to}`);
  rows("handoff", asRows(audit.handoffs), asRows(duck.handoffs), (r) => String(r.id));
  rows("rep", asRows(audit.reps), asRows(duck.reps), (r) => `${r.handoff}/${r.rep}`);
  // A definition's failures by criterion, as columns "failed: <name>" of its stage's row.
  const flat = (xs: DefinitionFigure[]): Row[] =>
    xs.map(({ failed, ...rest }) => ({
      ...rest,
      ...Object.fromEntries(Object.entries(failed).map(([k, n]) => [`failed: ${k}`, n])),
    }));
  rows("definition", flat(audit.definitions), flat(duck.definitions), (r) => String(r.stage));
  rows("pass clock", asRows(audit.leakage), asRows(duck.leakage), (r) => String(r.id));
  rows("money", asRows(audit.money), asRows(duck.money), (r) => `${r.group} ${r.key} (${r.currency})`);
  return { compared, mismatches };
}
