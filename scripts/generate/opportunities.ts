/**
 * The opportunities of examples/acme (Opportunity.csv, Salesforce Opportunity shape with a custom
 * lead-id field), drawn from their own random stream so that no other file changes. One opportunity
 * per "Opportunity Created" row of a lead's stage history, closed by the next Closed Won / Closed Lost.
 * Planted: Paid Search brings volume and no revenue (its won deals have no opportunity, so all its
 * opportunities are lost or open), and a currency mix (leads in DE and IE deal in EUR, in GB in GBP).
 */
import { deriveSeed, hashString, Rng } from "./random.js";
import { formatLocal } from "./zone-time.js";

export const OPPORTUNITIES_HEADER = [
  "Id",
  "Name",
  "Converted_Lead_Id__c",
  "Amount",
  "CurrencyIsoCode",
  "StageName",
  "IsClosed",
  "IsWon",
  "CloseDate",
  "CreatedDate",
  "LeadSource",
  "Owner.Name",
];

/** The planted source that brings leads and MQLs and no revenue. */
export const NO_REVENUE_SOURCE = "Paid Search";
/** Deal currency by the lead's country (USD otherwise). */
const CURRENCY_OF: Readonly<Record<string, string>> = { DE: "EUR", IE: "EUR", GB: "GBP" };
/** rates.csv: 1 unit of the currency = rate USD. */
export const RATES_HEADER = ["currency", "rate"];
export const RATE_ROWS = [
  ["EUR", "1.08"],
  ["GBP", "1.27"],
];
const OPEN_STAGES = ["Prospecting", "Qualification", "Proposal/Price Quote", "Negotiation/Review"];
const PRODUCTS = ["Platform", "Analytics Suite", "Pilot", "Team Plan", "Enterprise"];

/** What the opportunities plant and hold. */
export interface OpportunityTruth {
  source: string;
  /** Opportunities by state of the planted source, and its won deals left without one. */
  noRevenue: { opportunities: number; lost: number; open: number; wonWithoutOpportunity: number };
  /** Opportunities by currency. */
  currencies: Record<string, number>;
}

export function newOpportunityTruth(): OpportunityTruth {
  return {
    source: NO_REVENUE_SOURCE,
    noRevenue: { opportunities: 0, lost: 0, open: 0, wonWithoutOpportunity: 0 },
    currencies: { USD: 0, EUR: 0, GBP: 0 },
  };
}

/** Lead row columns (scripts/generate/columns.ts LEADS_HEADER) used here. */
const LEAD = { id: 0, company: 5, country: 8, source: 9 } as const;

interface Deal {
  created: number;
  owner: string;
  close: { at: number; won: boolean } | null;
}

/** The deals of one lead from its stage-history rows [lead_id, status, changed_at, owner, reason]. */
function dealsOf(history: readonly string[][]): Deal[] {
  const deals: Deal[] = [];
  for (const [, status, at, owner] of history) {
    const ms = Date.parse(at ?? "");
    if (!Number.isFinite(ms)) continue;
    if (status === "Opportunity Created") deals.push({ created: ms, owner: owner ?? "", close: null });
    const last = deals[deals.length - 1];
    if (last === undefined || last.close !== null || ms < last.created) continue;
    if (status === "Closed Won" || status === "Closed Lost")
      last.close = { at: ms, won: status === "Closed Won" };
  }
  return deals;
}

/** The Opportunity.csv rows of one lead block (none for an orphan block), counted in `truth`. */
export function opportunityRows(
  seed: number,
  zone: string,
  block: { leads: string[][]; history: string[][] },
  truth: OpportunityTruth,
): string[][] {
  const lead = block.leads[0];
  if (lead === undefined) return [];
  const id = lead[LEAD.id] as string;
  const source = lead[LEAD.source] as string;
  const currency = CURRENCY_OF[lead[LEAD.country] as string] ?? "USD";
  const rng = new Rng(deriveSeed(seed, 0x0990, hashString(id)));
  const rows: string[][] = [];
  dealsOf(block.history.filter((h) => h[0] === id)).forEach((deal, n) => {
    const planted = source === NO_REVENUE_SOURCE;
    if (planted && deal.close?.won === true) {
      truth.noRevenue.wonWithoutOpportunity++;
      return;
    }
    const amount = Math.round(rng.lognormal(18_000, 0.6) / 100) * 100;
    const stage = deal.close === null ? rng.pick(OPEN_STAGES) : deal.close.won ? "Closed Won" : "Closed Lost";
    const expected = deal.created + rng.int(30, 90) * 86_400_000;
    const closeDate = formatLocal(deal.close?.at ?? expected, zone, "T").slice(0, 10);
    rows.push([
      `006Ac${id.replace(/\D/g, "").padStart(10, "0")}${String.fromCharCode(65 + n)}AA`,
      `${lead[LEAD.company]} - ${rng.pick(PRODUCTS)}`,
      id,
      String(amount),
      currency,
      stage,
      String(deal.close !== null),
      String(deal.close?.won === true),
      closeDate,
      new Date(deal.created).toISOString(),
      source,
      deal.owner,
    ]);
    truth.currencies[currency] = (truth.currencies[currency] ?? 0) + 1;
    if (!planted) return;
    truth.noRevenue.opportunities++;
    if (deal.close === null) truth.noRevenue.open++;
    else truth.noRevenue.lost++;
  });
  return rows;
}
