/** Handoff latency and SLA status per handoff, from the obligations (calendar clock). */

import { Samples } from "../paged.js";
import type { HandoffDef } from "../types.js";
import type { Obligation } from "./obligations.js";
import { countAtMost, hours2, percentile, rate4, ratio, wilson } from "./stats.js";
import type { HandoffRow } from "./types.js";

/** A mergeable tally of obligations: counts by status and the answered latencies. */
export interface ObligationTally {
  obligations: number;
  met: number;
  late: number;
  missed: number;
  pending: number;
  latencies: Samples;
}

export const emptyObligationTally = (): ObligationTally => ({
  obligations: 0,
  met: 0,
  late: 0,
  missed: 0,
  pending: 0,
  latencies: new Samples(),
});

export function addObligation(t: ObligationTally, o: Obligation, latency: number | null): void {
  t.obligations++;
  t[o.status]++;
  if (latency !== null) t.latencies.push(latency);
}

/** The tally of `key` in `tallies` (by rep, by handoff), made empty when first asked for. */
export function obligationTallyIn<K>(tallies: Map<K, ObligationTally>, key: K): ObligationTally {
  let t = tallies.get(key);
  if (!t) {
    t = emptyObligationTally();
    tallies.set(key, t);
  }
  return t;
}

/** An ObligationTally as it crosses threads (structured clone): its latencies as an ascending array. */
export type ObligationPart = Omit<ObligationTally, "latencies"> & { latencies: Float64Array };

export const obligationPart = (t: ObligationTally): ObligationPart => ({
  ...t,
  latencies: t.latencies.sorted(),
});

/** Adds the tally of another part of the obligations (another thread's) to `t`. */
export function absorbObligations(t: ObligationTally, p: ObligationPart): void {
  t.obligations += p.obligations;
  t.met += p.met;
  t.late += p.late;
  t.missed += p.missed;
  t.pending += p.pending;
  t.latencies.appendSorted(p.latencies);
}

const MIN = 60_000;
/** The speed-to-lead thresholds, on each handoff's own clock. */
const SPEED: [string, number][] = [
  ["5m", 5 * MIN],
  ["1h", 60 * MIN],
  ["4h", 240 * MIN],
  ["1d", 1440 * MIN],
  ["1w", 7 * 1440 * MIN],
];

/** met ÷ (met + late + missed); pending obligations are not yet decided. */
export const complianceOf = (t: ObligationTally) => ratio(t.met, t.met + t.late + t.missed);

/** A handoff's obligations as they come: counts, latencies and the delay split. */
export class HandoffTally {
  readonly t = emptyObligationTally();
  system = 0;
  person = 0;
  readonly systems = new Samples();
  readonly persons = new Samples();

  add(o: Obligation): void {
    addObligation(this.t, o, o.latencyMs);
    if (o.systemMs !== null && o.personMs !== null) {
      this.system += o.systemMs;
      this.person += o.personMs;
      this.systems.push(o.systemMs);
      this.persons.push(o.personMs);
    }
  }

  part(): HandoffPart {
    return {
      t: obligationPart(this.t),
      system: this.system,
      person: this.person,
      systems: this.systems.sorted(),
      persons: this.persons.sorted(),
    };
  }

  /** Adds another part's tally (the sums are of whole milliseconds: exact in any order). */
  merge(p: HandoffPart): void {
    absorbObligations(this.t, p.t);
    this.system += p.system;
    this.person += p.person;
    this.systems.appendSorted(p.systems);
    this.persons.appendSorted(p.persons);
  }
}

/** A HandoffTally as it crosses threads (the delay split's lists ascending). */
export interface HandoffPart {
  t: ObligationPart;
  system: number;
  person: number;
  systems: Float64Array;
  persons: Float64Array;
}

/** The handoff's row: counts, compliance with its interval, latency percentiles and the delay split. */
export function handoffRow(h: HandoffDef, obligations: readonly Obligation[], minSample: number): HandoffRow {
  const tally = new HandoffTally();
  for (const o of obligations) tally.add(o);
  return handoffRowOf(h, tally, minSample);
}

/** The handoff's row from its tally. */
export function handoffRowOf(h: HandoffDef, tally: HandoffTally, minSample: number): HandoffRow {
  const { t, system, person, systems, persons } = tally;
  const sorted = t.latencies.sorted();
  const compliance = complianceOf(t);
  const decided = t.met + t.late + t.missed;
  const interval = wilson(t.met, decided);
  const p50 = (xs: Samples) => hours2(percentile(xs.sorted(), 0.5));
  return {
    id: h.id,
    description: h.description,
    from: h.from,
    within: h.within.text,
    clock: h.within.unit === "calendar" ? "calendar" : "business",
    calendar: h.calendar,
    target: h.target,
    obligations: t.obligations,
    met: t.met,
    late: t.late,
    missed: t.missed,
    pending: t.pending,
    compliance: rate4(compliance),
    compliance_low: rate4(interval?.low ?? null),
    compliance_high: rate4(interval?.high ?? null),
    small_sample: decided < minSample,
    target_met: compliance === null ? null : compliance >= h.target,
    p50_hours: hours2(percentile(sorted, 0.5)),
    p90_hours: hours2(percentile(sorted, 0.9)),
    p95_hours: hours2(percentile(sorted, 0.95)),
    max_hours: hours2(sorted.length ? (sorted[sorted.length - 1] as number) : null),
    delay: {
      system_p50_hours: p50(systems),
      person_p50_hours: p50(persons),
      system_share: rate4(ratio(system, system + person)),
    },
    speed: SPEED.map(([within, ms]) => ({
      within,
      share: rate4(ratio(countAtMost(sorted, ms), decided)),
    })),
  };
}
