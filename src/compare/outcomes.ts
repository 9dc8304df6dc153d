/** One agreement's replay for `compare`: its audit, and every obligation's outcome lead by lead. */

import type { Dataset } from "../ingest/dataset.js";
import { type Audit, type AuditOptions, auditFrame, auditTallies, finishAudit } from "../metrics/index.js";
import type { Obligation, ObligationStatus } from "../metrics/obligations.js";
import { eachTimeline } from "../replay/replay.js";
import type { Finding, Millis, SlaConfig, Timeline } from "../types.js";

/** A written definition's verdict on one entry into a defined stage. */
export type Verdict = "met" | "not met";

/**
 * One obligation as compare matches it, by handoff and entry instant within its lead; or one
 * entry's definition verdict, as `<stage> definition` (DEFINITION_SUFFIX).
 */
export interface Outcome {
  handoff: string;
  entryAt: Millis;
  status: ObligationStatus | Verdict;
}

/** The id under which a stage's definition verdicts are compared. */
export const DEFINITION_SUFFIX = " definition";

/** Called once per lead with that lead's obligations in the period (handoffs, then pass clocks). */
export type OutcomeVisit = (leadId: string, outcomes: Outcome[]) => void;

/**
 * computeAudit on one thread, the obligations kept only while their lead is folded: each lead's
 * go to `visit`, then are let go, so memory is bound by the tallies as in a plain audit.
 */
export function replayOutcomes(
  dataset: Dataset,
  config: SlaConfig,
  options: AuditOptions,
  visit: OutcomeVisit,
): Audit {
  const frame = auditFrame(dataset, config, options);
  const tallies = auditTallies(dataset, config, { ...options, keep: "obligations" }, frame);
  const findings: Finding[] = [];
  const outcomes: Outcome[] = [];
  // Each entry the definition judges in the period: that lead's verdicts.
  tallies.onDefined = (stage, at, met) => {
    outcomes.push({ handoff: `${stage}${DEFINITION_SUFFIX}`, entryAt: at, status: met ? "met" : "not met" });
  };
  const fold = (t: Timeline) => {
    outcomes.length = 0;
    tallies.fold(t);
    const take = (list: Obligation[]) => {
      for (const o of list) outcomes.push({ handoff: o.handoff, entryAt: o.entryAt, status: o.status });
      list.length = 0;
    };
    for (const list of tallies.kept) take(list);
    take(tallies.keptPasses);
    visit(t.lead.id, [...outcomes]);
  };
  eachTimeline(dataset, config, frame.asOf, findings, fold);
  return finishAudit(dataset, config, { ...options, keep: "report" }, frame, tallies, findings);
}

const STATUS: readonly Outcome["status"][] = ["met", "late", "missed", "pending", "not met"];

/**
 * The first agreement's outcomes, packed in columns (a million leads' obligations take tens of
 * MB, not the GB their objects would): lead after lead in folding order.
 */
export class PackedOutcomes {
  private readonly leadIds: string[] = [];
  private readonly starts: number[] = [0];
  private readonly handoff: number[] = [];
  private readonly entryAt: number[] = [];
  private readonly status: number[] = [];
  private readonly names: string[] = [];
  private readonly nameIndex = new Map<string, number>();
  private byId: Map<string, number> | null = null;

  readonly add: OutcomeVisit = (leadId, outcomes) => {
    this.leadIds.push(leadId);
    for (const o of outcomes) {
      let h = this.nameIndex.get(o.handoff);
      if (h === undefined) {
        h = this.names.push(o.handoff) - 1;
        this.nameIndex.set(o.handoff, h);
      }
      this.handoff.push(h);
      this.entryAt.push(o.entryAt);
      this.status.push(STATUS.indexOf(o.status));
    }
    this.starts.push(this.handoff.length);
  };

  get leads(): number {
    return this.leadIds.length;
  }

  leadId(ordinal: number): string {
    return this.leadIds[ordinal] as string;
  }

  /** The ordinal of a lead: the guess when it holds that lead (the same dataset), else by id. */
  ordinalOf(leadId: string, guess: number): number | undefined {
    if (this.leadIds[guess] === leadId) return guess;
    this.byId ??= new Map(this.leadIds.map((id, i) => [id, i]));
    return this.byId.get(leadId);
  }

  /** The outcomes of the lead at this ordinal. */
  outcomes(ordinal: number): Outcome[] {
    const out: Outcome[] = [];
    for (let k = this.starts[ordinal] as number; k < (this.starts[ordinal + 1] as number); k++)
      out.push({
        handoff: this.names[this.handoff[k] as number] as string,
        entryAt: this.entryAt[k] as number,
        status: STATUS[this.status[k] as number] as Outcome["status"],
      });
    return out;
  }
}
