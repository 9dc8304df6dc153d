/** The report: what `audit --format json` prints (schema_version 1, docs/json-contract.md). */

import type { Severity } from "../types.js";
import type { DefinitionsSection } from "./definition-types.js";
import type { HandoffRow } from "./handoff-row.js";
import type { MoneySection, TrendMoneyPart } from "./money-types.js";
import type { GroupTallies, MoversSection } from "./movers-types.js";

export type { HandoffRow } from "./handoff-row.js";

export interface StageRow {
  stage: string;
  label: string;
  /** Journeys that entered the stage in the period (backfilled entries included). */
  entries: number;
  backfilled: number;
  leads: number;
}

export interface ConversionStep {
  from: string;
  to: string;
  /** Journeys that entered `from` in the period. */
  entered: number;
  converted: number;
  in_flight: number;
  skipped: number;
  /** entered - in_flight (- skipped under `eligible`). */
  decided: number;
  /**
   * The headline (docs/definitions.md): converted / decided with a window when at least half the
   * journeys are decided (rate_basis "decided"); else converted / entered (- skipped under
   * `eligible`), in-flight journeys counted as not converted yet (rate_basis "entered").
   */
  rate: number | null;
  rate_basis: "decided" | "entered";
  /** decided / entered (- skipped under `eligible`): below 0.5 the rate is over every journey. */
  decided_share: number | null;
  /** Wilson 95% interval of rate; small_sample when its denominator is under min_sample. */
  rate_low: number | null;
  rate_high: number | null;
  small_sample: boolean;
  /** Converted / entered: the floor the rate would have if every in-flight journey failed (skipped included). */
  rate_of_entered: number | null;
  leads: number;
  /** Every member's window has closed (or, with no window, no member is in flight). */
  mature: boolean;
  median_hours: number | null;
  p90_hours: number | null;
  /** Cohort conversion from the first stage to `to` (the cumulative view). */
  cumulative_rate: number | null;
  /** Period (flow) view: entries into `to` ÷ entries into `from` during the period; may exceed 1. */
  flow_from: number;
  flow_to: number;
  flow_ratio: number | null;
}

export interface RepRow {
  rep: string;
  obligations: number;
  met: number;
  late: number;
  missed: number;
  pending: number;
  compliance: number | null;
  compliance_low: number | null;
  compliance_high: number | null;
  small_sample: boolean;
  median_hours: number | null;
  p90_hours: number | null;
}

export interface CommitmentRow {
  period: string;
  team: "marketing" | "sales";
  /** "mqls", "acceptance", "handoff:<id>", "reasons". */
  commitment: string;
  actual: number | null;
  target: number;
  /** The cases the figure is over (MQLs, decided MQLs, decided obligations, outcomes). */
  n: number;
  status: "met" | "missed" | "no_data" | "partial";
}

export interface TrendRow {
  period: string;
  partial: boolean;
  /** Journeys entering each stage in the period. */
  entries: Record<string, number>;
  steps: {
    from: string;
    to: string;
    entered: number;
    rate: number | null;
    median_hours: number | null;
    p90_hours: number | null;
  }[];
  handoffs: { id: string; obligations: number; compliance: number | null; p50_hours: number | null }[];
  /** With `definitions:` in the SLA: per defined stage, its entries and those that met the definition. */
  definitions?: { stage: string; entries: number; met: number; rate: number | null }[];
  /** With opportunities: pipeline created and deals closed in the period (docs/definitions.md, Money). */
  money?: TrendMoneyPart;
}

export interface FeedbackRow {
  source: string;
  outcome: string;
  reason: string;
  count: number;
}

/** A target the audit judged and found missed (what `--check` fails on). */
export interface Miss {
  kind: "handoff" | "commitment" | "regression";
  id: string;
  period: string | null;
  actual: number | null;
  target: number;
  message: string;
}

export interface FindingRow {
  code: string;
  severity: Severity;
  title: string;
  hint: string;
  count: number;
  /** Most frequent offending values, when the finding is about a value. */
  values: { value: string; count: number }[];
  examples: { file: string; line: number; lead?: string; value?: string; message: string }[];
}

/** One file's rows: read, used and not used, each counted on its own (coverage.ts). */
export interface FileRows {
  file: string;
  rows: number;
  used: number;
  not_used: number;
}

/** Why rows were not used: one dropping finding code in one file. */
export interface CoverageCause {
  file: string;
  code: string;
  count: number;
  /** "creation time unreadable (CreatedDate)". */
  cause: string;
  fix: string;
  /** Rows that are not data of the audit by design (footers, other fields, after as-of): never over the threshold. */
  not_data: boolean;
}

