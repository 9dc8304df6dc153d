/** The SLA file's lead definition (`definitions:`) and engagement sources, as zod schemas (schema.ts loads zod). */

import type * as Zod from "zod";

/** A criterion as written: a fit test on a field, a behaviour rule on engagements, or all:/any: of criteria. */
export interface RawCriterion {
  name?: string | undefined;
  field?: string | undefined;
  matches?: string | undefined;
  not_matches?: string | undefined;
  in?: (string | number)[] | undefined;
  not_in?: (string | number)[] | undefined;
  in_file?: string | undefined;
  column?: string | undefined;
  between?: [number, number] | undefined;
  at_least?: number | undefined;
  at_most?: number | undefined;
  email?: ("free" | "disposable" | "role" | "invalid" | "business")[] | undefined;
  present?: true | undefined;
  engagement?: string | string[] | undefined;
  within?: string | undefined;
  all?: RawCriterion[] | undefined;
  any?: RawCriterion[] | undefined;
}

export interface RawStageDefinition {
  all?: RawCriterion[] | undefined;
  any?: RawCriterion[] | undefined;
  exclude?: RawCriterion[] | undefined;
  pass_within?: string | undefined;
  target?: number | undefined;
  calendar?: string | undefined;
}

type Scalar = string | number | boolean;
/** A raw type value, or a pair of them (two type columns), or a list of either. */
export type RawTypeValues = Scalar | (Scalar | Scalar[])[];
export type RawTypeRule =
  | RawTypeValues
  | { values: RawTypeValues; detail?: Scalar[] | undefined; detail_contains?: string | undefined };

export interface RawEngagementSource {
  file: string;
  preset?: "salesforce" | "hubspot" | "marketo" | undefined;
  date_format?: string | undefined;
  delimiter?: string | undefined;
  encoding?: string | undefined;
  columns?:
    | Partial<Record<"lead_id" | "lead_email" | "at" | "type" | "detail", string | string[]>>
    | undefined;
  type?: string | undefined;
  types?: Record<string, RawTypeRule> | undefined;
  timezone?: string | undefined;
  date_only?: "start_of_day" | "end_of_day" | "reject" | undefined;
  epoch?: "epoch_ms" | "epoch_s" | undefined;
  where?: Record<string, Scalar | Scalar[]> | undefined;
  null_value?: string | undefined;
  lead_key?: { file: string; from: string; to: string; fallback?: string | undefined } | undefined;
}

/** The field tests a fit criterion may name (exactly one per criterion). */
export const FIELD_TESTS = [
  "matches",
  "not_matches",
  "in",
  "not_in",
  "in_file",
  "between",
  "at_least",
  "at_most",
  "email",
  "present",
] as const;

/** The building blocks schema.ts shares with the definitions. */
interface Parts {
  id: Zod.ZodString;
  window: Zod.ZodString;
  share: Zod.ZodNumber;
  header: Zod.ZodType<string | string[]>;
  fileOptions: Record<string, Zod.ZodType>;
  columns: Zod.ZodType;
}

/** The `definitions:` mapping and one `sources.engagements` entry, built with schema.ts's zod. */
export function definitionSchemas(z: typeof Zod.z, parts: Parts) {
  return {
    definitions: definitionsSchema(z, parts),
    engagementSource: engagementSourceSchema(z, parts),
    lookupSource: lookupSourceSchema(z, parts),
  };
}

/** One `sources.lookups` entry: a file joined to the leads by a key, its other columns read as lead fields. */
function lookupSourceSchema(z: typeof Zod.z, parts: Parts) {
  const text = z.string().min(1);
  return z.strictObject({
    file: text.describe("CSV file, relative to this SLA file: one row per key (accounts.csv)."),
    key: text.describe("Its column holding the key (account); a key listed twice is an error."),
    on: text
      .optional()
      .describe("The lead field or leads-file column holding the key (default: the key's header)."),
    fields: z
      .array(text)
      .min(1)
      .optional()
      .describe("Its columns read as lead fields (default: every column but the key)."),
    ...parts.fileOptions,
  });
}

/** One criterion (recursive through all:/any:). */
function criterionSchema(z: typeof Zod.z, parts: Parts): Zod.ZodType<RawCriterion> {
  const text = z.string().min(1);
  const listed = z.array(z.union([z.string(), z.number()])).min(1);
  const criterion: Zod.ZodType<RawCriterion> = z
    .strictObject({
      name: text.optional().describe("How reports name this criterion (default: written from the rule)."),
      field: text
        .optional()
        .describe("A lead field (title, company_size, …) or any header of the leads file."),
      matches: text.optional().describe("A regular expression searched in the value, ignoring case."),
      not_matches: text.optional().describe("Holds when the regular expression is not found."),
      in: listed.optional().describe("The value is one of these (ignoring case and surrounding spaces)."),
      not_in: listed.optional().describe("The value is none of these."),
      in_file: text.optional().describe("The value is listed in this CSV file (relative to this SLA file)."),
      column: text
        .optional()
        .describe("With in_file: the header of the column to read (default: the first)."),
      between: z
        .tuple([z.number(), z.number()])
        .optional()
        .describe("A number or range as people type it (1,000-5,000, 50+) lies within [lo, hi]."),
      at_least: z
        .number()
        .optional()
        .describe(
          "With field: the number is at least this. With engagement: this many engagements (default 1).",
        ),
      at_most: z.number().optional().describe("With field: the number is at most this."),
      email: z
        .array(z.enum(["free", "disposable", "role", "invalid", "business"]))
        .min(1)
        .optional()
        .describe("The e-mail's domain is of one of these classes."),
      present: z.literal(true).optional().describe("The field holds a value."),
      engagement: z
        .union([text, z.array(text).min(1)])
        .optional()
        .describe("Engagement type(s) from engagement_types that count."),
      within: parts.window.optional().describe("Lookback before the instant judged (default: ever)."),
      get all() {
        return z.array(criterion).min(1).optional().describe("Every criterion listed holds.");
      },
      get any() {
        return z.array(criterion).min(1).optional().describe("At least one criterion listed holds.");
      },
    })
    .describe("A criterion: field + one test, engagement (+ at_least, within), or all: / any:.")
    .meta({ id: "criterion" });
  return criterion;
}

