/** The SLA file's shape (version 1) as a zod schema; `npm run schema` publishes it as JSON Schema. */

import { z } from "zod";
import { WINDOW_PATTERN } from "./window.js";

const id = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, "ids are lower case letters, digits, - and _, starting with a letter")
  .describe("A short identifier used in reports and in other parts of this file.");

const window = z
  .string()
  .regex(WINDOW_PATTERN, "not a window: write a number and a unit, e.g. 30m, 4h, 2d or 1w")
  .describe("A duration: 30m, 4h, 2d, 1w.");

const rawValues = z
  .array(z.string().min(1))
  .min(1)
  .describe("The raw CRM values (status, lifecycle stage) that mean this step. Matched ignoring case.");

const stage = z.strictObject({
  id,
  label: z.string().optional().describe("How reports name this stage."),
  matches: rawValues,
});

const outcome = z.strictObject({
  id,
  label: z.string().optional(),
  matches: rawValues,
  returns_to: z.string().optional().describe("For a recycle: the stage the lead's next journey starts in."),
});

const handoff = z.strictObject({
  id,
  description: z.string().optional(),
  from: z.string().describe("The stage whose entry starts the clock."),
  to: z.array(z.string()).optional().describe("Stages or outcomes whose entry answers the obligation."),
  activity: z
    .strictObject({
      types: z.array(z.string().min(1)).min(1).describe("Activity types that count as a response."),
      by: z.enum(["owner", "anyone"]).optional().describe("Who must do it (default: owner)."),
    })
    .optional()
    .describe("A logged activity that answers the obligation."),
  within: window,
  target: z.number().min(0).max(1).describe("The share of obligations that must be met, 0..1."),
});

const columnMap = <K extends string>(keys: readonly K[]) =>
  z.strictObject(
    Object.fromEntries(keys.map((k) => [k, z.string().min(1).optional()])) as Record<
      K,
      z.ZodOptional<z.ZodString>
    >,
  );

export const LEAD_FIELDS = [
  "id",
  "created_at",
  "owner",
  "source",
  "campaign",
  "company",
  "email",
  "first_name",
  "last_name",
  "name",
  "title",
  "company_size",
  "country",
] as const;
export const HISTORY_FIELDS = ["lead_id", "stage", "at", "owner", "reason"] as const;
export const ACTIVITY_FIELDS = ["lead_id", "owner", "type", "at"] as const;

const source = <K extends string>(keys: readonly K[]) =>
  z.strictObject({
    file: z.string().min(1).describe("CSV file, relative to this SLA file."),
    columns: columnMap(keys).optional().describe("Header of the column that holds each field."),
  });

export const slaSchema = z
  .strictObject({
    version: z.literal(1),
    name: z.string().optional(),
    timezone: z.string().describe("IANA time zone; naive time stamps in the inputs are read in it."),
    stages: z.array(stage).min(2).describe("The waterfall, in order."),
    outcomes: z.array(outcome).optional(),
    skipped_stages: z.enum(["backfill", "strict", "eligible"]).optional(),
    on_reassign: z.enum(["restart", "keep"]).optional(),
    conversion: z.strictObject({ window: window.optional() }).optional(),
    handoffs: z.array(handoff).optional(),
    sources: z.strictObject({
      leads: source(LEAD_FIELDS),
      stage_history: source(HISTORY_FIELDS).optional(),
      activities: source(ACTIVITY_FIELDS).optional(),
    }),
  })
  .describe("funnel-audit service-level agreement between marketing and sales");

export type RawSla = z.infer<typeof slaSchema>;

/** The JSON Schema editors use to complete and check SLA files. */
export function slaJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(slaSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
}
