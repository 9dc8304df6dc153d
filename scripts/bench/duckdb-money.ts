/**
 * Pipeline and revenue in DuckDB SQL, as docs/definitions.md ("Money") defines them, from the
 * opportunities file and the tables scripts/bench/duckdb.ts builds (leads with `m_source` and
 * `m_campaign`, the replay's events `ev` and stage entries `entries`):
 *
 * - an opportunity is read as it stood at the as-of (no history: its amount from its creation, open
 *   until its close date, then won or lost by its stage: `opportunity_stages:` first, else
 *   IsClosed/IsWon); one created after the as-of is not counted, one naming a lead the leads file
 *   does not have is dropped, one without a lead is sales-sourced;
 * - amounts in cents, converted to `money.currency` with `money.rates` (one with no amount counts
 *   as an opportunity, never as 0; an unconverted currency has rows of its own);
 * - time stamps: CreatedDate in UTC (`…Z`) or naive, CloseDate a date, both naive ones wall times
 *   of the SLA's zone (a date: its 00:00); they are time stamps of the inputs, so the as-of (the
 *   latest) and the period's start (the earliest) count the kept opportunities' creations and the
 *   closed ones' closes (an open one's close date is an expectation, no time stamp);
 * - pipeline: the opportunities created in the period; won, lost: those whose close is in the
 *   period; marketing-sourced: the lead entered the MQL stage at or before the creation;
 * - groups: total, sourcing, the lead's source and campaign (no lead: the opportunity's own source),
 *   the week or month of the creation (pipeline) or of the close (revenue); per MQL and per lead:
 *   over the MQL entries and the leads created (the replay's creation) in the period. A group is
 *   listed when it has an opportunity counted (a campaign with leads and no opportunity is not:
 *   definitions.md does not say which groups are listed, and this is what the report does), with
 *   one row per currency, each carrying the group's leads and MQLs.
 *
 * Not reproduced (the generated data never has them): opportunity history, rates with a `from`,
 * duplicate or missing opportunity ids (refused: sla.ts, the ids check), amounts other than plain
 * decimals (`$1,200.50` is no amount here, an amount to the audit), currency symbols.
 */
import { col, head, lit, readCsv } from "./duckdb-csv.js";
import { type MoneyFigure, type MoneyGroup, moneyRatios } from "./figures.js";
import type { BenchSla } from "./sla.js";

export interface MoneyQuery {
  sla: BenchSla;
  exec: (label: string, sql: string) => Promise<unknown>;
  rows: (label: string, sql: string) => Promise<Record<string, unknown>[]>;
  from: number;
  asOf: number;
}

/** The lead columns the money SQL reads (kept on the leads table as m_source, m_campaign). */
export const MONEY_LEAD_FIELDS = { m_source: "source", m_campaign: "campaign" } as const;

/** As the audit matches stage values: trimmed, inner spaces folded, lower case. */
const norm = (x: string) => `lower(regexp_replace(trim(${x}), '\\s+', ' ', 'g'))`;
const inList = (xs: string[]) =>
  xs.length ? xs.map((x) => lit(x.trim().replace(/\s+/g, " ").toLowerCase())).join(", ") : "NULL";

/** Epoch milliseconds of a naive or UTC (`Z`) time stamp or a date; NULL when none reads. */
function instant(x: string, zone: string): string {
  const utc = ["%Y-%m-%dT%H:%M:%S.%gZ", "%Y-%m-%dT%H:%M:%SZ"].map((f) => `try_strptime(${x}, ${lit(f)})`);
  const naive = ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d"].map(
    (f) => `try_strptime(${x}, ${lit(f)})`,
  );
  return `coalesce(epoch_ms(coalesce(${utc.join(", ")})), epoch_ms(timezone(${lit(zone)}, coalesce(${naive.join(", ")}))))`;
}

