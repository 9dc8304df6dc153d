/**
 * The audit on two threads: the main thread replays the first part of the leads while a worker
 * replays the rest (MAIN_SHARE), and the worker's tallies are merged into the main thread's
 * (tallies.ts).
 * The report is byte for byte the one computeAudit gives: the leads are split, never a lead, the
 * tallies of the two runs merge exactly, and the worker's findings come after the main thread's,
 * as they would in one replay.
 *
 * What crosses: the history's and activities' columns stay where they are, on shared pages
 * (LeadRows.share); the worker's leads go as a few columns (LeadColumns), each lead made into an
 * object only when it is replayed; the tallies come back as plain data (TalliesPart), their
 * latencies moved rather than copied (buffersIn, Samples.appendSorted).
 */

import { Worker } from "node:worker_threads";
import { ActivityRows } from "../ingest/activity-rows.js";
import type { Dataset } from "../ingest/dataset.js";
import { History } from "../ingest/history.js";
import type { SharedRows } from "../ingest/lead-rows.js";
import { lateFindings, replayLeads } from "../replay/replay.js";
import {
  DIMENSION_FIELD,
  DIMENSIONS,
  type Dimension,
  type Finding,
  type Lead,
  type Rep,
  type SlaConfig,
} from "../types.js";
import { workerScript } from "../worker-script.js";
import {
  type Audit,
  type AuditFrame,
  type AuditOptions,
  auditFrame,
  auditTallies,
  computeAudit,
  finishAudit,
} from "./index.js";
import { AuditTallies, type TalliesPart, type TallyOptions } from "./tallies.js";

/**
 * Below this many leads one thread is faster. The split costs about a second whatever the size:
 * starting the worker, which then replays on cold code; the lead columns and shared pages
 * (0.35 s at a million leads); the merge. Interleaved runs: at 300k leads one thread won 4 pairs of
 * 5 (5.4-6.4 s against 5.2-7.0 s); at a million the split won all 4 (14.7-16.9 s against
 * 16.3-18.7 s).
 */
export const PARALLEL_MIN_LEADS = 500_000;

/**
 * The share of the leads the main thread replays. It also gets the worker's leads ready (about
 * 0.35 s at a million leads) and writes the findings of rows after as-of (0.2 s), and replays a
 * little slower than the worker (7.6 against 6.4 s a million leads: its heap is the big one).
 * Measured at a million leads with half each: the worker was done 0.5 s before the main thread.
 */
const MAIN_SHARE = 0.46;

/** A text field of a run of leads: distinct values, and each lead's (-1: null). */
interface TextColumn {
  texts: string[];
  codes: Int32Array;
}

function textColumn(n: number, value: (k: number) => string | null | undefined): TextColumn {
  const texts: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const v = value(k);
    if (v === null || v === undefined) {
      codes[k] = -1;
      continue;
    }
    let c = index.get(v);
    if (c === undefined) {
      c = texts.length;
      texts.push(v);
      index.set(v, c);
    }
    codes[k] = c;
  }
  return { texts, codes };
}

const textAt = (c: TextColumn, k: number): string | null => {
  const code = c.codes[k] as number;
  return code < 0 ? null : (c.texts[code] as string);
};

/**
 * A run of leads as columns, with only what the replay and the tallies read of a lead: id, place,
 * created time, owner, source and the --by dimension's field. (500k leads as objects took 1.1 s
 * to serialize and 3.1 s to read back; as columns, well under 0.1 s.)
 */
export interface LeadColumns {
  /** Index of the first lead among the dataset's. */
  first: number;
  count: number;
  /** Every id, one after another; id k ends at ends[k]. */
  ids: string;
  ends: Int32Array;
  /** NaN: no created time. */
  createdAt: Float64Array;
  file: TextColumn;
  line: Int32Array;
  owner: TextColumn;
  source: TextColumn;
  /** The --by dimension: a field of the lead, or a column of the leads file (extra). */
  by: { field: keyof Lead | null; extra: string | null; values: TextColumn } | null;
}

