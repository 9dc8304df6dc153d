/**
 * Sales touches after a lead is accepted. Reps differ: Priya answers in minutes, Tom often after
 * four hours, Luis often never calls. A few touches are logged by a colleague instead of the owner.
 */
import type { Rng } from "./random.js";
import { REPS, type Rep } from "./sales-org.js";
import { DAY, HOUR, MINUTE, nextWorkingTime } from "./zone-time.js";

/** One sales activity; `owner` is a rep index, or -1 for "whoever owns the lead at that time". */
export interface ActivityEvent {
  at: number;
  owner: number;
  type: "call" | "email" | "meeting" | "email_sequence" | "note";
}

const NEVER_TOUCHES: Readonly<Record<Rep["touchHabit"], number>> = {
  fast: 0.03,
  normal: 0.06,
  slow: 0.12,
  neglectful: 0.45,
};

function firstTouchDelay(rng: Rng, habit: Rep["touchHabit"]): number {
  switch (habit) {
    case "fast":
      return rng.chance(0.85) ? rng.uniform(2, 25) * MINUTE : rng.lognormal(90 * MINUTE, 0.8);
    case "slow":
      return rng.chance(0.35) ? rng.lognormal(2 * HOUR, 0.5) : rng.uniform(4.2, 48) * HOUR;
    case "neglectful":
      return rng.lognormal(3 * HOUR, 1);
    default:
      return rng.weighted<() => number>([
        [() => rng.lognormal(40 * MINUTE, 0.8), 72],
        [() => rng.uniform(1.5, 4) * HOUR, 16],
        [() => rng.uniform(4, 30) * HOUR, 12],
      ])();
  }
}

function toucher(rng: Rng, owner: number): number {
  if (!rng.chance(0.06)) return -1;
  const others = REPS.map((_, i) => i).filter((i) => i !== owner);
  return rng.pick(others);
}

/**
 * Touches by the accepting rep `accepter` after acceptance at `salAt`, follow-ups stopping before
 * `until`. Sometimes the rep called just before setting the status (but after the MQL at `mqlAt`).
 */
export function planTouches(
  rng: Rng,
  accepter: number,
  salAt: number,
  until: number,
  mqlAt: number,
): ActivityEvent[] {
  const rep = REPS[accepter] as Rep;
  const touches: ActivityEvent[] = [];
  if (rng.chance(0.12)) {
    touches.push({
      at: Math.max(salAt - rng.uniform(1, 20) * MINUTE, mqlAt + MINUTE),
      owner: -1,
      type: "call",
    });
  }
  if (rng.chance(NEVER_TOUCHES[rep.touchHabit])) return touches;
  let at = salAt + firstTouchDelay(rng, rep.touchHabit);
  at = nextWorkingTime(at, rep.timeZone, rng.uniform(0, 60));
  touches.push({
    at,
    owner: toucher(rng, accepter),
    type: rng.weighted<ActivityEvent["type"]>([
      ["call", 55],
      ["email", 40],
      ["meeting", 5],
    ]),
  });
  const followUps = rng.weighted([
    [0, 25],
    [1, 30],
    [2, 25],
    [3, 12],
    [4, 8],
  ] as const);
  for (let k = 0; k < followUps; k++) {
    at = nextWorkingTime(at + rng.lognormal(2 * DAY, 0.8), rep.timeZone, rng.uniform(0, 480));
    if (at >= until) break;
    touches.push({
      at,
      owner: toucher(rng, accepter),
      type: rng.weighted<ActivityEvent["type"]>([
        ["call", 40],
        ["email", 35],
        ["meeting", 10],
        ["note", 15],
      ]),
    });
  }
  return touches;
}
