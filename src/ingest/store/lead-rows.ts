/** Rows of a lead-keyed file (stage history, activities, engagements) kept as columns in typed arrays. */
/* A row is a few numbers (as objects, several million rows took half of the heap), its texts indexes into one table. */

import { Codes, Column } from "../../paged.js";
import type { Millis, Place } from "../../types.js";
import { Bits } from "./bits.js";
import type { Grouping } from "./grouping.js";
import * as by from "./grouping.js";
import { compactLeads, type LeadRuns, leadsOver, shareLeads } from "./lead-runs.js";
import { LineCounts } from "./line-counts.js";
import { Places } from "./places.js";
import type { SharedRows } from "./shared-rows.js";
import type { IdLookup } from "./string-index.js";
import { Times } from "./times.js";

export const NONE = -1;
export interface LeadRow {
  leadId: string;
  at: Millis;
  place: Place;
}

/** `rows` with every item pushed and grouped (tests, small data). */
export function filled<T extends LeadRow, R extends LeadRows<T>>(rows: R, items: Iterable<T>): R {
  for (const item of items) rows.push(item);
  rows.group(() => true);
  return rows;
}

export abstract class LeadRows<T extends LeadRow> {
  protected n = 0;
  private lastId = "";
  private lastIndex: number | undefined;
  // Not readonly: the replay worker's copy reads another thread's pages (share(), adopt()).
  protected lead: Column | LeadRuns = new Column(false);
  protected at = new Times();
  /** Each row's file (a code into texts) and line. */
  private places = new Places();
  /** The subclass's own columns (texts as indexes, small codes). */
  protected cols: Codes[];
  protected texts: string[] = [];
  private readonly textIds = new Map<string, number>();
  /** Rows naming no lead of the dataset, kept as they came (rare: hand-built datasets). */
  protected readonly strays = new Map<number, T>();
  /** Set by group(): each lead's rows, in reading order. */
  private grouping: Grouping | null = null;
  /** Rows group() left out, by row number. */
  private dropped: Bits | null = null;

  /**
   * @param leadIds the index of each lead id in the dataset's leads (sorted by id); rows of
   * other ids are kept for all() and never handed to a lead.
   * @param columns how many columns of its own the subclass writes in encode().
   */
  constructor(
    private leadIds: IdLookup,
    private readonly leadCount: number,
    protected readonly leadId: (index: number) => string,
    columns: number,
  ) {
    this.cols = Array.from({ length: columns }, () => new Codes());
  }

  /** Writes row i's own columns. */
  protected abstract encode(row: T, i: number): void;
  /** Row i as an object, given what every row has. */
  protected abstract decode(i: number, leadId: string, at: Millis, place: Place): T;

  /** The index of a text in the table (NONE for null). */
  textId(value: string | null): number {
    if (value === null) return NONE;
    let id = this.textIds.get(value);
    if (id === undefined) {
      id = this.texts.length;
      this.texts.push(value);
      this.textIds.set(value, id);
    }
    return id;
  }

  protected textOf(id: number): string | null {
    return id === NONE ? null : (this.texts[id] as string);
  }

  get size(): number {
    return this.n;
  }

  /** Adds a row (`reused`: the caller writes the object again after: a stray is kept as a copy); returns its number. */
  push(row: T, reused = false): number {
    let index: number | undefined;
    if (row.leadId === this.lastId) index = this.lastIndex;
    else {
      index = this.leadIds.get(row.leadId);
      this.lastId = row.leadId;
      this.lastIndex = index;
    }
    if (index === undefined) {
      const i = this.pushHead(NONE, row.at, 0, 0);
      this.strays.set(i, reused ? structuredClone(row) : row);
      return i;
    }
    const i = this.pushHead(index, row.at, this.textId(row.place.file), row.place.line);
    this.encode(row, i);
    return i;
  }

  /**
   * Adds a row of lead `lead` (its index among the dataset's leads) whose own columns the caller
   * writes next (History.pushCoded): no object per row. Returns its number.
   */
  protected pushHead(lead: number, at: Millis, file: number, line: number): number {
    if (this.grouping) throw new Error("rows pushed after group()");
    const i = this.n;
    this.n++;
    this.at.set(i, at);
    (this.lead as Column).set(i, lead);
    this.places.set(i, file, line);
    return i;
  }

  /** Row `row` as a new object. */
  row(row: number): T {
    const stray = this.strays.get(row);
    if (stray) return stray;
    const { places } = this;
    const place = { file: this.texts[places.fileOf(row)] as string, line: places.lineOf(row) };
    return this.decode(row, this.leadId(this.lead.get(row)), this.at.get(row), place);
  }

  /** Ends the reading: rows `keep` rejects are left out (`drop` is told of each, in reading order), the rest grouped by lead. */
  group(keep: (at: Millis, row: number) => boolean, drop?: (row: T) => void): void {
    if (this.grouping) throw new Error("rows grouped twice");
    const n = this.n;
    const dropped = new Bits(n);
    const start = new Int32Array(this.leadCount + 1);
    // While each lead's rows come one after another (exports list a lead's rows together), its
    // first and last row say where they are: no order array (4 bytes a row).
    const spans = new by.Spans(this.leadCount);
    for (let i = 0; i < n; i++) {
      if (!keep(this.at.get(i), i)) {
        dropped.add(i);
        drop?.(this.row(i));
        continue;
      }
      const l = this.lead.get(i);
      if (l < 0) continue;
      spans.add(l, i, (start[l + 1] as number) > 0);
      start[l + 1] = (start[l + 1] as number) + 1;
    }
    this.dropped = dropped;
    const leadOf = (i: number) => this.lead.get(i);
    const runs = spans.runs();
    this.grouping = runs
      ? { ...runs, skip: by.skippedRows(n, dropped, leadOf) }
      : by.orderedRows(start, n, this.leadCount, dropped, leadOf);
    this.lead = compactLeads(this.lead as Column, n);
    // No row comes after: the id -> index map (a million entries) is not held any longer.
    this.leadIds = new Map();
  }

