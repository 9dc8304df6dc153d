/** The groups "why a figure moved" splits by: a case's source, rep, arrival hour, after-hours, weekend, rep load. */

/**
 * docs/definitions.md, "Why a figure moved". A case (a decided obligation, or a decided journey of
 * a step) arrives at its entry into the handoff's or step's `from` stage. Its rep is the
 * obligation's accountable owner (a journey's: the lead's latest owner, as `--by owner`). The
 * hour of day is in the SLA's timezone; after hours (outside the working hours, days off and
 * holidays included) and weekend (a day that is not a working weekday) are on the rep's calendar
 * (a handoff's pinned `calendar:` for its obligations), "(no calendar)" when there is none. Rep
 * load: the rep's obligations, of every handoff, entered before the arrival and still open at it
 * (not answered, deadline and as-of not reached), bucketed 0, 1, 2-3, 4-7, 8+.
 */

import { Samples } from "../paged.js";
import { BusinessCalendar } from "../time/calendar.js";
import { offsetAt } from "../time/zone.js";
import type { Millis, Rep, SlaConfig } from "../types.js";
import { ownerCalendarId, repIndex } from "./clocks.js";
import { countAtMost } from "./stats.js";

export { MOVER_DIMENSIONS, type MoverDimension } from "./movers-types.js";

export const LOAD_BUCKETS = ["0", "1", "2-3", "4-7", "8+"] as const;
export const NO_CALENDAR = "(no calendar)";

/** The bucket of a count of open obligations: 0, 1, 2-3, 4-7, 8+. */
export function loadBucket(open: number): string {
  if (open <= 1) return String(Math.max(0, open));
  return open < 4 ? "2-3" : open < 8 ? "4-7" : "8+";
}

/** The hour of day (00-23) of an instant in a zone. */
export const hourOf = (t: Millis, zone: string): string =>
  HOURS[Math.floor(mod(t + offsetAt(t, zone), DAY) / HOUR)] as string;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const HOURS = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, "0"));
const mod = (a: number, b: number) => ((a % b) + b) % b;

/** After-hours and weekend groups of an arrival, on the calendar of an owner (or a pinned one). */
export function calendarGroups(config: SlaConfig, reps: readonly Rep[]) {
  const byName = repIndex(reps);
  const defs = new Map(config.calendars.map((c) => [c.id, c]));
  const cache = new Map<string, BusinessCalendar>();
  const calendarOf = (id: string | null, zone: string | null): BusinessCalendar | null => {
    const def = id === null ? undefined : defs.get(id);
    if (!def) return null;
    const z = zone ?? def.timezone ?? config.timezone;
    const key = `${def.id}\u0000${z}`;
    let c = cache.get(key);
    if (!c) {
      c = new BusinessCalendar(def, z);
      cache.set(key, c);
    }
    return c;
  };
  return (t: Millis, owner: string | null, pinned: string | null): [string, string] => {
    const rep = owner === null ? undefined : byName.get(owner);
    const cal = pinned
      ? calendarOf(pinned, null)
      : calendarOf(ownerCalendarId(config, rep, owner), rep?.timezone ?? null);
    if (!cal) return [NO_CALENDAR, NO_CALENDAR];
    const day = cal.dayNumber(t);
    const open = cal.intervalsOn(day).some(([a, b]) => t >= a && t < b);
    return [open ? "business hours" : "after hours", cal.isWorkingWeekday(day) ? "weekday" : "weekend"];
  };
}

/**
 * Open intervals [entry, close) of each rep's obligations, to count how many were open at an
 * instant. Only the two ends are kept, each rep's in a list of numbers (Samples: 16 bytes an
 * obligation, no object each); a part crosses threads as sorted typed arrays.
 */
export class OpenIntervals {
  private entries = new Map<string, Samples>();
  private closes = new Map<string, Samples>();
  /** Each rep's lists sorted, once counting starts (the Samples are let go then). */
  private sorted: Map<string, [Float64Array, Float64Array]> | null = null;

  /** An obligation open from `entry` to `close` (a zero-length one is never open). */
  add(rep: string, entry: Millis, close: Millis): void {
    if (close <= entry) return;
    if (this.sorted) throw new Error("OpenIntervals: added to after counting");
    samplesOf(this.entries, rep).push(entry);
    samplesOf(this.closes, rep).push(close);
  }

  /** Each rep's entries and closes, ascending (each list is only ever counted: they need not stay paired). */
  part(): [string, Float64Array, Float64Array][] {
    return [...this.lists()].map(([rep, [e, c]]) => [rep, e, c]);
  }

  /** Adds another part's intervals (another thread's, before any is counted). */
  merge(part: readonly [string, Float64Array, Float64Array][]): void {
    if (this.sorted) throw new Error("OpenIntervals: merged into after counting");
    for (const [rep, e, c] of part) {
      samplesOf(this.entries, rep).appendSorted(e);
      samplesOf(this.closes, rep).appendSorted(c);
    }
  }

  /** How many of the rep's obligations entered before t and were still open at t (none is added after). */
  openAt(rep: string, t: Millis): number {
    const lists = this.lists().get(rep);
    if (!lists) return 0;
    // entry < t (instants are whole milliseconds) minus close ≤ t: a closed one entered before it closed.
    return countAtMost(lists[0], t - 1) - countAtMost(lists[1], t);
  }

  private lists(): Map<string, [Float64Array, Float64Array]> {
    if (!this.sorted) {
      const closes = this.closes;
      this.sorted = new Map(
        [...this.entries].map(([rep, e]) => [rep, [e.sorted(), (closes.get(rep) as Samples).sorted()]]),
      );
      this.entries = new Map();
      this.closes = new Map();
    }
    return this.sorted;
  }
}

/** The Samples of a key, made on first use. */
export function samplesOf<K>(m: Map<K, Samples>, key: K): Samples {
  let s = m.get(key);
  if (!s) {
    s = new Samples();
    m.set(key, s);
  }
  return s;
}
