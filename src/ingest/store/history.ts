/** The stage history (stage, outcome and owner rows), kept as columns by lead (lead-rows.ts). */

import type { Codes } from "../../paged.js";
import type { HistoryEvent, Millis, Place } from "../../types.js";
import { leadKeys } from "./lead-index.js";
import { filled, LeadRows, NONE } from "./lead-rows.js";
import type { SharedRows } from "./shared-rows.js";
import type { IdLookup } from "./string-index.js";

/** What a row is (History.pushCoded). */
export const STAGE = 0;
export const OUTCOME = 1;
export const OWNER = 2;
// Columns: kind, stage or outcome id, raw value, reason, owner named on the row.
const KIND = 0;
const MEANING = 1;
const RAW = 2;
const REASON = 3;
const WHO = 4;

export class History extends LeadRows<HistoryEvent> {
  constructor(leadIds: IdLookup, leadCount: number, leadId: (index: number) => string) {
    super(leadIds, leadCount, leadId, 5);
  }

  /** The rows another thread shared (share()), read lead by lead with of(): the replay worker. */
  static adopted(rows: SharedRows, leadCount: number, leadId: (index: number) => string): History {
    return new History(new Map(), leadCount, leadId).adopt(rows);
  }

  /** A history of the given events (tests, small data); leads sorted by id. */
  static of(leads: readonly { id: string }[], events: Iterable<HistoryEvent>): History {
    return filled(new History(...leadKeys(leads)), events);
  }

  /**
   * Adds a row of lead `lead` (its index) already coded: `kind` is STAGE, OUTCOME or OWNER, the
   * others are text ids (textId; NONE for none). The same row as push() of the event.
   */
  pushCoded(
    lead: number,
    at: Millis,
    file: number,
    line: number,
    kind: number,
    meaning: number,
    raw: number,
    reason: number,
    who: number,
  ): void {
    const i = this.pushHead(lead, at, file, line);
    const c = this.cols;
    (c[WHO] as Codes).set(i, who);
    (c[KIND] as Codes).set(i, kind);
    (c[MEANING] as Codes).set(i, meaning);
    (c[RAW] as Codes).set(i, raw);
    (c[REASON] as Codes).set(i, reason);
  }

  protected encode(e: HistoryEvent, i: number): void {
    const c = this.cols;
    (c[WHO] as Codes).set(i, this.textId(e.owner));
    if (e.kind === "owner") {
      (c[KIND] as Codes).set(i, OWNER);
      (c[MEANING] as Codes).set(i, NONE);
      (c[RAW] as Codes).set(i, NONE);
      (c[REASON] as Codes).set(i, NONE);
    } else {
      (c[KIND] as Codes).set(i, e.kind === "stage" ? STAGE : OUTCOME);
      (c[MEANING] as Codes).set(i, this.textId(e.kind === "stage" ? e.stage : e.outcome));
      (c[RAW] as Codes).set(i, this.textId(e.raw));
      (c[REASON] as Codes).set(i, this.textId(e.reason));
    }
  }

  protected decode(i: number, leadId: string, at: Millis, place: Place): HistoryEvent {
    const c = this.cols;
    const owner = this.textOf((c[WHO] as Codes).get(i));
    const kind = (c[KIND] as Codes).get(i);
    if (kind === OWNER) return { kind: "owner", leadId, at, place, owner: owner as string };
    const id = this.textOf((c[MEANING] as Codes).get(i)) as string;
    const raw = this.textOf((c[RAW] as Codes).get(i)) as string;
    const reason = this.textOf((c[REASON] as Codes).get(i));
    return kind === STAGE
      ? { kind: "stage", leadId, at, place, owner, stage: id, raw, reason }
      : { kind: "outcome", leadId, at, place, owner, outcome: id, raw, reason };
  }

  /**
   * For each lead, the row of its latest stage or outcome (the later row among equal times), or
   * -1; read before group(), over the rows pushed so far.
   */
  lastStageRows(leadCount: number): Int32Array {
    const last = new Int32Array(leadCount).fill(NONE);
    const kind = this.cols[KIND] as Codes;
    for (let i = 0; i < this.n; i++) {
      const l = this.lead.get(i);
      if (l < 0 || kind.get(i) === OWNER) continue;
      const j = last[l] as number;
      if (j === NONE || this.at.get(j) <= this.at.get(i)) last[l] = i;
    }
    return last;
  }

  /** The stage or outcome id of row `row` ("owner" for an owner change). */
  meaningOf(row: number): string {
    const e = this.strays.get(row);
    if (e) return e.kind === "stage" ? e.stage : e.kind === "outcome" ? e.outcome : "owner";
    return (this.cols[KIND] as Codes).get(row) === OWNER
      ? "owner"
      : (this.textOf((this.cols[MEANING] as Codes).get(row)) as string);
  }

  /** Every owner named on a row. */
  owners(): Set<string> {
    return this.textsIn(WHO, (e) => e.owner);
  }
}
