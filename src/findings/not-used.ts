/** The catalogue's findings about rows the audit does not use (each row counted here instead). */

import type { FindingKind } from "./kind.js";

export const NOT_USED_KINDS = {
  bad_created_time: {
    severity: "error",
    drops: true,
    title: "lead's created time is missing or not a date; the lead is not used",
    hint: "export the created date of every lead (CreatedDate / Create Date)",
  },
  missing_id: {
    severity: "error",
    drops: true,
    title: "row has no lead id; not used",
    hint: "fill the id column, or remove the row from the export",
  },
  bad_timestamp: {
    severity: "error",
    drops: true,
    title: "time stamp is not a date; the row is not used",
    hint: "export ISO 8601 time stamps (2026-05-04T09:30:00Z) or a date (2026-05-04)",
  },
  missing_value: {
    severity: "error",
    drops: true,
    title: "required value is empty; the row is not used",
    hint: "fill the value or remove the row",
  },
  unknown_stage: {
    drops: true,
    severity: "error",
    title: "stage value is not declared in the SLA file; the row is not used",
    hint: "add the value to `matches:` of the stage or outcome it means",
  },
  unknown_lead: {
    drops: true,
    severity: "error",
    title: "row names a lead that is not in the leads file; not used",
    hint: "export the leads and their history for the same period and filters",
  },
  duplicate_lead: {
    drops: true,
    severity: "error",
    title: "lead id appears more than once; one row is kept (the earliest created)",
    hint: "deduplicate the leads export (merge the records in the CRM)",
  },
  ambiguous_email: {
    severity: "error",
    drops: true,
    title: "activity names the lead by an e-mail address that several leads share; not used",
    hint: "merge the duplicate leads in the CRM, or export the activities with the lead id",
  },
  duplicate_rep: {
    severity: "error",
    drops: true,
    title: "rep id appears more than once; only its first row is used",
    hint: "list each rep once in the reps file",
  },
  implausible_date: {
    severity: "error",
    drops: true,
    title: "time stamp before 1990 or over a year after the newest lead; not used (nor as the as-of)",
    hint: "fix the date in the CRM; placeholder dates like 0001-01-01 or 9999-12-31 are not real",
  },
  report_footer: {
    severity: "info",
    drops: true,
    title:
      "footer row at the end of the file (report title, copyright, generated-by, grand totals, a totals row of numbers); not data",
    hint: "nothing to do: report exports end this way",
  },
  summary_row: {
    severity: "warning",
    drops: true,
    title: "a row of numbers only between data rows (a subtotal or a pasted sum); not used",
    hint: "export the report as details only (no subtotals), or delete the row",
  },
  owner_id_row: {
    severity: "info",
    drops: true,
    title: "owner change logged a second time with user ids; the row with names is used",
    hint: "nothing to do: Salesforce logs each owner change twice",
  },
  other_field: {
    severity: "info",
    drops: true,
    title: "history row about another field or event (created, converted, …); not a stage or owner change",
    hint: "nothing to do, or export only Status and Owner history",
  },
  after_as_of: {
    severity: "info",
    drops: true,
    title: "event after the as-of instant; not counted",
    hint: "pass a later --as-of to include it",
  },
  repeated_header: {
    severity: "warning",
    drops: true,
    title: "the header row again in the middle of the file (two exports joined into one); not data",
    hint: "nothing to do if the exports were meant to be joined; a history row exported twice is used once (duplicate_history_row)",
  },
  engagement_unknown_lead: {
    severity: "error",
    drops: true,
    title: "engagement names a lead (id or e-mail) that is not in the leads file; not used",
    hint: "export the engagements with the CRM's lead id (Marketo sfdcLeadId, Pardot crm_lead_fid), or map lead_email: to the e-mail column",
  },
  engagement_type_unmapped: {
    severity: "info",
    drops: true,
    title: "engagement's raw type is named by no rule of the source's types: (nor ignore:); not used",
    hint: "map the value to an engagement type under the source's types:, or list it under ignore:",
  },
  engagement_time_unreadable: {
    severity: "error",
    drops: true,
    title: "engagement's time stamp is empty or not a date; not used",
    hint: "export ISO 8601 time stamps, set date_format: (or epoch: epoch_ms) on the engagements source",
  },
  engagement_date_only: {
    severity: "error",
    drops: true,
    title: "engagement has a date without a time, and the source says date_only: reject; not used",
    hint: "export the time of day, or set date_only: start_of_day or end_of_day on the source",
  },
} as const satisfies Record<string, FindingKind>;
