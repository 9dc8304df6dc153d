/**
 * The money bench (`npm run bench -- --money`; issue 21): the audit of the money SLA
 * (sla-money.yaml: the bench SLA reading Opportunity.csv and rates.csv too) with its figures,
 * money included, compared with DuckDB's (2 threads; the 1-thread run is the default bench's); then
 * what the opportunities cost: pairs of audits of the same data without them (sla.yaml) and with
 * them, side by side, the order turned each pair, each with its wall time, CPU time (user + system),
 * peak RSS and the load average when it started. The default bench (sla.yaml, the issue-19 memory
 * measurement) never reads the opportunities.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { type DataSet, ROOT } from "./data.js";
import { median, writeSection } from "./docs.js";
import type { DuckRun } from "./duckdb.js";
import { compareFigures, reportFigures } from "./figures.js";
import { type Machine, type Measured, machine, measure } from "./measure.js";

/** One timed audit. */
export interface MoneyRun {
  ok: boolean;
  wallS: number;
  cpuS: number | null;
  peakRssMib: number | null;
  /** The 1-minute load average when it started (2 cores, shared). */
  load: number;
}

export interface MoneyBench {
  key: string;
  leads: number;
  date: string;
  commit: string;
  command: string;
  machine: Machine;
  opportunities: number;
  /** The money SLA's audit (the report compared). */
  audit: MoneyRun & { error: string | null };
  duckdb: { loadS: number; queryS: number; wallS: number; peakRssMib: number | null } | null;
  /** Figures compared (money rows and every other headline figure), and every disagreement. */
  compared: number;
  mismatches: string[];
  pairs: { first: "without" | "with"; without: MoneyRun; with: MoneyRun }[];
}

export interface MoneyOptions {
  data: DataSet;
  leads: number;
  pairs: number;
  skipDuckdb: boolean;
  writeDocs: boolean;
  command: string;
  commit: string;
  log: (text: string) => void;
}

const START = "<!-- bench:money:start -->";
const END = "<!-- bench:money:end -->";
const RECORDS = /<!-- bench-money-data\n([\s\S]*?)\n-->/;

async function audit(sla: string, out: string): Promise<{ run: MoneyRun; m: Measured }> {
  const load = loadavg()[0] ?? 0;
  const m = await measure(
    process.execPath,
    [join(ROOT, "bin", "funnel-audit.js"), "audit", "--sla", sla, "--format", "json", "--out", out],
    ROOT,
  );
  const run = {
    ok: m.code === 0,
    wallS: m.wallMs / 1000,
    cpuS: m.cpuSeconds,
    peakRssMib: m.peakRssMib,
    load,
  };
  return { run, m };
}

const show = (r: MoneyRun) =>
  r.ok
    ? `${r.wallS.toFixed(1)} s, CPU ${r.cpuS?.toFixed(1) ?? "?"} s, peak RSS ${r.peakRssMib?.toFixed(0) ?? "?"} MiB, load ${r.load.toFixed(1)}`
    : "failed";

/** Runs the money bench; exit code 1 when an audit fails or a figure disagrees. */
export async function moneyBench(o: MoneyOptions): Promise<number> {
  const { data, log } = o;
  log(`money: audit of ${data.moneySla} …`);
  const reportFile = join(data.dir, "report-money.json");
  const first = await audit(data.moneySla, reportFile);
  const error = first.run.ok ? null : first.m.stderr.trim().split("\n").slice(-3).join(" / ");
  log(`money audit: ${first.run.ok ? show(first.run) : `failed: ${error}`}`);
  let duckdb: MoneyBench["duckdb"] = null;
  let compared = 0;
  const mismatches: string[] = [];
  const m = machine();
  if (!o.skipDuckdb) {
    log("money: DuckDB, 2 threads …");
    const d = await measure(
      process.execPath,
      ["--import", "tsx", join(ROOT, "scripts", "bench", "duckdb-run.ts"), data.moneySla, "2"],
      ROOT,
    );
    if (d.code !== 0)
      throw new Error(`duckdb (money) exited ${d.code}: ${d.stderr.trim().split("\n").at(-1)}`);
    const run = JSON.parse(d.stdout) as DuckRun;
    m.duckdb = run.version;
    duckdb = {
      loadS: run.loadMs / 1000,
      queryS: run.queryMs / 1000,
      wallS: d.wallMs / 1000,
      peakRssMib: d.peakRssMib,
    };
    log(
      `money DuckDB: load ${duckdb.loadS.toFixed(1)} s + SQL ${duckdb.queryS.toFixed(1)} s, peak RSS ${d.peakRssMib?.toFixed(0)} MiB`,
    );
    if (first.run.ok) {
      const report = reportFigures(JSON.parse(readFileSync(reportFile, "utf8")));
      if (report.money.length === 0) mismatches.push("the report has no money section");
      const c = compareFigures(report, run.figures);
      compared = c.compared;
      mismatches.push(...c.mismatches);
      log(
        mismatches.length === 0
          ? `money compare: the audit and DuckDB agree on all ${compared} figures (${report.money.length} money rows)`
          : `money compare: ${mismatches.length} disagreements:\n  ${mismatches.slice(0, 30).join("\n  ")}`,
      );
    }
  }
  // Without and with the opportunities, side by side; the order turns each pair (drift cancels).
  const pairs: MoneyBench["pairs"] = [];
  for (let i = 0; i < o.pairs; i++) {
    const order = i % 2 === 0 ? (["without", "with"] as const) : (["with", "without"] as const);
    const runs: Partial<Record<"without" | "with", MoneyRun>> = {};
    for (const which of order) {
      const sla = which === "with" ? data.moneySla : data.sla;
      runs[which] = (await audit(sla, join(data.dir, `report-pair-${which}.json`))).run;
      log(`pair ${i + 1} ${which} opportunities: ${show(runs[which] as MoneyRun)}`);
    }
    pairs.push({ first: order[0], without: runs.without as MoneyRun, with: runs.with as MoneyRun });
  }
  const result: MoneyBench = {
    key: `funnel-${o.leads}-money`,
    leads: o.leads,
    date: new Date().toISOString(),
    commit: o.commit,
    command: o.command,
    machine: m,
    opportunities: data.rows.opportunities ?? 0,
    audit: { ...first.run, error },
    duckdb,
    compared,
    mismatches: mismatches.slice(0, 50),
    pairs,
  };
  const ok = pairs.filter((p) => p.with.ok && p.without.ok);
  if (ok.length) log(`money cost: ${costLine(ok)}`);
  writeFileSync(join(data.dir, "result-money.json"), `${JSON.stringify(result, null, 2)}\n`);
  if (o.writeDocs) {
    const path = join(ROOT, "docs", "benchmarks.md");
    const records = readMoney(readFileSync(path, "utf8")).filter((r) => r.key !== result.key);
    const all = [...records, result].sort((a, b) => a.leads - b.leads);
    writeSection(path, START, END, renderMoney(all), `bench-money-data\n${JSON.stringify(all, null, 1)}`);
    log("docs: docs/benchmarks.md money section rewritten");
  }
  return first.run.ok && mismatches.length === 0 && ok.length === pairs.length ? 0 : 1;
}