/** The SLA zone's week (ISO, `2026-W20`) or month (`2026-05`) of an instant. */
function periodKey(ms: string, zone: string, period: "week" | "month"): string {
  const wall = `timezone(${lit(zone)}, to_timestamp(${ms} / 1000.0))`;
  return period === "week"
    ? `isoyear(${wall}) || '-W' || lpad(week(${wall})::VARCHAR, 2, '0')`
    : `strftime(${wall}, '%Y-%m')`;
}

export interface MoneyLoad {
  sla: BenchSla;
  exec: (label: string, sql: string) => Promise<unknown>;
  rows: (label: string, sql: string) => Promise<Record<string, unknown>[]>;
}

/**
 * Reads the opportunities and the rates (after the leads table): `opp_base`, one row per kept
 * opportunity (its lead known or none) with its instants, stage state, amount and currency. Returns
 * the query of the time stamps they add to the as-of and period (the creations, and the closes of
 * the closed ones: an open one's close date is an expectation), or null without opportunities.
 */
export async function loadOpportunities(q: MoneyLoad): Promise<string | null> {
  const { sla, exec, rows } = q;
  const money = sla.money;
  const source = sla.sources.opportunities;
  if (!money || !source) return null;
  const zone = sla.timezone;
  // Rates: 1 unit = rate reporting units; the reporting currency converts at 1.
  let rates = `SELECT ${lit(money.currency)} AS cur, 1::DECIMAL(18,6) AS rate`;
  if (money.rates) {
    const file = { path: money.rates, columns: { currency: "currency", rate: "rate" } };
    if (head(file.path).header.some((h) => h.toLowerCase() === "from"))
      throw new Error("money.rates: the bench reproduces rates without `from`");
    rates += ` UNION ALL SELECT upper(${col(file, "currency")}), TRY_CAST(${col(file, "rate")} AS DECIMAL(18,6)) FROM ${readCsv(file)}`;
  }
  await exec("money rates", `CREATE TABLE money_rates AS ${rates}`);
  await exec(
    "opportunities",
    `CREATE TABLE opp_raw AS SELECT ${col(source, "id")} AS id, ${col(source, "lead_id")} AS lead_key,
       ${col(source, "amount")} AS amount, upper(${col(source, "currency")}) AS cur, ${col(source, "stage")} AS stage,
       lower(${col(source, "is_won")}) AS is_won, lower(${col(source, "is_closed")}) AS is_closed,
       ${col(source, "created_at")} AS created_at, ${col(source, "closed_at")} AS closed_at,
       ${col(source, "source")} AS source
     FROM ${readCsv(source)}`,
  );
  const [dups] = await rows(
    "opportunity ids",
    "SELECT count(*) - count(DISTINCT id) AS dup, count(*) FILTER (WHERE id IS NULL) AS missing FROM opp_raw",
  );
  if (Number(dups?.dup) > 0 || Number(dups?.missing) > 0)
    throw new Error("opportunities: the bench reproduces no duplicate or missing opportunity ids");
  // The stage's state: `opportunity_stages:` first, then IsClosed/IsWon, else open. The amount
  // (NULL: none, or none that reads as a plain non-negative decimal).
  const state = `CASE
      WHEN ${norm("o.stage")} IN (${inList(money.won)}) THEN 'won'
      WHEN ${norm("o.stage")} IN (${inList(money.lost)}) THEN 'lost'
      WHEN ${norm("o.stage")} IN (${inList(money.open ?? [])}) THEN 'open'
      WHEN o.is_closed = 'true' AND o.is_won = 'true' THEN 'won'
      WHEN o.is_closed = 'true' THEN 'lost' ELSE 'open' END`;
  await exec(
    "opportunities kept",
    `CREATE TABLE opp_base AS
     SELECT l.lid, o.source, l.m_source, l.m_campaign, ${instant("o.created_at", zone)} AS created_ts,
            ${instant("o.closed_at", zone)} AS close_ts, ${state} AS state0,
            CASE WHEN regexp_full_match(o.amount, '[0-9]+(\\.[0-9]+)?') THEN o.amount::DECIMAL(18,2) END AS units,
            coalesce(o.cur, ${lit(money.currency)}) AS cur0
     FROM opp_raw o LEFT JOIN leads l ON l.lead_id = o.lead_key
     WHERE o.lead_key IS NULL OR l.lid IS NOT NULL`,
  );
  return `SELECT created_ts AS t FROM opp_base UNION ALL SELECT close_ts FROM opp_base WHERE state0 <> 'open'`;
}

