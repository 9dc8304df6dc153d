/**
 * The stage history, kept as columns. A million leads have several million history rows; as
 * objects (an event, its `{ file, line }` place, its boxed time stamp, the lists holding them)
 * they took about 40% of the heap. Here a row is a few numbers in typed arrays and its texts are
 * indexes into one table of distinct values; the replay asks for one lead's events at a time and
 * lets them go when the lead is done.
 */

import type { HistoryEvent, Millis } from "../types.js";

const STAGE = 0;
const OUTCOME = 1;
const OWNER = 2;
const NONE = -1;

/** A typed array twice as long, holding the same values. */
function grow<T extends Int32Array | Float64Array | Uint8Array>(a: T, make: (n: number) => T): T {
  const b = make(a.length * 2);
  b.set(a);
  return b;
}

export class History {
  private n = 0;
  private lead = new Int32Array(1024);
  private at = new Float64Array(1024);
  private kind = new Uint8Array(1024);
  /** Stage or outcome id (owner rows: the owner), raw value, reason, owner named on the row. */
  private meaning = new Int32Array(1024);
  private raw = new Int32Array(1024);
  private reason = new Int32Array(1024);
  private owner = new Int32Array(1024);
  private file = new Int32Array(1024);
  private line = new Int32Array(1024);
  private readonly texts: string[] = [];
  private readonly textIds = new Map<string, number>();
  /** Rows naming no lead of the dataset, kept as they came (rare: hand-built datasets). */
  private readonly strays = new Map<number, HistoryEvent>();
  /** Set by group(): rows of lead i are order[start[i]] … order[start[i + 1] - 1], in reading order. */
  private start: Int32Array | null = null;
  private order: Int32Array | null = null;
  /** Rows group() left out (implausible time stamps), by row number. */
  private dropped: Uint8Array | null = null;

  /**
   * @param leadIds the index of each lead id in the dataset's leads (sorted by id); rows of
   * other ids are kept for all() and never handed to a lead.
   */
  constructor(
    private readonly leadIds: ReadonlyMap<string, number>,
    private readonly leadCount: number,
    private readonly leadId: (index: number) => string,
  ) {}

  /** A history of the given events (tests, small data); leads sorted by id. */
  static of(leads: readonly { id: string }[], events: Iterable<HistoryEvent>): History {
    const h = new History(new Map(leads.map((l, i) => [l.id, i])), leads.length, (i) => leads[i]?.id ?? "");
    for (const e of events) h.push(e);
    h.group(() => true);
    return h;
  }

