/** The SLA file's money keys (issue 21): `money:`, `opportunity_stages:`, `sources.opportunities` and `sources.opportunity_history`. */

import type * as Zod from "zod";
import { OPPORTUNITY_FIELDS, OPPORTUNITY_HISTORY_FIELDS } from "./fields.js";

interface Parts {
  header: Zod.ZodType<string | string[]>;
  fileOptions: Record<string, Zod.ZodOptional<Zod.ZodType>>;
  columnMap: (keys: readonly string[]) => Zod.ZodType;
}

const CURRENCY = /^[A-Z]{3}$/;

/** The top-level keys and the two sources, built with the schema's own parts. */
export function moneySchemas(z: typeof Zod.z, parts: Parts) {
  const code = z.string().regex(CURRENCY, "an ISO 4217 currency code in capitals, e.g. USD, EUR");
  const stages = z.array(z.string().min(1)).min(1);
  const money = z
    .strictObject({
      currency: code.optional().describe("The currency figures are reported in (ISO code, e.g. USD)."),
      symbol: code
        .optional()
        .describe('What a bare "$" (or "¥", "kr") in the files means, e.g. USD, CAD, AUD.'),
      rates: z
        .string()
        .min(1)
        .optional()
        .describe(
          "CSV file of rates to the reporting currency: columns currency, rate (1 unit = rate of it), optional from (a date).",
        ),
    })
    .describe("How amounts are reported: the currency, what a bare $ means, rates between currencies.");
  const opportunityStages = z
    .strictObject({
      won: stages.optional().describe("Raw stages that mean won (default: Closed Won, closedwon, Won)."),
      lost: stages.optional().describe("Raw stages that mean lost (default: Closed Lost, closedlost, Lost)."),
      open: stages
        .optional()
        .describe("Raw stages that mean open; when listed, a stage no list names is a finding."),
    })
    .describe("Raw opportunity stages (StageName, Deal Stage) -> won or lost; every other stage is open.");
  return {
    topLevel: { money: money.optional(), opportunity_stages: opportunityStages.optional() },
    sources: sourceSchemas(z, parts),
  };
}

/** `sources.opportunities` and `sources.opportunity_history`: one file or several each. */
function sourceSchemas(z: typeof Zod.z, parts: Parts) {
  const common = {
    file: z.string().min(1).describe("CSV file, relative to this SLA file."),
    preset: z.enum(["salesforce", "hubspot"]).optional().describe("Known export headers."),
    ...parts.fileOptions,
    decimal_mark: z
      .enum([".", ","])
      .optional()
      .describe('The amounts\' decimal mark, when the values cannot decide it ("1,200" in every row).'),
  };
  const opportunitySource = z.strictObject({
    ...common,
    columns: parts.columnMap(OPPORTUNITY_FIELDS).optional().describe("Header of the column of each field."),
  });
  const historySource = z.strictObject({
    ...common,
    columns: parts
      .columnMap(OPPORTUNITY_HISTORY_FIELDS)
      .optional()
      .describe("Header of the column of each field."),
  });
  const oneOrMany = <T extends Zod.ZodType>(s: T) => z.union([s, z.array(s).min(1)]);
  return {
    opportunities: oneOrMany(opportunitySource)
      .optional()
      .describe("Opportunities or deals (Salesforce Opportunity, HubSpot deals): one file or several."),
    opportunity_history: oneOrMany(historySource)
      .optional()
      .describe("Their stage and amount changes (Salesforce OpportunityHistory or OpportunityFieldHistory)."),
  };
}
