/** The feedback loop from sales to marketing: how journeys ended, with what reason, by lead source. */

import { compareText } from "../errors.js";
import type { Journey, Lead, Millis } from "../types.js";
import type { FeedbackRow } from "./types.js";

export const NO_REASON = "(no reason)";
export const NO_SOURCE = "(no source)";

/** Outcomes of journeys that ended in the period, counted by source, outcome and reason. */
export function feedbackRows(
  journeys: readonly Journey[],
  leads: ReadonlyMap<string, Lead>,
  from: Millis,
  to: Millis,
): FeedbackRow[] {
  const counts = new Map<string, FeedbackRow>();
  for (const j of journeys) {
    const end = j.end;
    if (end?.kind !== "outcome" || end.outcome === null || end.at < from || end.at > to) continue;
    const source = leads.get(j.leadId)?.source ?? NO_SOURCE;
    const reason = end.reason ?? NO_REASON;
    const key = `${source}\u0000${end.outcome}\u0000${reason}`;
    const row = counts.get(key) ?? { source, outcome: end.outcome, reason, count: 0 };
    row.count++;
    counts.set(key, row);
  }
  return [...counts.values()].sort(
    (a, b) =>
      compareText(a.source, b.source) ||
      compareText(a.outcome, b.outcome) ||
      b.count - a.count ||
      compareText(a.reason, b.reason),
  );
}
