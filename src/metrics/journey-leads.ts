/** An audit's replay: every lead, or (AuditOptions.onlyGroups) only those that can add to the group tallies. */

import type { Dataset } from "../ingest/dataset.js";
import { eachTimeline, replayLeads } from "../replay/replay.js";
import type { Finding, Lead, Millis, SlaConfig, Timeline } from "../types.js";

/**
 * The leads that may have a journey as of `asOf` (1; else 0): those created by then, or with a
 * history row by then. The others add nothing to the group tallies: a lead created after as-of
 * with no history before it has no journey and so no obligation (replay.ts), and one whose
 * creation time cannot be read is not used (tallies.ts).
 */
export function journeyLeads(dataset: Dataset, asOf: Millis): Uint8Array {
  const { leads, history } = dataset;
  const only = new Uint8Array(leads.length);
  for (let i = 0; i < leads.length; i++) {
    const created = (leads[i] as Lead).createdAt;
    if (created === null) continue;
    if (created <= asOf) only[i] = 1;
    else
      history.timesOf(i, (at) => {
        if (at <= asOf) only[i] = 1;
      });
  }
  return only;
}

/**
 * Replays into `fold` only the leads that may have a journey by `asOf` (journeyLeads), their
 * engagements as instants (only the report is kept); the findings are let go (only the group
 * tallies are read).
 */
export function replayJourneyLeads(
  dataset: Dataset,
  config: SlaConfig,
  asOf: Millis,
  fold: (t: Timeline) => void,
): void {
  const { leads } = dataset;
  const range = { first: 0, count: leads.length, lead: (i: number) => leads[i] as Lead };
  const findings: Finding[] = [];
  replayLeads(
    { ...range, only: journeyLeads(dataset, asOf) },
    dataset,
    config,
    asOf,
    findings,
    fold,
    undefined,
    "instants",
  );
}

/** An audit's replay into `fold`: every lead, or with onlyGroups those that can add to the group tallies. */
export function replayAudit(
  dataset: Dataset,
  config: SlaConfig,
  options: { keep?: "all" | "obligations" | "report"; onlyGroups?: boolean; traceLeadId?: string },
  asOf: Millis,
  findings: Finding[],
  fold: (t: Timeline) => void,
): void {
  // Timelines kept keep their engagement rows; the others carry only the instants the tallies read.
  const engagementsAs = (options.keep ?? "all") === "all" ? "rows" : "instants";
  if (options.onlyGroups) replayJourneyLeads(dataset, config, asOf, fold);
  else eachTimeline(dataset, config, asOf, findings, fold, options.traceLeadId, engagementsAs);
}
