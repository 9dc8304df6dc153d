/** Keeps only the activities that can answer an obligation: memory bound by leads, not by rows. */

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

import { qualifies } from "../../activity-rule.js";
import { compareActivities } from "../../replay/order.js";
import type { Activity, ActivityRule, Lead, Millis } from "../../types.js";
import { ActivityRows } from "../store/activity-rows.js";
import type { History } from "../store/history.js";
import { NumberMap } from "../store/number-map.js";
import type { IdLookup } from "../store/string-index.js";

export interface ReduceOptions {
  /** The as-of instant when given up front (--as-of); activities after it are all kept. */
  asOf?: Millis;
  /** A lead whose activities are all kept (trace). */
  keepLead?: string;
}

export class ActivityReducer {
  private readonly rules: ActivityRule[];
  private readonly leadIndex: IdLookup;
  /** Every lead's instants (creation and history rows), sorted, lead after lead. */
  private readonly instants: Float64Array;
  /** Lead i's instants are instants[from[i]] … instants[from[i + 1] - 1]. */
  private readonly from: Int32Array;
  /** The activities that were ever the first for a key, as columns. */
  private readonly rows: ActivityRows;
  /** (instant, rule, owner) as one number -> the row of the first activity seen for it. */
  private best = new NumberMap();
  /** Owners as small numbers (0: any owner), for the keys above. */
  private readonly ownerIds = new Map<string, number>();
  /** Rows kept whatever comes after. */
  private readonly whole: number[] = [];
  private lastId = "";
  private lastIndex: number | undefined;
  private readonly options: ReduceOptions;
  /** Every owner named by an activity, kept or not (redaction must know them all). */
  readonly owners = new Set<string>();

  constructor(
    rules: ActivityRule[],
    leads: readonly Lead[],
    leadIndex: IdLookup,
    history: History,
    options: ReduceOptions,
  ) {
    this.rules = rules;
    this.options = options;
    this.leadIndex = leadIndex;
    this.rows = new ActivityRows(leadIndex, leads.length, (i) => (leads[i] as Lead).id);
    const from = new Int32Array(leads.length + 1);
    for (let i = 0; i < leads.length; i++)
      from[i + 1] =
        (from[i] as number) + history.countOf(i) + ((leads[i] as Lead).createdAt === null ? 0 : 1);
    const instants = new Float64Array(from[leads.length] as number);
    for (let i = 0; i < leads.length; i++) {
      let k = from[i] as number;
      const created = (leads[i] as Lead).createdAt;
      if (created !== null) instants[k++] = created;
      history.timesOf(i, (t) => {
        instants[k++] = t;
      });
      if (k - (from[i] as number) > 1) instants.subarray(from[i] as number, k).sort();
    }
    this.instants = instants;
    this.from = from;
  }

  /**
   * Takes an activity, of lead `known` (its index) when the caller knows it. The activity is not
   * kept as an object (a kept one is copied into columns), so a caller may pass the same object
   * again with other values.
   */
  add(a: Activity, known?: number): void {
    if (a.owner !== null) this.owners.add(a.owner);
    const { asOf, keepLead } = this.options;
    if (a.leadId === keepLead || (asOf !== undefined && a.at > asOf)) {
      this.whole.push(this.rows.push(a));
      return;
    }
    let lead = known;
    if (lead === undefined) {
      // A lead's activities mostly come together: the last lead's index is asked for again.
      if (a.leadId !== this.lastId) {
        this.lastId = a.leadId;
        this.lastIndex = this.leadIndex.get(a.leadId);
      }
      lead = this.lastIndex;
    }
    if (lead === undefined) return;
    // The last instant of the lead at or before the activity; none: it precedes every possible entry.
    const first = this.from[lead] as number;
    let lo = first;
    let hi = this.from[lead + 1] as number;
    if (lo === hi) return; // a lead with no creation and no history never has an obligation
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.instants[mid] as number) <= a.at) lo = mid + 1;
      else hi = mid;
    }
    if (lo === first) return;
    const rules = this.rules.length;
    let row = -1; // the activity's row, once pushed
    for (let r = 0; r < rules; r++) {
      const rule = this.rules[r] as ActivityRule;
      if (!qualifies(a, rule)) continue;
      let owner = 0;
      if (rule.by === "owner") {
        if (a.owner === null) continue;
        owner = this.ownerIds.get(a.owner) ?? this.ownerIds.size + 1;
        if (owner === this.ownerIds.size + 1) this.ownerIds.set(a.owner, owner);
      }
      // The interval (its first instant, lo - 1, unique across leads), the rule and the owner.
      const slot = (lo - 1) * rules + r;
      if (owner >= OWNERS || slot >= MAX_SLOT) {
        // More owners or instants than the key has room for (never seen): keep rather than guess.
        this.whole.push(row < 0 ? this.rows.push(a) : row);
        return;
      }
      const key = slot * OWNERS + owner;
      const held = this.best.get(key);
      if (held >= 0) {
        // Time first; the whole comparison (a new object) only on a tie.
        const d = a.at - this.rows.timeOf(held);
        if (d > 0 || (d === 0 && compareActivities(a, this.rows.row(held)) >= 0)) continue;
      }
      if (row < 0) row = this.rows.push(a);
      this.best.set(key, row);
    }
  }

  /** The activities kept, each once, grouped by lead. */
  result(): ActivityRows {
    const kept = new Uint8Array(this.rows.size);
    for (const row of this.whole) kept[row] = 1;
    this.best.eachValue((row) => {
      kept[row] = 1;
    });
    this.best = new NumberMap(2);
    this.rows.group((_, row) => kept[row] === 1);
    return this.rows;
  }
}

const OWNERS = 1_048_576;
const MAX_SLOT = Math.floor(Number.MAX_SAFE_INTEGER / OWNERS);
