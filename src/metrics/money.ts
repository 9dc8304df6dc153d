/** The money section: opportunities read as of the audit's instant, converted, and summed per group (docs/definitions.md, Money). */

import type { Millis, MoneyConfig, Opportunity, OpportunityState } from "../types.js";

export const MONEY_DEFINITION =
  "opportunities as of as-of (amount and state from their history when the exports carry it); pipeline = amount of opportunities created in the period, won/lost = amount of those closed in the period; win rate = won / (won + lost), by count and by value; marketing-sourced = the lead entered the MQL stage before the opportunity was created; per MQL and per lead = the period's pipeline or revenue over the MQL entries and leads created in the same period (a ratio of flows); amounts summed in cents and shown in currency units, converted at the rate in force when counted, never summed across currencies";

/** An opportunity as it stood at an instant; null when it did not exist yet. */
export interface OpportunityAt {
  amount: number | null;
  state: OpportunityState;
  closedAt: Millis | null;
}

/**
 * The opportunity as of `t`: the last amount and state its history gives up to t (the first entry
 * holds what it was created with), else its current values, open until its close date.
 */
export function opportunityAt(o: Opportunity, t: Millis): OpportunityAt | null {
  if (o.createdAt > t) return null;
  let amount: number | null | undefined;
  let state: OpportunityState | undefined;
  let stateAt: Millis | null = null;
  for (const c of o.history) {
    if (c.at > t) continue;
    if (c.amount !== undefined) amount = c.amount;
    if (c.state !== undefined) [state, stateAt] = [c.state, c.at];
  }
  const value = amount === undefined ? o.amount : amount;
  if (state === undefined) {
    const closed = o.closedAt !== null && o.closedAt <= t && o.state !== "open";
    return { amount: value, state: closed ? o.state : "open", closedAt: closed ? o.closedAt : null };
  }
  if (state === "open") return { amount: value, state, closedAt: null };
  // Closed: on its close date when that has come, else when the history says it closed.
  const closedAt = o.closedAt !== null && o.closedAt <= t ? o.closedAt : stateAt;
  return { amount: value, state, closedAt };
}

/** Converts an amount to the reporting currency at an instant; null when no rate is known. */
export function converter(money: MoneyConfig | null | undefined) {
  const to = money?.currency ?? null;
  return (
    value: number,
    currency: string | null,
    at: Millis,
  ): { value: number; currency: string | null } | null => {
    const from = currency ?? to;
    if (to === null || from === to) return { value, currency: from };
    let rate: number | null = null;
    for (const r of money?.rates ?? [])
      if (r.currency === from && (r.from === null || r.from <= at)) rate = r.rate;
    return rate === null ? null : { value: value * rate, currency: to };
  };
}

/** The leads opportunities name, each once, sorted (what the replay's money tally watches for). */
export function opportunityLeads(opportunities: readonly Opportunity[]): string[] {
  const ids = new Set<string>();
  for (const o of opportunities) if (o.leadId !== null) ids.add(o.leadId);
  return [...ids].sort();
}

/** One opportunity of the lead and how it stood at as-of (null: created after it). */
export interface TracedOpportunity {
  opportunity: Opportunity;
  now: OpportunityAt | null;
}

/** The lead's opportunities, by id, each as of `asOf`. */
export function tracedOpportunities(
  all: readonly Opportunity[],
  leadId: string,
  asOf: Millis,
): TracedOpportunity[] {
  return all.filter((o) => o.leadId === leadId).map((o) => ({ opportunity: o, now: opportunityAt(o, asOf) }));
}
