/** The stage walk of one lead: status changes, reassignments and sales touches, as instants. */

/*
 * Instants and rep indexes; formatting into CSV rows and planting anomalies happen in acme.ts.
 *
 * Marketing automation (MQL scoring, e-mail sequences) acts at any time. Sales reps accept,
 * qualify, recycle, disqualify and close in their own working time ({@link REP_CALENDAR} in the
 * rep's zone), and their delays are measured in working time, so a slow rep answers the next
 * working morning rather than at midnight.
 */
import { addDensity, type DensityExtras } from "./density.js";
import type { Rng } from "./random.js";
import { QUEUE, REPS, type Rep, TEAM_MEMBERS } from "./sales-org.js";
import { type ActivityEvent, placeForRep, planTouches } from "./touches.js";
import { addWorkingTime, nextWorkingTime, REP_CALENDAR, ROUTING_CALENDAR } from "./working-time.js";
import { DAY, HOUR, MINUTE } from "./zone-time.js";

/** One row of stage history; `status` "" with reason "Reassigned" is an owner change. */
export interface StageEvent {
  at: number;
  status: string;
  owner: number;
  reason: string;
}

export type { ActivityEvent } from "./touches.js";

/** What the walk needs to know about a lead. */
export interface JourneyInput {
  rng: Rng;
  createdAt: number;
  /** Rep index of the owner at creation, or (if `assignedAt` is set) after routing. */
  owner: number;
  /** For a lead created in the routing queue: when the queue assigns it to `owner`. */
  assignedAt?: number | undefined;
  /** Source quality multiplier (see LeadSource.quality). */
  quality: number;
  /** Probability of becoming an MQL at creation. */
  instantMql: number;
  /** The company's time zone (marketing scoring mostly fires in its business hours). */
  zone: string;
  /** `natural`: the usual random walk; `forced`: MQL → SAL (+ call) → SQL within two days;
   * `test-record`: a junk record that marketing disqualifies. */
  mode: "natural" | "forced" | "test-record";
  /** Extra re-logged statuses and touches (benchmarks; natural walks only). */
  extras?: DensityExtras | undefined;
}

/** The walk of one lead, before the export cut-off is applied. */
export interface Journey {
  history: StageEvent[];
  activities: ActivityEvent[];
}

const clamp = (p: number, max: number): number => Math.min(p, max);

/** The raw status values of the outcomes whose rows carry a reason, by outcome id. */
export const OUTCOME_OF_STATUS: Readonly<Record<string, "recycled" | "disqualified" | "lost">> = {
  Recycled: "recycled",
  Nurture: "recycled",
  Disqualified: "disqualified",
  Unqualified: "disqualified",
  "Closed Lost": "lost",
};

/** Internal state of a walk; owners (-1 = "whoever owns the lead then") are resolved at the end. */
interface Walk {
  input: JourneyInput;
  rng: Rng;
  history: StageEvent[];
  activities: ActivityEvent[];
  reassign: { mode: "before" | "after"; to: number } | undefined;
  reassignedAt: number | undefined;
}

function emit(w: Walk, at: number, status: string, reason = ""): void {
  w.history.push({ at, status, owner: -1, reason });
}

function ownerAt(w: Walk, at: number): number {
  if (w.input.assignedAt !== undefined && at < w.input.assignedAt) return QUEUE;
  return w.reassignedAt !== undefined && at >= w.reassignedAt && w.reassign ? w.reassign.to : w.input.owner;
}

/** `at`, or else the next working time of the rep who owns the lead then (see placeForRep). */
function repTime(w: Walk, at: number, lateMinutes = 0): number {
  return placeForRep(at, -1, (t) => ownerAt(w, t), lateMinutes).at;
}

const repOf = (owner: number): Rep => REPS[owner] as Rep;

function doReassign(w: Walk, at: number): void {
  if (w.reassign === undefined || w.reassignedAt !== undefined) return;
  w.reassignedAt = at;
  emit(w, at, "", "Reassigned");
}

/** Working hours in a rep's day. */
const WORKDAY = 7 * HOUR;

/** When a rep answers an MQL they own from `from` on: a delay in the rep's working time. */
function responseTime(w: Walk, from: number, rep: number): number {
  const r = repOf(rep);
  const raw = w.rng.weighted<() => number>([
    [() => w.rng.lognormal(1.2 * HOUR * r.responsePace, 0.9), 72],
    [() => w.rng.uniform(4, 7) * HOUR, 16],
    [() => w.rng.uniform(1, 3) * WORKDAY, 9],
    [() => w.rng.uniform(3, 8) * WORKDAY, 3],
  ])();
  return addWorkingTime(from, Math.max(raw, 3 * MINUTE), r.timeZone, REP_CALENDAR);
}

