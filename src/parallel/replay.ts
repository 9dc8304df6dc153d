/** The audit on two threads: the main thread and a worker each replay part of the leads. */

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
import type { Dataset } from "../ingest/dataset.js";
import { ActivityRows } from "../ingest/store/activity-rows.js";
import { EngagementRows } from "../ingest/store/engagement-rows.js";
import { History } from "../ingest/store/history.js";
import type { SharedRows } from "../ingest/store/shared-rows.js";
import {
  type Audit,
  type AuditFrame,
  type AuditOptions,
  auditFrame,
  auditTallies,
  computeAudit,
  finishAudit,
  tallyOptions,
} from "../metrics/index.js";
import { journeyLeads } from "../metrics/journey-leads.js";
import { AuditTallies, type TalliesPart, type TallyOptions } from "../metrics/tallies.js";
import { lateFindings, replayLeads } from "../replay/replay.js";
import type { Finding, Lead, Rep, SlaConfig } from "../types.js";
import { idOf, type LeadColumns, leadColumns, leadOf } from "./lead-columns.js";
import { workerScript } from "./worker-script.js";

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
  /** Null: the dataset has no engagements. */
  engagements: SharedRows | null;
  /** AuditOptions.onlyGroups: the leads to replay (journeyLeads), by index in the dataset. */
  only?: Uint8Array | undefined;
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
    ...(job.engagements ? { engagements: EngagementRows.adopted(job.engagements, job.leadCount, id) } : {}),
  };
  const tallies = new AuditTallies(config, job.reps, frame.period, frame.asOf, job.options);
  const findings: Finding[] = [];
  const range = {
    first: leads.first,
    count: leads.count,
    lead: (i: number) => leadOf(leads, i),
    only: job.only,
  };
  replayInto(range, rows, config, frame.asOf, findings, tallies.fold);
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
  url: workerScript(import.meta.url, "parallel", "replay-worker.js"),
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
  // The leads' columns are made for the worker alone: moved, not copied into the message.
  return { send: (job) => worker.postMessage(job, buffersIn(job.leads)), result };
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
  const only = options.onlyGroups ? journeyLeads(dataset, frame.asOf) : undefined;
  worker.send(workerJob(dataset, config, options, frame, split, only));
  const findings: Finding[] = [];
  if (!options.onlyGroups) lateFindings(dataset, frame.asOf, findings);
  const { leads } = dataset;
  const lead = (i: number) => leads[i] as Lead;
  const replay = (first: number, count: number) =>
    replayInto({ first, count, lead, only }, dataset, config, frame.asOf, findings, tallies.fold);
  replay(0, split);
  const done = await worker.result;
  if (done?.type === "error") {
    const e = new Error(done.message);
    if (done.stack) e.stack = done.stack;
    throw e;
  }
  if (done === null) {
    // The worker could not run (no thread, no script): this thread replays its leads too.
    replay(split, n - split);
  } else {
    tallies.merge(done.part);
    for (const f of done.findings) findings.push(f);
  }
  return finishAudit(dataset, config, options, frame, tallies, findings);
}

/** What the replay worker is sent: the SLA, the frame, its run of leads as columns, the rows shared. */
function workerJob(
  dataset: Dataset,
  config: SlaConfig,
  options: AuditOptions,
  frame: AuditFrame,
  split: number,
  only?: Uint8Array,
): ReplayJob {
  const n = dataset.leads.length;
  return {
    only,
    config,
    reps: dataset.reps,
    frame,
    options: { ...tallyOptions(dataset, options), keep: "report" as const, traceLeadId: undefined },
    leadCount: n,
    leads: leadColumns(dataset.leads, split, n - split, options.by, dataset.definitionFields),
    history: dataset.history.share(),
    activities: dataset.activities.share(),
    engagements: dataset.engagements ? dataset.engagements.share() : null,
  };
}

/** A run of leads replayed into tallies: the engagements as instants by type, with no rows (replay.ts). */
function replayInto(...args: Parameters<typeof replayLeads>): void {
  const [range, rows, config, asOf, findings, visit] = args;
  replayLeads(range, rows, config, asOf, findings, visit, undefined, "instants");
}

/** Below this many leads a worker's start (about a second, on cold code) costs more than the replay it moves. */
export const WORKER_ALONE_MIN_LEADS = 50_000;

/**
 * computeAudit with every lead replayed by a worker started now, so that this thread is free for
 * another replay meanwhile (the review pack's own; the previous period's audit goes here). Only
 * the report is kept. The same audit; on this thread, when its turn comes, below
 * WORKER_ALONE_MIN_LEADS leads (`auto`), with `never`, or when no worker can start.
 */
export function computeAuditInWorker(
  dataset: Dataset,
  config: SlaConfig,
  options: AuditOptions,
  mode: "auto" | "always" | "never",
): Promise<Audit> {
  const here = () => computeAudit(dataset, config, options);
  const n = dataset.leads.length;
  const alone = mode === "always" || (mode === "auto" && n >= WORKER_ALONE_MIN_LEADS);
  const worker =
    alone && options.keep === "report" && options.traceLeadId === undefined ? startWorker() : null;
  if (!worker) return Promise.resolve().then(here);
  const frame = auditFrame(dataset, config, options);
  const only = options.onlyGroups ? journeyLeads(dataset, frame.asOf) : undefined;
  worker.send(workerJob(dataset, config, options, frame, 0, only));
  return worker.result.then((done) => {
    if (done === null) return here();
    if (done.type === "error")
      throw Object.assign(new Error(done.message), done.stack ? { stack: done.stack } : {});
    // As in one replay: the findings of rows after as-of first, then the replay's.
    const findings: Finding[] = [];
    if (!options.onlyGroups) lateFindings(dataset, frame.asOf, findings);
    for (const f of done.findings) findings.push(f);
    const tallies = auditTallies(dataset, config, options, frame);
    tallies.merge(done.part);
    return finishAudit(dataset, config, options, frame, tallies, findings);
  });
}
