/** The catalogue's findings about rows the audit uses, or files it reads, with something to note. */

import type { FindingKind } from "./kind.js";

export const NOTED_KINDS = {
  status_at_creation: {
    severity: "info",
    drops: false,
    title:
      "current status without a date of its own: placed at the lead's creation, so its step times read 0",
    hint: 'map stage_at: to the column holding the date of the status (e.g. "Last Status Change", "Status Date"), or export the stage history',
  },
  untyped_activity: {
    severity: "warning",
    drops: false,
    title: "activity row without a type; kept, it counts only for handoffs that name no type",
    hint: 'map type: to a filled column (Salesforce: TaskSubtype or CallType), or give a constant (type: "=call") when the file holds one kind',
  },
  duplicate_email: {
    severity: "warning",
    drops: false,
    title: "several leads share one e-mail address",
    hint: "merge duplicate leads in the CRM",
  },
  empty_column: {
    severity: "warning",
    drops: false,
    title: "most rows of a file are not used because one column is empty",
    hint: "map the field to a column that is filled (the message names both), or give it a constant",
  },
  missing_owner: {
    severity: "warning",
    drops: false,
    title: "lead has no owner",
    hint: "assign an owner; unowned leads have nobody to follow them up",
  },
  missing_source: {
    severity: "warning",
    drops: false,
    title: "lead has no source",
    hint: "make the lead source a required field on every form and import",
  },
  junk_name: {
    severity: "warning",
    drops: false,
    title: "placeholder name (junk or test lead)",
    hint: "delete test records, or add a form check",
  },
  invalid_email: {
    severity: "warning",
    drops: false,
    title: "e-mail address cannot be delivered to",
    hint: "validate e-mail addresses on the form",
  },
  before_created: {
    drops: false,
    severity: "warning",
    title: "event dated before its lead was created; the lead counts as created then",
    hint: "check the lead's created date or the event's time stamp",
  },
  backward_move: {
    drops: false,
    severity: "warning",
    title: "lead moved back to an earlier stage without an outcome; not a new entry",
    hint: "recycle leads with a declared outcome (e.g. Recycled) so they start a new journey",
  },
  after_end: {
    drops: false,
    severity: "warning",
    title: "outcome after the journey had already ended; ignored",
    hint: "check the lead's status history for a double close",
  },
  ragged_row: {
    drops: false,
    severity: "warning",
    title: "row has a different number of cells than the header",
    hint: "check the delimiter and quoting of this row",
  },
  unknown_status: {
    severity: "warning",
    drops: false,
    title: "lead's current status is not declared in the SLA file; only its dates count",
    hint: "add the value to `matches:` of the stage or outcome it means",
  },
  status_superseded: {
    severity: "info",
    drops: false,
    title: "lead's current status disagrees with its dated history, which is used instead",
    hint: "check the lead: its status was not updated, or its history is wrong",
  },
  bad_stage_date: {
    severity: "warning",
    drops: false,
    title: "a stage date column holds something that is not a date; that stage is not counted for the lead",
    hint: "export the lifecycle date columns as dates, or set date_format: on the source",
  },
  unknown_reference: {
    severity: "warning",
    drops: false,
    title: "value is not in its reference list (a typo, or a list to update)",
    hint: "correct the value in the CRM, or add it to the reference file",
  },
  unknown_rep: {
    severity: "warning",
    drops: false,
    title: "activity by someone who is not in the reps file",
    hint: "add the person to the reps file, or check the activity's owner",
  },
  bad_rep: {
    severity: "warning",
    drops: false,
    title: "rep's time zone or calendar is not known; the SLA's default is used",
    hint: "use an IANA zone (America/Chicago) and a calendar declared under calendars:",
  },
  disposable_email: {
    severity: "warning",
    drops: false,
    title: "e-mail address at a disposable (throw-away) domain",
    hint: "block disposable domains on the form; these leads rarely buy",
  },
  long_cell: {
    severity: "warning",
    drops: false,
    title:
      "a cell holds more than 10,000 characters (a broken quote or a pasted document); its first and last 100 characters are used (an id is kept whole)",
    hint: "check the quoting of the row in the export; no CRM field needs this much text",
  },
  bad_bytes: {
    severity: "warning",
    drops: false,
    title:
      "row holds bytes that are not text (a NUL, or bytes that are not UTF-8 in a file read as UTF-8, shown as replacement characters)",
    hint: "re-export the file as UTF-8 (Excel: CSV UTF-8), or drop `encoding: utf-8` from the source so a file that is not UTF-8 is read as Windows-1252",
  },
  encoding_detected: {
    severity: "info",
    drops: false,
    title: "file is not UTF-8; the whole file is read as Windows-1252",
    hint: "set `encoding:` on the source to force one (utf-8, windows-1252, utf-16le, …)",
  },
  repeated_column: {
    severity: "info",
    drops: false,
    title: "a column name appears more than once (an associated record's columns); the first is used",
    hint: 'nothing to do, or name another one in the SLA file as "Name#2" (the second column so named)',
  },
  spreadsheet_id: {
    severity: "warning",
    drops: false,
    title:
      "id written in scientific notation (1.18174E+11): the file was re-saved by a spreadsheet; digits are lost and ids may collide",
    hint: "export the file again from the CRM and do not open and save it in a spreadsheet; or import the id column as text",
  },
  value_variants: {
    severity: "warning",
    drops: false,
    title: "source or campaign values that differ only by case or spacing; counted apart in breakdowns",
    hint: "make the values one in the CRM (a picklist instead of free text)",
  },
  test_record: {
    severity: "warning",
    drops: false,
    title: "test record (test name, test e-mail or company); still counted in the figures",
    hint: "delete test records in the CRM, or filter them out of the export",
  },
  date_layout: {
    severity: "info",
    drops: false,
    title: "date column read in one layout (day or month first), decided from all its values",
    hint: "if the layout is wrong, set date_format: on the source",
  },
  duplicate_history_row: {
    severity: "info",
    // The row is read and its change used, once: it counts as used (coverage), not lost.
    drops: false,
    title: "history row repeats another (same lead, change and time); counted once",
    hint: "nothing to do: the change is used once",
  },
  rows_unaccounted: {
    severity: "error",
    drops: false,
    title: "rows read that the audit neither used nor counted as not used (a bug in funnel-audit)",
    hint: "please report it with the file's header and the rows named; the figures may rest on fewer rows than stated",
  },
  outlier_date: {
    severity: "warning",
    drops: false,
    title:
      "time stamp far from the rest of the data (a hole of months or years between them); kept, but it moves neither the default period nor the as-of",
    hint: "check the date in the CRM (a wrong year?); pass --from/--as-of to include it on purpose",
  },
  engagement_duplicate: {
    severity: "info",
    // The row is read and agrees with another: the engagement counts once, the row as used.
    drops: false,
    title: "engagement repeats another (same lead, type and instant); counted once",
    hint: "nothing to do: a double submission or an export that overlaps counts once",
  },
  engagement_bridge_unknown_lead: {
    severity: "warning",
    // A row of the lead_key: file, no input of the audit: its vendor id's engagements are engagement_unknown_lead.
    drops: false,
    title:
      "lead_key: row maps a vendor id to a lead id or e-mail that is no lead of the leads file (or several)",
    hint: "export the bridge and the leads together, or fill the CRM id (sfdcLeadId, crm_lead_fid) in the vendor",
  },
  engagement_joined_by_email: {
    severity: "info",
    // One per bridged source: its rows are used, joined by the row's e-mail where the bridge has no lead.
    drops: false,
    title:
      "engagement rows whose vendor id the lead_key: file maps to no lead reached their lead by the row's own e-mail",
    hint: "nothing to do if the e-mails are right; export the bridge again to join these rows by id",
  },
} as const satisfies Record<string, FindingKind>;
