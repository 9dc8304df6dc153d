/** computeReport: replay the dataset as of an instant and compute every section of the report. */

import { UserError } from "../errors.js";
import { FINDING_KINDS, type FindingCode } from "../findings.js";
import { replayAll } from "../replay/replay.js";
import { formatInstant } from "../time.js";
import type { Dataset, Millis, SlaConfig, Timeline } from "../types.js";
import { repRows } from "./compliance.js";
import { computeConversion, type Period } from "./conversion.js";
import { handoffRow } from "./latency.js";
import { type Obligation, obligationsOf } from "./obligations.js";
import { qualityRows } from "./quality.js";
import type { Report, StageRow } from "./types.js";

export interface AuditOptions {
  /** Default: the latest valid time stamp in the inputs. */
  asOf?: Millis;
  /** Default: the earliest valid time stamp in the inputs. */
  from?: Millis;
  /** Default: as-of. */
  to?: Millis;
  /** Keep the replay steps of this lead (for `trace`). */
  traceLeadId?: string;
}

export interface Audit {
  report: Report;
  timelines: Timeline[];
  obligations: Obligation[];
  asOf: Millis;
  period: Period;
}

export const DEFINITIONS = {
  conversion:
    "cohort: of the journeys that entered `from` in the period, the share that entered `to` later in the same journey (within the window); rate = converted / decided, where in-flight journeys (not ended, window open) are not decided",
  latency:
    "calendar time from the entry into `from` to the first qualifying response; compliance = met / (met + late + missed); percentiles over answered obligations, linear interpolation",
  compliance:
    "each obligation belongs to the owner at min(response, deadline, as-of); hours are from the owner's clock start (the entry, or the reassignment under on_reassign: restart)",
} as const;

/** Replays and measures; pure (the as-of default comes from the data, never the clock). */
export function computeAudit(dataset: Dataset, config: SlaConfig, options: AuditOptions = {}): Audit {
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
  const period: Period = {
    from: options.from ?? Math.min(dataset.earliest ?? asOf, asOf),
    to: options.to ?? asOf,
  };
  const { timelines, findings } = replayAll(dataset, config, asOf, options.traceLeadId);
  const journeys = timelines.flatMap((t) => t.journeys);
  const inPeriod = (t: Millis) => t >= period.from && t <= period.to;

  const stages: StageRow[] = config.stages.map((s) => {
    const entered = journeys.filter((j) => {
      const e = j.entries[s.index];
      return e !== undefined && inPeriod(e.at);
    });
    return {
      stage: s.id,
      label: s.label,
      entries: entered.length,
      backfilled: entered.filter((j) => j.entries[s.index]?.backfilled).length,
      leads: new Set(entered.map((j) => j.leadId)).size,
    };
  });

  const obligations: Obligation[] = [];
  const handoffs = config.handoffs.map((h) => {
    const list = timelines
      .flatMap((t) => obligationsOf(t, h, config, asOf))
      .filter((o) => inPeriod(o.entryAt));
    obligations.push(...list);
    return handoffRow(h, list);
  });
  const primary = config.handoffs.find((h) => h.activity !== null) ?? config.handoffs[0];
  const byHandoff = config.handoffs.map((h) => ({
    handoff: h.id,
    reps: repRows(obligations.filter((o) => o.handoff === h.id)),
  }));
  const allFindings = [...dataset.findings, ...findings];
  const quality = qualityRows(allFindings);
  const dropped = new Map<string, number>();
  for (const f of allFindings)
    if (FINDING_KINDS[f.code as FindingCode].drops)
      dropped.set(f.place.file, (dropped.get(f.place.file) ?? 0) + 1);
  const zone = config.timezone;

  const report: Report = {
    schema_version: 1,
    sla: { name: config.name, file: config.file, timezone: zone },
    as_of: formatInstant(asOf, zone),
    period: { from: formatInstant(period.from, zone), to: formatInstant(period.to, zone) },
    inputs: {
      files: Object.entries(dataset.rowCounts).map(([file, rows]) => {
        const notUsed = dropped.get(file) ?? 0;
        return { file, rows, used: rows - notUsed, not_used: notUsed };
      }),
      leads: dataset.leads.length,
      journeys: journeys.length,
    },
    stages,
    conversion: {
      definition: DEFINITIONS.conversion,
      window: config.conversionWindow?.text ?? null,
      skipped_stages: config.skippedStages,
      steps: computeConversion(journeys, config, period, asOf),
    },
    latency: { definition: DEFINITIONS.latency, handoffs },
    compliance: {
      definition: DEFINITIONS.compliance,
      on_reassign: config.onReassign,
      handoff: primary?.id ?? null,
      reps: byHandoff.find((b) => b.handoff === primary?.id)?.reps ?? [],
      by_handoff: byHandoff,
    },
    quality: {
      errors: quality.filter((q) => q.severity === "error").reduce((n, q) => n + q.count, 0),
      warnings: quality.filter((q) => q.severity === "warning").reduce((n, q) => n + q.count, 0),
      infos: quality.filter((q) => q.severity === "info").reduce((n, q) => n + q.count, 0),
      findings: quality,
    },
  };
  return { report, timelines, obligations, asOf, period };
}
