/**
 * `npm run bench`: the audit end to end on a generated data set, timed from outside (wall time,
 * peak RSS, rows per second), its phases timed in-process, and the same headline figures computed
 * in DuckDB SQL (1 and 2 threads) and compared with the audit's JSON report. Exit 1 when the
 * figures disagree or the audit fails. See docs/benchmarks.md.
 *
 * Options: --scenario funnel|activities (default funnel), --leads N (funnel: 1,000,000;
 * activities: 100,000), --seed S, --skip-duckdb, --skip-phases, --business (also time the
 * business-hours audit of sla.example.yaml's structure), --no-build (use dist/ as it is),
 * --repeat N (run the audit and each DuckDB run N times, keep the fastest; default 1),
 * --pairs N (then N more runs of the audit and DuckDB with 2 threads, one after the other, and the
 * median of the pairs' ratios: on a machine whose speed drifts, runs side by side compare fairly),
 * --write-docs (rewrite the results section of docs/benchmarks.md), --startup-runs N (start-up:
 * --version, --help and the bundled example against `node -e 0`, N turns, default 10; 0 skips it),
 * --startup-only (only that; docs/performance.md, Start-up), --compare (also time `compare` of
 * two agreements against one audit: scripts/bench/compare.ts), --money (only the money bench,
 * scripts/bench/money.ts: the audit reading the opportunities against DuckDB, then --pairs N
 * (default 2) pairs of audits without and with them).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { readFileSync, statSync, writeFileSync } from "node:fs";
import { totalmem } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { benchCompare } from "./compare.js";
import {
  type DataSet,
  DEFAULT_SEED,
  ensureData,
  ROOT,
  type ScenarioName,
  scenario,
  totalRows,
} from "./data.js";
import { type BenchResult, median, writeResults } from "./docs.js";
import type { DuckRun } from "./duckdb.js";
import { compareFigures, reportFigures } from "./figures.js";
import { type Measured, machine, measure } from "./measure.js";
import { moneyBench } from "./money.js";
import type { PhaseTimes } from "./phases.js";
import { measureStartup, type StartupResult } from "./startup.js";

const log = (text: string) => process.stderr.write(`${text}\n`);
const node = process.execPath;
const tsx = (script: string, ...args: string[]) => [
  "--import",
  "tsx",
  join(ROOT, "scripts", "bench", script),
  ...args,
];
const secs = (ms: number) => ms / 1000;

function intArg(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value.replaceAll("_", "").replaceAll(",", ""));
  if (!Number.isInteger(x) || x < 1) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return x;
}

function commit(): string {
  try {
    const head = execFileSync("git", ["rev-parse", "--short", "HEAD"], {
      cwd: ROOT,
      encoding: "utf8",
    }).trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no", "src"], {
      cwd: ROOT,
      encoding: "utf8",
    }).trim();
    return dirty ? `${head} + uncommitted src/ changes` : head;
  } catch {
    return "unknown";
  }
}

/** The audit through the CLI, as a user runs it, from dist/. */
async function runAudit(sla: string, out: string): Promise<Measured> {
  return measure(
    node,
    [join(ROOT, "bin", "funnel-audit.js"), "audit", "--sla", sla, "--format", "json", "--out", out],
    ROOT,
  );
}

