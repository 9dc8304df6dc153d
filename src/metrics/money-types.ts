/** The report's `money` section (issue 21): pipeline and revenue by source, campaign, rep, team, period. */

/** One group's money figures (amounts in `currency`, rounded to cents; durations in days). */
export interface MoneyRow {
  key: string;
  /** The currency of the amounts: the reporting one, or the row's own when amounts could not be converted. */
  currency: string | null;
  /** Leads created and MQL entries in the period (lead groups only: total, source, campaign; else null). */
  leads: number | null;
  mqls: number | null;
  /** Opportunities created in the period, and their amount (pipeline created). */
  opportunities: number;
  pipeline: number;
  /** Of those, how many have no amount (counted, never as 0). */
  amount_missing: number;
  /** Opportunities closed won / lost in the period, and their amounts. */
  won: number;
  won_amount: number;
  lost: number;
  lost_amount: number;
  /** won / (won + lost), by count and by value; null when none closed. */
  win_rate: number | null;
  win_rate_value: number | null;
  /** Mean and median amount of the deals won in the period. */
  deal_mean: number | null;
  deal_median: number | null;
  /** Days from the lead's creation, and from its first MQL entry, to the close of each deal won. */
  cycle_days_p50: number | null;
  cycle_days_p90: number | null;
  mql_cycle_days_p50: number | null;
  mql_cycle_days_p90: number | null;
  /** Pipeline created and revenue won in the period per MQL entry and per lead created in it (lead groups only). */
  pipeline_per_mql: number | null;
  revenue_per_mql: number | null;
  revenue_per_lead: number | null;
}

export interface MoneySection {
  definition: string;
  /** The reporting currency (`money.currency`), or the one currency of the files; null: several, unconverted. */
  currency: string | null;
  /** The stage counted as MQL (commitments' mql stage, else `mql`); null: none, so no per-MQL figures. */
  mql_stage: string | null;
  /** One row per currency (one when every amount is in, or converted to, the reporting currency). */
  totals: MoneyRow[];
  /** Marketing-sourced (the lead was an MQL before the opportunity was created) and sales-sourced (the rest). */
  sourcing: MoneyRow[];
  by_source: MoneyRow[];
  by_campaign: MoneyRow[];
  /** By the opportunity's owner (the lead's when it has none), and that rep's team (with a reps file). */
  by_rep: MoneyRow[];
  by_team: MoneyRow[];
  /** Per month (or the commitments' period). */
  periods: { period: "week" | "month" | "quarter"; rows: MoneyRow[] };
  /** With `--by FIELD`: per value of the lead's field (an opportunity without a lead: "(none)"). */
  by?: { by: string; rows: MoneyRow[] };
  /** Opportunities read, and those not counted: created after as-of, or in a currency with no rate. */
  opportunities: { read: number; after_as_of: number; not_converted: number };
}

/** A trend period's money (`--period`): pipeline created in it, deals closed in it (see MoneyRow). */
export type TrendMoney = Pick<
  MoneyRow,
  | "key"
  | "currency"
  | "opportunities"
  | "pipeline"
  | "amount_missing"
  | "won"
  | "won_amount"
  | "lost"
  | "lost_amount"
  | "win_rate"
  | "win_rate_value"
>;

/** A trend row's money: the period's totals (one row per currency) and per lead source. */
export interface TrendMoneyPart {
  totals: TrendMoney[];
  by_source: TrendMoney[];
}
