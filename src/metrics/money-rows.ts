/** Money summed per group and currency, in cents, and the section's rows. */

import { compareText } from "../errors.js";
import type { Lead, Millis, Opportunity, Rep, SlaConfig } from "../types.js";
import { dimensionOf, NONE } from "./breakdown.js";
import { teamsOf } from "./clocks.js";
import { converter, MONEY_DEFINITION, opportunityAt } from "./money.js";
import { leadGroups, type MoneyTally, mqlIndexOf } from "./money-tally.js";
import type { MoneyRow, MoneySection } from "./money-types.js";
import { type AuditPeriod, type Bucket, bucketOf, type PeriodKind, periodBuckets } from "./periods.js";
import { percentile, round } from "./stats.js";

const DAY = 86_400_000;
const cents = (value: number) => Math.round(value * 100);

/** One group's sums in one currency. */
export class Sums {
  opportunities = 0;
  pipeline = 0;
  missing = 0;
  won = 0;
  wonAmount = 0;
  lost = 0;
  lostAmount = 0;
  readonly deals: number[] = [];
  readonly cycle: number[] = [];
  readonly mqlCycle: number[] = [];
}

/** The sums by `dimension\0value` (the total: ""; `mperiod`: marketing-sourced per period) and currency. */
export class Ledger {
  readonly sums = new Map<string, Map<string | null, Sums>>();
  at(group: string, currency: string | null): Sums {
    const byCurrency = this.sums.get(group) ?? new Map<string | null, Sums>();
    this.sums.set(group, byCurrency);
    const s = byCurrency.get(currency) ?? new Sums();
    byCurrency.set(currency, s);
    return s;
  }
}

interface Context {
  period: AuditPeriod;
  asOf: Millis;
  buckets: Bucket[];
  leads: Map<string, Lead>;
  teams: Map<string, string>;
  firstMql: ReadonlyMap<string, Millis>;
  convert: ReturnType<typeof converter>;
  /** `--by`: also sum per value of this lead field (dimensionOf); null: not asked. */
  by: string | null;
}

const inPeriod = (ctx: Context, t: Millis) => t >= ctx.period.from && t <= ctx.period.to;

/**
 * The groups an opportunity counts in: all, its sourcing, its lead's source and campaign, its rep
 * and team, and with `--by` its lead's value of that field (an opportunity with no lead: "(none)").
 */
function groupsOf(o: Opportunity, lead: Lead | undefined, ctx: Context): string[] {
  const mql = lead ? ctx.firstMql.get(lead.id) : undefined;
  const marketing = mql !== undefined && mql <= o.createdAt;
  const rep = o.owner || lead?.owner || NONE;
  const by = ctx.by === null ? [] : [`by\u0000${dimensionOf(lead, ctx.by, ctx.teams, rep)}`];
  return [
    "",
    `sourcing\u0000${marketing ? "marketing" : "sales"}`,
    `source\u0000${lead?.source || o.source || NONE}`,
    `campaign\u0000${lead?.campaign || NONE}`,
    `rep\u0000${rep}`,
    `team\u0000${ctx.teams.get(rep) ?? NONE}`,
    ...by,
  ];
}

/** The period groups of an instant: the period's, and the period's by source (`psource`, for the trends). */
function periodGroups(ctx: Context, t: Millis, groups: readonly string[]): string[] {
  const label = bucketOf(ctx.buckets, t)?.label ?? NONE;
  const source = (groups[2] as string).slice("source\u0000".length);
  return [`period\u0000${label}`, `psource\u0000${label}\u0000${source}`];
}

/** An amount in cents of the currency it is counted in (its own when no rate converts it); null cents: no amount. */
function moneyOf(amount: number | null, o: Opportunity, at: Millis, ctx: Context) {
  const converted = ctx.convert(amount ?? 0, o.currency, at);
  if (amount === null)
    return { cents: null, currency: converted?.currency ?? o.currency, unconverted: false };
  if (converted === null) return { cents: cents(amount), currency: o.currency, unconverted: true };
  return { cents: cents(converted.value), currency: converted.currency, unconverted: false };
}

