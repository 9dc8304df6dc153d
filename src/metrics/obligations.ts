/**
 * Handoff obligations (docs/definitions.md): each real entry into a handoff's `from` stage
 * creates one; it is answered by the first entry into a `to` stage or outcome of the same
 * journey, or by a qualifying activity, at or after the entry. met: answered at or before the
 * deadline; late: after it; missed: unanswered and the deadline is before as-of; pending: otherwise.
 */

import { ownerAt } from "../replay/replay.js";
import type { Activity, HandoffDef, Journey, Millis, Place, SlaConfig, Timeline } from "../types.js";

export type ObligationStatus = "met" | "late" | "missed" | "pending";

export interface Response {
  at: Millis;
  /** "stage sal", "outcome disqualified", "activity call by Priya Raman". */
  what: string;
  place: Place | null;
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
  response: Response | null;
  status: ObligationStatus;
  /** Owner accountable: the owner at min(response, deadline, as-of). */
  owner: string | null;
  /** Entry -> response (the lead's wait), null when unanswered. */
  latencyMs: Millis | null;
  /** Clock start -> response (the accountable owner's wait). */
  ownerLatencyMs: Millis | null;
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
  const types = new Set(rule.types.map((t) => t.toLowerCase()));
  const until = journey.end?.at ?? Number.POSITIVE_INFINITY;
  for (const a of timeline.activities as Activity[]) {
    if (a.at < from) continue;
    if (a.at > until) break;
    if (!types.has(a.type.toLowerCase())) continue;
    if (rule.by === "owner" && (a.owner === null || a.owner !== ownerAt(timeline.owners, a.at))) continue;
    return { at: a.at, what: `activity ${a.type}${a.owner ? ` by ${a.owner}` : ""}`, place: a.place };
  }
  return null;
}

/** Every obligation of one handoff in one lead's timeline, as of `asOf`. */
export function obligationsOf(
  timeline: Timeline,
  handoff: HandoffDef,
  config: SlaConfig,
  asOf: Millis,
): Obligation[] {
  const fromIndex = config.stages.findIndex((s) => s.id === handoff.from);
  const out: Obligation[] = [];
  for (const journey of timeline.journeys) {
    const entry = journey.entries[fromIndex];
    if (!entry || entry.backfilled) continue; // only real entries create obligations
    const entryAt = entry.at;
    const stage = stageResponse(journey, handoff, config, entryAt);
    const activity = activityResponse(timeline, journey, handoff, entryAt);
    const response = stage && activity ? (activity.at < stage.at ? activity : stage) : (stage ?? activity);
    let clockStart = entryAt;
    let deadline = entryAt + handoff.within.ms;
    let restarts = 0;
    if (config.onReassign === "restart") {
      // A reassignment before the response and before the deadline passed gives the new owner a fresh clock.
      for (const span of timeline.owners) {
        if (span.from <= entryAt) continue;
        if (span.from > deadline || span.from > asOf || (response && span.from >= response.at)) break;
        clockStart = span.from;
        deadline = span.from + handoff.within.ms;
        restarts++;
      }
    }
    const status: ObligationStatus = response
      ? response.at <= deadline
        ? "met"
        : "late"
      : deadline < asOf
        ? "missed"
        : "pending";
    const decisive = Math.min(response?.at ?? Number.POSITIVE_INFINITY, deadline, asOf);
    out.push({
      handoff: handoff.id,
      leadId: timeline.lead.id,
      journey: journey.number,
      entryAt,
      clockStart,
      deadline,
      restarts,
      response,
      status,
      owner: ownerAt(timeline.owners, decisive),
      latencyMs: response ? response.at - entryAt : null,
      ownerLatencyMs: response ? response.at - clockStart : null,
    });
  }
  return out;
}
