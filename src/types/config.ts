/** The SLA as the pipeline uses it: stages, outcomes, handoffs, calendars, sources, commitments. */

import type { CalendarDef, ClockWindow, Millis } from "./base.js";
import type { EngagementMapping, LeadDefinitions } from "./definition.js";

export interface StageDef {
  id: string;
  label: string;
  matches: string[];
  /** Position in the waterfall, 0 for the first stage. */
  index: number;
}

export interface OutcomeDef {
  id: string;
  label: string;
  matches: string[];
  /** Stage a recycled lead starts its next journey in; null for a final exit. */
  returnsTo: string | null;
}

/** A duration as written in the SLA file (`4h`, `2bd`) and what the clock makes of it. */
export interface Window extends ClockWindow {
  text: string;
}

/** Which logged activities answer a handoff; an empty list places no condition. */
export interface ActivityRule {
  types: string[];
  subtypes: string[];
  statuses: string[];
  by: "owner" | "anyone";
}

export interface HandoffDef {
  id: string;
  description: string | null;
  from: string;
  /** Stages or outcomes whose entry answers the obligation. */
  to: string[];
  activity: ActivityRule | null;
  within: Window;
  target: number;
  /** Count this handoff on this calendar whoever owns the lead (default: the owner's calendar). */
  calendar: string | null;
}

export type SourceKind =
  | "leads"
  | "stage_history"
  | "activities"
  | "owner_history"
  | "reps"
  | "stage_dates"
  | "reference"
  | "engagements"
  | "lookup"
  | "opportunities"
  | "opportunity_history";

/** The text encodings a source may name (`encoding:`); latin1 and iso-8859-1 read as windows-1252. */
export type EncodingName = "utf-8" | "windows-1252" | "latin1" | "iso-8859-1" | "utf-16le" | "utf-16be";

export interface SourceDef {
  kind: SourceKind;
  /** The path as messages name it: the SLA file's `file:` joined to the SLA file's folder. */
  file: string;
  /** The path to open (the same, today; kept apart so a later change can differ). */
  path: string;
  /** Canonical field -> candidate headers, in order: the first non-empty cell among them wins. */
  columns: Record<string, string[]>;
  /** Fields whose column was named explicitly in the SLA file (must exist). */
  explicit: string[];
  preset: "salesforce" | "hubspot" | "marketo" | null;
  /** Format of non-ISO time stamps; null: ISO and unambiguous formats only. */
  dateFormat: string | null;
  /** True when the SLA file declared the format (then it is the only one); false when a preset suggested it. */
  dateFormatDeclared: boolean;
  /** Wide columns derived by a preset (HubSpot lifecycle dates) may be absent. */
  stagesOptional: boolean;
  /** Field delimiter; null: detected from the header line. */
  delimiter: string | null;
  /** Text encoding (`encoding:`); null or absent: UTF-8, or Windows-1252 for a file that is not valid UTF-8. */
  encoding?: EncodingName | null;
  /** Wide form: stage or outcome id -> candidate headers of the column holding its date. */
  stages: Record<string, string[]>;
  /** Where the SLA file names this file (its `file:` value), for errors about the file itself. */
  declared?: { line: number; column: number; path: string };
  /** The `file:` pattern this file matched: the files of one pattern decide their date layout together. */
  pattern?: string;
  /** An `engagements:` source: how its rows become engagements (issue 19). */
  engagement?: EngagementMapping;
  /** A `sources.lookups` file: the lead field or leads-file column its `key` column matches. */
  lookupOn?: string;
  /** `sources.lookups` `fields:`: the lookup's columns read as lead fields (absent: every column but the key). */
  lookupFields?: string[];
  /** Opportunity sources: the amounts' decimal mark when the values cannot decide it (`decimal_mark:`). */
  decimalMark?: "." | "," | null;
}

export type SkippedStagesPolicy = "backfill" | "strict" | "eligible";
export type ReassignPolicy = "restart" | "keep";

