/** Which file plays which part in the draft, and the handoffs the draft writes. */

/*
 * Each file is recognised by its field names (detect.ts); the leads file is picked whatever the
 * order given.
 */

import { UserError } from "../errors.js";
import type { SourceKind } from "../types.js";
import { detectPreset, type FileSummary, findColumn, type Recognized, recognizeFile } from "./detect.js";

export type Role = { f: FileSummary; detected: ReturnType<typeof detectPreset>; rec: Recognized | null };

/** Each file with what it is: a recognised object, else the preset layout its header carries. */
export function assignRoles(files: readonly FileSummary[]): Role[] {
  return files.map((f) => {
    const rec = recognizeFile(f.header);
    const detected =
      rec && rec.role !== "unused" && rec.role !== "reps" && rec.role !== "lookup"
        ? { preset: rec.preset, kind: rec.role as SourceKind }
        : rec
          ? null
          : detectPreset(f.header);
    return { f, detected, rec };
  });
}

/** What init looked for, for the refusal when no file is a leads export. */
const LOOKED_FOR = [
  "a Salesforce Lead export (Id, Company, Status, LeadSource or IsConverted)",
  "a HubSpot contacts export (Record ID - Contact, or Record ID / Contact ID with Lifecycle Stage)",
  "any file with a lead id column (Id, Lead ID, Record ID, …) and a created-time column (CreatedDate, Create Date, Created, …)",
];

/**
 * The leads file: a recognised Lead or contacts export, else a preset's leads layout, else an id
 * and a created time. None: a UserError (exit 2) saying what was looked for; nothing is written.
 */
export function pickLeads(roles: readonly Role[]): Role {
  const biggest = (list: Role[]) => [...list].sort((a, b) => b.f.rows - a.f.rows)[0];
  const leads =
    biggest(roles.filter((r) => r.rec?.role === "leads")) ??
    roles.find((r) => !r.rec && r.detected?.kind === "leads") ??
    likeliestLeads(
      roles.filter(
        (r) => !r.rec && !r.detected && findColumn(r.f.header, "id") && findColumn(r.f.header, "created_at"),
      ),
    );
  if (leads) return leads;
  const seen = roles.map((r) => `  ${r.f.path}: ${r.rec ? `a ${r.rec.object} export` : "not recognised"}`);
  throw new UserError(
    `init: no leads file among the ${roles.length} given; nothing written. It looked for:\n${LOOKED_FOR.map((l) => `  - ${l}`).join("\n")}\nThe files:\n${seen.join("\n")}\nAdd the leads export (Salesforce Lead.csv, HubSpot contacts) to the files given.`,
  );
}

// An activity export's marks, in its name or its headers (Zoho's Calls.csv also has LEADID and Created Time).
const ACTIVITY_NAME = /call|task|event|activit|meeting|e-?mails?\b|note|engagement/i;
const ACTIVITY_HEADER = /^(subject|call .*|.*duration.*|activity .*|task.*|event .*|meeting .*|due date)$/i;
const LEADS_NAME = /lead|contact|prospect|people|person/i;

/**
 * Of several files with an id and a created time, the one most like a leads export: a status
 * column, a name like Leads.csv, no activity marks (Subject, Call Type, Duration, …); then the
 * most rows. Not the order given.
 */
function likeliestLeads(candidates: Role[]): Role | undefined {
  const score = (r: Role) => {
    const name = r.f.path.split(/[\\/]/).pop() ?? "";
    const activityColumns = r.f.header.filter((h) => ACTIVITY_HEADER.test(h.trim())).length;
    return (
      (findColumn(r.f.header, "stage") ? 2 : 0) +
      (LEADS_NAME.test(name) ? 2 : 0) -
      (ACTIVITY_NAME.test(name) ? 3 : 0) -
      (activityColumns >= 2 ? 2 : 0)
    );
  };
  return [...candidates].sort((a, b) => score(b) - score(a) || b.f.rows - a.f.rows)[0];
}

/**
 * The handoffs of the draft: with activities, a follow-up rule in calendar days (which needs no
 * calendar); a business-time example stays commented, with the calendar it needs beside it.
 */
export function handoffLines(from: string, next: string, activities: boolean, timezone: string): string[] {
  const example = `#   - { id: ${from}-response, from: ${from}, to: [${next}], within: 1bd, calendar: office, target: 0.9 }`;
  const calendar = [
    "# Business-time windows (1bd, 4bh) need a calendar; uncomment it with the example above:",
    "# calendars:",
    `#   office: { timezone: ${timezone}, days: [mon, tue, wed, thu, fri], hours: ["09:00-17:00"] }`,
  ];
  if (!activities) return ["# handoffs:", example, ...calendar];
  return [
    "handoffs:",
    `  # Follow-up: the owner logs an activity within a day of the lead reaching ${from}. Any activity`,
    "  # type counts; narrow it with types: [Call, Email] (and subtypes:, statuses:).",
    `  - { id: first-touch, from: ${from}, activity: { by: owner }, within: 1d, target: 0.8 }`,
    example,
    ...calendar,
  ];
}
