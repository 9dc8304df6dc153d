/** Each lead's id and creation alone, from every row of the leads file: `trace`'s first pass (read-leads.ts). */

import type { TimestampParser } from "../../time/timestamps.js";
import type { Millis } from "../../types.js";
import { cell, hasColumn } from "../csv/columns.js";
import { oneColumn, RowBounds } from "../csv/row-bounds.js";
import type { DrainingTaker } from "../csv/row-filter.js";
import type { TableRow } from "../csv/table.js";
import { type RowShapeOf, shapeOf, takenCells } from "../csv/taken-row.js";
import { detach } from "../store/intern.js";
import { StringIndex } from "../store/string-index.js";

/** The instant every lead is created at in a status-only snapshot without a created_at column, else null. */
export const snapshotOf = (
  snapshotAt: Millis | null | undefined,
  index: Record<string, number[]>,
): Millis | null => (snapshotAt != null && !hasColumn(index, "created_at") ? snapshotAt : null);

/** A lead row's creation: the snapshot's instant, else its created_at text typed (null: none, or not a date). */
export const createdOf = (
  text: string | null,
  snapshotAt: Millis | null,
  parser: TimestampParser,
): Millis | null => snapshotAt ?? (text === null ? null : parser.parse(text));

export interface LeadCreations {
  /** Each id once, in the order of its first row. */
  ids: string[];
  /**
   * Each id's creation as its kept row has it (keeps: the earliest of its rows'), NaN when none has
   * one: numbers alone, so the array holds them unboxed (a million boxed ones were garbage to copy).
   */
  created: number[];
  /** The rows of the id asked for, as read (ingestLeads reads them for its contact and e-mail). */
  rows: TableRow[];
  /** Each id's number in `ids` (the stamps pass looks ids up in it). */
  index: StringIndex;
}

/** A plain row read in place; false: declined (read by cells). */
interface InPlace {
  take(s: string, from: number, to: number, delimiter: string): boolean;
}

/** Ids and creations, row by row, from the table's rows and the rows a taker was offered. */
class Creations {
  readonly ids: string[] = [];
  readonly created: number[] = [];
  readonly own: TableRow[] = [];

  constructor(
    private readonly index: Record<string, number[]>,
    private readonly parser: TimestampParser,
    private readonly snapshotAt: Millis | null,
    private readonly id: string,
  ) {}

  /** Adds a row's id and creation; false for a row of lead `id` (not added: `ofLead` keeps it whole). */
  add(cells: string[]): boolean {
    const rowId = cell(cells, this.index, "id");
    if (rowId === null) return true;
    if (rowId === this.id) return false;
    this.ids.push(detach(rowId));
    this.created.push(this.creationOf(cells));
    return true;
  }

  /** A row's creation as add reads it, NaN for none. */
  private creationOf(cells: string[]): number {
    return createdOf(cell(cells, this.index, "created_at"), this.snapshotAt, this.parser) ?? NaN;
  }

  /**
   * Rows read in place (RowBounds) as add reads them, or null: the id and created_at columns one
   * each, no snapshot, a parser with fixed layouts read first (TimestampParser.fixed). Declines a
   * row whose creation is in none of them, or of the traced lead (its rows go to the table).
   */
  inPlace(shape: RowShapeOf): InPlace | null {
    const id = oneColumn(this.index, "id");
    const at = oneColumn(this.index, "created_at");
    const fixed = this.parser.fixed;
    if (id === undefined || id < 0 || at === undefined || !fixed || this.snapshotAt !== null) return null;
    const row = new RowBounds(shape, [0, id, at]);
    return {
      take: (s, from, to, delimiter) => {
        if (!row.cut(s, from, to, delimiter) || !row.filled(id)) return false;
        let created = NaN;
        if (row.filled(at)) {
          created = fixed(s, row.starts[at] as number, row.ends[at] as number);
          if (Number.isNaN(created)) return false;
        }
        const rowId = s.slice(row.starts[id] as number, row.ends[id] as number);
        if (rowId === this.id) return false;
        this.ids.push(detach(rowId));
        this.created.push(created);
        return true;
      },
    };
  }

