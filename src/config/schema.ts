/** The SLA file's shape (version 1) as a zod schema; `npm run schema` publishes it as JSON Schema. */

import { createRequire } from "node:module";
import type * as Zod from "zod";
import * as fields from "./fields.js";
import { commitmentsSchema } from "./schema-commitments.js";
import { definitionSchemas } from "./schema-definitions.js";
import { moneySchemas } from "./schema-money.js";
import { WINDOW_PATTERN } from "./window.js";

// zod's CommonJS build: its ESM build is 95 modules, each resolved and linked on its own, which
// cost a fifth more to load (docs/performance.md). This is the only module that loads zod.
const { z } = createRequire(import.meta.url)("zod") as typeof Zod;

const id = z
  .string()
  .regex(/^[a-z][a-z0-9_-]*$/, "ids are lower case letters, digits, - and _, starting with a letter")
  .describe("A short identifier used in reports and in other parts of this file.");

const window = z
  .string()
  .regex(WINDOW_PATTERN, "not a window")
  .describe(
    "A duration: 30m, 4h, 2d, 1w (calendar time) or 4bh, 2bd (business hours and days on a calendar).",
  );

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
      types: z
        .array(z.string().min(1))
        .min(1)
        .optional()
        .describe("Activity types that count (e.g. call, email)."),
      subtypes: z
        .array(z.string().min(1))
        .min(1)
        .optional()
        .describe("Subtypes that count (e.g. Call, Email; not ListEmail)."),
      statuses: z
        .array(z.string().min(1))
        .min(1)
        .optional()
        .describe("Statuses that count (e.g. Completed)."),
      by: z.enum(["owner", "anyone"]).optional().describe("Who must do it (default: owner)."),
    })
    .optional()
    .describe("A logged activity that answers the obligation."),
  within: window,
  target: z.number().min(0).max(1).describe("The share of obligations that must be met, 0..1."),
  calendar: z.string().optional().describe("Count this handoff on this calendar, whoever owns the lead."),
});

const share = z.number().min(0).max(1);
const commitments = commitmentsSchema(z, share);
const clockTime = z
  .string()
  .regex(
    /^([01]\d|2[0-3]):[0-5]\d-(([01]\d|2[0-3]):[0-5]\d|24:00)$/,
    "write working hours as HH:MM-HH:MM, e.g. 09:00-17:30",
  );

const calendar = z.strictObject({
  timezone: z.string().optional().describe("IANA zone; default: the rep's zone (reps file), else the SLA's."),
  days: z
    .array(z.enum(["mon", "tue", "wed", "thu", "fri", "sat", "sun"]))
    .min(1)
    .optional()
    .describe("Working days (default mon-fri)."),
  hours: z.array(clockTime).min(1).describe("Working windows of a day, e.g. [09:00-12:00, 13:00-17:00]."),
  holidays: z
    .strictObject({
      dates: z.array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "write dates as YYYY-MM-DD")).optional(),
      country: z
        .string()
        .optional()
        .describe("ISO country code whose public holidays close the calendar (date-holidays)."),
      region: z.string().optional().describe("Region or state code within the country, e.g. NY, BY."),
    })
    .optional(),
});

const header = z
  .union([z.string().min(1), z.array(z.string().min(1)).min(1)])
  .describe("A header, or several: the first non-empty cell among them wins.");
const columnMap = <K extends string>(keys: readonly K[]) =>
  z.strictObject(
    Object.fromEntries(keys.map((k) => [k, header.optional()])) as Record<K, Zod.ZodOptional<typeof header>>,
  );

const encodings = ["utf-8", "windows-1252", "latin1", "iso-8859-1", "utf-16le", "utf-16be"] as const;
/** What every CSV source may say about how its file is written. */
const fileOptions = {
  date_format: z
    .string()
    .optional()
    .describe('Format of time stamps that are not ISO 8601, e.g. "M/d/yyyy h:mm a" or "dd.MM.yyyy HH:mm".'),
  delimiter: z
    .enum([",", ";", "\t", "|"])
    .optional()
    .describe("Field delimiter (default: detected from the header)."),
  encoding: z
    .enum(encodings)
    .optional()
    .describe(
      "Text encoding (default: UTF-8, or Windows-1252 for a file that is not valid UTF-8; latin1 reads as windows-1252).",
    ),
};

