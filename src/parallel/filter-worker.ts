/** The worker thread of a trace's filtered reads done ahead (filter-ahead.ts): each file in turn, its bytes sent on. */

import { open } from "node:fs/promises";
import { setPriority } from "node:os";
import { parentPort, workerData } from "node:worker_threads";
import { filterable, filteredBytes } from "../ingest/csv/lead-filter.js";
import { sniff } from "../ingest/csv/open-csv.js";
import type { AheadJob, AheadMessage } from "./filter-ahead.js";

const jobs = workerData as AheadJob[];
const port = parentPort;
if (!port) throw new Error("filter-worker.js runs as a worker thread");
// The main thread reads the leads meanwhile, and its path is the longest (rows-worker.ts).
if (process.platform === "linux")
  try {
    setPriority(10);
  } catch {
    // Not allowed here: run at the same priority.
  }

/** Bytes sent and not yet taken, at most: a filter that hands on a whole file waits for the reader. */
const BUDGET = 32 * 1024 * 1024;
/** Bytes read between two progress messages. */
const TELL_EVERY = 16 * 1024 * 1024;
let ahead = 0;
let waiting: (() => void) | null = null;
port.on("message", (taken: number) => {
  ahead -= taken;
  if (ahead <= BUDGET && waiting) {
    const go = waiting;
    waiting = null;
    go();
  }
});

const send = (m: AheadMessage) => port.postMessage(m);

/** The delimiter a read of the file uses (the setting's, else its first line's), or null: not read ahead. */
async function delimiterOf(job: AheadJob): Promise<string | null> {
  const handle = await open(job.path, "r");
  try {
    const s = await handle.stat();
    if (!s.isFile()) return null;
    const head = Buffer.alloc(65_536);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    const sniffed = sniff(head.subarray(0, bytesRead));
    const d = job.delimiter ?? sniffed.delimiter;
    return sniffed.encoding === "utf8" && filterable(job.lead, d) ? d : null;
  } finally {
    await handle.close();
  }
}

for (let job = 0; job < jobs.length; job++) {
  const at = jobs[job] as AheadJob;
  try {
    const delimiter = await delimiterOf(at);
    send({ job, type: "start", delimiter });
    if (delimiter === null) continue;
    let read = 0;
    const onRead = (bytes: number) => {
      read += bytes;
      if (read >= TELL_EVERY) {
        send({ job, type: "read", bytes: read });
        read = 0;
      }
    };
    for await (const bytes of filteredBytes(at.path, at.lead, delimiter, null, onRead)) {
      if (read > 0) send({ job, type: "read", bytes: read });
      read = 0;
      ahead += bytes.length;
      send({ job, type: "bytes", bytes });
      if (ahead > BUDGET) await new Promise<void>((go) => (waiting = go));
    }
    send({ job, type: "end", bytes: read });
  } catch (err) {
    const e = err instanceof Error ? err : new Error(String(err));
    send({ job, type: "error", message: e.message, ...("code" in e ? { code: String(e.code) } : {}) });
  }
}
port.close();