export interface SlaConfig {
  /** The SLA file's path, for messages. */
  file: string;
  version: 1;
  name: string | null;
  timezone: string;
  stages: StageDef[];
  outcomes: OutcomeDef[];
  skippedStages: SkippedStagesPolicy;
  onReassign: ReassignPolicy;
  conversionWindow: Window | null;
  handoffs: HandoffDef[];
  calendars: CalendarDef[];
  /** Calendar of owners the reps file and `assign` say nothing about. */
  defaultCalendar: string | null;
  assign: { teams: Record<string, string>; reps: Record<string, string> };
  commitments: Commitments | null;
  /** The written lead definition (`definitions:` and `engagement_types:`); null when the SLA has none. */
  definitions: LeadDefinitions | null;
  /** How money is reported (`money:`, issue 21); null when the SLA says nothing of it. */
  money?: MoneyConfig | null;
  /** Raw opportunity stages that mean won or lost (`opportunity_stages:`, compared ignoring case); `open`: null when every other stage is open. */
  opportunityStages?: { won: string[]; lost: string[]; open: string[] | null };
  /** Week-over-week thresholds for --baseline (null: changes are shown, never a regression). */
  regressions: { maxDrop: number | null; maxSlowdown: number | null };
  /** Below this many decided cases a rate is flagged as too small a sample to judge. */
  minSample: number;
  /** The share of a file's rows that may be not used before the report warns and --check fails. */
  maxNotUsed: number;
  /** A status-only snapshot (`snapshot_at`): the instant its leads are created and hold their status. */
  snapshotAt: Millis | null;
  /** Lists of known values of a lead field (its `value` column). */
  references: {
    field: "source" | "campaign" | "owner" | "company" | "country" | "title" | "company_size";
    source: SourceDef;
  }[];
  sources: {
    leads: SourceDef;
    stage_history: SourceDef | null;
    activities: SourceDef[];
    owner_history: SourceDef | null;
    reps: SourceDef | null;
    stage_dates: SourceDef[];
    /** Marketing engagements (form fills, page views, …) for the definition's behaviour rules. */
    engagements: SourceDef[];
    /** Files joined to the leads by a key: their other columns become the leads' extra fields. */
    lookups?: SourceDef[];
    /** Opportunities (issue 21), and their stage and amount changes. */
    opportunities?: SourceDef[];
    opportunity_history?: SourceDef[];
  };
}

/** Both teams' promises, judged per period (docs/definitions.md, Commitments). */
export interface Commitments {
  period: "week" | "month";
  marketing: {
    /** The stage marketing delivers (MQL) and the one that means sales accepted it. */
    mqlStage: string;
    acceptedStage: string;
    /** At least this many MQLs per period. */
    mqls: number | null;
    /** At least this share of decided MQLs accepted by sales. */
    acceptance: number | null;
    /** At least this share of MQL entries meeting the written definition (`definitions:`). */
    definition?: number | null;
    /** At least this much marketing-sourced pipeline created per period (reporting currency). */
    pipeline?: number | null;
  };
  sales: {
    /** Handoffs whose own target must hold every period. */
    handoffs: string[];
    /** At least this share of the listed outcomes carry a reason. */
    reasons: number | null;
    reasonOutcomes: string[];
    /** At least this much revenue won per period (reporting currency). */
    revenue?: number | null;
  };
}

/** Lead dimensions reports break down by, and reference lists check. */
export const DIMENSIONS = [
  "source",
  "campaign",
  "owner",
  "company",
  "country",
  "title",
  "company_size",
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

/** Every source of an SLA, in reading order (reps, leads, lookups, history, owner changes, wide dates, activities). */
export function allSources(config: SlaConfig): SourceDef[] {
  const s = config.sources;
  return [
    s.reps,
    s.leads,
    ...(s.lookups ?? []),
    s.stage_history,
    s.owner_history,
    ...s.stage_dates,
    ...s.activities,
    ...(s.engagements ?? []),
    ...(s.opportunities ?? []),
    ...(s.opportunity_history ?? []),
  ].filter((x): x is SourceDef => x !== null);
}

/** `money:` in the SLA file: the currency figures are reported in, and the rates to it. */
export interface MoneyConfig {
  /** The reporting currency (ISO code); null: the one currency the files use (several: per currency, with a finding). */
  currency: string | null;
  /** What a bare "$" (or "¥", "kr") in the files means: an ISO code; null: refused when met with several currencies. */
  symbol: string | null;
  /**
   * Rates to the reporting currency (`money.rates`, a CSV file): one unit of `currency` is `rate`
   * units of the reporting currency from `from` on (null: always), sorted by currency then from.
   */
  rates: { currency: string; from: Millis | null; rate: number }[];
  /** The rates file (`money.rates`) as messages name it and where to open it; load.ts reads it into `rates`. */
  ratesFile?: { file: string; path: string; line: number; column: number };
}
