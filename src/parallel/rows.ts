/** The main thread's side of reading a file on a worker thread: start it, take its batches in file order. */

/*
 * A worker tokenizes its file, checks the table (the same openTable as the main thread) and types
 * every ordinary row: lead id present, time stamp readable, stage value declared, one lead per
 * activity. It sends those rows as columns (numbers in typed arrays, texts as indexes into the
 * batch's own list of distinct texts). Every other row goes as its cells, with the findings the
 * table check made, at its place among the rows; the main thread reads those with the same code
 * as without workers. What needs the leads (is the lead known, which lead does an id mean, the
 * canonical owner) is left to the main thread, once per distinct id or text of a batch. So the
 * dataset, its findings and their order are those of the single-thread path
 * (tests/parallel.test.ts compares the two).
 *
 * The workers start with the reading and run beside the main thread, at a lower priority
 * (rows-worker.ts; the activities', needed last, lower still): the main thread's work (the leads,
 * then taking the batches, then the replay) is the longest path, so it keeps a core and the
 * workers share what is left. A worker is at most
 * its budget (workerBudget) ahead of the main thread, so memory stays bounded however large the
 * file, and its rows are taken in file order.
 */

import { stat } from "node:fs/promises";
import { Worker } from "node:worker_threads";
import type { Batch, Op } from "../ingest/batch.js";
import { NONE } from "../ingest/batch.js";
import { utf8Known } from "../ingest/csv/open-csv.js";
import type { Progress } from "../ingest/csv/row.js";
import { type RowContext, type RowReader, unknownLead } from "../ingest/sources/rows.js";
import type { SlaConfig, SourceDef } from "../types.js";
import {
  type Message,
  type RowsJob,
  type RowsKind,
  type Taken,
  thrown,
  WORKER_MIN_BYTES,
} from "./rows-protocol.js";
import { workerScript } from "./worker-script.js";

/** The dataset's leads by index (their place in id order), for rows read by workers. */
export interface LeadIndex {
  /** The lead any id of the files means (ctx.resolve), by index; NONE: no lead of the dataset. */
  indexOf: (id: string) => number;
  idOf: (index: number) => string;
}

/** A file being read by a worker: its messages in order, taken one at a time. */
export class RowsWorker {
  private readonly worker: Worker;
  private readonly queue: Message[] = [];
  private waiting: ((m: Message) => void) | null = null;
  private failed: Error | null = null;

  constructor(
    job: RowsJob,
    private readonly onProgress?: Progress,
  ) {
    // Not the parent's flags: `--input-type`, `--import tsx` or `-e` (tests, scripts) would stop a
    // worker from starting, and the heap limit is per thread anyway.
    // A small young generation: a worker's garbage is cells that die within a batch, and with
    // Node's default each worker kept about 50 MB more (10M activities of 100k leads: 385 MiB
    // peak with the default, 285 MiB with 16 MB, as fast; docs/performance.md).
    this.worker = new Worker(rowsWorkerScript.url, {
      workerData: job,
      execArgv: [],
      resourceLimits: { maxYoungGenerationSizeMb: 16 },
    });
    this.worker.on("message", (m: Message) => {
      if (m.type === "progress") {
        this.onProgress?.(job.source.file, m.done, m.total);
        return;
      }
      this.deliver(m);
    });
    this.worker.on("error", (err) => {
      this.failed = err;
      this.deliver({ type: "error", message: err.message, ...(err.stack ? { stack: err.stack } : {}) });
    });
    this.worker.on("exit", (code) => {
      if (code !== 0 && !this.failed)
        this.deliver({ type: "error", message: `reading worker exited with code ${code}` });
    });
  }

  private deliver(m: Message): void {
    if (this.waiting) {
      const w = this.waiting;
      this.waiting = null;
      w(m);
    } else this.queue.push(m);
  }

  /** The next message. */
  next(): Promise<Message> {
    const m = this.queue.shift();
    if (m) return Promise.resolve(m);
    return new Promise((resolve) => {
      this.waiting = resolve;
    });
  }

  /** Tells the worker a batch was taken (it may send more) and gives its column buffers back. */
  taken(batch: Batch): void {
    const buffers = [
      batch.lead.buffer,
      batch.at.buffer,
      batch.line.buffer,
      batch.text.buffer,
    ] as ArrayBuffer[];
    const back: Taken = { bytes: batch.bytes, buffers };
    this.worker.postMessage(back, buffers);
  }

