/** One lead against the written definition, for `trace`: each entry's verdict criterion by criterion, its pass clocks. */

import { fieldTester, instantsByType, verdictAt } from "../definition/evaluate.js";
import { type ExplainedCriterion, explainAt } from "../definition/explain.js";
import type { FieldPlace } from "../definition/lists.js";
import type { LookupRows } from "../definition/lookup-rows.js";
import type { Clock } from "../time/clock.js";
import type { HandoffDef, Millis, SlaConfig, Timeline } from "../types.js";
import { compileStages, definitionClocks, engagementsOf, passObligation } from "./definitions.js";
import type { Obligation } from "./obligations.js";

export interface EntryExplained {
  stage: string;
  journey: number;
  at: Millis;
  backfilled: boolean;
  met: boolean;
  criteria: ExplainedCriterion[];
}

export interface DefinitionTrace {
  entries: EntryExplained[];
  /** Marketing's pass clocks, whatever the period (the trace explains the lead, not a report row). */
  passes: Obligation[];
}

/** The lead's entries into defined stages explained, and its pass clocks; empty without definitions. */
export function traceDefinitions(
  config: SlaConfig,
  timeline: Timeline,
  lists: readonly [string, string[]][],
  contextFor: (h: HandoffDef) => { clockFor: (owner: string | null) => Clock },
  asOf: Millis,
  fields?: Readonly<Record<string, FieldPlace>>,
  lookups?: readonly LookupRows[],
): DefinitionTrace {
  if (config.definitions === null) return { entries: [], passes: [] };
  const clocks = definitionClocks(config, lists, contextFor, fields);
  const { clockOf } = clocks;
  const ctx = lookups?.length ? { ...clocks.ctx, lookups } : clocks.ctx;
  const field = fieldTester(ctx);
  const engagements = engagementsOf(timeline);
  const byType = instantsByType(engagements);
  const entries: EntryExplained[] = [];
  const passes: Obligation[] = [];
  for (const s of compileStages(config, ctx, clockOf)) {
    const judged = s.judge(timeline.lead, byType);
    for (const j of timeline.journeys) {
      const e = j.entries[s.index];
      if (e !== undefined)
        entries.push({
          stage: s.def.stage,
          journey: j.number,
          at: e.at,
          backfilled: e.backfilled,
          met: verdictAt(s.parts, judged, e.at).met,
          criteria: explainAt(s.def, ctx, field, timeline.lead, engagements, e.at),
        });
      const o = passObligation(s, j, judged, asOf, () => engagements.map((e) => e.at));
      if (o !== null) passes.push(o);
    }
  }
  entries.sort((a, b) => a.at - b.at || a.journey - b.journey);
  return { entries, passes };
}
