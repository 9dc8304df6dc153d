/** The report: what `audit --format json` prints (schema_version 1, docs/json-contract.md). */

import type { Severity } from "../errors.js";

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
  /** entered - in_flight (- skipped under `eligible`): the denominator of rate. */
  decided: number;
  rate: number | null;
  /** Converted / entered: the floor the rate would have if every in-flight journey failed. */
  rate_of_entered: number | null;
  leads: number;
  /** Every member's window has closed (or, with no window, no member is in flight). */
  mature: boolean;
  median_hours: number | null;
}

export interface HandoffRow {
  id: string;
  description: string | null;
  from: string;
  within: string;
  clock: "calendar" | "business";
  target: number;
  obligations: number;
  met: number;
  late: number;
  missed: number;
  pending: number;
  compliance: number | null;
  target_met: boolean | null;
  p50_hours: number | null;
  p90_hours: number | null;
  p95_hours: number | null;
  max_hours: number | null;
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
  median_hours: number | null;
  p90_hours: number | null;
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

export interface Report {
  schema_version: 1;
  sla: { name: string | null; file: string; timezone: string };
  as_of: string;
  period: { from: string; to: string };
  /** Every data row is either used or counted in a finding that drops it: rows = used + not_used. */
  inputs: {
    files: { file: string; rows: number; used: number; not_used: number }[];
    leads: number;
    journeys: number;
  };
  stages: StageRow[];
  conversion: {
    definition: string;
    window: string | null;
    skipped_stages: "backfill" | "strict" | "eligible";
    steps: ConversionStep[];
  };
  latency: { definition: string; handoffs: HandoffRow[] };
  compliance: {
    definition: string;
    on_reassign: "restart" | "keep";
    handoff: string | null;
    reps: RepRow[];
    by_handoff: { handoff: string; reps: RepRow[] }[];
  };
  quality: { errors: number; warnings: number; infos: number; findings: FindingRow[] };
}
