/**
 * Stage history, owner history and activities read in worker threads while the main thread
 * reads the leads.
 *
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
import { UserError } from "../errors.js";
import { workerScript } from "../parallel/worker-script.js";
import { createTimestampParser } from "../time/timestamps.js";
import type { Activity, Finding, HistoryEvent, Place, SlaConfig, SourceDef } from "../types.js";
import { activityType, untypedWarning } from "./activity-keys.js";
import { cell, hasColumn, REQUIRED_FIELDS } from "./columns.js";
import {
  activityRowReader,
  checkActivityRep,
  historyRowReader,
  ownerRowReader,
  type RowContext,
  unknownLead,
} from "./events.js";
import { type History, OUTCOME, OWNER, STAGE } from "./history.js";
import { fastCsvTokenizer, type Progress, readCsvBatches, UnreadableInput } from "./read-csv.js";
import { buildStageLookup, type StageLookup } from "./stage-lookup.js";
import { openTable, type TableRow } from "./table.js";

/** Files at least this large are read in a worker (smaller ones are read faster than a worker starts). */
export const WORKER_MIN_BYTES = 8 * 1024 * 1024;
/**
 * Rows per batch sent: lead ids and texts are numbered per batch, so a batch's numbers fit in 16
 * bits (at most 4 × 16,383 distinct texts, and EMPTY).
 */
const BATCH = 16_383;
/**
 * Bytes of batches a worker may send before the main thread takes them, per byte of the leads
 * file, and the bounds. Batches wait while the main thread reads the leads; reading the leads
 * takes time in proportion to their file, during which a worker makes about half as many bytes of
 * batches (22 bytes a row). So the wait is used, and memory stays bound by the leads, not by the
 * files read in workers (a 10M-row activities file waits in at most 16 MB).
 */
const BUDGET_PER_LEADS_BYTE = 0.5;
const MIN_BUDGET = 16 * 1024 * 1024;
const MAX_BUDGET = 128 * 1024 * 1024;

/** The bytes of batches a worker may send ahead, for a leads file of `leadsBytes`. */
export function workerBudget(leadsBytes: number): number {
  return Math.round(Math.min(MAX_BUDGET, Math.max(MIN_BUDGET, leadsBytes * BUDGET_PER_LEADS_BYTE)));
}
/** Text columns per row: history uses stage value, owner, reason; activities owner, type, subtype, status. */
const TEXTS = 4;
const NONE = -1;
/** A text column left empty, in a batch. */
const EMPTY = 0xffff;

export type RowsKind = "stage_history" | "owner_history" | "activities";

export interface RowsJob {
  kind: RowsKind;
  source: SourceDef;
  timezone: string;
  /** Stages and outcomes (what the stage values mean); the rest of the SLA is not needed. */
  stages: Pick<SlaConfig, "stages" | "outcomes">;
  progress: boolean;
  /** Bytes of batches sent ahead of the main thread at most (workerBudget). */
  budget: number;
}

/** One kept row or the cells of a row the main thread reads itself, or a finding, at a place among the rows. */
type Op = { pos: number; finding: Finding } | { pos: number; row: TableRow };

