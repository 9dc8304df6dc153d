/**
 * The compare scenario (`npm run bench -- --compare`): `funnel-audit compare` of the bench SLA
 * against a proposal on the same data (first-touch's window 4h → 8h, mql-response's target 0.9 →
 * 0.8: nothing that changes what is read, so the data is read once), timed against one audit of
 * the same data, as a ratio. Issue 20's target: at most 2.
 */

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./data.js";
import { type Measured, measure } from "./measure.js";

export interface CompareBench {
  auditS: number;
  compareS: number;
  /** compare's wall time ÷ the audit's. */
  ratio: number;
  auditRssMib: number | null;
  compareRssMib: number | null;
  /** Obligations whose outcome changed, and whether the data was read once. */
  changed: number;
  readOnce: boolean;
  /** The load average when the pair started (the machine may be shared). */
  load: string;
}

const secs = (m: Measured) => m.wallMs / 1000;

/** The proposal beside the bench SLA: the same sources, two handoffs changed. */
function proposal(sla: string, dir: string): string {
  const text = readFileSync(sla, "utf8");
  const out = text.replace(/within: 4h\n/, "within: 8h\n").replace(/target: 0\.9\n/, "target: 0.8\n");
  if (out === text) throw new Error(`bench compare: ${sla} has no first-touch window of 4h to change`);
  const file = join(dir, "sla-proposed.yaml");
  writeFileSync(file, out);
  return file;
}

/** One audit, then one compare, side by side on the same data; JSON output to files in `dir`. */
export async function benchCompare(
  sla: string,
  dir: string,
  log: (s: string) => void,
): Promise<CompareBench> {
  const proposed = proposal(sla, dir);
  const cli = join(ROOT, "bin", "funnel-audit.js");
  const load = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");
  log(`compare: audit, then compare --sla current --sla proposed (load average ${load}) …`);
  const out = join(dir, "compare.json");
  const audit = await measure(
    process.execPath,
    [cli, "audit", "--sla", sla, "--format", "json", "--out", join(dir, "report-compare-base.json")],
    ROOT,
  );
  if (audit.code !== 0)
    throw new Error(`bench compare: the audit exited ${audit.code}: ${audit.stderr.slice(-400)}`);
  const compare = await measure(
    process.execPath,
    [cli, "compare", "--sla", sla, "--sla", proposed, "--format", "json", "--out", out],
    ROOT,
  );
  if (compare.code !== 0)
    throw new Error(`bench compare: compare exited ${compare.code}: ${compare.stderr.slice(-400)}`);
  const result = JSON.parse(readFileSync(out, "utf8")) as {
    reading: { once: boolean };
    changes: { transitions: { obligations: number }[] };
  };
  const bench: CompareBench = {
    auditS: secs(audit),
    compareS: secs(compare),
    ratio: secs(compare) / secs(audit),
    auditRssMib: audit.peakRssMib,
    compareRssMib: compare.peakRssMib,
    changed: result.changes.transitions.reduce((n, t) => n + t.obligations, 0),
    readOnce: result.reading.once,
    load,
  };
  log(
    `compare: ${bench.compareS.toFixed(2)} s (peak RSS ${bench.compareRssMib?.toFixed(0) ?? "?"} MiB) against the audit's ${bench.auditS.toFixed(2)} s (${bench.auditRssMib?.toFixed(0) ?? "?"} MiB): ratio ${bench.ratio.toFixed(2)} (target ≤ 2); ${bench.changed.toLocaleString("en-US")} obligations change`,
  );
  return bench;
}
