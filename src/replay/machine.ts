/** The stage machine: one lead's events, in order, fold into journeys. */

/**
 * Rules (docs/definitions.md): the first event opens journey 1; reaching the last stage or an
 * outcome ends the journey; a recycle ends it at t and opens the next one at t in `returns_to`;
 * only the first entry per stage per journey counts; a backward move is a finding, not an entry;
 * skipped stages follow `skipped_stages`.
 */

import { finding } from "../findings.js";
import type {
  Finding,
  Journey,
  Millis,
  OutcomeEvent,
  Place,
  ReplayStep,
  SlaConfig,
  StageEvent,
} from "../types.js";

export interface MachineState {
  leadId: string;
  journeys: Journey[];
  /** The open journey, or null before the first event and after an end. */
  open: Journey | null;
  /** Furthest stage index reached in the open journey. */
  furthest: number;
  steps: ReplayStep[] | null;
}

export function initialState(leadId: string, trace: boolean): MachineState {
  return { leadId, journeys: [], open: null, furthest: -1, steps: trace ? [] : null };
}

function note(state: MachineState, at: Millis, place: Place | null, input: string, effect: string): void {
  state.steps?.push({
    at,
    place,
    input,
    effect,
    journey: state.open?.number ?? state.journeys.at(-1)?.number ?? null,
  });
}

function openJourney(
  state: MachineState,
  config: SlaConfig,
  stageIndex: number,
  at: Millis,
  place: Place | null,
): Journey {
  const journey: Journey = {
    leadId: state.leadId,
    number: state.journeys.length + 1,
    startAt: at,
    entries: new Array(config.stages.length).fill(undefined),
    end: null,
  };
  journey.entries[stageIndex] = { at, backfilled: false, place };
  state.journeys.push(journey);
  state.open = journey;
  state.furthest = stageIndex;
  return journey;
}

function closeIfLast(state: MachineState, config: SlaConfig, at: Millis, place: Place | null): void {
  if (state.open && state.furthest === config.stages.length - 1) {
    state.open.end = { at, kind: "completed", outcome: null, reason: null, place };
    state.open = null;
  }
}

/** Applies a stage entry (the creation is an entry into the first stage). */
export function enterStage(
  state: MachineState,
  config: SlaConfig,
  stageIndex: number,
  at: Millis,
  place: Place | null,
  input: string,
  findings: Finding[],
): void {
  const stage = config.stages[stageIndex];
  if (!stage) return;
  const journey = state.open;
  if (journey === null) {
    const j = openJourney(state, config, stageIndex, at, place);
    if (state.steps)
      note(
        state,
        at,
        place,
        input,
        `${j.number === 1 ? "opened journey 1" : `opened journey ${j.number}`} in ${stage.id}`,
      );
    closeIfLast(state, config, at, place);
    return;
  }
  if (stageIndex < state.furthest) {
    const furthest = config.stages[state.furthest]?.id ?? "?";
    if (place)
      findings.push(
        finding("backward_move", place, `lead ${state.leadId} moved back from ${furthest} to ${stage.id}`, {
          leadId: state.leadId,
          value: input,
        }),
      );
    if (state.steps)
      note(state, at, place, input, `ignored: backward move from ${furthest} to ${stage.id} (finding)`);
    return;
  }
  if (journey.entries[stageIndex] !== undefined) {
    if (state.steps) note(state, at, place, input, `ignored: already entered ${stage.id} in this journey`);
    return;
  }
  for (let k = state.furthest + 1; k < stageIndex; k++) {
    const skipped = config.stages[k]?.id ?? "?";
    if (config.skippedStages === "backfill") {
      journey.entries[k] = { at, backfilled: true, place };
      if (state.steps) note(state, at, place, input, `backfilled ${skipped} (skipped)`);
    } else if (state.steps) note(state, at, place, input, `skipped ${skipped} (${config.skippedStages})`);
  }
  journey.entries[stageIndex] = { at, backfilled: false, place };
  state.furthest = stageIndex;
  if (state.steps) note(state, at, place, input, `entered ${stage.id}`);
  closeIfLast(state, config, at, place);
}

/** Applies a stage-history row that names a stage. */
export function applyStage(
  state: MachineState,
  config: SlaConfig,
  e: StageEvent,
  stageIndex: number,
  findings: Finding[],
): void {
  enterStage(state, config, stageIndex, e.at, e.place, e.raw, findings);
}

/** Applies an outcome: ends the open journey; a recycle opens the next one at the same instant. */
export function applyOutcome(
  state: MachineState,
  config: SlaConfig,
  e: OutcomeEvent,
  findings: Finding[],
): void {
  const journey = state.open;
  if (journey === null) {
    findings.push(
      finding("after_end", e.place, `lead ${state.leadId}: "${e.raw}" after its journey had ended`, {
        leadId: state.leadId,
        value: e.raw,
      }),
    );
    if (state.steps) note(state, e.at, e.place, e.raw, "ignored: the journey had already ended (finding)");
    return;
  }
  journey.end = { at: e.at, kind: "outcome", outcome: e.outcome, reason: e.reason, place: e.place };
  state.open = null;
  if (state.steps)
    note(
      state,
      e.at,
      e.place,
      e.raw,
      `ended journey ${journey.number}: ${e.outcome}${e.reason ? ` (${e.reason})` : ""}`,
    );
  const returnsTo = config.outcomes.find((o) => o.id === e.outcome)?.returnsTo ?? null;
  if (returnsTo === null) return;
  const index = config.stages.findIndex((s) => s.id === returnsTo);
  const next = openJourney(state, config, index, e.at, e.place);
  if (state.steps)
    note(state, e.at, e.place, e.raw, `opened journey ${next.number} in ${returnsTo} (recycled)`);
}

export { note as noteStep };
