/**
 * `tsx scripts/bench/trace.ts`: `trace` of one lead on the bench data (issue 17: a few seconds at a
 * million leads), without and with `--as-of`, beside two references run in turn: the whole `audit`
 * (the trace explains one of its leads) and `grep` of the lead's id over the event files (what
 * reading only that lead's rows costs at the least). Checks that both traces are the same JSON and
 * that their as-of is the audit's; exit 1 when not. docs/performance.md, "`trace` of one lead".
 *
 * Options: --leads N (default 1,000,000), --pairs N (default 2), --no-build, --bin another build's
 * bin/funnel-audit.js (to measure before and after).
 */

import { execFileSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { ensureData, ROOT, scenario } from "./data.js";
import { median } from "./docs.js";
import { type Measured, measure } from "./measure.js";

/** A lead of the leads file near its middle: the first cell of the first whole line after half its bytes. */
function middleLead(leads: string): string {
  const fd = openSync(leads, "r");
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, Math.floor(statSync(leads).size / 2));
    const lines = buf.subarray(0, n).toString("utf8").split("\n");
    const id = lines[1]?.split(",")[0];
    if (!id) throw new Error(`no lead found in the middle of ${leads}`);
    return id;
  } finally {
    closeSync(fd);
  }
}

async function run(bin: string, args: string[], out: string): Promise<Measured> {
  const m = await measure(process.execPath, [bin, ...args, "--out", out], ROOT);
  if (m.code !== 0)
    throw new Error(`${args[0]} exited ${m.code}: ${m.stderr.trim().split("\n").slice(-3).join(" / ")}`);
  return m;
}

const secs = (m: Measured) => `${(m.wallMs / 1000).toFixed(2)} s`;
const cpu = (m: Measured) => (m.cpuSeconds === null ? "?" : `${m.cpuSeconds.toFixed(1)} s`);
const mib = (m: Measured) => (m.peakRssMib === null ? "?" : `${m.peakRssMib.toFixed(0)} MiB`);
const line = (m: Measured) => `${secs(m)} (CPU ${cpu(m)}, ${mib(m)})`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      leads: { type: "string", default: "1000000" },
      pairs: { type: "string", default: "2" },
      "no-build": { type: "boolean", default: false },
      bin: { type: "string" },
    },
  });
  const bin = values.bin ?? join(ROOT, "bin", "funnel-audit.js");
  if (!values["no-build"] && !values.bin)
    execFileSync("npm", ["run", "build"], { cwd: ROOT, stdio: "inherit" });
  const data = ensureData(scenario("funnel", Number(values.leads)));
  const lead = middleLead(join(data.dir, "leads.csv"));
  const events = ["stage_history.csv", "owner_history.csv", "activities.csv", "engagements.csv"].map((f) =>
    join(data.dir, f),
  );
  const tmp = mkdtempSync(join(tmpdir(), "bench-trace-"));
  const [plain, given, audited] = [
    join(tmp, "trace.json"),
    join(tmp, "trace-as-of.json"),
    join(tmp, "audit.json"),
  ];
  const rows: Record<string, number[]> = { plain: [], given: [], audit: [], grep: [] };
  try {
    for (let i = 0; i < Number(values.pairs); i++) {
      const load = loadavg()[0]?.toFixed(1);
      const audit = await run(bin, ["audit", "--sla", data.sla, "--format", "json"], audited);
      const asOf = (JSON.parse(readFileSync(audited, "utf8")) as { as_of: string }).as_of;
      const t0 = performance.now();
      execFileSync("grep", ["-c", "-F", lead, ...events], { encoding: "utf8" });
      const grepMs = performance.now() - t0;
      const without = await run(bin, ["trace", lead, "--sla", data.sla, "--format", "json"], plain);
      const withAsOf = await run(
        bin,
        ["trace", lead, "--sla", data.sla, "--format", "json", "--as-of", asOf],
        given,
      );
      const [a, b] = [readFileSync(plain, "utf8"), readFileSync(given, "utf8")];
      if (a !== b) throw new Error("the trace without --as-of differs from the trace with the audit's as-of");
      if (Date.parse((JSON.parse(a) as { as_of?: string }).as_of ?? "") !== Date.parse(asOf))
        throw new Error(`the trace's as-of is not the audit's (${asOf})`);
      rows.plain?.push(without.wallMs);
      rows.given?.push(withAsOf.wallMs);
      rows.audit?.push(audit.wallMs);
      rows.grep?.push(grepMs);
      console.log(
        `run ${i + 1} (${lead}, load average ${load}): trace ${line(without)}, with --as-of ${line(withAsOf)}; audit ${line(audit)}; grep ${(grepMs / 1000).toFixed(2)} s`,
      );
    }
    const m = (k: string) => median(rows[k] ?? []);
    console.log(
      `${values.leads} leads, medians: trace ${(m("plain") / 1000).toFixed(2)} s (${(m("plain") / m("audit")).toFixed(2)}x the audit), with --as-of ${(m("given") / 1000).toFixed(2)} s (${(m("given") / m("audit")).toFixed(2)}x the audit, ${(m("given") / m("grep")).toFixed(1)}x grep of the lead's rows)`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
