/**
 * Memory bound by leads, not by the activities file. An activity matters to the audit only as the
 * response to an obligation: the first activity, in time order, that qualifies for a handoff's
 * rule, at or after the obligation's entry, by the owner of the lead at that instant (`by: owner`).
 *
 * Entries, journey ends and owner changes all happen at instants of the lead's history (its
 * events and its creation), so between two consecutive such instants the owner is one and the
 * same. Of the activities in such an interval that qualify for a rule, only the first by each
 * owner (the first of all, for `by: anyone`) can ever be the first answer to any obligation. Those
 * are kept; the rest are counted as read and let go. The result is exactly what the full list
 * gives (tests/fast-path.test.ts compares the two reports byte for byte).
 *
 * Kept whole: every activity of a lead being traced (trace lists them all) and every activity
 * after an as-of given up front (each is an `after_as_of` finding).
 */

import { qualifies } from "../activity-rule.js";
import { compareActivities } from "../replay/order.js";
import type { Activity, ActivityRule, HistoryEvent, Lead, Millis } from "../types.js";

export interface ReduceOptions {
  /** The as-of instant when given up front (--as-of); activities after it are all kept. */
  asOf?: Millis;
  /** A lead whose activities are all kept (trace). */
  keepLead?: string;
}

export class ActivityReducer {
  private readonly rules: ActivityRule[];
  private readonly instants = new Map<string, Float64Array>();
  /** Per lead: (interval, rule, owner) as one number -> the first activity seen for it. */
  private readonly best = new Map<string, Map<number, Activity>>();
  /** Owners as small numbers (0: any owner), for the keys above. */
  private readonly ownerIds = new Map<string, number>();
  private readonly whole: Activity[] = [];
  private readonly options: ReduceOptions;
  /** Every owner named by an activity, kept or not (redaction must know them all). */
  readonly owners = new Set<string>();

  constructor(
    rules: ActivityRule[],
    leads: Iterable<Lead>,
    events: Iterable<HistoryEvent>,
    options: ReduceOptions,
  ) {
    this.rules = rules;
    this.options = options;
    const times = new Map<string, number[]>();
    const add = (id: string, t: number) => {
      const list = times.get(id);
      if (list) list.push(t);
      else times.set(id, [t]);
    };
    for (const lead of leads) if (lead.createdAt !== null) add(lead.id, lead.createdAt);
    for (const e of events) add(e.leadId, e.at);
    for (const [id, list] of times) this.instants.set(id, Float64Array.from(list).sort());
  }

  add(a: Activity): void {
    if (a.owner !== null) this.owners.add(a.owner);
    const { asOf, keepLead } = this.options;
    if (a.leadId === keepLead || (asOf !== undefined && a.at > asOf)) {
      this.whole.push(a);
      return;
    }
    const instants = this.instants.get(a.leadId);
    if (!instants) return; // a lead with no creation and no history never has an obligation
    // The last instant at or before the activity; none: it precedes every possible entry.
    let lo = 0;
    let hi = instants.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((instants[mid] as number) <= a.at) lo = mid + 1;
      else hi = mid;
    }
    if (lo === 0) return;
    const rules = this.rules.length;
    for (let r = 0; r < rules; r++) {
      const rule = this.rules[r] as ActivityRule;
      if (!qualifies(a, rule)) continue;
      let owner = 0;
      if (rule.by === "owner") {
        if (a.owner === null) continue;
        owner = this.ownerIds.get(a.owner) ?? this.ownerIds.size + 1;
        if (owner === this.ownerIds.size + 1) this.ownerIds.set(a.owner, owner);
        if (owner >= 1_048_576) {
          // More owners than the key has room for (never seen): keep the activity rather than guess.
          this.whole.push(a);
          return;
        }
      }
      const key = (lo * rules + r) * 1_048_576 + owner;
      let held = this.best.get(a.leadId);
      if (!held) {
        held = new Map();
        this.best.set(a.leadId, held);
      }
      const first = held.get(key);
      if (first === undefined || compareActivities(a, first) < 0) held.set(key, a);
    }
  }

  /** The activities kept, each once. */
  result(): Activity[] {
    const kept = new Set(this.whole);
    for (const held of this.best.values()) for (const a of held.values()) kept.add(a);
    return [...kept];
  }
}
