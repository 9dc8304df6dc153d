/** Rep follow-up compliance: each accountable owner's obligations, with a Wilson 95% interval. */

/**
 * Rep follow-up compliance: each obligation belongs to its accountable owner (the owner at
 * min(response, deadline, as-of), after `on_reassign` moved the clock). Per rep: counts,
 * compliance with a Wilson 95% interval, and the owner's time to respond.
 */

import { compareText } from "../errors.js";
import {
  absorbObligations,
  addObligation,
  complianceOf,
  type ObligationPart,
  type ObligationTally,
  obligationPart,
  obligationTallyIn,
} from "./latency.js";
import type { Obligation } from "./obligations.js";
import { hours2, percentile, rate4, wilson } from "./stats.js";
import type { RepRow } from "./types.js";

export const UNASSIGNED = "(unassigned)";

/** Obligations tallied by accountable owner, as they come. */
export class RepTally {
  readonly byRep = new Map<string, ObligationTally>();

  add(o: Obligation): void {
    addObligation(obligationTallyIn(this.byRep, o.owner ?? UNASSIGNED), o, o.ownerLatencyMs);
  }

  part(): [string, ObligationPart][] {
    return [...this.byRep].map(([rep, t]) => [rep, obligationPart(t)]);
  }

  /** Adds another part's tally; reps new here come after, as they would have come. */
  merge(part: readonly [string, ObligationPart][]): void {
    for (const [rep, p] of part) absorbObligations(obligationTallyIn(this.byRep, rep), p);
  }
}

/** One row per rep, sorted by rep name. */
export function repRows(obligations: readonly Obligation[], minSample: number): RepRow[] {
  const tally = new RepTally();
  for (const o of obligations) tally.add(o);
  return repRowsOf(tally, minSample);
}

/** One row per rep of a tally, sorted by rep name. */
export function repRowsOf(tally: RepTally, minSample: number): RepRow[] {
  return [...tally.byRep.entries()]
    .sort(([a], [b]) => compareText(a, b))
    .map(([rep, t]) => {
      const sorted = t.latencies.sorted();
      const interval = wilson(t.met, t.met + t.late + t.missed);
      return {
        rep,
        obligations: t.obligations,
        met: t.met,
        late: t.late,
        missed: t.missed,
        pending: t.pending,
        compliance: rate4(complianceOf(t)),
        compliance_low: rate4(interval?.low ?? null),
        compliance_high: rate4(interval?.high ?? null),
        small_sample: t.met + t.late + t.missed < minSample,
        median_hours: hours2(percentile(sorted, 0.5)),
        p90_hours: hours2(percentile(sorted, 0.9)),
      };
    });
}
