/** The money fixture of tests/unit/metrics/money.test.ts (its header has the arithmetic): leads, stages, opportunities. */

import { computeAudit } from "../../src/metrics/index.js";
import type { Opportunity, SlaConfig } from "../../src/types.js";
import { DAY, dataset, lead, sla, stage, T0 } from "./builders.js";

export const AS_OF = T0 + 60 * DAY - 1;

export function opp(
  id: string,
  leadId: string | null,
  createdAt: number,
  more: Partial<Opportunity> = {},
): Opportunity {
  return {
    id,
    leadId,
    createdAt,
    amount: null,
    currency: null,
    state: "open",
    closedAt: null,
    stage: null,
    source: null,
    owner: null,
    place: { file: "opportunities.csv", line: 2 },
    history: [],
    ...more,
  };
}

/** The SLA (BASE_SLA plus `extra`) with money in USD, 1 EUR = 1.1 USD. */
export function moneyConfig(extra = ""): SlaConfig {
  return {
    ...sla(extra),
    money: { currency: "USD", symbol: null, rates: [{ currency: "EUR", from: null, rate: 1.1 }] },
  };
}

/** The leads, their MQL entries and the opportunities of the header's table. */
export function moneyDataset() {
  const leads = [
    lead("L1", T0, { source: "Webinar" }),
    lead("L2", T0, { source: "Webinar" }),
    lead("L3", T0, { source: "Paid" }),
    lead("L4", T0, { source: "Paid" }),
  ];
  const events = ["L1", "L2", "L4"].map((id) => stage(id, "mql", T0 + DAY));
  const opportunities = [
    opp("O1", "L1", T0 + 5 * DAY, { amount: 10_000, currency: "USD", state: "won", closedAt: T0 + 20 * DAY }),
    opp("O2", "L2", T0 + 6 * DAY, { amount: 5_000, currency: "EUR", state: "lost", closedAt: T0 + 30 * DAY }),
    opp("O3", "L3", T0 + 2 * DAY, { amount: 2_000, currency: "USD", state: "won", closedAt: T0 + 40 * DAY }),
    opp("O4", null, T0 + 10 * DAY, { source: "Outbound" }),
    opp("O5", "L1", T0 + 70 * DAY, { amount: 99, currency: "USD" }),
    opp("O6", null, T0 + 3 * DAY, { amount: 1_000, currency: "GBP", source: "Outbound" }),
  ];
  const d = dataset(leads, events);
  // As ingest gives it: the latest time stamp of every input, the opportunities' too (O3 won T0+40d).
  return { ...d, latest: Math.max(d.latest ?? 0, T0 + 40 * DAY), opportunities };
}

/** The money fixture's report (the opportunities in the order `order` puts them). */
export function audit(
  order: (opps: Opportunity[]) => Opportunity[] = (x) => x,
  extra = { sla: "", from: T0 },
) {
  const d = moneyDataset();
  return computeAudit({ ...d, opportunities: order(d.opportunities) }, moneyConfig(extra.sla), {
    asOf: AS_OF,
    from: extra.from,
    to: AS_OF,
  }).report;
}