interface Batch {
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

export type Message =
  | { type: "table"; index: Record<string, number[]>; header: string[] }
  | Batch
  | { type: "end"; rows: number }
  | { type: "fallback" }
  | { type: "progress"; done: number; total: number }
  | { type: "error"; message: string; issues?: UserError["issues"]; why?: string; stack?: string };

/** The main thread's answer to a batch: its bytes are no longer ahead, its buffers are free. */
export interface Taken {
  bytes: number;
  buffers: ArrayBuffer[];
}

/* ------------------------------------------------------------------ worker side */

/** Runs a job in the worker: `post` sends a message (and waits while the main thread is too far behind). */
export async function runRowsJob(
  job: RowsJob,
  post: (m: Message, transfer?: ArrayBuffer[]) => Promise<void>,
  pool: ColumnPool,
) {
  const { source } = job;
  const findings: Finding[] = [];
  try {
    const progress: Progress | undefined = job.progress
      ? (_file, done, total) => void post({ type: "progress", done, total })
      : undefined;
    const table = await openTable(
      source,
      readCsvBatches(source.path, source.file, fastCsvTokenizer, source.delimiter, progress, {
        encoding: source.encoding ?? null,
        findings,
      }),
      REQUIRED_FIELDS[job.kind],
      findings,
    );
    // Field-history exports (Salesforce LeadHistory) need the whole file per lead: read on the main thread.
    if (job.kind === "stage_history" && hasColumn(table.index, "field")) {
      await post({ type: "fallback" });
      return;
    }
    await post({ type: "table", index: table.index, header: table.header });
    const parser = createTimestampParser(job.timezone, source.dateFormat, source.dateFormatDeclared, true);
    const lookup = buildStageLookup(job.stages as SlaConfig);
    const out = new BatchWriter(pool);
    const typeRow =
      job.kind === "stage_history"
        ? historyTyper(table.index, lookup)
        : job.kind === "owner_history"
          ? ownerTyper(table.index)
          : activityTyper(table.index);
    let rows = 0;
    let seen = 0;
    const flushFindings = () => {
      for (; seen < findings.length; seen++) out.ops.push({ pos: out.n, finding: findings[seen] as Finding });
    };
    for await (const batch of table.rows) {
      flushFindings();
      for (const row of batch) {
        rows++;
        const at = parser.parse(cell(row.cells, table.index, "at") ?? "");
        if (at === null || !typeRow(row.cells, at, row.line, out)) out.ops.push({ pos: out.n, row });
        else if (out.n === BATCH) await out.send(post);
      }
    }
    flushFindings();
    await out.send(post);
    await post({ type: "end", rows: rows + table.dropped() });
  } catch (err) {
    await post(errorMessage(err));
  }
}

function errorMessage(err: unknown): Message {
  if (err instanceof UnreadableInput) return { type: "error", message: err.message, why: err.why };
  if (err instanceof UserError) return { type: "error", message: err.message, issues: err.issues };
  const e = err instanceof Error ? err : new Error(String(err));
  return { type: "error", message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
}

/** Writes ordinary rows into a batch; false: the row is not ordinary (the main thread reads its cells). */
type Typer = (cells: string[], at: number, line: number, out: BatchWriter) => boolean;

/** History rows with a lead id, a time, and a declared stage value or an owner. */
function historyTyper(index: Record<string, number[]>, lookup: StageLookup): Typer {
  return (cells, at, line, out) => {
    const id = cell(cells, index, "lead_id");
    const raw = cell(cells, index, "stage");
    const owner = cell(cells, index, "owner");
    if (id === null || (raw === null && owner === null)) return false;
    if (raw !== null && lookup.meaning(raw) === undefined) return false;
    const reason = raw === null ? null : cell(cells, index, "reason");
    out.push(id, at, line, raw, owner, reason, null);
    return true;
  };
}

/** Owner changes with a lead id and an owner. */
function ownerTyper(index: Record<string, number[]>): Typer {
  return (cells, at, line, out) => {
    const id = cell(cells, index, "lead_id");
    const owner = cell(cells, index, "owner");
    if (id === null || owner === null) return false;
    out.push(id, at, line, owner, null, null, null);
    return true;
  };
}

/** Activities with a type and one lead id (several ids, "3401;3402", are read on the main thread). */
function activityTyper(index: Record<string, number[]>): Typer {
  return (cells, at, line, out) => {
    const type = activityType(cells, index);
    const id = cell(cells, index, "lead_id");
    if (type === null || id === null || id.indexOf(";") >= 0) return false;
    out.push(
      id,
      at,
      line,
      cell(cells, index, "owner"),
      type,
      cell(cells, index, "subtype"),
      cell(cells, index, "status"),
    );
    return true;
  };
}

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

class BatchWriter {
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

  constructor(private readonly pool: ColumnPool) {
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
      k = this.idOf.get(id);
      if (k === undefined) {
        k = this.ids.length;
        this.ids.push(id);
        this.idOf.set(id, k);
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
    if (t === null) return EMPTY;
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

  async send(post: (m: Message, transfer?: ArrayBuffer[]) => Promise<void>): Promise<void> {
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

/* ------------------------------------------------------------------ main-thread side */

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
  url: workerScript(import.meta.url, "ingest", "rows-worker.js"),
};

/** Starts a worker for a source when it is worth one (`always`: whatever its size, for tests). */
export async function startRowsWorker(
  kind: RowsKind,
  source: SourceDef,
  config: SlaConfig,
  mode: "auto" | "always",
  budget: number,
  onProgress?: Progress,
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
  };
  try {
    return new RowsWorker(job, onProgress);
  } catch {
    // No thread to be had (a limit, a missing script): the main thread reads the file.
    return null;
  }
}

/** The error a worker sent, as the single-thread path would have thrown it. */
function thrown(m: Extract<Message, { type: "error" }>, source: SourceDef): Error {
  if (m.why !== undefined) return new UnreadableInput(source.file, m.why);
  if (m.issues !== undefined) return new UserError(m.message, m.issues);
  const e = new Error(m.message);
  if (m.stack) e.stack = m.stack;
  return e;
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
 * Per batch: what each distinct text becomes on the main thread (an owner's canonical name, a
 * shared copy, a text id), worked out once; `empty` for a column left empty.
 */
function perText<T>(texts: string[], empty: T, f: (t: string) => T): (k: number) => T {
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

/**
 * Takes every batch of the worker in order: `batch` is told of each batch first, then ordinary
 * rows resolved to a lead go to `row` (rows naming no lead become findings), rows sent as cells
 * to `cells`, findings are pushed, all in file order; returns the rows read.
 */
async function eachBatch(
  worker: RowsWorker,
  ctx: RowContext,
  leads: LeadIndex,
  what: string,
  batch: (b: Batch) => void,
  row: (b: Batch, i: number, lead: number) => void,
  cells: (row: TableRow, place: Place) => void,
): Promise<number> {
  const file = ctx.source.file;
  for (;;) {
    const m = await worker.next();
    if (m.type === "error") throw thrown(m, ctx.source);
    if (m.type === "end") return m.rows;
    if (m.type !== "batch") throw new Error(`unexpected ${m.type} message from a reading worker`);
    batch(m);
    const resolved = Int32Array.from(m.ids, leads.indexOf);
    const { ops, n } = m;
    let op = 0;
    for (let i = 0; ; i++) {
      for (; op < ops.length && (ops[op] as Op).pos === i; op++) {
        const o = ops[op] as Op;
        if ("finding" in o) ctx.findings.push(o.finding);
        else cells(o.row, { file, line: o.row.line });
      }
      if (i === n) break;
      const k = m.lead[i] as number;
      const lead = resolved[k] as number;
      if (lead === NONE) unknownLead(ctx, { file, line: m.line[i] as number }, what, m.ids[k] as string);
      else row(m, i, lead);
    }
    worker.taken(m);
  }
}

/**
 * Reads stage history from a worker into `history`, in file order: ordinary rows straight into
 * its columns (no object per row), the others through `sink` as the single-thread path makes them.
 */
export async function historyFromWorker(
  worker: RowsWorker,
  ctx: RowContext,
  lookup: StageLookup,
  history: History,
  leads: LeadIndex,
  sink: (e: HistoryEvent) => void,
): Promise<number> {
  const reader = historyRowReader(ctx, lookup);
  const file = history.textId(ctx.source.file);
  // Per batch, per distinct text: its id as a stage value (the shared copy), as an owner, as a
  // reason, and what the stage value means (kind and stage or outcome id).
  let raw: (k: number) => number = () => NONE;
  let who: (k: number) => number = () => NONE;
  let kind: (k: number) => number = () => NONE;
  let meaning: (k: number) => number = () => NONE;
  const rows = await eachBatch(
    worker,
    ctx,
    leads,
    "history",
    (b) => {
      const meant = (t: string) => {
        const m = lookup.meaning(t);
        if (m === undefined) throw new Error(`a reading worker passed the undeclared stage value "${t}"`);
        return m;
      };
      raw = perText(b.texts, NONE, (t) => history.textId(ctx.values.get(t)));
      who = perText(b.texts, NONE, (t) => history.textId(ctx.owner(t)));
      kind = perText(b.texts, NONE, (t) => (meant(t).kind === "stage" ? STAGE : OUTCOME));
      meaning = perText(b.texts, NONE, (t) => history.textId(meant(t).id));
    },
    (b, i, lead) => {
      const j = i * TEXTS;
      const value = b.text[j] as number;
      const owner = who(b.text[j + 1] as number);
      const at = b.at[i] as number;
      const line = b.line[i] as number;
      if (value === EMPTY) history.pushCoded(lead, at, file, line, OWNER, NONE, NONE, NONE, owner);
      else
        history.pushCoded(
          lead,
          at,
          file,
          line,
          kind(value),
          meaning(value),
          raw(value),
          raw(b.text[j + 2] as number),
          owner,
        );
    },
    ({ cells }, place) => {
      const e = reader.build(cells, place);
      if (e !== null) sink(e);
    },
  );
  reader.finish(sink);
  return rows;
}

/** Reads owner changes from a worker into `history`, like historyFromWorker. */
export async function ownerHistoryFromWorker(
  worker: RowsWorker,
  ctx: RowContext,
  history: History,
  leads: LeadIndex,
  sink: (e: HistoryEvent) => void,
): Promise<number> {
  const read = ownerRowReader(ctx);
  const file = history.textId(ctx.source.file);
  let who: (k: number) => number = () => NONE;
  return eachBatch(
    worker,
    ctx,
    leads,
    "owner change",
    (b) => {
      who = perText(b.texts, NONE, (t) => history.textId(ctx.owner(t)));
    },
    (b, i, lead) => {
      const owner = who(b.text[i * TEXTS] as number);
      history.pushCoded(lead, b.at[i] as number, file, b.line[i] as number, OWNER, NONE, NONE, NONE, owner);
    },
    ({ cells }, place) => {
      const e = read(cells, place);
      if (e !== null) sink(e);
    },
  );
}

/**
 * Where activities read by a worker go, in file order: `lead` is the activity's lead (its index)
 * when known, and `reused` says the object (and its place) is filled again for the next row, so
 * the sink must copy what it keeps. Three million activities of a million leads are mostly let go
 * by the reducer: one object for all of them, not one each.
 */
export type ActivitySink = (a: Activity, lead?: number, reused?: boolean) => void;

/** Reads activities from a worker; they go to `sink` in file order. */
export async function activitiesFromWorker(
  worker: RowsWorker,
  ctx: RowContext,
  leads: LeadIndex,
  sink: ActivitySink,
): Promise<number> {
  const tally = { untyped: 0 };
  const read = activityRowReader(ctx, tally);
  let owner: (k: number) => string | null = () => null;
  let shared: (k: number) => string | null = () => null;
  const file = ctx.source.file;
  const place = { file, line: 0 };
  const a: Activity = { leadId: "", at: 0, owner: null, type: "", subtype: null, status: null, place };
  const rows = await eachBatch(
    worker,
    ctx,
    leads,
    "activity",
    (b) => {
      owner = perText<string | null>(b.texts, null, ctx.owner);
      shared = perText<string | null>(b.texts, null, (t) => ctx.values.get(t));
    },
    (b, i, lead) => {
      const j = i * TEXTS;
      a.leadId = leads.idOf(lead);
      a.at = b.at[i] as number;
      a.owner = owner(b.text[j] as number);
      a.type = shared(b.text[j + 1] as number) as string;
      a.subtype = shared(b.text[j + 2] as number);
      a.status = shared(b.text[j + 3] as number);
      place.line = b.line[i] as number;
      sink(a, lead, true);
      checkActivityRep(ctx, a.owner, a.leadId, place);
    },
    ({ cells }, place) => {
      const out = read(cells, place);
      if (Array.isArray(out)) for (const a of out) sink(a);
      else if (out !== null) sink(out);
    },
  );
  untypedWarning(ctx, tally.untyped, rows);
  return rows;
}