const RECYCLE_REASONS: readonly (readonly [string, number])[] = [
  ["Not ready to buy", 5],
  ["No budget this year", 4],
  ["Timing - revisit next quarter", 3],
  ["Went dark", 3],
];
const DISQUALIFY_REASONS: readonly (readonly [string, number])[] = [
  ["Student", 2],
  ["Competitor", 2],
  ["Wrong persona", 5],
  ["Too small", 3],
  ["Duplicate", 2],
  ["Spam", 1],
];
const LOST_REASONS: readonly (readonly [string, number])[] = [
  ["Chose competitor", 4],
  ["No decision", 4],
  ["Price", 3],
  ["Timing", 2],
];

/** The reason the owner at `at` writes: empty if the rep forgets (some reps more often). */
function reasonAt(w: Walk, at: number, reasons: readonly (readonly [string, number])[]): string {
  const forgets = w.rng.chance(repOf(ownerAt(w, at)).skipsReason);
  const reason = w.rng.weighted(reasons);
  return forgets ? "" : reason;
}

/** Emits a recycle or disqualification; returns the next MQL instant if the lead comes back. */
function exitTo(
  w: Walk,
  at: number,
  kind: "recycled" | "disqualified",
  journeyNo: number,
): number | undefined {
  const { rng } = w;
  if (kind === "disqualified") {
    emit(w, at, rng.chance(0.7) ? "Disqualified" : "Unqualified", reasonAt(w, at, DISQUALIFY_REASONS));
    return undefined;
  }
  emit(w, at, rng.chance(0.6) ? "Recycled" : "Nurture", reasonAt(w, at, RECYCLE_REASONS));
  return journeyNo < 3 && rng.chance(0.4) ? at + rng.uniform(3, 10) * 7 * DAY : undefined;
}

/** From sql onward; returns the next MQL instant if the lead is recycled and comes back. */
function fromSql(w: Walk, at: number, journeyNo: number): number | undefined {
  const { rng, input } = w;
  if (rng.chance(clamp(0.6 * input.quality, 0.85))) {
    const delay = rng.chance(0.8) ? rng.lognormal(2.5 * DAY, 0.7) : rng.uniform(8, 20) * DAY;
    const opp = repTime(w, at + delay, rng.uniform(0, 420));
    emit(w, opp, "Opportunity Created");
    if (rng.chance(0.15)) return undefined;
    const closed = repTime(w, opp + rng.lognormal(32 * DAY, 0.5), rng.uniform(0, 420));
    if (rng.chance(clamp(0.3 * input.quality, 0.6))) emit(w, closed, "Closed Won");
    else emit(w, closed, "Closed Lost", reasonAt(w, closed, LOST_REASONS));
    return undefined;
  }
  const next = rng.weighted<"lost" | "disqualified" | "recycled" | "stuck">([
    ["lost", 30],
    ["disqualified", 15],
    ["recycled", 25],
    ["stuck", 30],
  ]);
  if (next === "stuck") return undefined;
  const exitAt = repTime(w, at + rng.lognormal(6 * DAY, 0.7), rng.uniform(0, 420));
  if (next === "lost") {
    emit(w, exitAt, "Closed Lost", reasonAt(w, exitAt, LOST_REASONS));
    return undefined;
  }
  return exitTo(w, exitAt, next, journeyNo);
}

/** One MQL journey; returns the instant of the next MQL if the lead is recycled and comes back. */
function journeyFromMql(w: Walk, mqlAt: number, journeyNo: number): number | undefined {
  const { rng, input } = w;
  emit(w, mqlAt, rng.chance(0.8) ? "Marketing Qualified" : "MQL");
  const outcome = rng.weighted<"skip" | "never" | "sal" | "recycled" | "disqualified">([
    ["skip", 5],
    ["never", 7],
    ["sal", 100 * clamp(0.7 * input.quality, 0.84)],
    ["recycled", 100 * (0.88 - clamp(0.7 * input.quality, 0.84)) * 0.55],
    ["disqualified", 100 * (0.88 - clamp(0.7 * input.quality, 0.84)) * 0.45],
  ]);
  // A lead still in the routing queue waits for its rep: the rep's clock starts at the routing.
  const from = Math.max(mqlAt, input.assignedAt ?? mqlAt);
  let respondAt = responseTime(w, from, ownerAt(w, from));
  if (w.reassign?.mode === "before" && w.reassignedAt === undefined) {
    const at = from + rng.uniform(0.2, 0.8) * Math.min(respondAt - from, DAY);
    doReassign(w, at);
    respondAt = responseTime(w, at, ownerAt(w, at));
  }
  const sequenceEnd = outcome === "never" ? mqlAt + 30 * DAY : respondAt;
  if (rng.chance(0.55)) {
    for (const offset of [rng.uniform(1, 8) * MINUTE, 2 * DAY, 5 * DAY].slice(0, rng.int(1, 3))) {
      if (mqlAt + offset < sequenceEnd)
        w.activities.push({ at: mqlAt + offset, owner: -1, type: "email_sequence", status: "completed" });
    }
  }
  if (outcome === "never") {
    if (rng.chance(0.2)) {
      const type = rng.chance(0.6) ? "call" : "email";
      const touch = placeForRep(respondAt, -1, (t) => ownerAt(w, t));
      w.activities.push({ ...touch, type, status: "completed" });
    }
    return undefined;
  }
  if (outcome === "recycled" || outcome === "disqualified") return exitTo(w, respondAt, outcome, journeyNo);
  if (outcome === "skip") {
    emit(w, respondAt, "Sales Qualified");
    return fromSql(w, respondAt, journeyNo);
  }
  const accepter = ownerAt(w, respondAt);
  emit(w, respondAt, rng.chance(0.85) ? repOf(accepter).acceptLabel : "Sales Accepted");
  if (w.reassign?.mode === "after") doReassign(w, respondAt + rng.lognormal(20 * HOUR, 1));
  const touches = (until: number) =>
    planTouches({ rng, accepter, salAt: respondAt, until, earliest: from, ownerAt: (t) => ownerAt(w, t) });
  const roll = rng.next();
  if (roll < clamp(0.5 * input.quality, 0.8)) {
    const sqlAt = repTime(w, respondAt + rng.lognormal(4 * DAY, 0.8), rng.uniform(0, 420));
    w.activities.push(...touches(sqlAt + 20 * DAY));
    emit(w, sqlAt, "Sales Qualified");
    return fromSql(w, sqlAt, journeyNo);
  }
  const exitAt = repTime(w, respondAt + rng.lognormal(6 * DAY, 0.8), rng.uniform(0, 420));
  w.activities.push(...touches(exitAt));
  if (roll < 0.78) return exitTo(w, exitAt, rng.chance(0.6) ? "recycled" : "disqualified", journeyNo);
  return undefined;
}

