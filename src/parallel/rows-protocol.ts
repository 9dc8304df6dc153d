/** What the main thread and a reading worker say to each other (rows.ts, rows-job.ts, rows-worker.ts). */

import { UserError } from "../errors.js";
import type { Batch } from "../ingest/batch.js";
import { UnreadableInput } from "../ingest/csv/row.js";
import type { SlaConfig, SourceDef } from "../types.js";

/** Files at least this large are read in a worker (smaller ones are read faster than a worker starts). */
export const WORKER_MIN_BYTES = 8 * 1024 * 1024;
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
export type RowsKind = "stage_history" | "owner_history" | "activities" | "engagements";

export interface RowsJob {
  kind: RowsKind;
  source: SourceDef;
  /** The SLA's zone (an engagements source's own `timezone:` is on the source). */
  timezone: string;
  /** Stages and outcomes (what the stage values mean); the rest of the SLA is not needed. */
  stages: Pick<SlaConfig, "stages" | "outcomes">;
  progress: boolean;
  /** Bytes of batches sent ahead of the main thread at most (workerBudget). */
  budget: number;
  /** A trace's stamps pass (src/ingest/stamps.ts): only ids and times are read (stamp-taker.ts). */
  stamps?: boolean;
  /** The UTF-8 checks the main thread did (open-csv.ts utf8Known): the worker does not do them again. */
  utf8?: [string, number][];
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

/** An error as a message the main thread turns back into it (thrown). */
export function errorMessage(err: unknown): Message {
  if (err instanceof UnreadableInput) return { type: "error", message: err.message, why: err.why };
  if (err instanceof UserError) return { type: "error", message: err.message, issues: err.issues };
  const e = err instanceof Error ? err : new Error(String(err));
  return { type: "error", message: e.message, ...(e.stack ? { stack: e.stack } : {}) };
}

/** The error a worker sent, as the single-thread path would have thrown it. */
export function thrown(m: Extract<Message, { type: "error" }>, source: SourceDef): Error {
  if (m.why !== undefined) return new UnreadableInput(source.file, m.why);
  if (m.issues !== undefined) return new UserError(m.message, m.issues);
  const e = new Error(m.message);
  if (m.stack) e.stack = m.stack;
  return e;
}
