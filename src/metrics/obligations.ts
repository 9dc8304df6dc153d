/** Handoff obligations: created by entries into a handoff's stage, answered, judged on a clock. */

/**
 * Handoff obligations (docs/definitions.md): each real entry into a handoff's `from` stage
 * creates one; it is answered by the first entry into a `to` stage or outcome of the same
 * journey, or by a qualifying activity, at or after the entry. The clock is the accountable
 * owner's (calendar or business time). met: answered at or before the deadline; late: after it;
 * missed: unanswered and the deadline is before as-of; pending: otherwise.
 */

import { qualifies } from "../activity-rule.js";
import { ownerAt } from "../replay/replay.js";
import type { Clock } from "../time/clock.js";
import type { HandoffDef, Journey, Millis, Place, SlaConfig, Timeline } from "../types.js";
import type { ClockFor } from "./clocks.js";

export type ObligationStatus = "met" | "late" | "missed" | "pending";

export interface Response {
  at: Millis;
  /** "stage sal", "outcome disqualified", "activity call by Priya Raman". */
  what: string;
  place: Place | null;
}

/** One clock an obligation ran on: a new one starts at each restart (reassignment). */
export interface ClockRun {
  owner: string | null;
  /** The instant the clock was started (entry or reassignment) and when it really began counting. */
  from: Millis;
  start: Millis;
  deadline: Millis;
  clock: string;
}

export interface Obligation {
  handoff: string;
  leadId: string;
  journey: number;
  entryAt: Millis;
  /** Start of the clock that decides: the entry, or the last reassignment under `restart`. */
  clockStart: Millis;
  deadline: Millis;
  restarts: number;
  runs: ClockRun[];
  clock: "calendar" | "business";
  response: Response | null;
  status: ObligationStatus;
  /** Owner accountable: the owner at min(response, deadline, as-of). */
  owner: string | null;
  /** Entry -> response (the lead's wait) on the deciding clock; null when unanswered. */
  latencyMs: Millis | null;
  /** Clock start -> response (the accountable owner's wait). */
  ownerLatencyMs: Millis | null;
  /** Entry -> first owned by a rep (system), and rep -> response (person), answered only. */
  systemMs: Millis | null;
  personMs: Millis | null;
}

function stageResponse(
  journey: Journey,
  handoff: HandoffDef,
  config: SlaConfig,
  from: Millis,
): Response | null {
  let best: Response | null = null;
  for (const target of handoff.to) {
    const index = config.stages.findIndex((s) => s.id === target);
    let candidate: Response | null = null;
    if (index >= 0) {
      const entry = journey.entries[index];
      if (entry && entry.at >= from)
        candidate = {
          at: entry.at,
          what: `${entry.backfilled ? "backfilled " : ""}stage ${target}`,
          place: entry.place,
        };
    } else if (journey.end?.kind === "outcome" && journey.end.outcome === target && journey.end.at >= from) {
      candidate = { at: journey.end.at, what: `outcome ${target}`, place: journey.end.place };
    }
    if (candidate && (best === null || candidate.at < best.at)) best = candidate;
  }
  return best;
}

function activityResponse(
  timeline: Timeline,
  journey: Journey,
  handoff: HandoffDef,
  from: Millis,
): Response | null {
  const rule = handoff.activity;
  if (!rule) return null;
  const until = journey.end?.at ?? Number.POSITIVE_INFINITY;
  for (const a of timeline.activities) {
    if (a.at < from) continue;
    if (a.at > until) break;
    if (!qualifies(a, rule)) continue;
    if (rule.by === "owner" && (a.owner === null || a.owner !== ownerAt(timeline.owners, a.at))) continue;
    return { at: a.at, what: `activity ${a.type}${a.owner ? ` by ${a.owner}` : ""}`, place: a.place };
  }
  return null;
}

/** The first instant at or after `from` when the lead is owned by a rep (not a queue or nobody). */
function assignedAt(
  timeline: Timeline,
  from: Millis,
  isRep: (owner: string | null) => boolean,
): Millis | null {
  if (isRep(ownerAt(timeline.owners, from))) return from;
  for (const span of timeline.owners) if (span.from > from && isRep(span.owner)) return span.from;
  return null;
}

