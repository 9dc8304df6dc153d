/** `commitments:` in the SLA file: what each side promises per period (zod is handed in by schema.ts, its only loader). */

import type * as Zod from "zod";

/** The commitments' schema: marketing's MQLs, acceptance, definition and pipeline; sales' handoffs, reasons and revenue. */
export function commitmentsSchema(z: typeof Zod.z, share: Zod.ZodNumber) {
  return z.strictObject({
    period: z
      .enum(["week", "month"])
      .optional()
      .describe("Judge every commitment per week (default) or month."),
    marketing: z
      .strictObject({
        mql_stage: z.string().optional().describe("The stage marketing delivers (default: mql)."),
        accepted_stage: z
          .string()
          .optional()
          .describe("The stage that means sales accepted (default: the next stage)."),
        mqls: z.number().int().min(0).optional().describe("At least this many MQLs per period."),
        acceptance: share.optional().describe("At least this share of decided MQLs accepted by sales."),
        definition: share
          .optional()
          .describe(
            "At least this share of MQL entries per period met the written definition (definitions:).",
          ),
        pipeline: z
          .number()
          .min(0)
          .optional()
          .describe(
            "At least this much marketing-sourced pipeline created per period, in the reporting currency (needs sources.opportunities).",
          ),
      })
      .optional(),
    sales: z
      .strictObject({
        handoffs: z
          .array(z.string())
          .optional()
          .describe("Handoffs whose target must hold every period (default: all)."),
        reasons: share.optional().describe("At least this share of recycles and rejections carry a reason."),
        reason_outcomes: z
          .array(z.string())
          .optional()
          .describe("Outcomes that need a reason (default: all)."),
        revenue: z
          .number()
          .min(0)
          .optional()
          .describe(
            "At least this much revenue won per period, in the reporting currency (needs sources.opportunities).",
          ),
      })
      .optional(),
  });
}
