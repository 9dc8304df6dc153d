/** The definition's counts per stage: entries judged, failures per part, groups, outcomes (plain data). */

import { fieldValue, type Judgement, verdictAt } from "../definition/evaluate.js";
import { contains } from "../definition/intervals.js";
import { ownerAt } from "../replay/replay.js";
import type { Journey, Millis, StageEntry, Timeline } from "../types.js";
import { type CompiledStage, outcomeOf } from "./definitions.js";
import { type HandoffPart, HandoffTally } from "./latency.js";
import { type Bucket, bucketOf } from "./periods.js";
import { addCounts } from "./stats.js";

/** Outcome counts of a group of entries: entries, decided, accepted, decided for conversion, converted. */
export type OutcomeCounts = [number, number, number, number, number];
const ENTRIES = 0;
const DECIDED = 1;
const ACCEPTED = 2;
const CONV_DECIDED = 3;
const CONVERTED = 4;

/** One group's entries, met, and failures per part. */
export interface GroupCounts {
  entries: number;
  met: number;
  failed: number[];
}

/** Everything counted for one defined stage (plain data: it crosses threads as it is). */
export interface StagePart {
  entries: number;
  backfilled: number;
  met: number;
  failed: number[];
  missing: number[];
  partial: number[];
  unreadable: number[];
  /** dimension -> [key, counts][] */
  groups: [string, [string, GroupCounts][]][];
  metOutcome: OutcomeCounts;
  notMetOutcome: OutcomeCounts;
  held: OutcomeCounts[];
  failedOutcome: OutcomeCounts[];
  leakage: HandoffPart | null;
}

export interface DefinitionPart {
  stages: StagePart[];
  leadsWith: number;
  engagements: number;
  byType: [string, number][];
}

function addOutcome(to: OutcomeCounts, o: ReturnType<typeof outcomeOf>): void {
  to[ENTRIES]++;
  if (o.accepted || o.rejected) to[DECIDED]++;
  if (o.accepted) to[ACCEPTED]++;
  if (o.converted || o.ended) to[CONV_DECIDED]++;
  if (o.converted) to[CONVERTED]++;
}

const zeros = (n: number) => Array.from({ length: n }, () => 0);
const outcome = (): OutcomeCounts => [0, 0, 0, 0, 0];

/** A new, empty StagePart for a stage with `n` parts. */
export function emptyStage(n: number, leakage: boolean): StagePart {
  return {
    entries: 0,
    backfilled: 0,
    met: 0,
    failed: zeros(n),
    missing: zeros(n),
    partial: zeros(n),
    unreadable: zeros(n),
    groups: [],
    metOutcome: outcome(),
    notMetOutcome: outcome(),
    held: Array.from({ length: n }, outcome),
    failedOutcome: Array.from({ length: n }, outcome),
    leakage: leakage ? new HandoffTally().part() : null,
  };
}

/** Adds one entry's verdict to the stage's counts. */
export function countEntry(
  p: StagePart,
  groups: Map<string, Map<string, GroupCounts>>,
  s: CompiledStage,
  t: Timeline,
  j: Journey,
  e: StageEntry,
  judged: Judgement,
  keys: (t: Timeline, at: Millis) => [string, string][],
): boolean {
  const v = verdictAt(s.parts, judged, e.at);
  p.entries++;
  if (e.backfilled) p.backfilled++;
  if (v.met) p.met++;
  for (const f of v.failed) p.failed[f] = (p.failed[f] as number) + 1;
  judged.parts.forEach((part, i) => {
    if (part.state === "missing") p.missing[i] = (p.missing[i] as number) + 1;
    else if (part.state === "partial") p.partial[i] = (p.partial[i] as number) + 1;
    else if (part.state === "unreadable") p.unreadable[i] = (p.unreadable[i] as number) + 1;
  });
  const o = outcomeOf(j, s.index);
  addOutcome(v.met ? p.metOutcome : p.notMetOutcome, o);
  judged.parts.forEach((part, i) => {
    addOutcome((contains(part.holds, e.at) ? p.held : p.failedOutcome)[i] as OutcomeCounts, o);
  });
  for (const [dim, key] of keys(t, e.at)) {
    const byKey = groups.get(dim) ?? new Map<string, GroupCounts>();
    groups.set(dim, byKey);
    const g = byKey.get(key) ?? { entries: 0, met: 0, failed: zeros(s.parts.length) };
    byKey.set(key, g);
    g.entries++;
    if (v.met) g.met++;
    for (const f of v.failed) g.failed[f] = (g.failed[f] as number) + 1;
  }
  return v.met;
}

/** The group keys of an entry: its lead's source and campaign, its owner then, its week, and --by's dimension. */
export function groupKeys(
  weeks: readonly Bucket[],
  by: string | undefined,
): (t: Timeline, at: Millis) => [string, string][] {
  const none = (v: string | null) => v ?? "(none)";
  return (t, at) => {
    const keys: [string, string][] = [
      ["source", none(t.lead.source)],
      ["campaign", none(t.lead.campaign)],
      ["owner", none(ownerAt(t.owners, at) ?? t.lead.owner)],
      ["week", bucketOf(weeks, at)?.label ?? "(outside)"],
    ];
    if (by !== undefined && !keys.some(([d]) => d === by)) keys.push([by, none(fieldValue(t.lead, by))]);
    return keys;
  };
}

/** Adds another part's counts to these (same stages, same parts). */
export function mergeStage(to: StagePart, from: StagePart): void {
  to.entries += from.entries;
  to.backfilled += from.backfilled;
  to.met += from.met;
  for (const k of ["failed", "missing", "partial", "unreadable"] as const) addCounts(to[k], from[k]);
  addCounts(to.metOutcome, from.metOutcome);
  addCounts(to.notMetOutcome, from.notMetOutcome);
  from.held.forEach((o, i) => {
    addCounts(to.held[i] as OutcomeCounts, o);
  });
  from.failedOutcome.forEach((o, i) => {
    addCounts(to.failedOutcome[i] as OutcomeCounts, o);
  });
}
