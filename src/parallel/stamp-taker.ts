/** A trace's stamps pass on a worker: plain data rows typed straight from the filter's text, not tokenized. */

/*
 * `trace` without `--as-of` needs every kept row's time stamp (src/ingest/stamps.ts), nothing
 * else. The worker's byte filter (row-filter.ts) offers this taker each plain ASCII row that is
 * surely ordinary data, as the table would hand it on; the taker cuts its cells and types it with
 * the job's own parser and typer. A row it types goes into a batch (lead id and time, no texts)
 * and is not handed on; any other row (ragged, the header again, a time not readable, a typer's
 * refusal) is handed on to the tokenizer and the table, as without the taker. So every row is typed
 * by the same code either way; only the tokenizer, the table's checks and the decoding are skipped
 * for the rows taken. Lines are not kept (0): the pass reports no findings.
 */

import { BATCH, BatchWriter, type ColumnPool, type Typer } from "../ingest/batch.js";
import { cell } from "../ingest/csv/columns.js";
import type { DrainingTaker } from "../ingest/csv/row-filter.js";
import { type RowShapeOf, takenCells } from "../ingest/csv/taken-row.js";
import type { TimestampParser } from "../time/timestamps.js";
import type { LeanStamps } from "./lean-stamps.js";
import type { Message } from "./rows-protocol.js";

/** Batches are sent once this full, after a chunk (a chunk's rows never fill the rest). */
const SEND_AT = BATCH - 4096;

interface Typing {
  index: Record<string, number[]>;
  parser: TimestampParser;
  typeRow: Typer;
  /** Reads most rows in place, and declines the rest to the typer (lean-stamps.ts); null: none. */
  lean: LeanStamps | null;
}

export class StampTaker implements DrainingTaker {
  /** Rows taken. */
  rows = 0;
  private typing: Typing | null = null;
  private shape: RowShapeOf | null = null;
  private readonly out: BatchWriter;

  constructor(
    pool: ColumnPool,
    private readonly post: (m: Message, transfer?: ArrayBuffer[]) => Promise<void>,
  ) {
    this.out = new BatchWriter(pool, true);
  }

  /** Starts taking once the table is open (never with constant columns: taken-row.ts). */
  open(shape: RowShapeOf | null, typing: Typing): void {
    this.shape = shape;
    this.typing = typing;
  }

  take(s: string, from: number, to: number, delimiter: string): boolean {
    const t = this.typing;
    if (t === null || this.shape === null || this.out.n >= BATCH) return false;
    if (t.lean?.take(s, from, to, delimiter, this.out)) {
      this.rows++;
      return true;
    }
    const cells = takenCells(s, from, to, delimiter, this.shape);
    if (cells === null) return false;
    const time = t.parser.parse(cell(cells, t.index, "at") ?? "");
    if (time === null || !t.typeRow(cells, time, 0, this.out)) return false;
    this.rows++;
    return true;
  }

  async drain(final: boolean): Promise<void> {
    if (final || this.out.n >= SEND_AT) await this.out.send(this.post);
  }
}