/** with ÷ without, per pair, for a measure. */
const ratios = (pairs: MoneyBench["pairs"], f: (r: MoneyRun) => number | null) =>
  pairs.flatMap((p) => {
    const [w, wo] = [f(p.with), f(p.without)];
    return w !== null && wo !== null && wo > 0 ? [w / wo] : [];
  });

/** "wall ×1.05, CPU ×1.04, peak RSS ×1.10 (medians of N pairs)". */
function costLine(pairs: MoneyBench["pairs"]): string {
  const med = (xs: number[]) => (xs.length ? `×${median(xs).toFixed(2)}` : "–");
  return `with ÷ without opportunities: wall ${med(ratios(pairs, (r) => r.wallS))}, CPU ${med(ratios(pairs, (r) => r.cpuS))}, peak RSS ${med(ratios(pairs, (r) => r.peakRssMib))} (medians of ${pairs.length} pairs)`;
}

function readMoney(doc: string): MoneyBench[] {
  const m = RECORDS.exec(doc);
  return m?.[1] ? (JSON.parse(m[1]) as MoneyBench[]) : [];
}

/** The money section's tables. */
export function renderMoney(records: MoneyBench[]): string {
  const n = (x: number) => Math.round(x).toLocaleString("en-US");
  const cell = (r: MoneyRun) =>
    r.ok
      ? `${r.wallS.toFixed(1)} s · ${r.cpuS === null ? "–" : `${r.cpuS.toFixed(1)} s`} · ${r.peakRssMib === null ? "–" : `${n(r.peakRssMib)} MiB`} · ${r.load.toFixed(1)}`
      : "failed";
  const lines: string[] = [];
  for (const r of records) {
    const ok = r.pairs.filter((p) => p.with.ok && p.without.ok);
    lines.push(
      `**${n(r.leads)} leads, ${n(r.opportunities)} opportunities** (${r.date.slice(0, 16).replace("T", " ")} UTC, commit ${r.commit}, \`${r.command}\`)`,
      "",
      `- the money audit: ${cell(r.audit)} (wall · CPU · peak RSS · load)`,
      `- DuckDB (2 threads): ${r.duckdb ? `${r.duckdb.loadS.toFixed(1)} s load + ${r.duckdb.queryS.toFixed(1)} s SQL, peak RSS ${r.duckdb.peakRssMib === null ? "–" : `${n(r.duckdb.peakRssMib)} MiB`}` : "not run"}`,
      `- figures: ${
        !r.duckdb
          ? "not compared"
          : r.mismatches.length === 0
            ? `agree (${n(r.compared)} figures, money rows included)`
            : `**${r.mismatches.length} disagree**: ${r.mismatches
                .slice(0, 5)
                .map((x) => `\`${x}\``)
                .join("; ")}`
      }`,
      `- ${ok.length ? costLine(ok) : "no pair measured"}`,
      "",
      "| pair | first | without opportunities (wall · CPU · peak RSS · load) | with opportunities |",
      "| ---: | --- | --- | --- |",
      ...r.pairs.map((p, i) => `| ${i + 1} | ${p.first} | ${cell(p.without)} | ${cell(p.with)} |`),
      "",
    );
  }
  return lines.join("\n").trimEnd();
}