/** Adds one opportunity: its creation (pipeline) and its close (won or lost), each when in the period. */
function post(ledger: Ledger, o: Opportunity, ctx: Context): "after" | "unconverted" | "counted" {
  const now = opportunityAt(o, ctx.asOf);
  if (now === null) return "after";
  const lead = o.leadId === null ? undefined : ctx.leads.get(o.leadId);
  const groups = groupsOf(o, lead, ctx);
  let unconverted = false;
  if (inPeriod(ctx, o.createdAt)) {
    const m = moneyOf(now.amount, o, o.createdAt, ctx);
    unconverted ||= m.unconverted;
    // Marketing's pipeline per period, for its commitment (money-commitments.ts).
    const periods = periodGroups(ctx, o.createdAt, groups);
    const marketing = groups[1] === "sourcing\u0000marketing" ? [`m${periods[0]}`] : [];
    for (const g of [...groups, ...periods, ...marketing]) {
      const s = ledger.at(g, m.currency);
      s.opportunities++;
      if (m.cents === null) s.missing++;
      else s.pipeline += m.cents;
    }
  }
  const closedAt = now.closedAt;
  if (closedAt !== null && inPeriod(ctx, closedAt)) {
    const m = moneyOf(now.amount, o, closedAt, ctx);
    unconverted ||= m.unconverted;
    const mql = lead ? ctx.firstMql.get(lead.id) : undefined;
    for (const g of [...groups, ...periodGroups(ctx, closedAt, groups)]) {
      const s = ledger.at(g, m.currency);
      if (now.state === "lost") {
        s.lost++;
        s.lostAmount += m.cents ?? 0;
        continue;
      }
      s.won++;
      s.wonAmount += m.cents ?? 0;
      if (m.cents !== null) s.deals.push(m.cents);
      if (lead && lead.createdAt !== null) s.cycle.push((closedAt - lead.createdAt) / DAY);
      if (mql !== undefined && mql <= closedAt) s.mqlCycle.push((closedAt - mql) / DAY);
    }
  }
  return unconverted ? "unconverted" : "counted";
}

const money2 = (c: number | null) => (c === null ? null : round(c / 100, 2));
const days1 = (sorted: number[], p: number) => round(percentile(sorted, p), 1);
const per = (c: number, n: number | null) => (n === null || n === 0 ? null : round(c / 100 / n, 2));

/** One group's figures in one currency (flows: the leads and MQL entries of a lead group, else null). */
export function rowOf(
  key: string,
  currency: string | null,
  s: Sums,
  flows: { leads: number; mqls: number } | null,
): MoneyRow {
  const closed = s.won + s.lost;
  const deals = [...s.deals].sort((a, b) => a - b);
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const [cycle, mqlCycle] = [sorted(s.cycle), sorted(s.mqlCycle)];
  const mqls = flows === null ? null : flows.mqls;
  const leads = flows === null ? null : flows.leads;
  return {
    key,
    currency,
    leads,
    mqls,
    opportunities: s.opportunities,
    pipeline: money2(s.pipeline) as number,
    amount_missing: s.missing,
    won: s.won,
    won_amount: money2(s.wonAmount) as number,
    lost: s.lost,
    lost_amount: money2(s.lostAmount) as number,
    win_rate: closed === 0 ? null : round(s.won / closed, 4),
    win_rate_value:
      s.wonAmount + s.lostAmount === 0 ? null : round(s.wonAmount / (s.wonAmount + s.lostAmount), 4),
    deal_mean: deals.length === 0 ? null : money2(deals.reduce((a, b) => a + b, 0) / deals.length),
    deal_median: money2(percentile(deals, 0.5)),
    cycle_days_p50: days1(cycle, 0.5),
    cycle_days_p90: days1(cycle, 0.9),
    mql_cycle_days_p50: days1(mqlCycle, 0.5),
    mql_cycle_days_p90: days1(mqlCycle, 0.9),
    pipeline_per_mql: per(s.pipeline, mqls),
    revenue_per_mql: per(s.wonAmount, mqls),
    revenue_per_lead: per(s.wonAmount, leads),
  };
}

