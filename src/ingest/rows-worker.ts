/** The worker thread that reads one stage-history or activities file (parallel.ts). */

import { parentPort, workerData } from "node:worker_threads";
import { type RowsJob, runRowsJob, WORKER_BUDGET } from "./parallel.js";

const port = parentPort;
if (!port) throw new Error("rows-worker.js runs as a worker thread");
let ahead = 0;
let resume: (() => void) | null = null;
port.on("message", (bytes: number) => {
  ahead -= bytes;
  if (resume && ahead <= WORKER_BUDGET) {
    const r = resume;
    resume = null;
    r();
  }
});
await runRowsJob(workerData as RowsJob, async (message, transfer) => {
  const bytes = message.type === "batch" ? message.bytes : 0;
  ahead += bytes;
  port.postMessage(message, transfer ?? []);
  if (ahead > WORKER_BUDGET) await new Promise<void>((r) => (resume = r));
});
port.close();
