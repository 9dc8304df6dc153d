/** The worker thread that reads one stage-history or activities file (rows.ts). */

import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { ColumnPool } from "../ingest/batch.js";
import { utf8Seen } from "../ingest/csv/open-csv.js";
import { runRowsJob } from "./rows-job.js";
import type { RowsJob, Taken } from "./rows-protocol.js";

const job = workerData as RowsJob;
utf8Seen(job.utf8 ?? []);
// The main thread reads the leads meanwhile, and everything waits for it: on Linux a thread's
// nice value is its own, so this thread yields to it when the cores are busy. The activities are
// needed last (they are reduced against the history), so their worker yields to the histories'
// too: at a million leads, 23.9/27.0/28.4 s against 28.4/28.4/30.7 s with one nice value for all
// (interleaved runs). Elsewhere the call would lower the whole process: not made.
if (process.platform === "linux")
  try {
    setPriority(job.kind === "activities" || job.kind === "engagements" ? 19 : 10);
  } catch {
    // Not allowed here: run at the same priority.
  }
const port = parentPort;
if (!port) throw new Error("rows-worker.js runs as a worker thread");
let ahead = 0;
// Those waiting for the main thread to take batches: the job's rows and a trace's taker (stamp-taker.ts).
const waiting: (() => void)[] = [];
const pool = new ColumnPool();
port.on("message", ({ bytes, buffers }: Taken) => {
  ahead -= bytes;
  pool.give(buffers);
  if (ahead <= job.budget) for (const r of waiting.splice(0)) r();
});
await runRowsJob(
  job,
  async (message, transfer) => {
    const bytes = message.type === "batch" ? message.bytes : 0;
    ahead += bytes;
    port.postMessage(message, transfer ?? []);
    if (ahead > job.budget) await new Promise<void>((r) => waiting.push(r));
  },
  pool,
);
port.close();
