/** What an export file is, from its header: preset, role and which column holds each field. */

/*
 * The preset that wrote it, its role (leads, stage history, activities, wide stage dates) and which
 * column holds each field.
 */

import { PRESETS, type PresetName } from "../config/presets.js";
import type { DateColumnTally } from "../time/date-layout.js";
import type { SourceKind } from "../types.js";
import { recognizeAccounts } from "./accounts.js";

export interface FileSummary {
  /** Path as the user gave it. */
  path: string;
  header: string[];
  rows: number;
  /** Distinct values (with counts) of the columns that may hold stage values. */
  values: Record<string, Map<string, number>>;
  /** An accounts export's key candidates filled and distinct in every data row (init/lookups.ts). */
  unique: Set<string>;
  /** Per column index, how its values fit the numeric date layouts (src/time/date-layout.ts). */
  dates?: Map<number, DateColumnTally>;
  /** The encoding the file was read in when it is not UTF-8 (written into the draft). */
  encoding?: string;
}

const fold = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_\-./]+/g, " ");

// Generic header synonyms, folded; the first present wins.
const SYNONYMS: Record<string, string[]> = {
  id: [
    "id",
    "lead id",
    "leadid",
    "record id",
    "contact id",
    "mql id",
    "opportunity id",
    "deal id",
    "prospect id",
  ],
  lead_id: ["lead id", "leadid", "whoid", "mql id", "opportunity id", "record id", "contact id"],
  created_at: [
    "created at",
    "created",
    "create date",
    "created date",
    "created time",
    "createddate",
    "first contact date",
    "engage date",
    "date created",
  ],
  owner: [
    "owner",
    "lead owner",
    "contact owner",
    "owner name",
    "sales agent",
    "assigned to",
    "activity assigned to",
    "activity owner",
    "sr id",
    "sdr id",
    "call owner",
    "owner id",
    "owner employee id",
    "owneremployeeid",
    "ownerid",
  ],
  source: ["source", "lead source", "leadsource", "origin", "original source", "lead source type", "channel"],
  campaign: ["campaign", "campaign name", "landing page id", "product"],
  company: ["company", "company name", "account", "account name"],
  email: ["email", "email address"],
  first_name: ["first name", "firstname"],
  last_name: ["last name", "lastname"],
  title: ["title", "job title"],
  country: ["country", "country region"],
  stage: [
    "status",
    "lead status",
    "stage",
    "deal stage",
    "lifecycle stage",
    "new value",
    "newvalue",
    "stagename",
  ],
  field: ["field", "field event"],
  // A status-only snapshot's outcome flag (lead-scoring exports: Converted 0/1).
  converted: ["converted", "is converted", "isconverted"],
  stage_at: [
    "close date",
    "closed date",
    "status date",
    "stage date",
    "last status change",
    "status change date",
    "status changed",
    "last stage change",
    "date of last status change",
  ],
  at: [
    "at",
    "date",
    "changed at",
    "created at",
    "createddate",
    "created date",
    "edit date",
    "activity date",
    "occurred at",
    "call start time",
    "completeddatetime",
  ],
  type: ["type", "activity type", "call type", "task subtype", "tasksubtype", "engagement type"],
  status: ["status", "call outcome"],
  reason: ["reason", "loss reason", "disqualified reason", "disqualifiedreason", "lost reason", "lossreason"],
  old_value: ["old value", "oldvalue"],
  // Activities: the lead's id, never "record id" (an activity export's own id).
  activity_lead_id: [
    "lead id",
    "leadid",
    "whoid",
    "associated contact ids",
    "associated contact id",
    "contact id",
  ],
  lead_email: ["associated contact email", "contact email", "email", "email address"],
};

export function findColumn(header: readonly string[], field: string): string | undefined {
  const folded = header.map(fold);
  for (const s of SYNONYMS[field] ?? [field]) {
    const i = folded.indexOf(s);
    if (i >= 0) return header[i];
  }
  return undefined;
}

/** Every header that may hold the field (all its synonyms present). */
export function findColumns(header: readonly string[], field: string): string[] {
  const wanted = new Set(SYNONYMS[field] ?? [field]);
  return header.filter((h) => wanted.has(fold(h)));
}

/** The preset whose headers this file carries (three or more of a preset's lead, history or activity columns). */
export function detectPreset(header: readonly string[]): { preset: PresetName; kind: SourceKind } | null {
  const folded = new Set(header.map(fold));
  let best: { preset: PresetName; kind: SourceKind; score: number } | null = null;
  for (const [preset, kinds] of Object.entries(PRESETS) as [PresetName, (typeof PRESETS)[PresetName]][]) {
    for (const [kind, defaults] of Object.entries(kinds) as [
      SourceKind,
      { columns: Record<string, string[]> },
    ][]) {
      const has = (field: string) => (defaults.columns[field] ?? []).some((n) => folded.has(fold(n)));
      // A preset's file must carry its key columns, not just a few common names.
      const keys = kind === "leads" ? ["id", "created_at"] : ["lead_id", "at"];
      if (!keys.every(has)) continue;
      const score = Object.values(defaults.columns).filter((names) =>
        names.some((n) => folded.has(fold(n))),
      ).length;
      if (score >= 3 && (!best || score > best.score)) best = { preset, kind, score };
    }
  }
  // HubSpot's lifecycle date columns are a strong sign on their own.
  if (!best && header.some((h) => /^(became an? .+ date|date entered .+lifecycle stage pipeline)/i.test(h)))
    return { preset: "hubspot", kind: "leads" };
  return best && { preset: best.preset, kind: best.kind };
}