const source = <K extends string>(keys: readonly K[]) =>
  z.strictObject({
    file: z.string().min(1).describe("CSV file, relative to this SLA file."),
    preset: z.enum(["salesforce", "hubspot"]).optional().describe("Known export headers and quirks."),
    columns: columnMap(keys).optional().describe("Header of the column that holds each field."),
    ...fileOptions,
    stages: z
      .record(z.string(), header)
      .optional()
      .describe("Wide form: stage or outcome id -> the column holding the date it was reached."),
  });

const { definitions, engagementSource, lookupSource } = definitionSchemas(z, {
  id,
  window,
  share,
  header,
  fileOptions,
  columns: columnMap(fields.ENGAGEMENT_FIELDS),
});
const money = moneySchemas(z, { header, fileOptions, columnMap });

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
    snapshot_at: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?)?$/, "an ISO 8601 date or time")
      .optional()
      .describe(
        "A status-only snapshot: the leads file has no created_at column; every lead is created and holds its status at this instant (a date: its end).",
      ),
    handoffs: z.array(handoff).optional(),
    calendars: z
      .record(id, calendar)
      .optional()
      .describe("Named business calendars for business-time windows."),
    default_calendar: z
      .string()
      .optional()
      .describe("The calendar of owners nothing else assigns (default: the first)."),
    assign: z
      .strictObject({
        teams: z.record(z.string(), z.string()).optional().describe("Team -> calendar."),
        reps: z.record(z.string(), z.string()).optional().describe("Rep id or name -> calendar."),
      })
      .optional(),
    commitments: commitments.optional(),
    engagement_types: z
      .array(id)
      .min(1)
      .optional()
      .describe(
        "The engagement types behaviour rules and engagement sources name (form_fill, demo_request, …).",
      ),
    definitions: definitions.optional(),
    ...money.topLevel,
    confidence: z.strictObject({ min_sample: z.number().int().min(1).optional() }).optional(),
    coverage: z
      .strictObject({
        max_not_used: share
          .optional()
          .describe(
            "Share of a file's rows that may be not used (default 0.01): above it the report warns, validate and --check fail.",
          ),
      })
      .optional(),
    check: z
      .strictObject({
        max_drop: share
          .optional()
          .describe(
            "With --baseline: a rate or compliance falling more than this many share points is a regression.",
          ),
        max_slowdown: z
          .number()
          .min(0)
          .optional()
          .describe(
            "With --baseline: a median latency rising more than this share (0.25 = 25%) is a regression.",
          ),
      })
      .optional(),
    references: z
      .array(
        z.strictObject({
          field: z.enum(["source", "campaign", "owner", "company", "country", "title", "company_size"]),
          file: z.string().min(1).describe("CSV file listing the known values, relative to this SLA file."),
          column: z.string().min(1).describe("Its column holding the values."),
          delimiter: z.enum([",", ";", "\t", "|"]).optional(),
        }),
      )
      .optional()
      .describe(
        "Lists of known values (products, campaigns, sources): a lead whose value is not listed is a finding.",
      ),
    sources: z.strictObject({
      leads: source(fields.LEAD_FIELDS),
      stage_history: source(fields.HISTORY_FIELDS).optional(),
      activities: z
        .union([source(fields.ACTIVITY_FIELDS), z.array(source(fields.ACTIVITY_FIELDS))])
        .optional()
        .describe("One activities file, or several (e.g. HubSpot's calls, meetings and e-mails)."),
      owner_history: source(fields.OWNER_FIELDS)
        .optional()
        .describe("One row per reassignment: lead, new owner, time."),
      reps: source(fields.REP_FIELDS)
        .optional()
        .describe("One row per rep: id, name, team, time zone, calendar."),
      stage_dates: z
        .array(source(fields.STAGE_DATE_FIELDS))
        .optional()
        .describe("Other wide files: one row per lead, a date column per stage (with `stages:`)."),
      engagements: z
        .union([engagementSource, z.array(engagementSource)])
        .optional()
        .describe("Marketing engagements (form fills, page views, …) for the definitions' behaviour rules."),
      lookups: z
        .array(lookupSource)
        .optional()
        .describe("Files joined to the leads by a key: their other columns become lead fields."),
      ...money.sources,
    }),
  })
  .describe("funnel-audit service-level agreement between marketing and sales");

export type RawSla = Zod.infer<typeof slaSchema>;
export * from "./fields.js";
export type { RawCriterion, RawEngagementSource, RawStageDefinition } from "./schema-definitions.js";

/** The JSON Schema editors use to complete and check SLA files. */
export function slaJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(slaSchema, { target: "draft-2020-12" }) as Record<string, unknown>;
}
