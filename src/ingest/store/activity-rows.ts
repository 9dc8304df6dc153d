/** The activities kept, as columns by lead (lead-rows.ts). */

import type { Codes } from "../../paged.js";
import type { Activity, Millis, Place } from "../../types.js";
import { leadKeys } from "./lead-index.js";
import { filled, LeadRows } from "./lead-rows.js";
import type { SharedRows } from "./shared-rows.js";
import type { IdLookup } from "./string-index.js";

// Columns: owner, type, subtype, status.
const WHO = 0;
const TYPE = 1;
const SUBTYPE = 2;
const STATUS = 3;

export class ActivityRows extends LeadRows<Activity> {
  constructor(leadIds: IdLookup, leadCount: number, leadId: (index: number) => string) {
    super(leadIds, leadCount, leadId, 4);
  }

  /** The rows another thread shared (share()), read lead by lead with of(): the replay worker. */
  static adopted(rows: SharedRows, leadCount: number, leadId: (index: number) => string): ActivityRows {
    return new ActivityRows(new Map(), leadCount, leadId).adopt(rows);
  }

  /** The given activities (tests, small data); leads sorted by id. */
  static of(leads: readonly { id: string }[], activities: Iterable<Activity>): ActivityRows {
    return filled(new ActivityRows(...leadKeys(leads)), activities);
  }

  protected encode(a: Activity, i: number): void {
    const c = this.cols;
    (c[WHO] as Codes).set(i, this.textId(a.owner));
    (c[TYPE] as Codes).set(i, this.textId(a.type));
    (c[SUBTYPE] as Codes).set(i, this.textId(a.subtype));
    (c[STATUS] as Codes).set(i, this.textId(a.status));
  }

  protected decode(i: number, leadId: string, at: Millis, place: Place): Activity {
    const c = this.cols;
    return {
      leadId,
      at,
      owner: this.textOf((c[WHO] as Codes).get(i)),
      type: this.textOf((c[TYPE] as Codes).get(i)) as string,
      subtype: this.textOf((c[SUBTYPE] as Codes).get(i)),
      status: this.textOf((c[STATUS] as Codes).get(i)),
      place,
    };
  }

  /** The time of row `row`. */
  timeOf(row: number): Millis {
    return this.at.get(row);
  }

  /** Every owner named on a row. */
  owners(): Set<string> {
    return this.textsIn(WHO, (a) => a.owner);
  }
}
