/** The temporary files of atomic writes, removed on SIGINT/SIGTERM/SIGHUP and at exit. */

import { rmSync } from "node:fs";
import { rm } from "node:fs/promises";

/** Temporary files alive now: removed on SIGINT/SIGTERM/SIGHUP and at exit, so no client data is left. */
const live = new Set<string>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
function onSignal(signal: NodeJS.Signals): void {
  cleanUp();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  // Die of the same signal, as the caller expects (exit 130/143 in a shell).
  process.kill(process.pid, signal);
}
function cleanUp(): void {
  for (const t of live) rmSync(t, { force: true });
  live.clear();
}
/** Lists a temporary file for removal on a signal or at exit (the first one installs the handlers). */
export function track(tmp: string): void {
  if (live.size === 0) {
    for (const s of SIGNALS) process.on(s, onSignal);
    process.on("exit", cleanUp);
  }
  live.add(tmp);
}
/** Takes a temporary file off the list, removing it first when asked (the last one removes the handlers). */
export async function untrack(tmp: string, remove: boolean): Promise<void> {
  if (remove) await rm(tmp, { force: true });
  live.delete(tmp);
  if (live.size === 0) {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    process.removeListener("exit", cleanUp);
  }
}
