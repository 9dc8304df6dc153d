/** Extra rows for benchmarks: re-logged statuses and follow-up touches, to reach any density. */

/*
 * More stage-history rows and more activities per lead, of the same
 * kinds the walk writes, so a data set can reach any density (4 history rows and 3 activities per
 * lead, or 100 activities per lead) without changing the funnel it describes.
 *
 * - **Re-logged statuses**: the CRM writes the lead's current status again (a sync, a rep saving
 *   the record, the other synonym: "Working - Contacted" after "Sales Accepted"). Only while the
 *   journey is open and strictly between two real status changes (a whole second from each), so
 *   the replay sees a repeat entry and ignores it: conversion, latency and compliance stay as the
 *   walk made them.
 * - **Extra touches**: follow-up calls, e-mails, meetings and notes by the owner at that time (a
 *   few by a colleague; some calls and meetings only scheduled), in the working time of the rep who
 *   logs them, between the routing and a month after the lead's last event.
 *
 * Extras draw from their own random stream, so a lead's walk is the same with or without them;
 * with both means at 0 nothing is added and the generator's output is unchanged.
 */
import type { Rng } from "./random.js";
import { REPS } from "./sales-org.js";
import { type ActivityEvent, placeForRep } from "./touches.js";
import { DAY } from "./zone-time.js";

/** Mean numbers of extra rows per lead, and the random stream they are drawn from. */
export interface DensityExtras {
  rng: Rng;
  /** Extra stage-history rows per lead (re-logged statuses), on average. */
  history: number;
  /** Extra activities per lead, on average. */
  touches: number;
  /** The export moment: extras are drawn before it (rows after it are not exported). */
  cutoff: number;
}

/** The status values that mean each stage before the last, as the walk writes them. */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  inquiry: ["New", "Open - Not Contacted"],
  mql: ["Marketing Qualified", "MQL"],
  sal: ["Sales Accepted", "Working - Contacted"],
  sql: ["Sales Qualified"],
  opportunity: ["Opportunity Created"],
};

/** The stage a status row leaves the journey open in; null when the journey ends there. */
const OPEN_AFTER: Readonly<Record<string, string | null>> = {
  New: "inquiry",
  "Open - Not Contacted": "inquiry",
  "Marketing Qualified": "mql",
  MQL: "mql",
  "Sales Accepted": "sal",
  "Working - Contacted": "sal",
  "Sales Qualified": "sql",
  "Opportunity Created": "opportunity",
  "Closed Won": null,
  // A recycle opens the next journey in inquiry; the other outcomes end it.
  Recycled: "inquiry",
  Nurture: "inquiry",
  Disqualified: null,
  Unqualified: null,
  "Closed Lost": null,
};

const FOLLOW_UP: readonly (readonly [ActivityEvent["type"], number])[] = [
  ["call", 40],
  ["email", 35],
  ["meeting", 10],
  ["note", 15],
];

/** How long the last open stage is re-logged after its status change. */
const LAST_SEGMENT = 45 * DAY;
/** Touches continue this long after the lead's last event. */
const TOUCH_TAIL = 30 * DAY;
const SECOND = 1000;

/** A count with mean `mean`: floor(2·mean·u + v), u and v uniform (E = mean exactly). */
export function countWithMean(rng: Rng, mean: number): number {
  return mean > 0 ? Math.floor(2 * mean * rng.next() + rng.next()) : 0;
}

/** The row the walk emits for a status (owner resolved later, like the walk's). */
export interface StatusRow {
  at: number;
  status: string;
  owner: number;
  reason: string;
}

/** Open stretches [from, to) of the lead's journeys, each in one stage, in whole seconds strictly inside. */
function openSegments(
  createdAt: number,
  history: readonly StatusRow[],
  cutoff: number,
): [number, number, string][] {
  const rows = history.filter((h) => h.status !== "").sort((a, b) => a.at - b.at);
  const segments: [number, number, string][] = [];
  let start = createdAt;
  let stage: string | null = "inquiry";
  const close = (end: number) => {
    if (stage === null) return;
    // Whole seconds, at least one second away from both ends (times are written to the second).
    const from = (Math.floor(start / SECOND) + 2) * SECOND;
    const to = (Math.ceil(end / SECOND) - 2) * SECOND;
    if (to > from) segments.push([from, to, stage]);
  };
  for (const row of rows) {
    close(row.at);
    start = row.at;
    stage = OPEN_AFTER[row.status] ?? null;
  }
  close(Math.min(start + LAST_SEGMENT, cutoff));
  return segments;
}

/**
 * Adds re-logged statuses to `history` and extra touches to `activities` (both unsorted; owners
 * -1 are resolved by the caller). `ownerAt` gives the lead's owner (a rep index, or the queue).
 */
export function addDensity(
  extras: DensityExtras,
  lead: { createdAt: number; assignedAt?: number | undefined },
  history: StatusRow[],
  activities: ActivityEvent[],
  ownerAt: (at: number) => number,
): void {
  const { rng } = extras;
  const relogs = countWithMean(rng, extras.history);
  const segments = relogs > 0 ? openSegments(lead.createdAt, history, extras.cutoff) : [];
  const total = segments.reduce((n, [from, to]) => n + (to - from), 0);
  for (let k = 0; k < relogs && total > 0; k++) {
    // A point of the open time, uniformly: the segment it falls in gives the status.
    let r = rng.next() * total;
    for (const [from, to, stage] of segments) {
      if (r >= to - from) {
        r -= to - from;
        continue;
      }
      const at = from + Math.floor(r / SECOND) * SECOND;
      history.push({ at, status: rng.pick(SYNONYMS[stage] as readonly string[]), owner: -1, reason: "" });
      break;
    }
  }

  const touches = countWithMean(rng, extras.touches);
  if (touches === 0) return;
  const lo = Math.max(lead.createdAt, lead.assignedAt ?? lead.createdAt);
  let last = lo;
  for (const e of history) last = Math.max(last, e.at);
  for (const a of activities) last = Math.max(last, a.at);
  const hi = Math.min(last + TOUCH_TAIL, extras.cutoff);
  if (hi <= lo) return;
  for (let k = 0; k < touches; k++) {
    const raw = rng.uniform(lo, hi);
    const colleague = rng.chance(0.06) ? rng.int(0, REPS.length - 1) : -1;
    const placed = placeForRep(raw, colleague, ownerAt);
    const type = rng.weighted(FOLLOW_UP);
    const scheduled = (type === "call" || type === "meeting") && rng.chance(0.08);
    activities.push({
      at: placed.at,
      owner: colleague >= 0 ? colleague : -1,
      type,
      status: scheduled ? "scheduled" : "completed",
    });
  }
}
