/** One lead's replay and SLA clocks, computed the way the audit computes them, without the others'. */

import type { Dataset } from "../ingest/dataset.js";
import { replayLead } from "../replay/replay.js";
import type { Lead, Millis, SlaConfig, Timeline } from "../types.js";
import { type DefinitionTrace, traceDefinitions } from "./definition-trace.js";
import { type AuditOptions, auditFrame } from "./index.js";
import { type TracedOpportunity, tracedOpportunities } from "./money.js";
import { type Obligation, obligationsOf } from "./obligations.js";
import { obligationContext } from "./tallies.js";

export interface LeadTrace {
  timeline: Timeline;
  /** Every clock of the lead, whatever the period: the trace explains the lead, not a report row. */
  obligations: Obligation[];
  asOf: Millis;
  /** The lead against the written definition (absent when the SLA has none). */
  definitions?: DefinitionTrace;
  /** The lead's opportunities (absent when the SLA names none). */
  opportunities?: TracedOpportunity[];
}

/**
 * The traced lead's timeline and obligations, or null when the dataset has no such lead. The
 * as-of is the audit's (auditFrame: the option, else the data's latest stamp), and the lead is
 * replayed with the same call the audit makes for it (replayLeads: history.of, activities.of,
 * replayLead), so every figure equals the audit's for this lead; nothing of the other leads is
 * replayed (a million leads' replay and tallies are most of an audit's time).
 */
export function traceLead(
  dataset: Dataset,
  config: SlaConfig,
  options: Pick<AuditOptions, "asOf">,
  leadId: string,
): LeadTrace | null {
  const { asOf } = auditFrame(dataset, config, options.asOf === undefined ? {} : { asOf: options.asOf });
  const i = dataset.leads.findIndex((l) => l.id === leadId);
  if (i < 0) return null;
  const lead = dataset.leads[i] as Lead;
  const events = dataset.history.of(i, asOf);
  const acts = dataset.activities.of(i, asOf);
  // The replay's findings are the audit's business; the trace shows the steps that explain them.
  const engaged = dataset.engagements ? dataset.engagements.of(i, asOf) : [];
  const timeline = replayLead(lead, events, acts, config, asOf, [], true, engaged);
  const contextFor = obligationContext(config, dataset.reps, asOf);
  const obligations = config.handoffs.flatMap((h) => obligationsOf(timeline, h, contextFor(h)));
  const money = dataset.opportunities
    ? { opportunities: tracedOpportunities(dataset.opportunities, leadId, asOf) }
    : {};
  if (config.definitions === null) return { timeline, obligations, asOf, ...money };
  // Marketing's pass clocks are SLA clocks too: listed after the handoffs'.
  const definitions = traceDefinitions(
    config,
    timeline,
    Object.entries(dataset.lists ?? {}),
    contextFor,
    asOf,
    dataset.definitionFields,
    dataset.lookupRows,
  );
  return { timeline, obligations: [...obligations, ...definitions.passes], asOf, definitions, ...money };
}