  /** After group(): leaves out each row repeating an earlier one of its lead (same time and keyOf); returns them. */
  protected dropRepeats(keyOf: (row: number) => number): number[] {
    const at = (row: number) => this.at.get(row);
    const out = by.groupingWithoutRepeats(this.grouped(), this.leadCount, at, keyOf);
    for (const row of out.repeats) this.droppedRows().add(row);
    this.grouping = out.grouping;
    return out.repeats;
  }

  private grouped(): Grouping {
    if (!this.grouping) throw new Error("rows used before group()");
    return this.grouping;
  }

  /** Which rows group() left out (not known to rows adopted from another thread: only of() is). */
  private droppedRows(): Bits {
    if (!this.dropped) throw new Error("rows used before group(), or read in another thread");
    return this.dropped;
  }

  /**
   * What another thread needs to read any lead's rows with of() (adopt()): the columns and the
   * grouping, moved onto shared buffers (toShared: one copy, page by page, the old buffers emptied),
   * and the text table (a few hundred distinct values). Rows naming no lead are not handed to
   * any lead, so they stay here.
   */
  share(): SharedRows {
    const { grouping, shared } = by.shareGrouping(this.grouped());
    this.grouping = grouping;
    return {
      n: this.n,
      lead: shareLeads(this.lead),
      at: this.at.share(),
      places: this.places.share(),
      cols: this.cols.map((c) => c.share()),
      texts: this.texts,
      grouping: shared,
    };
  }

  /** Reads the rows another thread shared (share()), grouped as they were there. */
  protected adopt(s: SharedRows): this {
    this.n = s.n;
    this.lead = leadsOver(s.lead);
    this.at = Times.over(s.at);
    this.places = Places.over(s.places);
    this.cols = s.cols.map((pages) => Codes.adopt(pages));
    this.texts = s.texts;
    this.grouping = by.groupingOver(s.grouping);
    return this;
  }

  /** Rows of lead `index` (among the dataset's leads) dated at or before `until`, new objects in reading order (once per lead). */
  of(index: number, until = Number.POSITIVE_INFINITY): T[] {
    const out: T[] = [];
    this.eachOf(index, until, (row) => out.push(this.row(row)));
    return out;
  }

  /** Calls f with the number and time of each row of lead `index` dated at or before `until`, in the grouping's order. */
  protected eachOf(index: number, until: Millis, f: (row: number, at: Millis) => void): void {
    const g = this.grouped();
    if ("skip" in g) {
      const { skip } = g;
      for (let row = g.from[index] as number; row < (g.to[index] as number); row++) {
        if (skip.has(row)) continue;
        const at = this.at.get(row);
        if (at <= until) f(row, at);
      }
      return;
    }
    const { start, order } = g;
    for (let k = start[index] as number; k < (start[index + 1] as number); k++) {
      const row = order[k] as number;
      const at = this.at.get(row);
      if (at <= until) f(row, at);
    }
  }

  /** How many rows lead `index` has. */
  countOf(index: number): number {
    const g = this.grouped();
    return "start" in g ? (g.start[index + 1] as number) - (g.start[index] as number) : by.runCount(g, index);
  }

  /** Calls f with the time of each row of lead `index`. */
  timesOf(index: number, f: (at: Millis) => void): void {
    this.eachOf(index, Number.POSITIVE_INFINITY, (_row, at) => f(at));
  }

  /** Every row kept, in reading order (tests and small data: a million rows make a million objects). */
  all(): T[] {
    const dropped = this.droppedRows();
    const out: T[] = [];
    for (let i = 0; i < this.n; i++) if (!dropped.has(i)) out.push(this.row(i));
    return out;
  }

  /** Calls f with the time, lead index (NONE: not a lead of the dataset) and number of each row kept, in reading order. */
  eachTime(f: (at: Millis, lead: number, row: number) => void): void {
    const dropped = this.droppedRows();
    for (let i = 0; i < this.n; i++) if (!dropped.has(i)) f(this.at.get(i), this.lead.get(i), i);
  }

  /**
   * The rows kept per file whose time `when` accepts, naming a lead of the dataset: distinct lines
   * (a wide row gives an event per date column; it is one row). What coverage counts as used.
   */
  linesByFile(when: (at: Millis) => boolean): Map<string, number> {
    const dropped = this.droppedRows();
    const seen = new LineCounts();
    for (let i = 0; i < this.n; i++) {
      if (dropped.has(i) || this.lead.get(i) === NONE || !when(this.at.get(i))) continue;
      seen.add(this.places.fileOf(i), this.places.lineOf(i));
    }
    return new Map([...seen.counts()].map(([f, count]) => [this.texts[f] as string, count]));
  }

  /** The distinct texts of one of the subclass's columns over the rows kept, strays included. */
  protected textsIn(column: number, ofStray: (row: T) => string | null): Set<string> {
    const dropped = this.droppedRows();
    const col = this.cols[column] as Column;
    const out = new Set<string>();
    for (let i = 0; i < this.n; i++) {
      if (dropped.has(i) || this.lead.get(i) === NONE) continue;
      const t = col.get(i);
      if (t !== NONE) out.add(this.texts[t] as string);
    }
    for (const [i, row] of this.strays) {
      if (dropped.has(i)) continue;
      const t = ofStray(row);
      if (t !== null) out.add(t);
    }
    return out;
  }
}
