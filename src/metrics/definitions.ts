/** The lead definition checked lead by lead: each entry into a defined stage, marketing's pass clock, validity. */

import { type DefinitionContext, type Judgement, judge, type Part, partsOf } from "../definition/evaluate.js";
import { contains, firstFrom } from "../definition/intervals.js";
import type { FieldPlace } from "../definition/lists.js";
import type { Clock } from "../time/clock.js";
import type {
  Engagement,
  HandoffDef,
  Journey,
  Millis,
  SlaConfig,
  StageDefinition,
  StageEntry,
  Timeline,
} from "../types.js";
import type { Obligation } from "./obligations.js";

/** A defined stage made ready: its parts, its judge, its place in the waterfall, its pass clock. */
export interface CompiledStage {
  def: StageDefinition;
  index: number;
  parts: Part[];
  judge: (
    lead: Timeline["lead"],
    byType: ReadonlyMap<string, readonly Millis[]>,
    parts?: boolean,
  ) => Judgement;
  pass: { handoff: HandoffDef; clock: Clock } | null;
}

/** The stages the SLA defines, compiled once; `clockOf` gives a pinned calendar's clock. */
export function compileStages(
  config: SlaConfig,
  ctx: DefinitionContext,
  clockOf: (h: HandoffDef) => Clock,
): CompiledStage[] {
  return (config.definitions?.stages ?? []).map((def) => {
    const stage = config.stages.find((s) => s.id === def.stage);
    const handoff = passHandoff(config, def);
    return {
      def,
      index: stage?.index ?? -1,
      parts: partsOf(def),
      judge: judge(def, ctx),
      pass: handoff ? { handoff, clock: clockOf(handoff) } : null,
    };
  });
}

/**
 * What the definition is judged with: the `in_file` lists, the lookback clock (business lookbacks
 * such as `2bd` count back on the SLA's default calendar) and each pass clock's clock.
 */
export function definitionClocks(
  config: SlaConfig,
  lists: readonly [string, string[]][],
  contextFor: (h: HandoffDef) => { clockFor: (owner: string | null) => Clock },
  fields?: Readonly<Record<string, FieldPlace>>,
): { ctx: DefinitionContext; clockOf: (h: HandoffDef) => Clock } {
  const clockOf = (h: HandoffDef) => contextFor(h).clockFor(null);
  const lookback = clockOf({
    id: "lookback",
    description: null,
    from: "",
    to: [],
    activity: null,
    within: { unit: "business_hours", amount: 1, text: "" },
    target: 0,
    calendar: config.defaultCalendar,
  });
  const sets = new Map(lists.map(([path, values]) => [path, new Set(values)]));
  return { ctx: { lists: sets, clock: lookback, ...(fields ? { fields } : {}) }, clockOf };
}

/** Marketing's pass clock written as a handoff (for the rows every format already shows). */
function passHandoff(config: SlaConfig, def: StageDefinition): HandoffDef | null {
  if (def.passWithin === null) return null;
  const label = config.stages.find((s) => s.id === def.stage)?.label ?? def.stage;
  return {
    id: `${def.stage}-pass`,
    description: `Marketing passes on every lead that meets the ${label} definition within ${def.passWithin.text}.`,
    from: def.stage,
    to: [def.stage],
    activity: null,
    within: def.passWithin,
    target: def.passTarget ?? 0,
    calendar: def.passCalendar ?? config.defaultCalendar,
  };
}

/** The lead's engagements (the timeline of a dataset without any carries none). */
export function engagementsOf(t: Timeline): readonly Engagement[] {
  return t.engagements ?? [];
}

/** Who is accountable for a pass clock: the team, not a rep. */
export const MARKETING = "marketing";

/** The first instant in the journey an entry into the stage or a later one answers (null: none). */
function passedAt(j: Journey, index: number): StageEntry | null {
  let best: StageEntry | null = null;
  for (let k = index; k < j.entries.length; k++) {
    const e = j.entries[k];
    if (e !== undefined && (best === null || e.at < best.at)) best = e;
  }
  return best;
}

/**
 * Marketing's obligation in one journey: from the first instant the definition held while the
 * lead had not yet reached the stage, to its entry (docs/definitions.md, Leakage). Null when the
 * definition never held before the entry, or only after the journey ended or after as-of.
 */
export function passObligation(
  s: CompiledStage,
  j: Journey,
  judged: Judgement,
  asOf: Millis,
  /** The lead's engagement instants, in time order (asked for only after a recycle). */
  engaged: () => readonly Millis[],
): Obligation | null {
  if (s.pass === null) return null;
  // A recycled lead's next journey opens on the evidence sales just turned down: its clock starts
  // at the first engagement after the recycle at which the definition holds, not at the recycle.
  const first =
    j.number === 1
      ? firstFrom(judged.holds, j.startAt)
      : (engaged().find((t) => t > j.startAt && contains(judged.holds, t)) ?? null);
  if (first === null || first > asOf) return null;
  const answer = passedAt(j, s.index);
  if (answer !== null && first > answer.at) return null;
  if (answer === null && j.end !== null && first > j.end.at) return null;
  const { handoff, clock } = s.pass;
  const deadline = clock.deadline(first, handoff.within);
  const status = answer ? (answer.at <= deadline ? "met" : "late") : deadline < asOf ? "missed" : "pending";
  const latency = answer ? clock.elapsed(first, answer.at) : null;
  return {
    handoff: handoff.id,
    leadId: j.leadId,
    journey: j.number,
    entryAt: first,
    clockStart: first,
    deadline,
    restarts: 0,
    runs: [{ owner: MARKETING, from: first, start: clock.start(first), deadline, clock: clock.label }],
    clock: clock.kind,
    response: answer ? { at: answer.at, what: `stage ${s.def.stage}`, place: answer.place } : null,
    status,
    owner: MARKETING,
    latencyMs: latency,
    ownerLatencyMs: latency,
    systemMs: null,
    personMs: null,
  };
}

/** How the journey turned out after an entry into the stage at `index`. */
export function outcomeOf(
  j: Journey,
  index: number,
): { accepted: boolean; rejected: boolean; converted: boolean; ended: boolean } {
  const accepted = j.entries.some((e, k) => k > index && e !== undefined);
  const ended = j.end?.kind === "outcome";
  return {
    accepted,
    rejected: !accepted && ended,
    converted: j.entries[j.entries.length - 1] !== undefined,
    ended,
  };
}
