/** The `definitions` section from its tally: per stage the check, leakage rows, validity with intervals. */

import { compareText } from "../errors.js";
import type { SlaConfig } from "../types.js";
import type { GroupCounts, OutcomeCounts, StagePart } from "./definition-counts.js";
import type { DefinitionTally } from "./definition-tally.js";
import type {
  CriterionRow,
  DefinitionGroupRow,
  DefinitionsSection,
  OutcomeRates,
  ValidityRow,
} from "./definition-types.js";
import type { CompiledStage } from "./definitions.js";
import { handoffRowOf } from "./latency.js";
import { rate4, ratio, wilson } from "./stats.js";

export const DEFINITION_TEXT =
  "each entry into a defined stage is judged at its instant: met when no exclusion holds and the rule holds (lead fields as exported; engagements in [T − within, T]); leakage: from the first instant the definition held before the entry to the entry, on marketing's clock; validity: acceptance (reached a later stage) and conversion (reached the last stage) of decided entries, met against not met, Wilson 95% intervals";

/** Groups shown per dimension before the rest are folded into one row (weeks are all shown). */
const TOP_GROUPS = 25;

/** A group's outcome counts as rates, with the acceptance interval. */
export function rates(o: OutcomeCounts): OutcomeRates {
  const [entries, decided, accepted, convDecided, converted] = o;
  const w = wilson(accepted, decided);
  return {
    entries,
    decided,
    accepted,
    rate: rate4(ratio(accepted, decided)),
    low: rate4(w?.low ?? null),
    high: rate4(w?.high ?? null),
    converted_decided: convDecided,
    converted,
    conversion: rate4(ratio(converted, convDecided)),
  };
}

const diff = (a: number | null, b: number | null) => (a === null || b === null ? null : rate4(a - b));

function topFailed(s: CompiledStage, failed: readonly number[]): string | null {
  let best = -1;
  failed.forEach((n, i) => {
    if (n > 0 && (best < 0 || n > (failed[best] as number))) best = i;
  });
  return best < 0 ? null : (s.parts[best]?.name ?? null);
}

function groupRows(s: CompiledStage, dim: string, m: Map<string, GroupCounts>): DefinitionGroupRow[] {
  const row = (key: string, g: GroupCounts): DefinitionGroupRow => ({
    key,
    entries: g.entries,
    met: g.met,
    rate: rate4(ratio(g.met, g.entries)),
    top_failed: topFailed(s, g.failed),
  });
  const list = [...m].sort(([a, x], [b, y]) =>
    dim === "week" ? compareText(a, b) : y.entries - x.entries || compareText(a, b),
  );
  if (dim === "week" || list.length <= TOP_GROUPS) return list.map(([k, g]) => row(k, g));
  const rest = list.slice(TOP_GROUPS);
  const other: GroupCounts = { entries: 0, met: 0, failed: s.parts.map(() => 0) };
  for (const [, g] of rest) {
    other.entries += g.entries;
    other.met += g.met;
    g.failed.forEach((n, i) => {
      other.failed[i] = (other.failed[i] as number) + n;
    });
  }
  return [...list.slice(0, TOP_GROUPS).map(([k, g]) => row(k, g)), row(`(${rest.length} others)`, other)];
}

function validity(config: SlaConfig, s: CompiledStage, c: StagePart, minSample: number): ValidityRow {
  const met = rates(c.metOutcome);
  const notMet = rates(c.notMetOutcome);
  return {
    stage: s.def.stage,
    accepted_stage: config.stages[s.index + 1]?.id ?? null,
    converted_stage: config.stages[config.stages.length - 1]?.id ?? s.def.stage,
    met,
    not_met: notMet,
    difference: diff(met.rate, notMet.rate),
    criteria: s.parts.map((p, i) => {
      const held = rates(c.held[i] as OutcomeCounts);
      const failed = rates(c.failedOutcome[i] as OutcomeCounts);
      const judged =
        held.decided >= minSample &&
        failed.decided >= minSample &&
        held.rate !== null &&
        failed.rate !== null;
      // An exclusion is contradicted when the leads it excludes are accepted at least as often as the others.
      const contradicted =
        judged &&
        (p.kind === "exclusion"
          ? (held.rate as number) >= (failed.rate as number)
          : (held.rate as number) <= (failed.rate as number));
      return { name: p.name, held, failed, difference: diff(held.rate, failed.rate), contradicted };
    }),
  };
}

/** The section; null when the SLA defines no stage and no engagement was read. */
export function definitionsSection(
  config: SlaConfig,
  t: DefinitionTally,
  minSample: number,
): DefinitionsSection | null {
  if (config.definitions === null && t.engagements === 0) return null;
  return {
    definition: DEFINITION_TEXT,
    fields_as_of: "export",
    stages: t.stages.map((s, i) => {
      const c = t.counts[i] as StagePart;
      const criteria: CriterionRow[] = s.parts.map((p, k) => ({
        name: p.name,
        kind: p.kind,
        failed: c.failed[k] as number,
        missing: c.missing[k] as number,
        partial: c.partial[k] as number,
        unreadable: c.unreadable[k] as number,
      }));
      const groups = t.groups[i] as Map<string, Map<string, GroupCounts>>;
      return {
        stage: s.def.stage,
        entries: c.entries,
        backfilled: c.backfilled,
        met: c.met,
        not_met: c.entries - c.met,
        rate: rate4(ratio(c.met, c.entries)),
        criteria,
        by: [...groups].map(([dimension, m]) => ({ dimension, groups: groupRows(s, dimension, m) })),
      };
    }),
    leakage: t.stages.flatMap((s, i) => {
      const tally = t.leakage[i];
      return s.pass && tally
        ? [{ ...handoffRowOf(s.pass.handoff, tally, minSample), stage: s.def.stage }]
        : [];
    }),
    validity: t.stages.map((s, i) => validity(config, s, t.counts[i] as StagePart, minSample)),
    engagements: {
      leads_with: t.leadsWith,
      engagements: t.engagements,
      by_type: [...t.byType].sort(([a], [b]) => compareText(a, b)).map(([type, count]) => ({ type, count })),
    },
  };
}