export interface ObligationContext {
  config: SlaConfig;
  asOf: Millis;
  clockFor: ClockFor;
  isRep: (owner: string | null) => boolean;
}

/** Every obligation of one handoff in one lead's timeline, as of `asOf`. */
export function obligationsOf(timeline: Timeline, handoff: HandoffDef, ctx: ObligationContext): Obligation[] {
  const fromIndex = ctx.config.stages.findIndex((s) => s.id === handoff.from);
  const out: Obligation[] = [];
  for (const journey of timeline.journeys) {
    const entry = journey.entries[fromIndex];
    if (!entry || entry.backfilled) continue; // only real entries create obligations
    out.push(journeyObligation(timeline, journey, handoff, ctx, entry.at));
  }
  return out;
}

type TimedRun = ClockRun & { c: Clock };

/** One clock run: the owner's clock from `from`, with its start and deadline. */
function clockRun(clockFor: ClockFor, handoff: HandoffDef, owner: string | null, from: Millis): TimedRun {
  const c = clockFor(owner);
  return {
    owner,
    from,
    start: c.start(from),
    deadline: c.deadline(from, handoff.within),
    clock: c.label,
    c,
  };
}

/** The obligation created by one journey's real entry (at `entryAt`) into the handoff's `from` stage. */
function journeyObligation(
  timeline: Timeline,
  journey: Journey,
  handoff: HandoffDef,
  ctx: ObligationContext,
  entryAt: Millis,
): Obligation {
  const { config, asOf, clockFor } = ctx;
  const stage = stageResponse(journey, handoff, config, entryAt);
  const activity = activityResponse(timeline, journey, handoff, entryAt);
  const response = stage && activity ? (activity.at < stage.at ? activity : stage) : (stage ?? activity);
  const runs = [clockRun(clockFor, handoff, ownerAt(timeline.owners, entryAt), entryAt)];
  if (config.onReassign === "restart") restartRuns(runs, timeline, journey, handoff, ctx, entryAt, response);
  const last = runs[runs.length - 1] as TimedRun;
  const { deadline, c } = last;
  const status = response
    ? response.at <= deadline
      ? "met"
      : "late"
    : deadline < asOf
      ? "missed"
      : "pending";
  const decisive = Math.min(
    response?.at ?? Number.POSITIVE_INFINITY,
    deadline,
    asOf,
    journey.end?.at ?? Number.POSITIVE_INFINITY,
  );
  const cap = Math.min(response?.at ?? asOf, asOf);
  const assigned = Math.min(assignedAt(timeline, entryAt, ctx.isRep) ?? cap, cap);
  return {
    handoff: handoff.id,
    leadId: timeline.lead.id,
    journey: journey.number,
    entryAt,
    clockStart: last.from,
    deadline,
    restarts: runs.length - 1,
    runs: runs.map(({ c: _c, ...r }) => r),
    clock: c.kind,
    response,
    status,
    owner: ownerAt(timeline.owners, decisive),
    latencyMs: response ? c.elapsed(entryAt, response.at) : null,
    ownerLatencyMs: response ? c.elapsed(last.from, response.at) : null,
    systemMs: response ? c.elapsed(entryAt, assigned) : null,
    personMs: response ? c.elapsed(assigned, response.at) : null,
  };
}

/**
 * `on_reassign: restart`: a reassignment before the response and before the deadline passed gives
 * the new owner a fresh clock (appended to `runs`). Only while this journey lasts: a later
 * journey's reassignment is not this obligation's.
 */
function restartRuns(
  runs: TimedRun[],
  timeline: Timeline,
  journey: Journey,
  handoff: HandoffDef,
  ctx: ObligationContext,
  entryAt: Millis,
  response: Response | null,
): void {
  const until = Math.min(
    ctx.asOf,
    journey.end?.at ?? Number.POSITIVE_INFINITY,
    response?.at ?? Number.POSITIVE_INFINITY,
  );
  for (const span of timeline.owners) {
    const current = runs[runs.length - 1] as ClockRun;
    if (span.from <= entryAt) continue;
    // A reassignment at the response instant comes first (ties put owner changes first).
    if (span.from > current.deadline || span.from > until) break;
    runs.push(clockRun(ctx.clockFor, handoff, span.owner, span.from));
  }
}