/** The field (or leads-file column) the --by dimension reads of a lead, when it is neither owner nor team. */
function byField(by: string | undefined): { field: keyof Lead | null; extra: string | null } | null {
  if (by === undefined || by === "owner" || by === "team") return null;
  if (by === "segment") return { field: "companySize", extra: null };
  if ((DIMENSIONS as readonly string[]).includes(by))
    return { field: DIMENSION_FIELD[by as Dimension], extra: null };
  return { field: null, extra: by };
}

/** Leads first … first + count - 1 as columns, with the field `by` (a --by dimension) reads. */
export function leadColumns(leads: readonly Lead[], first: number, count: number, by?: string): LeadColumns {
  const at = (k: number) => leads[first + k] as Lead;
  const ids: string[] = new Array(count);
  const ends = new Int32Array(count);
  const createdAt = new Float64Array(count);
  const line = new Int32Array(count);
  let end = 0;
  for (let k = 0; k < count; k++) {
    const lead = at(k);
    ids[k] = lead.id;
    end += lead.id.length;
    ends[k] = end;
    createdAt[k] = lead.createdAt ?? Number.NaN;
    line[k] = lead.place.line;
  }
  const field = byField(by);
  return {
    first,
    count,
    ids: ids.join(""),
    ends,
    createdAt,
    file: textColumn(count, (k) => at(k).place.file),
    line,
    owner: textColumn(count, (k) => at(k).owner),
    source: textColumn(count, (k) => at(k).source),
    by: field && {
      ...field,
      values: textColumn(count, (k) => {
        const lead = at(k);
        return field.field ? (lead[field.field] as string | null) : lead.extra?.[field.extra as string];
      }),
    },
  };
}

/** The id of lead `index` (among the dataset's) of the columns. */
function idOf(c: LeadColumns, index: number): string {
  const k = index - c.first;
  return c.ids.slice(k === 0 ? 0 : (c.ends[k - 1] as number), c.ends[k] as number);
}

/** Lead `index` (among the dataset's) of the columns, as an object with what they hold. */
export function leadOf(c: LeadColumns, index: number): Lead {
  const k = index - c.first;
  const created = c.createdAt[k] as number;
  const lead: Lead = {
    id: idOf(c, index),
    place: { file: textAt(c.file, k) as string, line: c.line[k] as number },
    createdAt: Number.isNaN(created) ? null : created,
    owner: textAt(c.owner, k),
    source: textAt(c.source, k),
    campaign: null,
    company: null,
    email: null,
    name: null,
    title: null,
    companySize: null,
    country: null,
    convertedContactId: null,
  };
  const by = c.by;
  if (by) {
    const v = textAt(by.values, k);
    if (by.field) (lead as unknown as Record<string, string | null>)[by.field] = v;
    else if (v !== null) lead.extra = { [by.extra as string]: v };
  }
  return lead;
}

/** What the replay worker is sent. */
export interface ReplayJob {
  config: SlaConfig;
  reps: Rep[];
  frame: AuditFrame;
  options: TallyOptions;
  leadCount: number;
  leads: LeadColumns;
  history: SharedRows;
  activities: SharedRows;
}

export type ReplayMessage =
  | { type: "done"; part: TalliesPart; findings: Finding[] }
  | { type: "error"; message: string; stack?: string };

/** The worker's side: replays its leads into tallies of its own. */
export function runReplayJob(job: ReplayJob): { part: TalliesPart; findings: Finding[] } {
  const { config, frame, leads } = job;
  const id = (i: number) => idOf(leads, i);
  const rows = {
    history: History.adopted(job.history, job.leadCount, id),
    activities: ActivityRows.adopted(job.activities, job.leadCount, id),
  };
  const tallies = new AuditTallies(config, job.reps, frame.period, frame.asOf, job.options);
  const findings: Finding[] = [];
  replayLeads(
    { first: leads.first, count: leads.count, lead: (i) => leadOf(leads, i) },
    rows,
    config,
    frame.asOf,
    findings,
    tallies.fold,
  );
  return { part: tallies.part(), findings };
}

