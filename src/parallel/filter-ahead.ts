/** A trace's filtered reads (lead-filter.ts) done ahead on a worker thread, while the main thread reads the leads. */

/*
 * `trace` reads the leads file first (every id and creation, for the ceiling and the span), then
 * the traced lead's rows of every other file, each found by the byte filter. The filter needs
 * only the lead's keys, known from the lead's own rows before the pass over every lead: so a worker
 * filters the other files meanwhile (filter-worker.ts), in the order they are read, and the main
 * thread takes the bytes it handed on instead of filtering them itself. A read takes them only when
 * the worker was asked for exactly that read (path, keys, delimiter); anything else, or a worker
 * that failed before its first bytes, is filtered here as before. The bytes are the same either
 * way: the same function made them.
 */

import { Worker } from "node:worker_threads";
import { filteredBytes } from "../ingest/csv/lead-filter.js";
import { type LeadKeys, sameKeys } from "../ingest/csv/row-filter.js";
import { workerScript } from "./worker-script.js";

/** One file to filter: its path, the lead's keys, and its delimiter setting (null: sniffed). */
export interface AheadJob {
  path: string;
  lead: LeadKeys;
  delimiter: string | null;
}

/** What the worker says of a job: the delimiter it filters with (null: it does not), bytes read, bytes handed on, its end. */
export type AheadMessage =
  | { job: number; type: "start"; delimiter: string | null }
  | { job: number; type: "read"; bytes: number }
  | { job: number; type: "bytes"; bytes: Uint8Array }
  | { job: number; type: "end"; bytes: number }
  | { job: number; type: "error"; message: string; code?: string };

/** The script the worker runs (tests point it elsewhere to see a worker that cannot start). */
export const filterWorkerScript: { url: URL } = {
  url: workerScript(import.meta.url, "parallel", "filter-worker.js"),
};

export class FilterAhead {
  private readonly worker: Worker;
  private readonly queues: AheadMessage[][];
  private readonly wake: ((() => void) | null)[];
  /** Jobs taken by a read or let go. */
  private readonly done: boolean[];
  /** Jobs let go: their bytes are acknowledged as they come. */
  private readonly gone: boolean[];
  private failed = false;

  /** Starts the worker; null when no thread can be had (every read then filters here). */
  static start(jobs: AheadJob[]): FilterAhead | null {
    if (jobs.length === 0) return null;
    try {
      return new FilterAhead(jobs);
    } catch {
      return null;
    }
  }

  private constructor(private readonly jobs: AheadJob[]) {
    this.queues = jobs.map(() => []);
    this.wake = jobs.map(() => null);
    this.done = jobs.map(() => false);
    this.gone = jobs.map(() => false);
    this.worker = new Worker(filterWorkerScript.url, {
      workerData: jobs,
      execArgv: [],
      resourceLimits: { maxYoungGenerationSizeMb: 16 },
    });
    this.worker.on("message", (m: AheadMessage) => this.arrive(m));
    this.worker.on("error", () => this.fail());
    this.worker.on("exit", () => this.fail());
  }

  private arrive(m: AheadMessage): void {
    const queue = this.queues[m.job];
    if (!queue || this.gone[m.job]) this.ack(m);
    else {
      queue.push(m);
      this.wake[m.job]?.();
    }
  }

  private fail(): void {
    this.failed = true;
    for (const wake of this.wake) wake?.();
  }

  /** The job's next message; null when the worker ended without one. */
  private async next(job: number): Promise<AheadMessage | null> {
    const queue = this.queues[job] as AheadMessage[];
    while (queue.length === 0 && !this.failed) await new Promise<void>((go) => (this.wake[job] = go));
    this.wake[job] = null;
    return queue.shift() ?? null;
  }

  /** Lets a job go: its bytes queued and to come are acknowledged, so the worker goes on. */
  private letGo(job: number): void {
    this.done[job] = true;
    this.gone[job] = true;
    for (const m of (this.queues[job] as AheadMessage[]).splice(0)) this.ack(m);
  }

  private ack(m: AheadMessage): void {
    if (m.type === "bytes") this.worker.postMessage(m.bytes.length);
  }

  /**
   * The bytes filteredBytes(path, lead, delimiter) hands on, filtered by the worker; null when it
   * was not asked for exactly this read (the caller filters here). Jobs before it are let go.
   */
  async take(
    path: string,
    lead: LeadKeys,
    delimiter: string,
    onRead: (bytes: number) => void,
  ): Promise<AsyncGenerator<Buffer> | null> {
    const job = this.jobs.findIndex((j, i) => !this.done[i] && j.path === path && sameKeys(j.lead, lead));
    if (job < 0) return null;
    for (let i = 0; i < job; i++) if (!this.done[i]) this.letGo(i);
    this.done[job] = true;
    const start = await this.next(job);
    if (start?.type !== "start" || start.delimiter !== delimiter) {
      this.letGo(job);
      return null;
    }
    return this.bytes(job, path, lead, delimiter, onRead);
  }

  private async *bytes(
    job: number,
    path: string,
    lead: LeadKeys,
    delimiter: string,
    onRead: (bytes: number) => void,
  ): AsyncGenerator<Buffer> {
    let handed = false;
    try {
      for (;;) {
        const m = await this.next(job);
        if (m?.type === "read" || m?.type === "end") onRead(m.bytes);
        if (m?.type === "end") return;
        if (m?.type === "bytes") {
          handed = true;
          this.ack(m);
          yield Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.length);
        } else if (m === null || m.type === "error") {
          // Nothing handed on yet: filtered here (an error of the file is then this read's own).
          if (!handed) {
            yield* filteredBytes(path, lead, delimiter, null, onRead);
            return;
          }
          throw Object.assign(
            new Error(m?.message ?? "the filtering worker stopped"),
            m?.code ? { code: m.code } : {},
          );
        }
      }
    } finally {
      // A read that stops before the end (an error in its table) lets the rest go: the worker goes on.
      this.letGo(job);
    }
  }

  stop(): void {
    void this.worker.terminate();
  }
}