/** The rows of one dimension (prefix "source", …; "" the total), the best payers first. */
function rowsOf(
  ledger: Ledger,
  dimension: string,
  flows: ((group: string) => { leads: number; mqls: number }) | null,
): MoneyRow[] {
  const rows: MoneyRow[] = [];
  for (const [group, byCurrency] of ledger.sums) {
    const cut = group.indexOf("\u0000");
    if ((cut < 0 ? "" : group.slice(0, cut)) !== dimension) continue;
    for (const [currency, s] of byCurrency)
      rows.push(rowOf(cut < 0 ? "all" : group.slice(cut + 1), currency, s, flows ? flows(group) : null));
  }
  const byPayers = (a: MoneyRow, b: MoneyRow) =>
    b.won_amount - a.won_amount ||
    b.pipeline - a.pipeline ||
    compareText(a.key, b.key) ||
    compareText(a.currency ?? "", b.currency ?? "");
  return rows.sort(
    dimension === "period"
      ? (a, b) => compareText(a.key, b.key) || compareText(a.currency ?? "", b.currency ?? "")
      : byPayers,
  );
}

/** Leads created in the period per lead group ("" all, source, campaign). */
function leadsCreated(leads: readonly Lead[], period: AuditPeriod): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of leads)
    if (l.createdAt !== null && l.createdAt >= period.from && l.createdAt <= period.to)
      for (const g of leadGroups(l)) out.set(g, (out.get(g) ?? 0) + 1);
  return out;
}

/**
 * The opportunities summed per group and currency, as of as-of over the period, per period of
 * `kind` (default: the commitments' period, else month); `by`: also per value of that lead field.
 */
export function moneyLedger(
  config: SlaConfig,
  input: { opportunities: readonly Opportunity[]; leads: readonly Lead[]; reps: readonly Rep[] },
  tally: MoneyTally,
  period: AuditPeriod,
  asOf: Millis,
  cut: { kind?: PeriodKind; by?: string | null } = {},
): { ledger: Ledger; counted: MoneySection["opportunities"]; kind: PeriodKind; by: string | null } {
  const kind = cut.kind ?? config.commitments?.period ?? "month";
  const ctx: Context = {
    period,
    asOf,
    // The periods the data reach (the opportunities' dates count in the data's span): never 8,000 years of weeks.
    buckets: periodBuckets(period, kind, config.timezone),
    leads: new Map(input.leads.map((l) => [l.id, l])),
    teams: teamsOf(input.reps),
    firstMql: tally.firstMql,
    convert: converter(config.money),
    by: cut.by ?? null,
  };
  const ledger = new Ledger();
  const counted = { read: input.opportunities.length, after_as_of: 0, not_converted: 0 };
  for (const o of input.opportunities) {
    const r = post(ledger, o, ctx);
    if (r === "after") counted.after_as_of++;
    if (r === "unconverted") counted.not_converted++;
  }
  return { ledger, counted, kind, by: ctx.by };
}

/** The money section from the ledger and what the replay tallied. */
export function moneySection(
  config: SlaConfig,
  input: { leads: readonly Lead[]; reps: readonly Rep[] },
  tally: MoneyTally,
  period: AuditPeriod,
  { ledger, counted, kind, by }: ReturnType<typeof moneyLedger>,
): MoneySection {
  const created = leadsCreated(input.leads, period);
  const hasMql = mqlIndexOf(config) >= 0;
  const flows = (group: string) => ({ leads: created.get(group) ?? 0, mqls: tally.mqls.get(group) ?? 0 });
  const leadFlows = hasMql ? flows : null;
  const totals = rowsOf(ledger, "", leadFlows);
  const currencies = new Set(totals.map((r) => r.currency));
  return {
    definition: MONEY_DEFINITION,
    currency: currencies.size === 1 ? ([...currencies][0] ?? null) : null,
    mql_stage: hasMql ? (config.stages[mqlIndexOf(config)]?.id ?? null) : null,
    totals,
    sourcing: rowsOf(ledger, "sourcing", null),
    by_source: rowsOf(ledger, "source", leadFlows),
    by_campaign: rowsOf(ledger, "campaign", leadFlows),
    by_rep: rowsOf(ledger, "rep", null),
    by_team: input.reps.length > 0 ? rowsOf(ledger, "team", null) : [],
    periods: { period: kind, rows: rowsOf(ledger, "period", null) },
    ...(by === null ? {} : { by: { by, rows: rowsOf(ledger, "by", null) } }),
    opportunities: counted,
  };
}
