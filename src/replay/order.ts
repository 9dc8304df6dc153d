/** The order events are replayed in: time, then waterfall order, then content, so input order never matters. */

import { compareText } from "../errors.js";
import type { Activity, Engagement, HistoryEvent, SlaConfig } from "../types.js";

/**
 * Rank of an event among events at the same instant: owner changes first (an obligation
 * created at that instant belongs to the new owner), then stages in waterfall order, then
 * outcomes in declared order (a lead qualified and disqualified in one second went through
 * the stage first).
 */
export function eventRanker(config: SlaConfig): (e: HistoryEvent) => number {
  const stageIndex = new Map(config.stages.map((s) => [s.id, s.index]));
  const outcomeIndex = new Map(config.outcomes.map((o, i) => [o.id, i]));
  const n = config.stages.length;
  return (e) => {
    if (e.kind === "owner") return 0;
    if (e.kind === "stage") return 1 + (stageIndex.get(e.stage) ?? 0);
    return 1 + n + (outcomeIndex.get(e.outcome) ?? 0);
  };
}

/** A total order on one lead's events that does not depend on row order in the files. */
export function compareEvents(
  rank: (e: HistoryEvent) => number,
): (a: HistoryEvent, b: HistoryEvent) => number {
  const content = (e: HistoryEvent) =>
    e.kind === "owner" ? e.owner : `${e.raw}\u0000${e.owner ?? ""}\u0000${e.reason ?? ""}`;
  return (a, b) =>
    a.at - b.at ||
    rank(a) - rank(b) ||
    compareText(content(a), content(b)) ||
    compareText(a.place.file, b.place.file) ||
    a.place.line - b.place.line;
}

/** Activities in time order, ties by type, owner and place. */
export function compareActivities(a: Activity, b: Activity): number {
  return (
    a.at - b.at ||
    compareText(a.type, b.type) ||
    compareText(a.owner ?? "", b.owner ?? "") ||
    compareText(a.place.file, b.place.file) ||
    a.place.line - b.place.line
  );
}

/** Engagements in time order; at one instant by type, then by place. */
export function compareEngagements(a: Engagement, b: Engagement): number {
  return (
    a.at - b.at ||
    compareText(a.type, b.type) ||
    compareText(a.place.file, b.place.file) ||
    a.place.line - b.place.line
  );
}
