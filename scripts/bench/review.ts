/** `tsx scripts/bench/review.ts`: `review` against a single `audit` on the bench data, side by side (issue 20: at most 2x). */

import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ensureData, ROOT, scenario } from "./data.js";
import { median } from "./docs.js";
import { type Measured, measure } from "./measure.js";

/** One run of a command on the SLA, its output to a file; exits when the command fails. */
async function timed(bin: string, args: string[], sla: string, out: string): Promise<Measured> {
  const m = await measure(process.execPath, [bin, ...args, "--sla", sla, "--out", out], ROOT);
  if (m.code !== 0)
    throw new Error(`${args[0]} exited ${m.code}: ${m.stderr.trim().split("\n").slice(-3).join(" / ")}`);
  return m;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      leads: { type: "string", default: "1000000" },
      pairs: { type: "string", default: "2" },
      calendar: { type: "boolean", default: false },
      "no-build": { type: "boolean", default: false },
      // Another build's bin/funnel-audit.js (a copy of main's, to measure before and after).
      bin: { type: "string" },
      // Keep the last pair's outputs (report.json, review.md) in this folder, to compare with cmp.
      keep: { type: "string" },
    },
  });
  const bin = values.bin ?? join(ROOT, "bin", "funnel-audit.js");
  if (!values["no-build"] && !values.bin)
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  const data = ensureData(scenario("funnel", Number(values.leads)));
  // The example's agreement (business hours and days, commitments) unless --calendar: the bench's own.
  const sla = values.calendar ? data.sla : data.businessSla;
  const tmp = mkdtempSync(join(tmpdir(), "bench-review-"));
  const ratios: number[] = [];
  try {
    for (let i = 0; i < Number(values.pairs); i++) {
      const load = () => loadavg()[0]?.toFixed(1);
      const before = load();
      const audit = await timed(bin, ["audit", "--format", "json"], sla, join(tmp, "report.json"));
      const review = await timed(bin, ["review", "--format", "md"], sla, join(tmp, "review.md"));
      const ratio = review.wallMs / audit.wallMs;
      ratios.push(ratio);
      const mib = (m: Measured) => (m.peakRssMib === null ? "?" : `${m.peakRssMib.toFixed(0)} MiB`);
      const cpu = (m: Measured) => (m.cpuSeconds === null ? "?" : `${m.cpuSeconds.toFixed(1)} s`);
      const run = (m: Measured) => `${(m.wallMs / 1000).toFixed(1)} s, CPU ${cpu(m)}, ${mib(m)}`;
      const cpuRatio =
        audit.cpuSeconds && review.cpuSeconds
          ? `, CPU ratio ${(review.cpuSeconds / audit.cpuSeconds).toFixed(2)}`
          : "";
      console.log(
        `pair ${i + 1}: audit ${run(audit)}; review ${run(review)}; ratio ${ratio.toFixed(2)}${cpuRatio}; load average ${before} then ${load()}`,
      );
    }
    if (values.keep) {
      mkdirSync(values.keep, { recursive: true });
      for (const f of ["report.json", "review.md"]) copyFileSync(join(tmp, f), join(values.keep, f));
    }
    console.log(`${values.leads} leads, ${sla}: median ratio review / audit ${median(ratios).toFixed(2)}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