/**
 * The buffers of every typed array in `value` (the worker's tallies): sent by transfer, not by
 * copy, they cost no second copy of a million latencies while the message is on its way.
 */
export function buffersIn(value: unknown): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  const walk = (v: unknown): void => {
    if (ArrayBuffer.isView(v)) {
      if (v.buffer instanceof ArrayBuffer) out.add(v.buffer);
    } else if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v !== null && typeof v === "object") for (const x of Object.values(v)) walk(x);
  };
  walk(value);
  return [...out];
}

/** The replay worker's script (tests point it elsewhere to see a worker that cannot start). */
export const replayWorkerScript: { url: URL } = {
  url: workerScript(import.meta.url, "metrics", "replay-worker.js"),
};

/** A started worker: its result, or null when it could not run (the main thread replays its leads then). */
function startWorker(): { send: (job: ReplayJob) => void; result: Promise<ReplayMessage | null> } | null {
  let worker: Worker;
  try {
    // Not the parent's flags (see RowsWorker); the same V8 flag as bin/funnel-audit.js sets.
    worker = new Worker(replayWorkerScript.url, {
      execArgv: [],
      resourceLimits: { maxYoungGenerationSizeMb: 16 },
    });
  } catch {
    return null;
  }
  const result = new Promise<ReplayMessage | null>((resolve) => {
    worker.once("message", (m: ReplayMessage) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once("error", () => resolve(null));
    worker.once("exit", () => resolve(null));
  });
  return { send: (job) => worker.postMessage(job), result };
}

/**
 * computeAudit with the replay split between this thread and a worker, when the leads are many
 * (`always`: whatever their number, for tests; `never`: one thread) and only the report is kept.
 * The same audit.
 */
export async function computeAuditInParallel(
  dataset: Dataset,
  config: SlaConfig,
  options: AuditOptions,
  mode: "auto" | "always" | "never",
): Promise<Audit> {
  const n = dataset.leads.length;
  if (
    mode === "never" ||
    options.keep !== "report" ||
    options.traceLeadId !== undefined ||
    n < 2 ||
    (mode === "auto" && n < PARALLEL_MIN_LEADS)
  )
    return computeAudit(dataset, config, options);
  const frame = auditFrame(dataset, config, options);
  // The worker starts loading its modules while this thread gets its leads ready.
  const worker = startWorker();
  if (!worker) return computeAudit(dataset, config, options);
  const split = Math.max(1, Math.round(n * MAIN_SHARE));
  const tallies = auditTallies(dataset, config, options, frame);
  worker.send({
    config,
    reps: dataset.reps,
    frame,
    options: { by: options.by, trend: options.trend, keep: "report" },
    leadCount: n,
    leads: leadColumns(dataset.leads, split, n - split, options.by),
    history: dataset.history.share(),
    activities: dataset.activities.share(),
  });
  const findings: Finding[] = [];
  lateFindings(dataset, frame.asOf, findings);
  const { leads } = dataset;
  const lead = (i: number) => leads[i] as Lead;
  replayLeads({ first: 0, count: split, lead }, dataset, config, frame.asOf, findings, tallies.fold);
  const done = await worker.result;
  if (done?.type === "error") {
    const e = new Error(done.message);
    if (done.stack) e.stack = done.stack;
    throw e;
  }
  if (done === null) {
    // The worker could not run (no thread, no script): this thread replays its leads too.
    replayLeads(
      { first: split, count: n - split, lead },
      dataset,
      config,
      frame.asOf,
      findings,
      tallies.fold,
    );
  } else {
    tallies.merge(done.part);
    for (const f of done.findings) findings.push(f);
  }
  return finishAudit(dataset, config, options, frame, tallies, findings);
}