/** A converted flag's two values, false first ("0"/"1", "No"/"Yes"), or null when it has others. */
export function flagValues(values: ReadonlyMap<string, number> | undefined): [string[], string[]] | null {
  if (!values || values.size === 0) return null;
  const no: string[] = [];
  const yes: string[] = [];
  for (const v of values.keys()) {
    if (/^(0|no|false|n)$/i.test(v)) no.push(v);
    else if (/^(1|yes|true|y)$/i.test(v)) yes.push(v);
    else return null;
  }
  return [no.sort(), yes.sort()];
}

/** Date columns named after a stage ("won_date", "Became a Customer Date"): a wide-form file. */
export function stageDateColumns(header: readonly string[], taken: readonly string[]): string[] {
  return header.filter(
    (h) =>
      !taken.includes(h) &&
      /(date|_at|time)\b|^became|^date entered/i.test(h) &&
      !/(created|create|modified|birth|due|last|first contact|engage)/i.test(h),
  );
}

/** What a file is, recognised by its field names (API names or report labels), whatever the order of the files. */
export interface Recognized {
  /** The object or export it is ("Salesforce Task", "HubSpot contacts"). */
  object: string;
  /** Its role in the SLA file; `unused` with `why`. */
  role:
    | "leads"
    | "stage_history"
    | "activities"
    | "reps"
    | "opportunities"
    | "opportunity_history"
    | "lookup"
    | "unused";
  preset: PresetName;
  why?: string;
}

// Letters and digits only: "TaskSubtype", "TASKSUBTYPE" and "Task Subtype" are one name.
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** How many of the names the header has. */
const countOf = (have: ReadonlySet<string>, names: readonly string[]) =>
  names.filter((n) => have.has(n)).length;

/**
 * The Salesforce object (Lead, LeadHistory, Task, Event, User, Contact) or HubSpot contacts export
 * a header belongs to, or null. Each test asks for fields only that object carries, so a Task
 * (WhoId, Subject, CreatedDate) is never taken for leads.
 */
export function recognizeFile(header: readonly string[]): Recognized | null {
  const have = new Set(header.map(squash));
  const any = (...names: string[]) => countOf(have, names) > 0;
  const who = any("whoid", "nameid");
  if (who && any("startdatetime", "durationinminutes", "isalldayevent", "eventsubtype"))
    return {
      object: "Salesforce Event",
      role: "activities",
      preset: "salesforce",
      why: "events are meetings: read as activities of type meeting at their start",
    };
  if (
    who &&
    any("subject") &&
    any("tasksubtype", "activitydate", "duedate", "calltype", "calldurationinseconds")
  )
    return { object: "Salesforce Task", role: "activities", preset: "salesforce" };
  if (countOf(have, ["username", "profileid", "timezonesidkey", "userroleid", "federationidentifier"]) >= 2)
    return { object: "Salesforce User", role: "reps", preset: "salesforce" };
  const opportunity = recognizeOpportunity(have);
  if (opportunity) return opportunity;
  if (any("leadid") && any("field", "fieldevent") && any("oldvalue", "newvalue"))
    return { object: "Salesforce LeadHistory", role: "stage_history", preset: "salesforce" };
  if (
    any("id", "leadid") &&
    any("company", "companyaccount") &&
    any("status", "leadstatus") &&
    any("leadsource", "isconverted", "convertedcontactid", "converteddate") &&
    // Salesforce's created field (API name or report label): Zoho's "Created Time" is not it.
    any("createddate", "createdate")
  )
    return { object: "Salesforce Lead", role: "leads", preset: "salesforce" };
  if (any("accountid") && any("email") && !any("company", "status", "leadstatus"))
    return {
      object: "Salesforce Contact",
      role: "unused",
      preset: "salesforce",
      why: "contacts are not leads; tasks of converted leads reach them through the leads file's ConvertedContactId",
    };
  const accounts = recognizeAccounts(have);
  if (accounts) return accounts;
  if (
    any("recordidcontact") ||
    (any("recordid", "contactid") && any("lifecyclestage") && any("email", "createdate"))
  )
    return { object: "HubSpot contacts", role: "leads", preset: "hubspot" };
  return null;
}

/** A Salesforce Opportunity, OpportunityHistory or OpportunityFieldHistory, or a HubSpot deals export. */
function recognizeOpportunity(have: ReadonlySet<string>): Recognized | null {
  const any = (...names: string[]) => countOf(have, names) > 0;
  if (any("opportunityid") && any("field", "fieldevent") && any("oldvalue", "newvalue"))
    return {
      object: "Salesforce OpportunityFieldHistory",
      role: "opportunity_history",
      preset: "salesforce",
    };
  if (any("opportunityid") && any("stagename") && any("createddate"))
    return { object: "Salesforce OpportunityHistory", role: "opportunity_history", preset: "salesforce" };
  if (any("stagename") && any("amount") && any("isclosed", "iswon", "closedate"))
    return { object: "Salesforce Opportunity", role: "opportunities", preset: "salesforce" };
  if (any("dealstage") && any("recordid", "dealid", "recordiddeal") && any("amount", "closedate"))
    return { object: "HubSpot deals", role: "opportunities", preset: "hubspot" };
  return null;
}
