/** SLA rules on money: (issue 21): a rates file needs its currency, a stage is won or lost, history needs its opportunities. */

import { isObj, list, type RuleContext } from "./context.js";

/** `money.rates` converts to `money.currency`, which must be named. */
export function moneyValid({ root, report }: RuleContext): void {
  const money = root.money;
  if (!isObj(money) || money.rates === undefined || money.currency !== undefined) return;
  report(
    ["money", "rates"],
    "rates convert amounts to the reporting currency, and money: names none",
    "add currency: USD (the code the rates convert to) under money:",
    "key",
  );
}

/** A stage is listed once across won:, lost: and open:. */
export function opportunityStagesOnce({ root, report }: RuleContext): void {
  const stages = root.opportunity_stages;
  if (!isObj(stages)) return;
  const seen = new Map<string, string>();
  for (const state of ["won", "lost", "open"])
    list(stages[state]).forEach((s, i) => {
      if (typeof s !== "string") return;
      const key = s.trim().toLowerCase();
      const first = seen.get(key);
      if (first !== undefined)
        report(
          ["opportunity_stages", state, i],
          `stage "${s}" is listed under ${first}: and ${state}:`,
          "list each stage once: it is won, lost or open",
        );
      else seen.set(key, state);
    });
}

/** `sources.opportunity_history` is the history of `sources.opportunities`, which must be named. */
export function opportunityHistoryHasOpportunities({ root, report }: RuleContext): void {
  const sources = isObj(root.sources) ? root.sources : {};
  if (sources.opportunity_history === undefined || sources.opportunities !== undefined) return;
  report(
    ["sources", "opportunity_history"],
    "opportunity_history: is the history of the opportunities, and sources names no opportunities:",
    "add sources.opportunities with the Opportunity (or deals) export",
    "key",
  );
}
