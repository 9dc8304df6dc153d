/** The worker thread that replays the last part of the leads (replay.ts). */

import { setFlagsFromString } from "node:v8";
import { parentPort } from "node:worker_threads";

// As in bin/funnel-audit.js: a young collection at the wrong moment would make the replay's
// short-lived objects old (docs/performance.md, "allocation-site pretenuring").
setFlagsFromString("--no-allocation-site-pretenuring");
const { buffersIn, runReplayJob } = await import("./replay.js");
const port = parentPort;
if (!port) throw new Error("replay-worker.js runs as a worker thread");
port.once("message", (job) => {
  try {
    const { part, findings } = runReplayJob(job);
    port.postMessage({ type: "done", part, findings }, buffersIn(part));
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    port.postMessage({ type: "error", message: e.message, ...(e.stack ? { stack: e.stack } : {}) });
  }
});
