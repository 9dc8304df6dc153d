/** Rows typed into columns, in batches: the form a worker thread sends the rows it read (src/parallel/). */

import type { Finding } from "../types.js";
import type { TableRow } from "./csv/table.js";

/**
 * Rows per batch sent: lead ids and texts are numbered per batch, so a batch's numbers fit in 16
 * bits (at most 4 × 16,383 distinct texts, and EMPTY).
 */
export const BATCH = 16_383;
/** Text columns per row: history uses stage value, owner, reason; activities owner, type, subtype, status. */
export const TEXTS = 4;
export const NONE = -1;
/** A text column left empty, in a batch. */
export const EMPTY = 0xffff;

/** One kept row or the cells of a row the main thread reads itself, or a finding, at a place among the rows. */
export type Op = { pos: number; finding: Finding } | { pos: number; row: TableRow };

export interface Batch {
  type: "batch";
  /** Rows in the batch: the columns are longer (their buffers are used again), the rest is not theirs. */
  n: number;
  /** Indexes into `ids`. */
  lead: Uint16Array;
  at: Float64Array;
  line: Int32Array;
  /** TEXTS per row: indexes into `texts` (EMPTY: none). */
  text: Uint16Array;
  ids: string[];
  texts: string[];
  ops: Op[];
  bytes: number;
}

/** Writes ordinary rows into a batch; false: the row is not ordinary (the main thread reads its cells). */
export type Typer = (cells: string[], at: number, line: number, out: BatchWriter) => boolean;

/** The columns of one batch. */
interface Columns {
  lead: Uint16Array;
  at: Float64Array;
  line: Int32Array;
  text: Uint16Array;
}

/**
 * Column buffers of batches the main thread has taken, sent back to be filled again. A worker
 * makes at most its budget's worth of them, so its batches' memory is bound by the budget, not
 * by when the main thread's collector frees a taken batch, and a batch is not copied to be sent.
 */
export class ColumnPool {
  private readonly free: ArrayBuffer[][] = [];

  /** Buffers back from the main thread (lead, at, line, text). */
  give(buffers: ArrayBuffer[]): void {
    if (buffers.length === 4) this.free.push(buffers);
  }

  take(): Columns {
    const b = this.free.pop();
    if (b)
      return {
        lead: new Uint16Array(b[0] as ArrayBuffer),
        at: new Float64Array(b[1] as ArrayBuffer),
        line: new Int32Array(b[2] as ArrayBuffer),
        text: new Uint16Array(b[3] as ArrayBuffer),
      };
    return {
      lead: new Uint16Array(BATCH),
      at: new Float64Array(BATCH),
      line: new Int32Array(BATCH),
      text: new Uint16Array(BATCH * TEXTS),
    };
  }
}

export class BatchWriter {
  n = 0;
  ops: Op[] = [];
  private cols: Columns;
  private ids: string[] = [];
  private idOf = new Map<string, number>();
  private texts: string[] = [];
  private textOf = new Map<string, number>();
  /** The last id and the last text of each column, and their numbers: rows of a lead come together. */
  private lastId: string | null = null;
  private lastIdK = 0;
  private readonly lastText: (string | null)[] = new Array(TEXTS).fill(null);
  private readonly lastTextK = new Int32Array(TEXTS);

  /** `textless`: every text column left empty (a trace's stamps pass reads only ids and times). */
  constructor(
    private readonly pool: ColumnPool,
    private readonly textless = false,
  ) {
    this.cols = pool.take();
  }

  push(id: string, at: number, line: number, ...texts: (string | null)[]): void;
  push(
    id: string,
    at: number,
    line: number,
    t0: string | null,
    t1: string | null,
    t2: string | null,
    t3: string | null,
  ): void {
    const i = this.n++;
    let k: number | undefined;
    if (id === this.lastId) k = this.lastIdK;
    else {
      // Textless (a trace's stamps): an id once per run of its rows, no map (its growth was a fifth
      // of the stamps pass's page faults); the main thread resolves an id seen twice twice.
      k = this.textless ? undefined : this.idOf.get(id);
      if (k === undefined) {
        k = this.ids.length;
        this.ids.push(id);
        if (!this.textless) this.idOf.set(id, k);
      }
      this.lastId = id;
      this.lastIdK = k;
    }
    const c = this.cols;
    c.lead[i] = k;
    c.at[i] = at;
    c.line[i] = line;
    const j = i * TEXTS;
    c.text[j] = this.index(t0, 0);
    c.text[j + 1] = this.index(t1, 1);
    c.text[j + 2] = this.index(t2, 2);
    c.text[j + 3] = this.index(t3, 3);
  }

  private index(t: string | null, column: number): number {
    if (t === null || this.textless) return EMPTY;
    if (t === this.lastText[column]) return this.lastTextK[column] as number;
    let k = this.textOf.get(t);
    if (k === undefined) {
      k = this.texts.length;
      this.texts.push(t);
      this.textOf.set(t, k);
    }
    this.lastText[column] = t;
    this.lastTextK[column] = k;
    return k;
  }

  async send(post: (batch: Batch, transfer: ArrayBuffer[]) => Promise<void>): Promise<void> {
    if (this.n === 0 && this.ops.length === 0) return;
    const n = this.n;
    const { lead, at, line, text } = this.cols;
    const bytes = n * (2 + 8 + 4 + 2 * TEXTS) + this.ops.length * 256;
    const batch: Batch = {
      type: "batch",
      n,
      lead,
      at,
      line,
      text,
      ids: this.ids,
      texts: this.texts,
      ops: this.ops,
      bytes,
    };
    this.n = 0;
    this.ops = [];
    this.ids = [];
    this.idOf.clear();
    this.texts = [];
    this.textOf.clear();
    // Numbers are per batch: nothing of this one carries over.
    this.lastId = null;
    this.lastText.fill(null);
    await post(batch, [lead.buffer, at.buffer, line.buffer, text.buffer] as ArrayBuffer[]);
    // Taken after the wait: by then the main thread has given back what it took.
    this.cols = this.pool.take();
  }
}

/**
 * Per batch: what each distinct text becomes on the main thread (an owner's canonical name, a
 * shared copy, a text id), worked out once; `empty` for a column left empty.
 */
export function perText<T>(texts: string[], empty: T, f: (t: string) => T): (k: number) => T {
  const out: (T | undefined)[] = new Array(texts.length);
  return (k) => {
    if (k === EMPTY) return empty;
    let v = out[k];
    if (v === undefined) {
      v = f(texts[k] as string);
      out[k] = v;
    }
    return v;
  };
}
