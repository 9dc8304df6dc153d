/** computeAudit: replay the dataset as of an instant and compute every section of the report. */

import { unreadableValues } from "../definition/findings.js";
import { UserError } from "../errors.js";
import type { Dataset } from "../ingest/dataset.js";
import { formatInstant } from "../time/format.js";
import type { Finding, HandoffDef, Millis, SlaConfig, Timeline } from "../types.js";
import { compareReports, regressionMisses } from "./baseline.js";
import { checkDimension } from "./breakdown.js";
import { checkSection } from "./check.js";
import { type RepTally, repRowsOf } from "./compliance.js";
import { computeCoverage } from "./coverage.js";
import { definitionsSection } from "./definition-rows.js";
import { replayAudit } from "./journey-leads.js";
import { type HandoffTally, handoffRowOf } from "./latency.js";
import { opportunityLeads } from "./money.js";
import { auditMoney, withTrendMoney } from "./money-audit.js";
import { withMoneyRows } from "./money-commitments.js";
import type { Obligation, ObligationContext } from "./obligations.js";
import type { AuditPeriod, PeriodKind } from "./periods.js";
import { qualityRows } from "./quality.js";
import { AuditTallies, type TallyOptions } from "./tallies.js";
import type { CommitmentRow, Report } from "./types.js";

export interface AuditOptions {
  /** Default: the latest valid time stamp in the inputs. */
  asOf?: Millis;
  /** Default: the earliest valid time stamp in the inputs. */
  from?: Millis;
  /** Default: as-of. */
  to?: Millis;
  /** Count decided cases per group of each dimension (report.group_tallies: --movers, a JSON report). */
  groups?: boolean;
  /**
   * With groups: count them over this period instead of the audit's, as an audit with these
   * from and to (and the same as-of) would: the review pack's reviewed period, from its one replay.
   */
  groupsPeriod?: { from: Millis; to: Millis };
  /** Place each obligation in the period on its handoff's scale as the replay finds it (Audit.proposals). */
  proposals?: boolean;
  /** Only the group tallies are read: replay only the leads that can add to them (journey-leads.ts). */
  onlyGroups?: boolean;
  /** Keep the replay steps of this lead (for `trace`). */
  traceLeadId?: string;
  /** Also break conversion down by this lead dimension. */
  by?: string;
  /** With `by`: keep the groups with the most leads, this many at most, and fold the rest (default: all). */
  top?: number | null;
  /** Also compute trends per week, month or quarter. */
  trend?: PeriodKind;
  /**
   * --redact: applied to the findings' texts before they are clipped to the report's size (the
   * CLI redacts the whole report again after; a token is left as it is).
   */
  scrub?: (text: string) => string;
  /** An earlier JSON report to compare the headline figures with. */
  baseline?: Report;
  /**
   * What to keep beside the report. "all" (the default): every timeline and obligation;
   * "obligations": the obligations only; "report": neither, so memory is bound by the tallies,
   * not by the leads' timelines (the traced lead's timeline is kept whatever this says).
   */
  keep?: "all" | "obligations" | "report";
}

export interface Audit {
  report: Report;
  /** Every lead's timeline (keep: "all"), else only the traced lead's. */
  timelines: Timeline[];
  /** Obligations in the period, handoff after handoff (keep: "all" or "obligations", else none). */
  obligations: Obligation[];
  asOf: Millis;
  period: AuditPeriod;
  /** How obligations of a handoff are computed here (clocks, reps, as-of), for `trace`. */
  contextFor: (h: HandoffDef) => ObligationContext;
  /** Each handoff's obligations in the period on its scale (options.proposals), else null. */
  proposals: AuditTallies["proposals"];
}

export const DEFINITIONS = {
  conversion:
    "cohort: of the journeys that entered `from` in the period, the share that entered `to` later in the same journey (within the window); in-flight journeys (not ended, window open) are not decided; rate = converted / decided with a window when at least half are decided, else converted / entered (in flight counted as not converted yet)",
  latency:
    "from the entry into `from` to the first qualifying response, on the handoff's clock (calendar time, or business time on the owner's calendar); compliance = met / (met + late + missed); percentiles over answered obligations, linear interpolation",
  compliance:
    "each obligation belongs to the owner at min(response, deadline, as-of); hours are from the owner's clock start (the entry, or the reassignment under on_reassign: restart)",
  commitments:
    "per period: MQLs entered (a partial period is not judged on volume); acceptance = MQLs that reached the accepted stage / those decided; each handoff's compliance against its target; the share of listed outcomes with a reason",
  feedback:
    "journeys that ended in an outcome during the period, by the lead's source, the outcome and the reason given",
} as const;

