/** Shared domain types. Instants are epoch milliseconds (UTC); zones apply only when reading or printing. */

/** How sure a finding is that a row was lost or misread (errors.ts, findings.ts). */
export type Severity = "error" | "warning" | "info";

export const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface CalendarDef {
  id: string;
  /** Null: the zone comes from the rep (reps file) or the SLA. */
  timezone: string | null;
  days: Weekday[];
  /** Minutes after local midnight, [start, end) in order, not overlapping; end may be 1440. */
  hours: { start: number; end: number }[];
  holidays: { dates: string[]; country: string | null; region: string | null };
}

export type WindowUnit = "calendar" | "business_hours" | "business_days";

export interface ClockWindow {
  unit: WindowUnit;
  /** Milliseconds for calendar and business-hours windows; a count of days for business days. */
  amount: number;
}

export type Millis = number;

/** A row's place in an input file, kept from ingest to report. */
export interface Place {
  file: string;
  line: number;
}

// ---- config -------------------------------------------------------------------------------

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
  | "reference";

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
  preset: "salesforce" | "hubspot" | null;
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
  };
  sales: {
    /** Handoffs whose own target must hold every period. */
    handoffs: string[];
    /** At least this share of the listed outcomes carry a reason. */
    reasons: number | null;
    reasonOutcomes: string[];
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

// ---- ingest -------------------------------------------------------------------------------

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

// ---- replay -------------------------------------------------------------------------------

/** The instant a journey first reached a stage. */
export interface StageEntry {
  at: Millis;
  /** True when inferred because the journey skipped the stage (skipped_stages: backfill). */
  backfilled: boolean;
  place: Place | null;
}

export interface JourneyEnd {
  at: Millis;
  /** "completed": reached the last stage; "outcome": exited through a declared outcome. */
  kind: "completed" | "outcome";
  outcome: string | null;
  reason: string | null;
  place: Place | null;
}

/** One pass of one lead through the waterfall. */
export interface Journey {
  leadId: string;
  /** 1 for the lead's first journey. */
  number: number;
  startAt: Millis;
  /** Indexed by stage index; undefined where the journey never reached the stage. */
  entries: (StageEntry | undefined)[];
  end: JourneyEnd | null;
}

/** The lead's owner from `from` until the next span. */
export interface OwnerSpan {
  owner: string | null;
  from: Millis;
  place: Place | null;
}

/** One input event as the replay read it, for `trace`. */
export interface ReplayStep {
  at: Millis;
  place: Place | null;
  /** What the row said: "created", a raw status, "owner → Priya Raman". */
  input: string;
  /** What it did: "entered mql", "backfilled sal", "ignored: repeat", … */
  effect: string;
  journey: number | null;
}

export interface Timeline {
  lead: Lead;
  journeys: Journey[];
  owners: OwnerSpan[];
  /** The lead's activities up to as-of, in time order. */
  activities: Activity[];
  steps: ReplayStep[] | null;
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

/** Every source of an SLA, in reading order (reps, leads, history, owner changes, wide dates, activities). */
export function allSources(config: SlaConfig): SourceDef[] {
  const s = config.sources;
  return [s.reps, s.leads, s.stage_history, s.owner_history, ...s.stage_dates, ...s.activities].filter(
    (x): x is SourceDef => x !== null,
  );
}
