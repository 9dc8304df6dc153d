/** Sales touches after a lead is accepted, in the working time of the rep who logs them. */

/*
 * Sales touches after a lead is accepted. Reps differ: Priya answers in minutes, Tom often after
 * four working hours, Luis often never calls. A few touches are logged by a colleague instead of the
 * owner, and some calls and meetings are first logged as "scheduled" (planned, not done).
 * Every human touch lands in the working time of the rep who logs it, in that rep's own zone.
 */
import type { Rng } from "./random.js";
import { REPS, type Rep } from "./sales-org.js";
import { addWorkingTime, isWorkingTime, nextWorkingTime, REP_CALENDAR } from "./working-time.js";
import { DAY, HOUR, MINUTE } from "./zone-time.js";

/** One activity; `owner` is a rep index, or -1 for "whoever owns the lead at that time". */
export interface ActivityEvent {
  at: number;
  owner: number;
  type: "call" | "email" | "meeting" | "email_sequence" | "note";
  /** "scheduled": a planned call or meeting that was not held (not a touch). */
  status: "completed" | "scheduled";
}

/** Probability that a call or meeting is preceded by an extra "scheduled" row that never happened. */
const SCHEDULED_BEFORE = 0.106;
const QUARTER = 15 * MINUTE;

const FIRST_TYPES: readonly (readonly [ActivityEvent["type"], number])[] = [
  ["call", 55],
  ["email", 40],
  ["meeting", 5],
];
const FOLLOW_UP_TYPES: readonly (readonly [ActivityEvent["type"], number])[] = [
  ["call", 40],
  ["email", 35],
  ["meeting", 10],
  ["note", 15],
];

const NEVER_TOUCHES: Readonly<Record<Rep["touchHabit"], number>> = {
  fast: 0.03,
  normal: 0.06,
  slow: 0.12,
  neglectful: 0.45,
};

const zoneOf = (rep: number): string => (REPS[rep] as Rep).timeZone;

/** Time from acceptance to the first touch, in working time of the accepting rep. */
function firstTouchDelay(rng: Rng, habit: Rep["touchHabit"]): number {
  switch (habit) {
    case "fast":
      return rng.chance(0.85) ? rng.uniform(2, 25) * MINUTE : rng.lognormal(90 * MINUTE, 0.8);
    case "slow":
      // Late in business time: later that day, the next working morning, or two working days later.
      return rng.chance(0.35) ? rng.lognormal(2 * HOUR, 0.5) : rng.uniform(4.2, 14) * HOUR;
    case "neglectful":
      return rng.lognormal(3 * HOUR, 1);
    default:
      return rng.weighted<() => number>([
        [() => rng.lognormal(40 * MINUTE, 0.8), 72],
        [() => rng.uniform(1.5, 4) * HOUR, 16],
        [() => rng.uniform(4, 10) * HOUR, 12],
      ])();
  }
}

function toucher(rng: Rng, owner: number): number {
  if (!rng.chance(0.06)) return -1;
  const others = REPS.map((_, i) => i).filter((i) => i !== owner);
  return rng.pick(others);
}

/**
 * Moves `at` into the working time of the rep who acts then: `who`, or (if -1) the lead's owner at
 * that moment. If the move crosses an owner change, it is repeated for the new owner. When `at` is
 * off hours, the rep starts `lateMinutes` of working time after the start of the next window.
 */
export function placeForRep(
  at: number,
  who: number,
  ownerAt: (at: number) => number,
  lateMinutes = 0,
): { at: number; owner: number } {
  let t = at;
  let late = lateMinutes;
  for (let round = 0; round < 4; round++) {
    const owner = who >= 0 ? who : ownerAt(t);
    const next = nextWorkingTime(t, zoneOf(owner), REP_CALENDAR, late);
    if (next === t) return { at: t, owner };
    t = next;
    late = 0;
  }
  return { at: t, owner: who >= 0 ? who : ownerAt(t) };
}

/** What {@link planTouches} needs to know about the lead. */
export interface TouchContext {
  rng: Rng;
  /** The rep who accepted the lead at `salAt`. */
  accepter: number;
  salAt: number;
  /** Follow-ups stop before this instant. */
  until: number;
  /** The earliest instant a rep can touch the lead: the MQL, or the routing if that came later. */
  earliest: number;
  /** The lead's owner (a rep index) at an instant. */
  ownerAt: (at: number) => number;
}

/**
 * Adds a completed touch, maybe preceded by a scheduled one that never happened, and returns its
 * time; adds nothing and returns undefined if it would fall at or after `until`.
 */
function addTouch(
  ctx: TouchContext,
  touches: ActivityEvent[],
  prev: number,
  raw: number,
  lateMinutes: number,
  until: number,
  types: readonly (readonly [ActivityEvent["type"], number])[],
): number | undefined {
  const { rng } = ctx;
  const placed = placeForRep(raw, toucher(rng, ctx.accepter), ctx.ownerAt, lateMinutes);
  if (placed.at >= until) return undefined;
  const type = rng.weighted(types);
  if ((type === "call" || type === "meeting") && rng.chance(SCHEDULED_BEFORE)) {
    // Planned for a round quarter hour (the zones here are whole hours off UTC).
    const planned = Math.ceil((prev + rng.uniform(0.1, 0.9) * (placed.at - prev)) / QUARTER) * QUARTER;
    const at = nextWorkingTime(planned, zoneOf(placed.owner), REP_CALENDAR);
    if (at > prev && at < placed.at) touches.push({ at, owner: placed.owner, type, status: "scheduled" });
  }
  touches.push({ at: placed.at, owner: placed.owner, type, status: "completed" });
  return placed.at;
}

/**
 * Touches after acceptance at `salAt` by the accepting rep (or a colleague), follow-ups stopping
 * before `until`. Sometimes the rep called just before setting the status (but after `earliest`).
 */
export function planTouches(ctx: TouchContext): ActivityEvent[] {
  const { rng, accepter, salAt, until } = ctx;
  const rep = REPS[accepter] as Rep;
  const touches: ActivityEvent[] = [];
  if (rng.chance(0.12)) {
    const at = salAt - rng.uniform(1, 20) * MINUTE;
    const owner = ctx.ownerAt(at);
    if (at > ctx.earliest && owner >= 0 && isWorkingTime(at, zoneOf(owner), REP_CALENDAR))
      touches.push({ at, owner, type: "call", status: "completed" });
  }
  if (rng.chance(NEVER_TOUCHES[rep.touchHabit])) return touches;
  const first = addWorkingTime(salAt, firstTouchDelay(rng, rep.touchHabit), rep.timeZone, REP_CALENDAR);
  let at = addTouch(ctx, touches, salAt, first, 0, Number.POSITIVE_INFINITY, FIRST_TYPES) as number;
  const followUps = rng.weighted([
    [0, 25],
    [1, 30],
    [2, 25],
    [3, 12],
    [4, 8],
  ] as const);
  for (let k = 0; k < followUps; k++) {
    const raw = at + rng.lognormal(2 * DAY, 0.8);
    const next = addTouch(ctx, touches, at, raw, rng.uniform(0, 420), until, FOLLOW_UP_TYPES);
    if (next === undefined) break;
    at = next;
  }
  return touches;
}
