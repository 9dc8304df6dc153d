/** The engagements kept, as columns by lead (lead-rows.ts): a lead, an instant and a type code per row, no detail. */

import type { Codes } from "../../paged.js";
import type { Engagement, Millis, Place } from "../../types.js";
import { leadKeys } from "./lead-index.js";
import { filled, LeadRows } from "./lead-rows.js";
import type { SharedRows } from "./shared-rows.js";
import type { IdLookup } from "./string-index.js";

const TYPE = 0;

/**
 * Ten million engagements of a million leads: a row is its lead, time, place and type code
 * (about 20 bytes), and the detail that decided the type is let go when the row is read.
 */
export class EngagementRows extends LeadRows<Engagement> {
  constructor(leadIds: IdLookup, leadCount: number, leadId: (index: number) => string) {
    super(leadIds, leadCount, leadId, 1);
  }

  /** The rows another thread shared (share()), read lead by lead with of(): the replay worker. */
  static adopted(rows: SharedRows, leadCount: number, leadId: (index: number) => string): EngagementRows {
    return new EngagementRows(new Map(), leadCount, leadId).adopt(rows);
  }

  /** The given engagements (tests, small data); leads sorted by id. */
  static of(leads: readonly { id: string }[], engagements: Iterable<Engagement>): EngagementRows {
    return filled(new EngagementRows(...leadKeys(leads)), engagements);
  }

  protected encode(e: Engagement, i: number): void {
    (this.cols[TYPE] as Codes).set(i, this.textId(e.type));
  }

  protected decode(i: number, leadId: string, at: Millis, place: Place): Engagement {
    return { leadId, type: this.textOf((this.cols[TYPE] as Codes).get(i)) as string, at, place };
  }

  /**
   * Lead `index`'s engagement instants dated at or before `until`, by type, each sorted: what the
   * definition's check reads, with no object per engagement (trace's rows come from of()).
   */
  instantsOf(index: number, until = Number.POSITIVE_INFINITY): Map<string, Millis[]> {
    const type = this.cols[TYPE] as Codes;
    const out = new Map<string, Millis[]>();
    this.eachOf(index, until, (row, at) => {
      const name = this.texts[type.get(row)] as string;
      const list = out.get(name);
      if (list) list.push(at);
      else out.set(name, [at]);
    });
    for (const list of out.values()) if (list.length > 1) list.sort((a, b) => a - b);
    return out;
  }

  /**
   * After group(): an engagement repeating an earlier one of its lead (same type and instant: a
   * double submission, overlapping exports) is kept once; `repeat` is told of each left out, in
   * reading order.
   */
  unique(repeat: (e: Engagement) => void): void {
    const type = this.cols[TYPE] as Codes;
    for (const row of this.dropRepeats((r) => type.get(r))) repeat(this.row(row));
  }

  /** Engagements kept per type (of a lead of the dataset), types sorted. */
  countByType(): Record<string, number> {
    const type = this.cols[TYPE] as Codes;
    const counts = new Map<number, number>();
    this.eachTime((_at, lead, row) => {
      if (lead < 0) return;
      const code = type.get(row);
      counts.set(code, (counts.get(code) ?? 0) + 1);
    });
    const named = [...counts].map(([code, n]): [string, number] => [this.textOf(code) as string, n]);
    return Object.fromEntries(named.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }
}