/** The money rows (total, sourcing, by source, by campaign, by period) of the kept opportunities (opp_base). */
export async function moneyFigures(q: MoneyQuery): Promise<MoneyFigure[]> {
  const { sla, exec, rows, from, asOf } = q;
  const money = sla.money;
  if (!money || !sla.sources.opportunities) return [];
  const zone = sla.timezone;
  const mql = sla.stages.findIndex((s) => s.id === money.mqlStage);
  const inPeriod = (x: string) => `(${x} BETWEEN ${from} AND ${asOf})`;
  // Each counted opportunity as it stood at the as-of: its state, its amount in reporting cents,
  // the currency it is counted in, and where it goes.
  await exec(
    "opportunity facts",
    `CREATE TABLE opp AS
     WITH firsts AS (SELECT lead_id, min(ts) AS mql_ts FROM entries WHERE idx = ${mql} GROUP BY lead_id)
     SELECT o.created_ts, o.close_ts,
            CASE WHEN o.state0 <> 'open' AND o.close_ts <= ${asOf} THEN o.state0 ELSE 'open' END AS state,
            CASE WHEN r.rate IS NULL THEN o.cur0 ELSE ${lit(money.currency)} END AS cur,
            CAST(round(o.units * 100 * coalesce(r.rate, 1)) AS BIGINT) AS cents,
            CASE WHEN f.mql_ts <= o.created_ts THEN 'marketing' ELSE 'sales' END AS sourcing,
            coalesce(CASE WHEN o.lid IS NULL THEN o.source ELSE o.m_source END, '(none)') AS by_source,
            coalesce(o.m_campaign, '(none)') AS by_campaign
     FROM opp_base o LEFT JOIN money_rates r ON r.cur = o.cur0 LEFT JOIN firsts f ON f.lead_id = o.lid
     WHERE o.created_ts IS NOT NULL AND o.created_ts <= ${asOf}`,
  );
  // Two facts per opportunity: its creation (pipeline) and its close (won or lost), each when in the period.
  const period = periodKey("ts", zone, money.period);
  await exec(
    "money facts",
    `CREATE TABLE money_facts AS
     WITH f AS (
       SELECT 'created' AS ev, created_ts AS ts, * EXCLUDE (created_ts, close_ts, state) FROM opp WHERE ${inPeriod("created_ts")}
       UNION ALL
       SELECT state, close_ts, * EXCLUDE (created_ts, close_ts, state) FROM opp
       WHERE state <> 'open' AND ${inPeriod("close_ts")})
     SELECT ev, cur, cents, 'totals' AS g, 'all' AS key FROM f
     UNION ALL SELECT ev, cur, cents, 'sourcing', sourcing FROM f
     UNION ALL SELECT ev, cur, cents, 'by_source', by_source FROM f
     UNION ALL SELECT ev, cur, cents, 'by_campaign', by_campaign FROM f
     UNION ALL SELECT ev, cur, cents, 'periods', ${period} FROM f
     -- Every counted opportunity lists its groups (a row of zeros when none of its facts is in the period).
     UNION ALL SELECT 'counted', cur, NULL, 'totals', 'all' FROM opp
     UNION ALL SELECT 'counted', cur, NULL, 'sourcing', sourcing FROM opp
     UNION ALL SELECT 'counted', cur, NULL, 'by_source', by_source FROM opp
     UNION ALL SELECT 'counted', cur, NULL, 'by_campaign', by_campaign FROM opp`,
  );
  const amounts = await rows(
    "money",
    `SELECT g, key, cur,
       count(*) FILTER (WHERE ev = 'created') AS opportunities,
       coalesce(sum(cents) FILTER (WHERE ev = 'created'), 0) AS pipeline,
       count(*) FILTER (WHERE ev = 'created' AND cents IS NULL) AS amount_missing,
       count(*) FILTER (WHERE ev = 'won') AS won, coalesce(sum(cents) FILTER (WHERE ev = 'won'), 0) AS won_amount,
       count(*) FILTER (WHERE ev = 'lost') AS lost, coalesce(sum(cents) FILTER (WHERE ev = 'lost'), 0) AS lost_amount,
       avg(cents) FILTER (WHERE ev = 'won') AS deal_mean, quantile_cont(cents, 0.5) FILTER (WHERE ev = 'won') AS deal_median
     FROM money_facts GROUP BY g, key, cur`,
  );
  // Leads created (the replay's creation) and MQL entries in the period, by the lead's groups.
  const leadFacts = `
     SELECT l.m_source AS s, l.m_campaign AS c, 'lead' AS what FROM ev e JOIN leads l ON l.lid = e.lead_id
     WHERE e.kind = 'create' AND ${inPeriod("e.ts")}
     UNION ALL
     SELECT l.m_source, l.m_campaign, 'mql' FROM entries e JOIN leads l ON l.lid = e.lead_id
     WHERE e.idx = ${mql} AND ${inPeriod("e.ts")}`;
  const people = await rows(
    "money leads",
    `WITH f AS (${leadFacts})
     SELECT g, key, count(*) FILTER (WHERE what = 'lead') AS leads, count(*) FILTER (WHERE what = 'mql') AS mqls FROM (
       SELECT 'totals' AS g, 'all' AS key, what FROM f
       UNION ALL SELECT 'by_source', coalesce(s, '(none)'), what FROM f
       UNION ALL SELECT 'by_campaign', coalesce(c, '(none)'), what FROM f)
     GROUP BY g, key`,
  );
  return assemble(amounts, people);
}

