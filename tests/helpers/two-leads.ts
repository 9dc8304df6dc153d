/** The smallest audit: two leads (inquiry, mql) in a CSV, an SLA file naming them, a named pipe. */

import { spawnSync } from "node:child_process";

/** Two leads, one a day apart: the audit covers "2 of 2 leads". */
export const LEADS = "Id,CreatedDate,Status\nL1,2026-05-01T09:00:00Z,New\nL2,2026-05-02T09:00:00Z,MQL\n";

/** An SLA file reading LEADS from `leads` (its `file:` as written), with `extra` lines after the source. */
export const twoLeadSla = (leads: string, extra: readonly string[] = []) =>
  [
    "version: 1",
    "timezone: UTC",
    "stages:",
    "  - { id: inquiry, matches: [New] }",
    "  - { id: mql, matches: [MQL] }",
    "sources:",
    "  leads:",
    `    file: ${leads}`,
    "    columns: { id: Id, created_at: CreatedDate, stage: Status }",
    ...extra,
    "",
  ].join("\n");

/** Makes a named pipe at `path`; false (and a warning: the test is skipped) where mkfifo is missing. */
export function makeFifo(path: string): boolean {
  if (spawnSync("mkfifo", [path]).status === 0) return true;
  console.warn("named-pipe test skipped: mkfifo is not available");
  return false;
}
