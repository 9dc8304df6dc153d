/**
 * The stage walk of one lead: status changes, reassignments and sales touches, as instants and rep
 * indexes. Formatting into CSV rows and planting anomalies happen in acme.ts.
 */
import type { Rng } from "./random.js";
import { REPS, TEAM_MEMBERS } from "./sales-org.js";
import { type ActivityEvent, planTouches } from "./touches.js";
import { DAY, HOUR, MINUTE, nextWorkingTime } from "./zone-time.js";

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
  /** Rep index of the owner at creation. */
  owner: number;
  /** Source quality multiplier (see LeadSource.quality). */
  quality: number;
  /** Probability of becoming an MQL at creation. */
  instantMql: number;
  /** The company's time zone (marketing scoring mostly fires in its working hours). */
  zone: string;
  /** `natural`: the usual random walk; `forced`: MQL → SAL (+ call) → SQL within two days;
   * `test-record`: a junk record that marketing disqualifies. */
  mode: "natural" | "forced" | "test-record";
}

/** The walk of one lead, before the export cut-off is applied. */
export interface Journey {
  history: StageEvent[];
  activities: ActivityEvent[];
}

const clamp = (p: number, max: number): number => Math.min(p, max);

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
  return w.reassignedAt !== undefined && at >= w.reassignedAt && w.reassign ? w.reassign.to : w.input.owner;
}

function doReassign(w: Walk, at: number): void {
  if (w.reassign === undefined || w.reassignedAt !== undefined) return;
  w.reassignedAt = at;
  emit(w, at, "", "Reassigned");
}

/** How long a rep takes to answer an MQL, landing in the rep's working hours. */
function responseTime(w: Walk, from: number, rep: number): number {
  const r = REPS[rep] as (typeof REPS)[number];
  const raw = w.rng.weighted<() => number>([
    [() => w.rng.lognormal(1.2 * HOUR * r.responsePace, 0.9), 72],
    [() => w.rng.uniform(6, 22) * HOUR, 16],
    [() => w.rng.uniform(26, 72) * HOUR, 9],
    [() => w.rng.uniform(3, 8) * DAY, 3],
  ])();
  return nextWorkingTime(from + Math.max(raw, 3 * MINUTE), r.timeZone, w.rng.uniform(0, 75));
}

const RECYCLE_REASONS: readonly (readonly [string, number])[] = [
  ["Not ready to buy", 5],
  ["No budget this year", 4],
  ["Timing - revisit next quarter", 3],
  ["Went dark", 3],
  ["", 3],
];
const DISQUALIFY_REASONS: readonly (readonly [string, number])[] = [
  ["Student", 2],
  ["Competitor", 2],
  ["Wrong persona", 5],
  ["Too small", 3],
  ["Duplicate", 2],
  ["Spam", 1],
  ["", 4],
];
const LOST_REASONS: readonly (readonly [string, number])[] = [
  ["Chose competitor", 4],
  ["No decision", 4],
  ["Price", 3],
  ["Timing", 2],
  ["", 2],
];

/** Emits a recycle or disqualification; returns the next MQL instant if the lead comes back. */
function exitTo(
  w: Walk,
  at: number,
  kind: "recycled" | "disqualified",
  journeyNo: number,
): number | undefined {
  const { rng } = w;
  if (kind === "disqualified") {
    emit(w, at, rng.chance(0.7) ? "Disqualified" : "Unqualified", rng.weighted(DISQUALIFY_REASONS));
    return undefined;
  }
  emit(w, at, rng.chance(0.6) ? "Recycled" : "Nurture", rng.weighted(RECYCLE_REASONS));
  return journeyNo < 3 && rng.chance(0.4) ? at + rng.uniform(3, 10) * 7 * DAY : undefined;
}

