/** The feedback loop from sales to marketing: how journeys ended, with what reason, by lead source. */

import { compareText } from "../errors.js";
import type { Journey, Lead, Millis } from "../types.js";
import type { FeedbackRow } from "./types.js";

export const NO_REASON = "(no reason)";
export const NO_SOURCE = "(no source)";

const keyOf = (source: string, outcome: string, reason: string) => `${source}\u0000${outcome}\u0000${reason}`;

/** Outcomes of journeys that ended in the period, counted by source, outcome and reason, as they come. */
export class FeedbackTally {
  private readonly counts = new Map<string, FeedbackRow>();

  constructor(
    private readonly from: Millis,
    private readonly to: Millis,
  ) {}

  add(j: Journey, lead: Lead | undefined): void {
    const end = j.end;
    if (end?.kind !== "outcome" || end.outcome === null || end.at < this.from || end.at > this.to) return;
    const source = lead?.source ?? NO_SOURCE;
    const reason = end.reason ?? NO_REASON;
    const key = keyOf(source, end.outcome, reason);
    const row = this.counts.get(key) ?? { source, outcome: end.outcome, reason, count: 0 };
    row.count++;
    this.counts.set(key, row);
  }

  part(): FeedbackRow[] {
    return [...this.counts.values()];
  }

  /** Adds another part's counts. */
  merge(part: readonly FeedbackRow[]): void {
    for (const r of part) {
      const key = keyOf(r.source, r.outcome, r.reason);
      const row = this.counts.get(key);
      if (row) row.count += r.count;
      else this.counts.set(key, { ...r });
    }
  }

  rows(): FeedbackRow[] {
    return [...this.counts.values()].sort(
      (a, b) =>
        compareText(a.source, b.source) ||
        compareText(a.outcome, b.outcome) ||
        b.count - a.count ||
        compareText(a.reason, b.reason),
    );
  }
}

/** Outcomes of journeys that ended in the period, counted by source, outcome and reason. */
export function feedbackRows(
  journeys: readonly Journey[],
  leads: ReadonlyMap<string, Lead>,
  from: Millis,
  to: Millis,
): FeedbackRow[] {
  const t = new FeedbackTally(from, to);
  for (const j of journeys) t.add(j, leads.get(j.leadId));
  return t.rows();
}