/** MQL soon after creation, SAL within hours, a call, and SQL a working day or two later. */
function forcedPath(w: Walk): void {
  const { rng, input } = w;
  const rep = repOf(input.owner);
  const later = (from: number, ms: number) => addWorkingTime(from, ms, rep.timeZone, REP_CALENDAR);
  const mql = input.createdAt + rng.uniform(5, 60) * MINUTE;
  const sal = later(mql, rng.uniform(30, 180) * MINUTE);
  emit(w, mql, "Marketing Qualified");
  emit(w, sal, rep.acceptLabel);
  const call = later(sal, rng.uniform(5, 60) * MINUTE);
  w.activities.push({ at: call, owner: input.owner, type: "call", status: "completed" });
  emit(w, later(sal, rng.uniform(6, 12) * HOUR), "Sales Qualified");
}

/** Walks one lead from creation. Events are in time order; rows after the export cut-off are kept. */
export function walkJourney(input: JourneyInput): Journey {
  const { rng } = input;
  const w: Walk = { input, rng, history: [], activities: [], reassign: undefined, reassignedAt: undefined };
  if (input.mode === "forced") forcedPath(w);
  else if (input.mode === "test-record") {
    emit(w, input.createdAt + rng.uniform(1, 48) * HOUR, "Disqualified", rng.pick(["Test record", "Spam"]));
  } else {
    if (rng.chance(0.05)) {
      const team = TEAM_MEMBERS[(REPS[input.owner] as (typeof REPS)[number]).team].filter(
        (r) => r !== input.owner,
      );
      w.reassign = { mode: rng.chance(0.5) ? "before" : "after", to: rng.pick(team) };
    }
    if (rng.chance(0.35)) emit(w, input.createdAt, rng.chance(0.6) ? "New" : "Open - Not Contacted");
    if (rng.chance(clamp(0.45 * input.quality, 0.75))) {
      const later = input.createdAt + Math.min(rng.lognormal(2 * DAY, 1.2), 60 * DAY);
      let mqlAt: number | undefined = rng.chance(input.instantMql)
        ? input.createdAt + rng.uniform(0, 3) * MINUTE
        : rng.chance(0.75)
          ? nextWorkingTime(later, input.zone, ROUTING_CALENDAR, rng.uniform(0, 480))
          : later;
      for (let journeyNo = 1; mqlAt !== undefined; journeyNo++) mqlAt = journeyFromMql(w, mqlAt, journeyNo);
    } else if (rng.chance(0.06)) {
      const raw = Math.max(input.createdAt + rng.lognormal(3 * DAY, 0.8), input.assignedAt ?? 0);
      const at = repTime(w, raw, rng.uniform(0, 420));
      emit(w, at, "Disqualified", reasonAt(w, at, DISQUALIFY_REASONS));
    }
    // The late reassignment comes after everything else (so it never moves a rep's working time).
    let last = Math.max(input.createdAt, input.assignedAt ?? input.createdAt);
    for (const e of [...w.history, ...w.activities]) last = Math.max(last, e.at);
    doReassign(w, last + rng.lognormal(DAY, 1));
    if (input.extras) addDensity(input.extras, input, w.history, w.activities, (t) => ownerAt(w, t));
  }
  for (const e of w.history) e.owner = e.owner >= 0 ? e.owner : ownerAt(w, e.at);
  for (const a of w.activities) a.owner = a.owner >= 0 ? a.owner : ownerAt(w, a.at);
  const byTime = (a: { at: number }, b: { at: number }) => a.at - b.at;
  return { history: w.history.sort(byTime), activities: w.activities.sort(byTime) };
}
