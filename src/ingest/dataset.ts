/** The dataset ingest hands on: leads, reps, history and activities by lead, findings, spans. */

import type { LookupRows } from "../definition/lookup-rows.js";
import type { Finding, Lead, Millis, Opportunity, Rep } from "../types.js";
import type { ActivityRows } from "./store/activity-rows.js";
import type { EngagementRows } from "./store/engagement-rows.js";
import type { History } from "./store/history.js";

export interface Dataset {
  /** Unique leads, sorted by id. */
  leads: Lead[];
  /** Reps from the reps file (empty without one), sorted by id. */
  reps: Rep[];
  /** The stage history (stage, outcome and owner rows), by lead. */
  history: History;
  /** The activities read, or (compact ingest) those that can answer an obligation, by lead. */
  activities: ActivityRows;
  /** Marketing engagements (sources.engagements), by lead; absent when the SLA has no engagements source. */
  engagements?: EngagementRows;
  /** Rows of the engagements files read, used (kept, failing `where`, ignored types) and kept per type. */
  engagementRows?: { rows: number; used: number; byType: Record<string, number> };
  /**
   * The lead fields the definitions name (definitionFields) and where a lead holds each: a
   * property of Lead (canonical fields) or a key of Lead.extra (a header of the leads file).
   */
  definitionFields?: Record<string, { lead: string } | { extra: string }>;
  /** Each `sources.lookups` file's key lines, so that `trace` names the row a value came from. */
  lookupRows?: LookupRows[];
  /** The lists `in_file` tests name, by path: the column's values trimmed, lower-cased, sorted, unique. */
  lists?: Record<string, string[]>;
  /** Opportunities (sources.opportunities), sorted by id; absent when the SLA names none. */
  opportunities?: Opportunity[];
  /** Compact ingest: every owner named by an activity, kept or not. */
  activityOwners?: string[];
  findings: Finding[];
  /** Earliest and latest valid time stamp in all inputs; null when there is none. */
  earliest: Millis | null;
  latest: Millis | null;
  /** Headers of the leads file's columns no field uses (breakdowns by any column). */
  extraColumns?: string[];
  /** Rows read per file (header excluded). */
  rowCounts: Record<string, number>;
  /** Rows that entered the dataset, counted as they did, per file: activities, reps, references. */
  usedRows?: Record<string, number>;
  /** Per file, the headers each field was read from (messages name the column at fault). */
  columns?: Record<string, Record<string, string[]>>;
}
