/**
 * The opportunities of examples/acme (Opportunity.csv, Salesforce Opportunity shape with a custom
 * lead-id field), drawn from their own random stream so that no other file changes. One opportunity
 * per "Opportunity Created" row of a lead's stage history, closed by the next Closed Won / Closed Lost.
 * Planted: Paid Search brings volume and no revenue (its won deals have no opportunity, so all its
 * opportunities are lost or open), and a currency mix (leads in DE and IE deal in EUR, in GB in GBP).
 * The East team also prospects: a few outbound opportunities with no lead (sales-sourced).
 */
import { deriveSeed, hashString, Rng } from "./random.js";
import { REPS } from "./sales-org.js";
import { DAYS_OFF } from "./working-time.js";
import { formatLocal, HOUR, MINUTE } from "./zone-time.js";

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
  /** Sales-sourced opportunities with no lead (LeadSource Outbound, USD), and how many are won. */
  outbound: { opportunities: number; won: number };
}

export function newOpportunityTruth(): OpportunityTruth {
  return {
    source: NO_REVENUE_SOURCE,
    noRevenue: { opportunities: 0, lost: 0, open: 0, wonWithoutOpportunity: 0 },
    currencies: { USD: 0, EUR: 0, GBP: 0 },
    outbound: { opportunities: 0, won: 0 },
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
  const row = (deal: Deal, amount: number, stage: string, closeDate: string, n: number) => [
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
  ];
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
    rows.push(row(deal, amount, stage, closeDate, n));
    truth.currencies[currency] = (truth.currencies[currency] ?? 0) + 1;
    if (!planted) return;
    truth.noRevenue.opportunities++;
    if (deal.close === null) truth.noRevenue.open++;
    else truth.noRevenue.lost++;
  });
  return rows;
}

const OUTBOUND = 12;
const EAST = REPS.filter((r) => r.team === "East").map((r) => r.name);
const OFF = new Set(DAYS_OFF.map((d) => d.date));

/** Whether the local day of `ms` is a working day (Monday to Friday, not a day off). */
function workingDay(ms: number, zone: string): boolean {
  const date = formatLocal(ms, zone, "T").slice(0, 10);
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !OFF.has(date);
}

/**
 * The East team's outbound opportunities: no lead, LeadSource "Outbound", in USD, created between
 * 13:00 and 17:00 New York time on a working day of the period's first 150 days (a span with no
 * daylight-saving change in the example, so local midnight + 13 h is 13:00).
 */
export function outboundRows(
  seed: number,
  zone: string,
  startMs: number,
  cutoffMs: number,
  truth: OpportunityTruth,
) {
  const rng = new Rng(deriveSeed(seed, 0x0b0d));
  const rows: string[][] = [];
  while (rows.length < OUTBOUND) {
    const day = startMs + rng.int(0, 149) * 24 * HOUR + 13 * HOUR + rng.int(0, 239) * MINUTE;
    if (!workingDay(day, zone)) continue;
    let closeAt = day + rng.int(20, 80) * 24 * HOUR;
    while (!workingDay(closeAt, zone)) closeAt += 24 * HOUR;
    const outcome = rng.weighted([
      ["won", 0.4],
      ["lost", 0.4],
      ["open", 0.2],
    ] as const);
    const closed = outcome !== "open" && closeAt < cutoffMs;
    const won = closed && outcome === "won";
    rows.push([
      `006Ac90000${String(rows.length + 1).padStart(5, "0")}AAA`,
      `Outbound ${rows.length + 1} - ${rng.pick(PRODUCTS)}`,
      "",
      String(Math.round(rng.lognormal(25_000, 0.5) / 100) * 100),
      "USD",
      closed ? (won ? "Closed Won" : "Closed Lost") : rng.pick(OPEN_STAGES),
      String(closed),
      String(won),
      formatLocal(closeAt, zone, "T").slice(0, 10),
      new Date(day).toISOString(),
      "Outbound",
      rng.pick(EAST),
    ]);
    truth.currencies.USD = (truth.currencies.USD ?? 0) + 1;
    truth.outbound.opportunities++;
    if (won) truth.outbound.won++;
  }
  return rows;
}
