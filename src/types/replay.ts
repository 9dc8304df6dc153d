/** What the replay makes of one lead: journeys through the waterfall, owner spans, steps for `trace`. */

import type { Millis, Place } from "./base.js";
import type { Engagement } from "./definition.js";
import type { Activity, Lead } from "./ingest.js";

/** The instant a journey first reached a stage. */
export interface StageEntry {
  at: Millis;
  /** True when inferred because the journey skipped the stage (skipped_stages: backfill). */
  backfilled: boolean;
  place: Place | null;
}

export interface JourneyEnd {
  at: Millis;
  /** "completed": reached the last stage; "outcome": exited through a declared outcome. */
  kind: "completed" | "outcome";
  outcome: string | null;
  reason: string | null;
  place: Place | null;
}

/** One pass of one lead through the waterfall. */
export interface Journey {
  leadId: string;
  /** 1 for the lead's first journey. */
  number: number;
  startAt: Millis;
  /** Indexed by stage index; undefined where the journey never reached the stage. */
  entries: (StageEntry | undefined)[];
  end: JourneyEnd | null;
}

/** The lead's owner from `from` until the next span. */
export interface OwnerSpan {
  owner: string | null;
  from: Millis;
  place: Place | null;
}

/** One input event as the replay read it, for `trace`. */
export interface ReplayStep {
  at: Millis;
  place: Place | null;
  /** What the row said: "created", a raw status, "owner → Priya Raman". */
  input: string;
  /** What it did: "entered mql", "backfilled sal", "ignored: repeat", … */
  effect: string;
  journey: number | null;
}

export interface Timeline {
  lead: Lead;
  journeys: Journey[];
  owners: OwnerSpan[];
  /** The lead's activities up to as-of, in time order. */
  activities: Activity[];
  /** The lead's engagements up to as-of, in time order (empty without an engagements source). */
  engagements: Engagement[];
  /** Instead, the audit's replay gives the engagement instants by type, each sorted (no rows). */
  engagementTimes?: ReadonlyMap<string, readonly Millis[]> | undefined;
  steps: ReplayStep[] | null;
}
