/** The catalogue's findings about opportunities (issue 21): amounts, stages, joins, currencies. */

import type { FindingKind } from "./kind.js";

export const OPPORTUNITY_KINDS = {
  opportunity_unknown_lead: {
    severity: "error",
    drops: true,
    title: "opportunity names a lead that is not in the leads file; not used",
    hint: "export the leads and the opportunities for the same period and filters, or leave the lead column empty for a sales-sourced deal",
  },
  opportunity_duplicate: {
    severity: "error",
    drops: true,
    title: "opportunity id listed again; the first row is used",
    hint: "export each opportunity once (overlapping exports, a report grouped by a child object)",
  },
  opportunity_amount_empty: {
    severity: "warning",
    drops: false,
    title: "opportunity has no amount; counted, its amount left out of the sums (never read as 0)",
    hint: "fill Amount in the CRM, or export the amount column",
  },
  opportunity_amount_unreadable: {
    severity: "warning",
    drops: false,
    title: "opportunity amount is not an amount; counted, its amount left out of the sums",
    hint: "export amounts as numbers, with or without a currency (1200.50, $1,200.50, 1.200,50 €)",
  },
  opportunity_amount_negative: {
    severity: "warning",
    drops: false,
    title: "opportunity amount is negative; counted, its amount left out of the sums",
    hint: "check the amount in the CRM (a credit note, a typo?)",
  },
  opportunity_stage_unknown: {
    severity: "warning",
    drops: false,
    title: "opportunity stage is in no list of opportunity_stages:; read as open",
    hint: "add the stage to opportunity_stages: won, lost or open",
  },
  opportunity_currency_unconverted: {
    severity: "warning",
    drops: false,
    title:
      "opportunities in several currencies and no rate for this one: its amounts are reported apart, never summed",
    hint: "name a rates file in money.rates (columns currency, rate, from)",
  },
  opportunity_amount_changed_after_close: {
    severity: "info",
    drops: false,
    title: "opportunity amount changed after it closed; figures as of a date read the amount of that date",
    hint: "nothing to do: the history says what the amount was when",
  },
  opportunity_history_unknown: {
    severity: "error",
    drops: true,
    title: "history row names an opportunity that is not in the opportunities file; not used",
    hint: "export the opportunities and their history for the same period and filters",
  },
  lead_several_opportunities: {
    severity: "info",
    drops: false,
    title: "lead has several opportunities; each counts",
    hint: "nothing to do: a lead may become several deals",
  },
} as const satisfies Record<string, FindingKind>;
