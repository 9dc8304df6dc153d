/** What the readers make of the input files: leads, history events, activities, reps, findings. */

import type { Millis, Place, Severity } from "./base.js";
import type { Dimension } from "./config.js";

export interface Lead {
  id: string;
  place: Place;
  /** Null when the created time is missing or unreadable (the lead then starts at its first event). */
  createdAt: Millis | null;
  owner: string | null;
  source: string | null;
  campaign: string | null;
  company: string | null;
  email: string | null;
  name: string | null;
  title: string | null;
  companySize: string | null;
  country: string | null;
  /** The contact a converted lead became (Salesforce): activities re-parented to it still count. */
  convertedContactId: string | null;
  /** The opportunity a converted lead became (Salesforce ConvertedOpportunityId); absent: none. */
  convertedOpportunityId?: string;
  /** The leads file's other columns (header -> value), for breakdowns by any column. */
  extra?: Record<string, string>;
}

interface EventBase {
  leadId: string;
  at: Millis;
  place: Place;
  /** Owner named on the row (the owner at that instant), when the file has one. */
  owner: string | null;
}

/** A row of stage history that means a declared stage. */
export interface StageEvent extends EventBase {
  kind: "stage";
  stage: string;
  raw: string;
  reason: string | null;
}

/** A row of stage history that means a declared outcome (recycled, disqualified, lost). */
export interface OutcomeEvent extends EventBase {
  kind: "outcome";
  outcome: string;
  raw: string;
  reason: string | null;
}

/** A row of stage history with no stage, only a new owner: a reassignment. */
export interface OwnerEvent extends EventBase {
  kind: "owner";
  owner: string;
}

export type HistoryEvent = StageEvent | OutcomeEvent | OwnerEvent;

export interface Activity {
  leadId: string;
  owner: string | null;
  type: string;
  subtype: string | null;
  status: string | null;
  at: Millis;
  place: Place;
}

/** One data problem found in one row (aggregated by code in the report). */
export interface Finding {
  code: string;
  severity: Severity;
  place: Place;
  column?: number;
  leadId?: string;
  /** The offending value, quoted in examples. */
  value?: string;
  message: string;
  hint?: string;
}

/** A sales rep from the reps file: who owns leads, on which calendar and zone. */
export interface Rep {
  id: string;
  name: string | null;
  team: string | null;
  timezone: string | null;
  calendar: string | null;
  place: Place;
}

/** The Lead property behind each dimension. */
export const DIMENSION_FIELD: Record<Dimension, keyof Lead> = {
  source: "source",
  campaign: "campaign",
  owner: "owner",
  company: "company",
  country: "country",
  title: "title",
  company_size: "companySize",
};