  private text(value: string | null): number {
    if (value === null) return NONE;
    let id = this.textIds.get(value);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(value);
      this.textIds.set(value, id);
    }
    return id;
  }

  /**
   * For each lead, the row of its latest stage or outcome (the later row among equal times), or
   * -1; read before group(), over the rows pushed so far.
   */
  lastStageRows(): Int32Array {
    const last = new Int32Array(this.leadCount).fill(NONE);
    for (let i = 0; i < this.n; i++) {
      const l = this.lead[i] as number;
      if (l < 0 || this.kind[i] === OWNER) continue;
      const j = last[l] as number;
      if (j === NONE || (this.at[j] as number) <= (this.at[i] as number)) last[l] = i;
    }
    return last;
  }

  /** The stage or outcome id of row `row`. */
  meaningOf(row: number): string {
    const stray = this.strays.get(row);
    if (stray)
      return stray.kind === "stage" ? stray.stage : stray.kind === "outcome" ? stray.outcome : "owner";
    return this.kind[row] === OWNER ? "owner" : (this.texts[this.meaning[row] as number] as string);
  }

  /** Rows kept (before group(): rows pushed). */
  get size(): number {
    return this.n;
  }

  push(e: HistoryEvent): void {
    if (this.start) throw new Error("History.push after group()");
    const i = this.n;
    if (i === this.lead.length) {
      this.lead = grow(this.lead, (n) => new Int32Array(n));
      this.at = grow(this.at, (n) => new Float64Array(n));
      this.kind = grow(this.kind, (n) => new Uint8Array(n));
      this.meaning = grow(this.meaning, (n) => new Int32Array(n));
      this.raw = grow(this.raw, (n) => new Int32Array(n));
      this.reason = grow(this.reason, (n) => new Int32Array(n));
      this.owner = grow(this.owner, (n) => new Int32Array(n));
      this.file = grow(this.file, (n) => new Int32Array(n));
      this.line = grow(this.line, (n) => new Int32Array(n));
    }
    this.n++;
    const index = this.leadIds.get(e.leadId);
    this.at[i] = e.at;
    if (index === undefined) {
      // Not a lead of the dataset (hand-built datasets only): kept whole, for all().
      this.lead[i] = NONE;
      this.owner[i] = NONE;
      this.strays.set(i, e);
      return;
    }
    this.lead[i] = index;
    this.file[i] = this.text(e.place.file);
    this.line[i] = e.place.line;
    this.owner[i] = this.text(e.owner);
    if (e.kind === "owner") {
      this.kind[i] = OWNER;
      this.meaning[i] = NONE;
      this.raw[i] = NONE;
      this.reason[i] = NONE;
    } else {
      this.kind[i] = e.kind === "stage" ? STAGE : OUTCOME;
      this.meaning[i] = this.text(e.kind === "stage" ? e.stage : e.outcome);
      this.raw[i] = this.text(e.raw);
      this.reason[i] = this.text(e.reason);
    }
  }

  /**
   * Ends the reading: rows whose time `keep` rejects are left out (`drop` is told of each, in
   * reading order), the rest grouped by lead.
   */
  group(keep: (at: Millis) => boolean, drop?: (e: HistoryEvent) => void): void {
    if (this.start) throw new Error("History.group twice");
    const n = this.n;
    const dropped = new Uint8Array(n);
    const start = new Int32Array(this.leadCount + 1);
    for (let i = 0; i < n; i++) {
      if (!keep(this.at[i] as number)) {
        dropped[i] = 1;
        drop?.(this.event(i));
        continue;
      }
      const l = this.lead[i] as number;
      if (l >= 0) start[l + 1] = (start[l + 1] as number) + 1;
    }
    for (let l = 0; l < this.leadCount; l++) start[l + 1] = (start[l + 1] as number) + (start[l] as number);
    const fill = start.slice(0, this.leadCount);
    const order = new Int32Array(start[this.leadCount] as number);
    for (let i = 0; i < n; i++) {
      const l = this.lead[i] as number;
      if (l < 0 || dropped[i]) continue;
      order[fill[l] as number] = i;
      fill[l] = (fill[l] as number) + 1;
    }
    this.start = start;
    this.order = order;
    this.dropped = dropped;
  }

  /** Row i as an event. */
  private event(i: number): HistoryEvent {
    const stray = this.strays.get(i);
    if (stray) return stray;
    const t = this.texts;
    const leadId = this.leadId(this.lead[i] as number);
    const at = this.at[i] as number;
    const place = { file: t[this.file[i] as number] as string, line: this.line[i] as number };
    const o = this.owner[i] as number;
    const owner = o === NONE ? null : (t[o] as string);
    const kind = this.kind[i];
    if (kind === OWNER) return { kind: "owner", leadId, at, place, owner: owner as string };
    const id = t[this.meaning[i] as number] as string;
    const raw = t[this.raw[i] as number] as string;
    const r = this.reason[i] as number;
    const reason = r === NONE ? null : (t[r] as string);
    return kind === STAGE
      ? { kind: "stage", leadId, at, place, owner, stage: id, raw, reason }
      : { kind: "outcome", leadId, at, place, owner, outcome: id, raw, reason };
  }

  private grouped(): { start: Int32Array; order: Int32Array; dropped: Uint8Array } {
    if (!this.start || !this.order || !this.dropped) throw new Error("History used before group()");
    return { start: this.start, order: this.order, dropped: this.dropped };
  }

  /** Rows of lead `index` (its place in the dataset's leads), new objects in reading order. */
  of(index: number): HistoryEvent[] {
    const { start, order } = this.grouped();
    const out: HistoryEvent[] = [];
    for (let k = start[index] as number; k < (start[index + 1] as number); k++)
      out.push(this.event(order[k] as number));
    return out;
  }

  /** How many rows lead `index` has. */
  countOf(index: number): number {
    const { start } = this.grouped();
    return (start[index + 1] as number) - (start[index] as number);
  }

  /** Calls f with the time of each row of lead `index`. */
  timesOf(index: number, f: (at: Millis) => void): void {
    const { start, order } = this.grouped();
    for (let k = start[index] as number; k < (start[index + 1] as number); k++)
      f(this.at[order[k] as number] as number);
  }

  /** Every row kept, in reading order (tests and small data; a million rows make a million objects). */
  all(): HistoryEvent[] {
    const { dropped } = this.grouped();
    const out: HistoryEvent[] = [];
    for (let i = 0; i < this.n; i++) if (!dropped[i]) out.push(this.event(i));
    return out;
  }

  /** Calls f with the time, lead index (-1: not a lead of the dataset) and row of each row kept, in reading order. */
  eachTime(f: (at: Millis, lead: number, row: number) => void): void {
    const { dropped } = this.grouped();
    for (let i = 0; i < this.n; i++) if (!dropped[i]) f(this.at[i] as number, this.lead[i] as number, i);
  }

  /** Row `row` as an event (for findings about it). */
  row(row: number): HistoryEvent {
    return this.event(row);
  }

  /** Every owner named on a row. */
  owners(): Set<string> {
    const out = new Set<string>();
    for (let i = 0; i < this.n; i++) {
      const o = this.owner[i] as number;
      if (o !== NONE) out.add(this.texts[o] as string);
    }
    for (const e of this.strays.values()) if (e.owner !== null) out.add(e.owner);
    return out;
  }
}