/** `definitions:`: never: and a definition per stage id. */
function definitionsSchema(z: typeof Zod.z, parts: Parts) {
  const criteria = z.array(criterionSchema(z, parts)).min(1);
  const stageDefinition = z
    .strictObject({
      all: criteria.optional().describe("The stage's entry counts when every criterion holds."),
      any: criteria.optional().describe("The stage's entry counts when at least one criterion holds."),
      exclude: criteria
        .optional()
        .describe("The stage's own go-nowhere criteria: any that holds, it does not count."),
      pass_within: parts.window
        .optional()
        .describe("Marketing's own clock: from first meeting the definition to entering the stage."),
      target: parts.share
        .optional()
        .describe("With pass_within: the share of leads that must be passed in time."),
      calendar: z.string().optional().describe("With pass_within: the calendar its business time counts on."),
    })
    .describe("Which leads count as entering this stage.");
  const definitions = z
    .object({
      never: criteria
        .optional()
        .describe("Go-nowhere leads: any criterion that holds, no stage's entry counts."),
    })
    .catchall(stageDefinition)
    .describe("Per stage id: the written definition of a lead that counts as entering it.");

  return definitions;
}

/** One `sources.engagements` entry. */
function engagementSourceSchema(z: typeof Zod.z, parts: Parts): Zod.ZodType<RawEngagementSource> {
  const text = z.string().min(1);
  const scalar = z.union([z.string(), z.number(), z.boolean()]);
  const values = z.union([scalar, z.array(z.union([scalar, z.array(scalar).length(2)])).min(1)]);
  const typeRule = z.union([
    values,
    z.strictObject({
      values: values.describe("Raw type values (a pair [4, Form] when the type is two columns)."),
      detail: z.array(scalar).min(1).optional().describe("And the detail is one of these (ignoring case)."),
      detail_contains: text.optional().describe("And the detail contains this text (ignoring case)."),
    }),
  ]);
  const engagementSource: Zod.ZodType<RawEngagementSource> = z.strictObject({
    file: text.describe("CSV file, relative to this SLA file."),
    preset: z
      .enum(["salesforce", "hubspot", "marketo"])
      .optional()
      .describe(
        "Known headers: Salesforce CampaignMember, HubSpot form submissions and page views, Marketo Bulk Activity Extract.",
      ),
    columns: parts.columns
      .optional()
      .describe("lead_id or lead_email, at, type (one header, or two: a pair), detail."),
    ...parts.fileOptions,
    type: parts.id.optional().describe("One engagement type for every row (instead of columns.type)."),
    types: z
      .record(z.string(), typeRule)
      .optional()
      .describe("Engagement type -> the raw values that mean it; ignore: raw values that are no engagement."),
    timezone: z.string().optional().describe("IANA zone of naive time stamps (default: the SLA's)."),
    date_only: z
      .enum(["start_of_day", "end_of_day", "reject"])
      .optional()
      .describe(
        "A date without a time: the start or end of its day, or a finding (default: end_of_day: it counts once the day is over).",
      ),
    epoch: z
      .enum(["epoch_ms", "epoch_s"])
      .optional()
      .describe("Time stamps are epoch milliseconds or seconds."),
    where: z
      .record(z.string(), z.union([scalar, z.array(scalar).min(1)]))
      .optional()
      .describe("Only rows whose column holds one of these values count (HasResponded: true)."),
    null_value: z.string().optional().describe('The cell text that means empty (Marketo writes "null").'),
    lead_key: leadKeySchema(z),
  }) as unknown as Zod.ZodType<RawEngagementSource>;
  return engagementSource;
}

/** `lead_key:` of an engagements source: the bridge file from a vendor id to the lead. */
function leadKeySchema(z: typeof Zod.z) {
  const text = z.string().min(1);
  return z
    .strictObject({
      file: text.describe(
        "CSV file mapping the vendor id to the lead (Marketo lead extract, Pardot prospects).",
      ),
      from: text.describe("Its header holding the vendor id the lead column names (id)."),
      to: text.describe(
        "Its header holding the lead id (sfdcLeadId, crm_lead_fid), or email: matched to the leads' e-mails.",
      ),
      fallback: text
        .optional()
        .describe("Its e-mail header, used when the to: cell is empty (matched to the leads' e-mails)."),
    })
    .optional()
    .describe("The bridge from a vendor's lead id (Marketo, Pardot) to the lead.");
}