/** What an audit is computed against: the as-of instant and the period, checked. */
export interface AuditFrame {
  asOf: Millis;
  period: AuditPeriod;
}

/** The as-of instant and period of an audit, or the usage error that stops it. */
export function auditFrame(dataset: Dataset, config: SlaConfig, options: AuditOptions): AuditFrame {
  const asOf = options.asOf ?? dataset.latest;
  if (asOf === null || asOf === undefined)
    throw new UserError("the inputs hold no valid time stamp, so there is no as-of instant", [
      {
        severity: "error",
        file: config.sources.leads.file,
        line: 1,
        message: "no valid time stamp in any input",
        hint: "pass --as-of, or check the time-stamp columns",
      },
    ]);
  const problem = options.by
    ? checkDimension(options.by, dataset.reps.length > 0, dataset.extraColumns ?? [])
    : null;
  if (problem) throw new UserError(problem);
  const period: AuditPeriod = {
    from: options.from ?? Math.min(dataset.earliest ?? asOf, asOf),
    to: options.to ?? asOf,
    // The per-week or per-month tables list only the periods the data reaches (periodBuckets).
    data: { from: dataset.earliest ?? asOf, to: dataset.latest ?? asOf },
  };
  return { asOf, period };
}

/** The tallies an audit folds its leads into. */
export function auditTallies(
  dataset: Dataset,
  config: SlaConfig,
  options: AuditOptions,
  frame: AuditFrame,
): AuditTallies {
  return new AuditTallies(config, dataset.reps, frame.period, frame.asOf, tallyOptions(dataset, options));
}

/** What the tallies are told besides the SLA (a replay worker is told the same, keeping the report only). */
export function tallyOptions(dataset: Dataset, options: AuditOptions): TallyOptions {
  return {
    by: options.by,
    trend: options.trend,
    keep: options.keep ?? "all",
    traceLeadId: options.traceLeadId,
    groups: options.groups ?? false,
    groupsPeriod: options.groupsPeriod,
    proposals: options.proposals ?? false,
    // The definition's lists and field places: every thread judges its leads alike.
    lists: Object.entries(dataset.lists ?? {}),
    ...(dataset.definitionFields ? { definitionFields: dataset.definitionFields } : {}),
    ...(dataset.opportunities ? { opportunityLeads: opportunityLeads(dataset.opportunities) } : {}),
  };
}

/** Replays and measures; pure (the as-of default comes from the data, never the clock). */
export function computeAudit(dataset: Dataset, config: SlaConfig, options: AuditOptions = {}): Audit {
  const frame = auditFrame(dataset, config, options);
  // Lead after lead: replay, find its obligations, fold both into the tallies, let them go.
  const tallies = auditTallies(dataset, config, options, frame);
  const findings: Finding[] = [];
  replayAudit(dataset, config, options, frame.asOf, findings, tallies.fold);
  return finishAudit(dataset, config, options, frame, tallies, findings);
}

