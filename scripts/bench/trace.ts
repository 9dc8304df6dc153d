/**
 * `tsx scripts/bench/trace.ts`: `trace` of one lead on the bench data (issue 17: a few seconds at a
 * million leads) three ways: with nothing kept (FUNNEL_AUDIT_CACHE=off: every row read for the
 * as-of), with the as-of the audit just kept (src/cli/as-of-cache.ts), and with `--as-of`; beside
 * two references run in turn: the whole `audit` (the trace explains one of its leads) and `grep` of
 * the lead's id over the event files (what reading only that lead's rows costs at the least).
 * Checks that the three traces are the same JSON and that their as-of is the audit's; exit 1 when
 * not. The cache is a folder of its own, removed at the end. docs/performance.md, "`trace` of one lead".
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

async function run(bin: string, args: string[], out: string, cache: string): Promise<Measured> {
  const env = { ...process.env, FUNNEL_AUDIT_CACHE: cache };
  const m = await measure(process.execPath, [bin, ...args, "--out", out], ROOT, env);
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
  const [plain, kept, given, audited] = [
    join(tmp, "trace.json"),
    join(tmp, "trace-kept.json"),
    join(tmp, "trace-as-of.json"),
    join(tmp, "audit.json"),
  ];
  const rows: Record<string, number[]> = { plain: [], kept: [], given: [], audit: [], grep: [] };
  try {
    for (let i = 0; i < Number(values.pairs); i++) {
      const load = loadavg()[0]?.toFixed(1);
      // Each run's cache starts empty; the audit keeps its as-of in it.
      const cache = join(tmp, `cache-${i}`);
      const audit = await run(bin, ["audit", "--sla", data.sla, "--format", "json"], audited, cache);
      const asOf = (JSON.parse(readFileSync(audited, "utf8")) as { as_of: string }).as_of;
      const t0 = performance.now();
      execFileSync("grep", ["-c", "-F", lead, ...events], { encoding: "utf8" });
      const grepMs = performance.now() - t0;
      const traceArgs = ["trace", lead, "--sla", data.sla, "--format", "json"];
      const without = await run(bin, traceArgs, plain, "off");
      const fromCache = await run(bin, traceArgs, kept, cache);
      const withAsOf = await run(bin, [...traceArgs, "--as-of", asOf], given, "off");
      const [a, b, c] = [plain, given, kept].map((f) => readFileSync(f, "utf8")) as [string, string, string];
      if (a !== b) throw new Error("the trace without --as-of differs from the trace with the audit's as-of");
      if (c !== a) throw new Error("the trace with the kept as-of differs from the trace without --as-of");
      if (!fromCache.stderr.includes("an earlier run found"))
        throw new Error("the trace after the audit did not take the as-of the audit kept");
      if (Date.parse((JSON.parse(a) as { as_of?: string }).as_of ?? "") !== Date.parse(asOf))
        throw new Error(`the trace's as-of is not the audit's (${asOf})`);
      rows.plain?.push(without.wallMs);
      rows.kept?.push(fromCache.wallMs);
      rows.given?.push(withAsOf.wallMs);
      rows.audit?.push(audit.wallMs);
      rows.grep?.push(grepMs);
      console.log(
        `run ${i + 1} (${lead}, load average ${load}): trace ${line(without)}, after the audit (as-of kept) ${line(fromCache)}, with --as-of ${line(withAsOf)}; audit ${line(audit)}; grep ${(grepMs / 1000).toFixed(2)} s`,
      );
    }
    const m = (k: string) => median(rows[k] ?? []);
    console.log(
      `${values.leads} leads, medians: trace ${(m("plain") / 1000).toFixed(2)} s (${(m("plain") / m("audit")).toFixed(2)}x the audit), after the audit ${(m("kept") / 1000).toFixed(2)} s (${(m("kept") / m("grep")).toFixed(1)}x grep), with --as-of ${(m("given") / 1000).toFixed(2)} s (${(m("given") / m("audit")).toFixed(2)}x the audit, ${(m("given") / m("grep")).toFixed(1)}x grep of the lead's rows)`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