/** Why a child failed: its fatal or error line when it printed one (a V8 crash prints a stack after it), else its last lines. */
function failure(what: string, m: Measured): string {
  const lines = m.stderr.trim().split("\n");
  const fatal = lines.find((l) => /FATAL ERROR|RangeError|Error:|error /.test(l));
  return `${what} exited ${m.code} after ${secs(m.wallMs).toFixed(1)} s: ${(fatal ?? lines.slice(-3).join(" / ")).trim()}`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      scenario: { type: "string", default: "funnel" },
      leads: { type: "string" },
      seed: { type: "string" },
      "skip-duckdb": { type: "boolean", default: false },
      "skip-phases": { type: "boolean", default: false },
      business: { type: "boolean", default: false },
      "no-build": { type: "boolean", default: false },
      "write-docs": { type: "boolean", default: false },
      repeat: { type: "string" },
      pairs: { type: "string" },
      "startup-runs": { type: "string", default: "10" },
      "startup-only": { type: "boolean", default: false },
      compare: { type: "boolean", default: false },
      money: { type: "boolean", default: false },
    },
  });
  const repeat = intArg(values.repeat, "repeat") ?? 1;
  const pairs = intArg(values.pairs, "pairs") ?? 0;
  /** The fastest of `repeat` runs (a failed run ends the series). */
  const best = async (run: () => Promise<Measured>): Promise<Measured> => {
    let fastest: Measured | null = null;
    for (let i = 0; i < repeat; i++) {
      const m = await run();
      if (m.code !== 0) return m;
      if (fastest === null || m.wallMs < fastest.wallMs) fastest = m;
    }
    return fastest as Measured;
  };
  const name = values.scenario as ScenarioName;
  if (name !== "funnel" && name !== "activities")
    throw new Error(`--scenario funnel|activities, got "${name}"`);
  const s = scenario(name, intArg(values.leads, "leads"), intArg(values.seed, "seed") ?? DEFAULT_SEED);
  const command = [
    "npm run bench --",
    `--scenario ${s.name}`,
    `--leads ${s.leads}`,
    ...(s.seed !== DEFAULT_SEED ? [`--seed ${s.seed}`] : []),
    ...(values.business ? ["--business"] : []),
    ...(repeat > 1 ? [`--repeat ${repeat}`] : []),
    ...(pairs > 0 ? [`--pairs ${pairs}`] : []),
    ...(values.money ? ["--money"] : []),
  ].join(" ");

  if (!values["no-build"]) {
    log("build: npm run build");
    const b = spawnSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "inherit" });
    if (b.status !== 0) throw new Error("npm run build failed: the bench measures dist/, which must build");
  }
  // 0. Start-up, before the large data set is generated or read (a cold page cache for it only).
  const startupRuns =
    values["startup-runs"] === "0" || values.money
      ? 0
      : (intArg(values["startup-runs"], "startup-runs") ?? 10);
  const startup: StartupResult | null = startupRuns > 0 ? await measureStartup(startupRuns, log) : null;
  if (values["startup-only"]) {
    if (startup) writeFileSync(join(ROOT, "dist", "startup.json"), `${JSON.stringify(startup, null, 2)}\n`);
    return 0;
  }
  const builtAt = () => statSync(join(ROOT, "dist", "cli", "main.js")).mtime.toISOString();
  const distBefore = builtAt();
  const data: DataSet = ensureData(s);
  const rows = totalRows(data.rows);
  log(
    `data: ${rows.toLocaleString("en-US")} rows (${JSON.stringify(data.rows)}), ${(data.bytes / 1e6).toFixed(0)} MB`,
  );
  if (values.money) {
    if (s.name !== "funnel") throw new Error("--money: the funnel scenario only");
    return moneyBench({
      data,
      leads: s.leads,
      pairs: intArg(values.pairs, "pairs") ?? 2,
      skipDuckdb: values["skip-duckdb"],
      writeDocs: values["write-docs"],
      command,
      commit: commit(),
      log,
    });
  }

  // 1. The audit, end to end, in a child process.
  log("audit: node bin/funnel-audit.js audit --format json …");
  const reportFile = join(data.dir, "report.json");
  const audit = await best(() => runAudit(data.sla, reportFile));
  const auditOk = audit.code === 0;
  const auditS = secs(audit.wallMs);
  log(
    auditOk
      ? `audit: ${auditS.toFixed(2)} s, peak RSS ${audit.peakRssMib?.toFixed(0) ?? "?"} MiB, ${Math.round(rows / auditS).toLocaleString("en-US")} rows/s`
      : failure("audit", audit),
  );

  let business: BenchResult["business"] = null;
  if (values.business) {
    log("audit (business hours, sla.example.yaml's structure) …");
    const b = await best(() => runAudit(data.businessSla, join(data.dir, "report-business.json")));
    const wallS = secs(b.wallMs);
    business = { wallS, peakRssMib: b.peakRssMib, rowsPerS: rows / wallS, ok: b.code === 0 };
    log(
      b.code === 0
        ? `business audit: ${wallS.toFixed(2)} s, peak RSS ${b.peakRssMib?.toFixed(0)} MiB`
        : failure("business audit", b),
    );
  }

  const compare = values.compare && auditOk ? await benchCompare(data.sla, data.dir, log) : null;

  // 2. Phases, in-process (a separate child: its memory is not the audit's).
  let phases: BenchResult["phases"] = null;
  if (!values["skip-phases"] && auditOk) {
    log("phases: read, tokenize, time stamps, ingest, replay, metrics …");
    // With the heap bin/funnel-audit.js gives the audit (it runs itself again with three quarters
    // of the memory, at most 16 GiB), or the phases would be timed under GC pressure it never has.
    const heap = Math.min(Math.floor((totalmem() * 0.75) / 2 ** 20), 16 * 1024);
    const p = await measure(
      node,
      [`--max-old-space-size=${heap}`, "--expose-gc", ...tsx("phases.ts", data.sla)],
      ROOT,
    );
    if (p.code !== 0) log(failure("phases", p));
    else {
      const t = JSON.parse(p.stdout) as PhaseTimes;
      const tokenize = Math.max(0, t.tokenizePassMs - t.readMs);
      const rest = Math.max(0, t.ingestMs - t.readMs - tokenize - t.timestampsMs);
      const metrics = Math.max(0, t.auditMs - t.replayMs);
      phases = {
        readS: secs(t.readMs),
        tokenizeS: secs(tokenize),
        timestampsS: secs(t.timestampsMs),
        ingestRestS: secs(rest),
        replayS: secs(t.replayMs),
        metricsS: secs(metrics),
        totalS: secs(t.ingestMs + t.auditMs),
      };
      log(
        `phases: read ${phases.readS.toFixed(2)} s, tokenize ${phases.tokenizeS.toFixed(2)} s, time stamps ${phases.timestampsS.toFixed(2)} s, rest of ingest ${phases.ingestRestS.toFixed(2)} s, replay ${phases.replayS.toFixed(2)} s, metrics ${phases.metricsS.toFixed(2)} s`,
      );
    }
  }

  // 3. DuckDB, 1 and 2 threads, each in a fresh process; figures compared with the report.
  const m = machine();
  let duckdb: BenchResult["duckdb"] = null;
  let agree = true;
  if (!values["skip-duckdb"]) {
    const runs: { run: DuckRun; measured: Measured }[] = [];
    for (const threads of [1, 2]) {
      log(`duckdb: ${threads} thread${threads > 1 ? "s" : ""} …`);
      // The fastest by DuckDB's own load + SQL time (the figure the ratio uses).
      const inner = (m: Measured) => {
        const r = JSON.parse(m.stdout) as DuckRun;
        return r.loadMs + r.queryMs;
      };
      let d: Measured | null = null;
      for (let i = 0; i < repeat; i++) {
        const m = await measure(node, tsx("duckdb-run.ts", data.sla, String(threads)), ROOT);
        if (m.code !== 0) throw new Error(failure(`duckdb (${threads} threads)`, m));
        if (d === null || inner(m) < inner(d)) d = m;
      }
      if (d === null) throw new Error("no DuckDB run");
      const run = JSON.parse(d.stdout) as DuckRun;
      m.duckdb = run.version;
      runs.push({ run, measured: d });
      log(
        `duckdb ${threads}: load ${secs(run.loadMs).toFixed(2)} s + SQL ${secs(run.queryMs).toFixed(2)} s, process ${secs(d.wallMs).toFixed(2)} s, peak RSS ${d.peakRssMib?.toFixed(0)} MiB`,
      );
    }
    const [one, two] = runs as [(typeof runs)[0], (typeof runs)[0]];
    const mismatches: string[] = [];
    const between = compareFigures(one.run.figures, two.run.figures);
    for (const x of between.mismatches) mismatches.push(`DuckDB 1 vs 2 threads: ${x}`);
    let compared = 0;
    if (auditOk) {
      const c = compareFigures(reportFigures(JSON.parse(readFileSync(reportFile, "utf8"))), two.run.figures);
      compared = c.compared;
      mismatches.push(...c.mismatches);
    }
    agree = mismatches.length === 0;
    if (!auditOk) log("compare: not compared (the audit failed)");
    else if (agree) log(`compare: the audit and DuckDB agree on all ${compared} figures`);
    else {
      log(`compare: ${mismatches.length} disagreements:`);
      for (const x of mismatches) log(`  ${x}`);
    }
    const timing = (x: (typeof runs)[0]) => ({
      wallS: secs(x.measured.wallMs),
      peakRssMib: x.measured.peakRssMib,
      loadS: secs(x.run.loadMs),
      queryS: secs(x.run.queryMs),
    });
    // Pairs: the audit, then DuckDB with 2 threads, side by side (the same figure as the ratio).
    const paired: number[] = [];
    for (let i = 0; i < pairs && auditOk; i++) {
      const a = await runAudit(data.sla, join(data.dir, "report-pair.json"));
      if (a.code !== 0) throw new Error(failure("audit (pair)", a));
      const d = await measure(node, tsx("duckdb-run.ts", data.sla, "2"), ROOT);
      if (d.code !== 0) throw new Error(failure("duckdb (pair)", d));
      const r = JSON.parse(d.stdout) as DuckRun;
      paired.push(a.wallMs / (r.loadMs + r.queryMs));
      log(
        `pair ${i + 1}: audit ${secs(a.wallMs).toFixed(2)} s, DuckDB ${secs(r.loadMs + r.queryMs).toFixed(2)} s, ratio ${(paired[i] as number).toFixed(2)}`,
      );
    }
    duckdb = {
      t1: timing(one),
      t2: timing(two),
      ratio: auditS / secs(two.run.loadMs + two.run.queryMs),
      ...(paired.length ? { paired } : {}),
      compared,
      mismatches: mismatches.slice(0, 50),
    };
    if (auditOk) log(`ratio: audit ÷ DuckDB (2 threads) = ${duckdb.ratio.toFixed(2)} (target ≤ 1.0)`);
    if (paired.length)
      log(
        `ratio in pairs: median ${median(paired).toFixed(2)} of ${paired.map((x) => x.toFixed(2)).join(", ")}`,
      );
  }

  const result: BenchResult = {
    key: `${s.name}-${s.leads}`,
    scenario: s.name,
    leads: s.leads,
    seed: s.seed,
    date: new Date().toISOString(),
    commit: commit(),
    // dist/ rebuilt while the bench ran: the parts may have measured different code.
    distBuilt:
      builtAt() === distBefore ? distBefore : `${distBefore} → ${builtAt()} (rebuilt during the run)`,
    command,
    machine: m,
    rows: data.rows,
    totalRows: rows,
    bytes: data.bytes,
    audit: {
      wallS: auditS,
      peakRssMib: audit.peakRssMib,
      rowsPerS: rows / auditS,
      ok: auditOk,
      error: auditOk ? null : failure("audit", audit),
    },
    business,
    phases,
    duckdb,
    startup,
    ...(compare ? { compare } : {}),
  };
  if (builtAt() !== distBefore)
    log("warning: dist/ was rebuilt during the run; the parts may have measured different code");
  writeFileSync(join(data.dir, "result.json"), `${JSON.stringify(result, null, 2)}\n`);
  if (values["write-docs"]) {
    writeResults(join(ROOT, "docs", "benchmarks.md"), result);
    log("docs: docs/benchmarks.md results section rewritten");
  }
  return auditOk && agree ? 0 : 1;
}

process.exitCode = await main();