const LEAD_GROUPS: MoneyGroup[] = ["totals", "by_source", "by_campaign"];

/** The rows from the SQL results: amounts from cents, ratios as the report rounds them. */
function assemble(amounts: Record<string, unknown>[], people: Record<string, unknown>[]): MoneyFigure[] {
  const num = (v: unknown) => Number(v ?? 0);
  const cents = (v: unknown) => (v === null || v === undefined ? null : Number(v) / 100);
  const out = new Map<string, MoneyFigure>();
  const blank = (group: MoneyGroup, key: string, cur: string): MoneyFigure => ({
    group,
    key,
    currency: cur,
    leads: null,
    mqls: null,
    opportunities: 0,
    pipeline: 0,
    amount_missing: 0,
    won: 0,
    won_amount: 0,
    lost: 0,
    lost_amount: 0,
    win_rate: null,
    win_rate_value: null,
    deal_mean: null,
    deal_median: null,
    pipeline_per_mql: null,
    revenue_per_mql: null,
    revenue_per_lead: null,
  });
  for (const r of amounts) {
    const row = blank(r.g as MoneyGroup, String(r.key), String(r.cur));
    Object.assign(row, {
      opportunities: num(r.opportunities),
      pipeline: num(r.pipeline) / 100,
      amount_missing: num(r.amount_missing),
      won: num(r.won),
      won_amount: num(r.won_amount) / 100,
      lost: num(r.lost),
      lost_amount: num(r.lost_amount) / 100,
      deal_mean: cents(r.deal_mean),
      deal_median: cents(r.deal_median),
    });
    out.set(`${row.group}/${row.key}/${row.currency}`, row);
  }
  // Each currency's row of a lead group carries the group's leads and MQLs.
  const flows = new Map(people.map((r) => [`${r.g}/${r.key}`, { leads: num(r.leads), mqls: num(r.mqls) }]));
  for (const row of out.values()) {
    if (LEAD_GROUPS.includes(row.group))
      Object.assign(row, flows.get(`${row.group}/${row.key}`) ?? { leads: 0, mqls: 0 });
    Object.assign(row, moneyRatios(row));
  }
  return [...out.values()];
}