/** What the figures rest on: the headline every format opens with (docs/json-contract.md). */
export interface Coverage {
  /** "9,871 of 10,000 leads; 129 not used: 120 creation time unreadable (Create Date), 9 duplicate ids". */
  line: string;
  /** Lead rows of the leads file (footers excluded); used: leads with a journey the figures count. */
  leads: { rows: number; used: number; not_used: number; unaccounted: number };
  causes: CoverageCause[];
  /** The share of a file's data rows that may be not used (SLA `coverage.max_not_used`, default 0.01). */
  max_not_used: number;
  /** Files whose share of data rows not used is over max_not_used (rows: data rows). */
  over: { file: string; rows: number; not_used: number; share: number }[];
  /** Set when `over` is not empty: the sentence the report opens with; `validate` and `--check` fail. */
  warning: string | null;
}

export interface Report {
  schema_version: 1;
  sla: { name: string | null; file: string; timezone: string };
  as_of: string;
  period: { from: string; to: string };
  /** Intervals are Wilson 95%; rates over fewer than min_sample decided cases are flagged small_sample. */
  confidence: { level: 0.95; min_sample: number };
  /** Every data row is either used or counted in a finding that drops it: rows = used + not_used. */
  /**
   * A status-only snapshot (SLA `snapshot_at`): every lead created and placed at this instant, so
   * the figures are shares of leads in each status; there is no latency and no period to speak of.
   */
  snapshot: { at: string } | null;
  /** What the figures rest on; placed before `inputs` in the JSON. */
  coverage: Coverage;
  inputs: {
    files: FileRows[];
    leads: number;
    journeys: number;
  };
  stages: StageRow[];
  conversion: {
    definition: string;
    window: string | null;
    skipped_stages: "backfill" | "strict" | "eligible";
    steps: ConversionStep[];
    /** With --by: the same steps per value of a lead dimension; past `top` values, the rest folded. */
    breakdown: Breakdown | null;
  };
  latency: { definition: string; handoffs: HandoffRow[] };
  compliance: {
    definition: string;
    on_reassign: "restart" | "keep";
    handoff: string | null;
    reps: RepRow[];
    by_handoff: { handoff: string; reps: RepRow[] }[];
  };
  commitments: {
    definition: string;
    period: "week" | "month";
    periods: { period: string; from: string; to: string; partial: boolean }[];
    rows: CommitmentRow[];
  } | null;
  feedback: { definition: string; rows: FeedbackRow[] };
  /** The written lead definition checked (absent when the SLA has no `definitions:` and reads no engagements). */
  definitions?: DefinitionsSection;
  /** Pipeline and revenue (absent when the SLA names no opportunities). */
  money?: MoneySection;
  /** With --baseline: every headline figure against an earlier report. */
  baseline: { as_of: string; changes: Change[] } | null;
  /** With --period: the headline figures per week, month or quarter. */
  trends: { period: "week" | "month" | "quarter"; rows: TrendRow[] } | null;
  quality: { errors: number; warnings: number; infos: number; findings: FindingRow[] };
  /** Every target judged: handoff targets over the period and each commitment row. */
  check: { targets: number; missed: Miss[] };
  /** With --movers: each handoff's compliance and step's rate against an earlier period, split into mix and performance. */
  movers?: MoversSection;
  /** Decided cases and hits per group of each dimension (absent from reports written before it existed). */
  group_tallies?: GroupTallies;
}

export interface ConversionGroup {
  key: string;
  leads: number;
  steps: ConversionStep[];
}

/** The groups past the kept ones, folded into one: how many values, their leads, their figures. */
export interface FoldedGroups {
  groups: number;
  leads: number;
  steps: ConversionStep[];
}

/**
 * A breakdown as reported: the kept groups (by key, "(none)" last), and the rest folded into
 * `other`. `top`: how many groups are kept at most (null: all); `groups_total`: how many values.
 */
export interface Breakdown {
  by: string;
  top: number | null;
  groups_total: number;
  groups: ConversionGroup[];
  other: FoldedGroups | null;
}

/** One headline figure against the baseline report (metrics/baseline.ts). */
export interface Change {
  figure: string;
  kind: "share" | "hours" | "count";
  before: number | null;
  after: number | null;
  delta: number | null;
  worse: boolean;
  regression: boolean;
}