  /** The cells add reads. */
  reads(): number[] {
    return [...(this.index.id ?? []), ...(this.index.created_at ?? [])];
  }

  ofLead(row: TableRow): void {
    this.own.push(row);
    this.ids.push(detach(this.id));
    this.created.push(this.creationOf(row.cells));
  }
}

/**
 * A byte filter's taker for the leads file (row-filter.ts): a plain data row's id and creation are
 * typed from its text, not tokenized; the traced lead's rows go on to the table. Order does not
 * matter: of rows sharing an id the earliest creation counts, and ids are looked up, not walked.
 */
export class CreationsTaker implements DrainingTaker {
  private rows: Creations | null = null;
  private shape: RowShapeOf | null = null;
  private inPlace: InPlace | null = null;

  /** Starts taking; most rows are read in place when the parser has fixed layouts (Creations.inPlace). */
  start(rows: Creations, header: readonly string[], columns: Record<string, string[]>): void {
    this.rows = rows;
    // Only the id and the creation are read (Creations.add): no text made of the other cells.
    this.shape = shapeOf(header, columns, rows.reads());
    this.inPlace = this.shape ? rows.inPlace(this.shape) : null;
  }

  take(s: string, from: number, to: number, delimiter: string): boolean {
    if (this.rows === null || this.shape === null) return false;
    if (this.inPlace?.take(s, from, to, delimiter)) return true;
    const cells = takenCells(s, from, to, delimiter, this.shape);
    return cells !== null && this.rows.add(cells);
  }

  drain(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * `trace` (docs/performance.md): every lead row tokenized (or offered to `taker` first), but only
 * its id and created_at typed, as ingestLeads types them, for the plausibility ceiling; the rows of
 * lead `id` are kept whole.
 */
export async function leadCreations(
  rows: AsyncIterable<TableRow[]>,
  ctx: { index: Record<string, number[]>; parser: TimestampParser; snapshotAt?: Millis | null },
  id: string,
  taker?: {
    taker: CreationsTaker;
    header: readonly string[];
    columns: Record<string, string[]>;
  },
): Promise<LeadCreations> {
  const { index, parser } = ctx;
  const c = new Creations(index, parser, snapshotOf(ctx.snapshotAt, index), id);
  taker?.taker.start(c, taker.header, taker.columns);
  for await (const batch of rows) for (const row of batch) if (!c.add(row.cells)) c.ofLead(row);
  const { ids, created, own } = c;
  // Each id hashed once, into a table of row numbers; then, when some ids repeat, renumbered to
  // the ids' numbers in order of first row (pushing and popping per row took three times as long).
  const byId = new StringIndex(ids.length, (k) => ids[k] as string);
  // Each row's first row of its id, where it is another (-1: its own).
  const firstOf = new Int32Array(ids.length);
  let repeats = 0;
  for (let i = 0; i < ids.length; i++) {
    const first = byId.add(i);
    firstOf[i] = first ?? -1;
    if (first !== undefined) repeats++;
  }
  if (repeats === 0) return { ids, created, rows: own, index: byId };
  // Of rows sharing an id the earliest created is kept (keeps), a row without a creation last:
  // the arrays are compacted in place (each id moves to its number, which is never past its row).
  const numberOf = new Int32Array(ids.length);
  let n = 0;
  for (let i = 0; i < ids.length; i++) {
    const first = firstOf[i] as number;
    const at = created[i] as number;
    if (first < 0) {
      numberOf[i] = n;
      ids[n] = ids[i] as string;
      created[n++] = at;
      continue;
    }
    const k = numberOf[first] as number;
    numberOf[i] = k;
    const before = created[k] as number;
    if (!Number.isNaN(at) && (Number.isNaN(before) || at < before)) created[k] = at;
  }
  ids.length = n;
  created.length = n;
  byId.renumber((row) => numberOf[row] as number);
  return { ids, created, rows: own, index: byId };
}
