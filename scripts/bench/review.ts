/** `tsx scripts/bench/review.ts`: `review` against a single `audit` on the bench data, side by side (issue 20: at most 2x). */

import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ensureData, ROOT, scenario } from "./data.js";
import { median } from "./docs.js";
import { type Measured, measure } from "./measure.js";

const bin = join(ROOT, "bin", "funnel-audit.js");

/** One run of a command on the SLA, its output to a file; exits when the command fails. */
async function timed(args: string[], sla: string, out: string): Promise<Measured> {
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
    },
  });
  if (!values["no-build"]) execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  const data = ensureData(scenario("funnel", Number(values.leads)));
  // The example's agreement (business hours and days, commitments) unless --calendar: the bench's own.
  const sla = values.calendar ? data.sla : data.businessSla;
  const tmp = mkdtempSync(join(tmpdir(), "bench-review-"));
  const ratios: number[] = [];
  try {
    for (let i = 0; i < Number(values.pairs); i++) {
      const audit = await timed(["audit", "--format", "json"], sla, join(tmp, "report.json"));
      const review = await timed(["review", "--format", "md"], sla, join(tmp, "review.md"));
      const ratio = review.wallMs / audit.wallMs;
      ratios.push(ratio);
      const mib = (m: Measured) => (m.peakRssMib === null ? "?" : `${m.peakRssMib.toFixed(0)} MiB`);
      console.log(
        `pair ${i + 1}: audit ${(audit.wallMs / 1000).toFixed(1)} s (${mib(audit)}), review ${(review.wallMs / 1000).toFixed(1)} s (${mib(review)}), ratio ${ratio.toFixed(2)}`,
      );
    }
    console.log(`${values.leads} leads, ${sla}: median ratio review / audit ${median(ratios).toFixed(2)}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