/** The audit from its tallies, once every lead is folded in; `findings`: the replay's. */
export function finishAudit(
  dataset: Dataset,
  config: SlaConfig,
  options: AuditOptions,
  { asOf, period }: AuditFrame,
  tallies: AuditTallies,
  findings: readonly Finding[],
): Audit {
  const zone = config.timezone;
  const { kept, latency, periods, timelines, contextFor } = tallies;
  // The handoffs' obligations, then marketing's pass clocks' (the definition's), each lead by lead.
  const obligations = [...kept.flat(), ...tallies.keptPasses];
  const handoffs = config.handoffs.map((h, i) =>
    handoffRowOf(h, latency[i] as HandoffTally, config.minSample),
  );
  const allFindings = auditFindings(dataset, config, findings);
  const { files, coverage } = computeCoverage(dataset, config, asOf, tallies.leadsUsed, allFindings);
  const { by, trend } = options;
  const money = auditMoney(dataset, config, { tally: tallies.money, periods, asOf, period, by, trend });
  const commitments = withMoneyRows(tallies.committed.rows(), money.rows, periods);
  const definitions = tallies.definition
    ? definitionsSection(config, tallies.definition, config.minSample)
    : null;

  const report: Report = {
    schema_version: 1,
    sla: { name: config.name, file: config.file, timezone: zone },
    as_of: formatInstant(asOf, zone),
    period: { from: formatInstant(period.from, zone), to: formatInstant(period.to, zone) },
    confidence: { level: 0.95, min_sample: config.minSample },
    snapshot: config.snapshotAt === null ? null : { at: formatInstant(config.snapshotAt, zone) },
    coverage,
    inputs: { files, leads: dataset.leads.length, journeys: tallies.journeys },
    stages: tallies.stages.rows(),
    conversion: conversionSection(config, options, tallies),
    latency: { definition: DEFINITIONS.latency, handoffs },
    compliance: complianceSection(config, tallies),
    commitments: commitmentsSection(config, periods, commitments),
    feedback: { definition: DEFINITIONS.feedback, rows: tallies.feedback.rows() },
    ...(definitions ? { definitions } : {}),
    ...(money.section ? { money: money.section } : {}),
    baseline: null,
    trends:
      tallies.trend && trend
        ? { period: trend, rows: withTrendMoney(tallies.trend.rows(), money.trends) }
        : null,
    quality: qualitySection(allFindings, options.scrub),
    check: checkSection(handoffs, definitions?.leakage ?? [], commitments),
    ...(tallies.movers ? { group_tallies: tallies.movers.finish() } : {}),
  };
  if (options.baseline) compareWithBaseline(report, options.baseline, config);
  return { report, timelines, obligations, asOf, period, contextFor, proposals: tallies.proposals };
}

/** Ingest's findings, the replay's, and the definition's unreadable values. */
function auditFindings(dataset: Dataset, config: SlaConfig, findings: readonly Finding[]): Finding[] {
  return [
    ...dataset.findings,
    ...findings,
    ...unreadableValues(config.definitions, dataset.leads, dataset.definitionFields),
  ];
}

/** The findings by code, with how many of each severity. */
function qualitySection(findings: readonly Finding[], scrub: AuditOptions["scrub"]): Report["quality"] {
  const rows = qualityRows(findings, scrub);
  const sum = (severity: string) =>
    rows.filter((q) => q.severity === severity).reduce((n, q) => n + q.count, 0);
  return { errors: sum("error"), warnings: sum("warning"), infos: sum("info"), findings: rows };
}

function conversionSection(
  config: SlaConfig,
  options: AuditOptions,
  tallies: AuditTallies,
): Report["conversion"] {
  return {
    definition: DEFINITIONS.conversion,
    window: config.conversionWindow?.text ?? null,
    skipped_stages: config.skippedStages,
    steps: tallies.conversion.rows(),
    breakdown:
      tallies.breakdown && options.by
        ? { by: options.by, ...tallies.breakdown.fold(options.top ?? null) }
        : null,
  };
}

/** Rep compliance per handoff; the headline is the first handoff answered by an activity (else the first). */
function complianceSection(config: SlaConfig, tallies: AuditTallies): Report["compliance"] {
  const primary = config.handoffs.find((h) => h.activity !== null) ?? config.handoffs[0];
  const byHandoff = config.handoffs.map((h, i) => ({
    handoff: h.id,
    reps: repRowsOf(tallies.reps[i] as RepTally, config.minSample),
  }));
  return {
    definition: DEFINITIONS.compliance,
    on_reassign: config.onReassign,
    handoff: primary?.id ?? null,
    reps: byHandoff.find((b) => b.handoff === primary?.id)?.reps ?? [],
    by_handoff: byHandoff,
  };
}

function commitmentsSection(
  config: SlaConfig,
  periods: AuditTallies["periods"],
  rows: CommitmentRow[],
): Report["commitments"] {
  if (!config.commitments) return null;
  const zone = config.timezone;
  return {
    definition: DEFINITIONS.commitments,
    period: config.commitments.period,
    periods: periods.map((b) => ({
      period: b.label,
      from: formatInstant(b.from, zone),
      to: formatInstant(b.to, zone),
      partial: b.partial,
    })),
    rows,
  };
}

/** --baseline: every headline figure against the earlier report; regressions join the misses. */
function compareWithBaseline(report: Report, baseline: Report, config: SlaConfig): void {
  const t = config.regressions;
  const changes = compareReports(report, baseline, t);
  report.baseline = { as_of: baseline.as_of, changes };
  const regressions = regressionMisses(changes, t);
  report.check = {
    targets: report.check.targets + changes.filter((c) => c.kind !== "count").length,
    missed: [...report.check.missed, ...regressions],
  };
}
