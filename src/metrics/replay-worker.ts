/** The worker thread that replays the second half of the leads (metrics/parallel.ts). */

import { setFlagsFromString } from "node:v8";
import { parentPort } from "node:worker_threads";

// As in bin/funnel-audit.js: a young collection at the wrong moment would make the replay's
// short-lived objects old (docs/performance.md, "allocation-site pretenuring").
setFlagsFromString("--no-allocation-site-pretenuring");
const { runReplayJob } = await import("./parallel.js");
const port = parentPort;
if (!port) throw new Error("replay-worker.js runs as a worker thread");
port.once("message", (job) => {
  try {
    port.postMessage({ type: "done", ...runReplayJob(job) });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    port.postMessage({ type: "error", message: e.message, ...(e.stack ? { stack: e.stack } : {}) });
  }
});
