/** Obligations placed on their handoff's scale, so compliance can be read at any window. */

/*
 * Each obligation becomes one number on the handoff's own scale (milliseconds of calendar or
 * business time; whole business days for `bd` windows), taken from the clock that decides it
 * (its last clock run, under on_reassign: restart the one after the last reassignment):
 * - answered: the shortest window it meets (the time from the clock's start to the response);
 * - unanswered: the time it has been open at as-of; at a window W it is missed when that time is
 *   over W, else pending (not yet decided, left out as the audit leaves it out).
 * So at any W: met = answered ≤ W, late = answered > W, missed = open > W, pending = open ≤ W,
 * exactly the audit's rule (a response at or before the deadline meets it; unanswered after the
 * deadline is missed), because a deadline is the last instant whose elapsed time is within W.
 */

import type { Clock } from "../time/clock.js";
import type { ClockWindow, Millis } from "../types.js";
import type { Obligation } from "./obligations.js";
import { countAtMost } from "./stats.js";

/** Answered and open times of a set of obligations, each ascending. */
export interface Scaled {
  answered: Float64Array;
  open: Float64Array;
}

/** The audit's four counts at a window (on the scale), and compliance = met / (met + late + missed). */
export interface Reading {
  met: number;
  late: number;
  missed: number;
  pending: number;
  compliance: number | null;
}

/** The counts the audit would give at window `w`. */
export function readAt(s: Scaled, w: number): Reading {
  const met = countAtMost(s.answered, w);
  const pending = countAtMost(s.open, w);
  const late = s.answered.length - met;
  const missed = s.open.length - pending;
  const decided = met + late + missed;
  return { met, late, missed, pending, compliance: decided === 0 ? null : met / decided };
}

/**
 * The shortest window at which the share met reaches `target`: the smallest answered time W with
 * compliance(W) ≥ target (compliance grows with W, so a bisection finds it). Null when even the
 * longest answered time falls short (unanswered obligations keep the share under the target).
 */
export function windowFor(s: Scaled, target: number): number | null {
  const xs = s.answered;
  if (xs.length === 0) return null;
  const ok = (i: number) => (readAt(s, xs[i] as number).compliance ?? 0) >= target;
  if (!ok(xs.length - 1)) return null;
  let lo = -1;
  let hi = xs.length - 1; // ok(hi) holds; ok(lo) does not (or lo = -1)
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (ok(mid)) hi = mid;
    else lo = mid;
  }
  return xs[hi] as number;
}

/** The smallest n ≥ 0 business days whose deadline from `from` is at or after `t`. */
function daysUntil(c: Clock, from: Millis, t: Millis): number {
  const reaches = (n: number) => c.deadline(from, { unit: "business_days", amount: n }) >= t;
  if (reaches(0)) return 0;
  let lo = 0;
  let hi = 1;
  while (!reaches(hi)) {
    lo = hi;
    hi *= 2;
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (reaches(mid)) hi = mid;
    else lo = mid;
  }
  return hi;
}

/**
 * One obligation's number on the scale of `window`: its answered time, or its open time at as-of.
 * `clock`: the clock of its deciding run. Business days: a response meets n days when it is at or
 * before the deadline of n days; an open one is missed at n days when that deadline is before as-of.
 */
export function scaleOf(o: Obligation, clock: Clock, window: ClockWindow, asOf: Millis): number {
  const start = o.clockStart;
  if (window.unit === "business_days") {
    if (o.response) return daysUntil(clock, start, o.response.at);
    // missed at n ⇔ deadline(n) < as-of ⇔ n < daysUntil(as-of)
    return daysUntil(clock, start, asOf) - 0.5;
  }
  if (o.response) return o.ownerLatencyMs ?? clock.elapsed(start, o.response.at);
  return clock.elapsed(start, asOf);
}