  stop(): Promise<number> {
    return this.worker.terminate();
  }
}

/** The script workers run (tests point it elsewhere to see a worker that cannot start). */
export const rowsWorkerScript: { url: URL } = {
  url: workerScript(import.meta.url, "parallel", "rows-worker.js"),
};

/**
 * Starts a worker for a source when it is worth one (`always`: whatever its size, for tests);
 * `stamps`: for a trace's stamps pass only (RowsJob).
 */
export async function startRowsWorker(
  kind: RowsKind,
  source: SourceDef,
  config: SlaConfig,
  mode: "auto" | "always",
  budget: number,
  onProgress?: Progress,
  stamps = false,
): Promise<RowsWorker | null> {
  // A pipe or `-` is copied once by the thread that reads it first (spool.ts): the main thread.
  const size = await stat(source.path).then(
    (s) => (s.isFile() ? s.size : -1),
    () => -1,
  );
  if (size < 0 || (mode === "auto" && size < WORKER_MIN_BYTES)) return null;
  const job: RowsJob = {
    kind,
    source,
    timezone: config.timezone,
    stages: { stages: config.stages, outcomes: config.outcomes },
    progress: onProgress !== undefined,
    budget,
    ...(stamps ? { stamps } : {}),
    // The files' UTF-8 checks done here (the date scan opened them): not read again in the worker.
    utf8: utf8Known(),
  };
  try {
    return new RowsWorker(job, onProgress);
  } catch {
    // No thread to be had (a limit, a missing script): the main thread reads the file.
    return null;
  }
}

/** A worker reading a file, and the header and index of its table. */
export interface TakenWorker {
  worker: RowsWorker;
  index: Record<string, number[]>;
  header: string[];
}

/**
 * The header and its index of the worker's file, once its table is open; null when the main thread is
 * to read the file (field-history exports, a worker that failed before reading any row).
 */
export async function workerTable(
  worker: RowsWorker,
  source: SourceDef,
): Promise<{ index: Record<string, number[]>; header: string[] } | null> {
  const m = await worker.next();
  // A worker that could not start or open its table for a reason other than the file's (a
  // missing or broken dist/, a thread limit): the main thread reads the file, as without workers.
  if (m.type === "error" && m.issues === undefined && m.why === undefined) return null;
  if (m.type === "error") throw thrown(m, source);
  if (m.type === "fallback") return null;
  if (m.type !== "table") throw new Error(`unexpected ${m.type} message from a reading worker`);
  return { index: m.index, header: m.header };
}

/**
 * Takes every batch of the worker in order: the reader is told of each batch first, then its rows
 * typed by the worker and resolved to a lead go to `coded` (rows naming no lead become findings),
 * rows sent as cells to `cells`, findings are pushed, all in file order; then `finish`. Returns
 * the rows read.
 */
export async function readOnWorker(
  worker: RowsWorker,
  ctx: RowContext,
  leads: LeadIndex,
  reader: RowReader,
): Promise<number> {
  const what = reader.what;
  const file = ctx.source.file;
  for (;;) {
    const m = await worker.next();
    if (m.type === "error") throw thrown(m, ctx.source);
    if (m.type === "end") {
      reader.finish(m.rows);
      return m.rows;
    }
    if (m.type !== "batch") throw new Error(`unexpected ${m.type} message from a reading worker`);
    reader.batch(m);
    const resolved = Int32Array.from(m.ids, leads.indexOf);
    const { ops, n } = m;
    let op = 0;
    for (let i = 0; ; i++) {
      for (; op < ops.length && (ops[op] as Op).pos === i; op++) {
        const o = ops[op] as Op;
        if ("finding" in o) ctx.findings.push(o.finding);
        else reader.cells(o.row.cells, { file, line: o.row.line });
      }
      if (i === n) break;
      const k = m.lead[i] as number;
      const lead = resolved[k] as number;
      if (lead === NONE) {
        const place = { file, line: m.line[i] as number };
        if (reader.unknown) reader.unknown(place, m.ids[k] as string, i);
        else unknownLead(ctx, place, what, m.ids[k] as string);
      } else reader.coded(m, i, lead);
    }
    worker.taken(m);
  }
}