/** From sql onward; returns the next MQL instant if the lead is recycled and comes back. */
function fromSql(w: Walk, at: number, journeyNo: number): number | undefined {
  const { rng, input } = w;
  const owner = ownerAt(w, at);
  const zone = (REPS[owner] as (typeof REPS)[number]).timeZone;
  if (rng.chance(clamp(0.6 * input.quality, 0.85))) {
    const delay = rng.chance(0.8) ? rng.lognormal(2.5 * DAY, 0.7) : rng.uniform(8, 20) * DAY;
    const opp = nextWorkingTime(at + delay, zone, rng.uniform(0, 480));
    emit(w, opp, "Opportunity Created");
    if (rng.chance(0.15)) return undefined;
    const closed = nextWorkingTime(opp + rng.lognormal(32 * DAY, 0.5), zone, rng.uniform(0, 480));
    if (rng.chance(clamp(0.3 * input.quality, 0.6))) emit(w, closed, "Closed Won");
    else emit(w, closed, "Closed Lost", rng.weighted(LOST_REASONS));
    return undefined;
  }
  const next = rng.weighted<"lost" | "disqualified" | "recycled" | "stuck">([
    ["lost", 30],
    ["disqualified", 15],
    ["recycled", 25],
    ["stuck", 30],
  ]);
  if (next === "stuck") return undefined;
  const exitAt = nextWorkingTime(at + rng.lognormal(6 * DAY, 0.7), zone, rng.uniform(0, 480));
  if (next === "lost") {
    emit(w, exitAt, "Closed Lost", rng.weighted(LOST_REASONS));
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
  let respondAt = responseTime(w, mqlAt, ownerAt(w, mqlAt));
  if (w.reassign?.mode === "before" && w.reassignedAt === undefined) {
    const at = mqlAt + rng.uniform(0.2, 0.8) * Math.min(respondAt - mqlAt, DAY);
    doReassign(w, at);
    respondAt = responseTime(w, at, ownerAt(w, at));
  }
  const sequenceEnd = outcome === "never" ? mqlAt + 30 * DAY : respondAt;
  if (rng.chance(0.55)) {
    for (const offset of [rng.uniform(1, 8) * MINUTE, 2 * DAY, 5 * DAY].slice(0, rng.int(1, 3))) {
      if (mqlAt + offset < sequenceEnd)
        w.activities.push({ at: mqlAt + offset, owner: -1, type: "email_sequence" });
    }
  }
  if (outcome === "never") {
    if (rng.chance(0.2))
      w.activities.push({ at: respondAt, owner: -1, type: rng.chance(0.6) ? "call" : "email" });
    return undefined;
  }
  if (outcome === "recycled" || outcome === "disqualified") return exitTo(w, respondAt, outcome, journeyNo);
  if (outcome === "skip") {
    emit(w, respondAt, "Sales Qualified");
    return fromSql(w, respondAt, journeyNo);
  }
  const accepter = ownerAt(w, respondAt);
  emit(
    w,
    respondAt,
    rng.chance(0.85) ? (REPS[accepter] as (typeof REPS)[number]).acceptLabel : "Sales Accepted",
  );
  if (w.reassign?.mode === "after") doReassign(w, respondAt + rng.lognormal(20 * HOUR, 1));
  const zone = (REPS[accepter] as (typeof REPS)[number]).timeZone;
  const roll = rng.next();
  if (roll < clamp(0.5 * input.quality, 0.8)) {
    const sqlAt = nextWorkingTime(respondAt + rng.lognormal(4 * DAY, 0.8), zone, rng.uniform(0, 480));
    w.activities.push(...planTouches(rng, accepter, respondAt, sqlAt + 20 * DAY, mqlAt));
    emit(w, sqlAt, "Sales Qualified");
    return fromSql(w, sqlAt, journeyNo);
  }
  const exitAt = nextWorkingTime(respondAt + rng.lognormal(6 * DAY, 0.8), zone, rng.uniform(0, 480));
  w.activities.push(...planTouches(rng, accepter, respondAt, exitAt, mqlAt));
  if (roll < 0.78) return exitTo(w, exitAt, rng.chance(0.6) ? "recycled" : "disqualified", journeyNo);
  return undefined;
}

function forcedPath(w: Walk): void {
  const { rng, input } = w;
  const mql = input.createdAt + rng.uniform(5, 60) * MINUTE;
  const sal = mql + rng.uniform(30, 180) * MINUTE;
  emit(w, mql, "Marketing Qualified");
  emit(w, sal, (REPS[input.owner] as (typeof REPS)[number]).acceptLabel);
  w.activities.push({ at: sal + rng.uniform(5, 60) * MINUTE, owner: -1, type: "call" });
  emit(w, sal + rng.uniform(20, 40) * HOUR, "Sales Qualified");
}

/** Walks one lead from creation. Events are in time order; rows after the export cut-off are kept. */
export function walkJourney(input: JourneyInput): Journey {
  const { rng } = input;
  const w: Walk = { input, rng, history: [], activities: [], reassign: undefined, reassignedAt: undefined };
  if (input.mode === "forced") forcedPath(w);
  else if (input.mode === "test-record") {
    emit(
      w,
      input.createdAt + rng.uniform(1, 48) * HOUR,
      "Disqualified",
      rng.pick(["Test record", "Spam", ""]),
    );
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
          ? nextWorkingTime(later, input.zone, rng.uniform(0, 540))
          : later;
      for (let journeyNo = 1; mqlAt !== undefined; journeyNo++) mqlAt = journeyFromMql(w, mqlAt, journeyNo);
    } else if (rng.chance(0.06)) {
      emit(
        w,
        input.createdAt + rng.lognormal(3 * DAY, 0.8),
        "Disqualified",
        rng.weighted(DISQUALIFY_REASONS),
      );
    }
    const last = w.history.reduce((t, e) => Math.max(t, e.at), input.createdAt);
    doReassign(w, last + rng.lognormal(DAY, 1));
  }
  for (const e of w.history) e.owner = e.owner >= 0 ? e.owner : ownerAt(w, e.at);
  for (const a of w.activities) a.owner = a.owner >= 0 ? a.owner : ownerAt(w, a.at);
  const byTime = (a: { at: number }, b: { at: number }) => a.at - b.at;
  return { history: w.history.sort(byTime), activities: w.activities.sort(byTime) };
}
