/**
 * The bench's data sets: the acme generator (scripts/generate-examples.ts) at a scale and density,
 * written under .bench/ with the bench SLA beside it, and reused while its parameters (and the
 * generator's source) are unchanged.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const ROOT = new URL("../../", import.meta.url).pathname.replace(/\/$/, "");

export type ScenarioName = "funnel" | "activities";

/** What a scenario generates: leads, and the extra rows per lead on top of the example's density. */
export interface Scenario {
  name: ScenarioName;
  leads: number;
  seed: number;
  /** Re-logged statuses per lead (the example has about 1.8 history rows per lead; +2.35 gives 4). */
  extraHistory: number;
  /** Extra touches per lead (the example has about 1.0 activities per lead; +2.15 gives 3, +104.7 gives 100). */
  extraTouches: number;
  /** Extra engagements per lead (the example has about 5.5 per lead; +4.5 gives 10). */
  extraEngagements: number;
}

export const DEFAULT_SEED = 20260501;

/**
 * The scenarios: funnel (4 history rows, 3 activities and 10 engagements per lead), activities
 * (100 activities per lead).
 */
export function scenario(name: ScenarioName, leads?: number, seed = DEFAULT_SEED): Scenario {
  if (name === "funnel")
    return {
      name,
      leads: leads ?? 1_000_000,
      seed,
      extraHistory: 2.35,
      extraTouches: 2.15,
      extraEngagements: 4.5,
    };
  return {
    name,
    leads: leads ?? 100_000,
    seed,
    extraHistory: 2.35,
    extraTouches: 104.7,
    extraEngagements: 0,
  };
}

/** Rows written per file, as the generator reports them. */
export interface RowCounts {
  leads: number;
  history: number;
  activities: number;
  owners: number;
  reps: number;
  engagements: number;
  /** Opportunity.csv (read only by the money SLA; absent in records made before it). */
  opportunities?: number;
}

export interface DataSet {
  dir: string;
  /** The bench SLA (calendar-time windows) beside the data. */
  sla: string;
  /** The example's SLA structure (business hours) beside the data. */
  businessSla: string;
  /** The bench SLA reading the opportunities too (`money:`; issue 21). */
  moneySla: string;
  rows: RowCounts;
  bytes: number;
  /** Seconds spent generating now; null when reused. */
  generatedSeconds: number | null;
}

/** A hash of the generator's source: data made by another generator is made again. */
function generatorHash(): string {
  const h = createHash("sha256");
  const dir = join(ROOT, "scripts", "generate");
  for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  h.update(readFileSync(join(ROOT, "scripts", "generate-examples.ts")));
  return h.digest("hex").slice(0, 16);
}

const fmtExtra = (x: number) => String(x).replace(".", "_");

/** The folder of a scenario's data under `base`. */
export function dataDir(base: string, s: Scenario): string {
  return join(
    base,
    `${s.name}-${s.leads}-seed${s.seed}-h${fmtExtra(s.extraHistory)}-t${fmtExtra(s.extraTouches)}-e${fmtExtra(s.extraEngagements)}`,
  );
}

/** The money SLA: the bench SLA with one more source (its last key is `sources:`) and `money:`. */
export function moneySlaText(): string {
  const template = readFileSync(join(ROOT, "scripts", "bench", "sla.template.yaml"), "utf8");
  const money = readFileSync(join(ROOT, "scripts", "bench", "sla-money.template.yaml"), "utf8");
  return `${template.trimEnd()}\n${money}`;
}

/** Writes the SLA files beside the data (always: they are small, and the templates may change). */
function writeSlas(dir: string): { sla: string; businessSla: string; moneySla: string } {
  const sla = join(dir, "sla.yaml");
  writeFileSync(sla, readFileSync(join(ROOT, "scripts", "bench", "sla.template.yaml"), "utf8"));
  const moneySla = join(dir, "sla-money.yaml");
  writeFileSync(moneySla, moneySlaText());
  // The business-hours SLA is the example's own, pointed at these files.
  const example = readFileSync(join(ROOT, "sla.example.yaml"), "utf8")
    .replace(/^# yaml-language-server:.*\n/m, "")
    .replaceAll("file: examples/acme/", "file: ")
    .replace(/^(\s*rates:\s*)examples\/acme\//m, "$1");
  const businessSla = join(dir, "sla-business.yaml");
  writeFileSync(businessSla, example);
  return { sla, businessSla, moneySla };
}

/** Generates the scenario's data under `base` (default .bench/), or reuses it when it matches. */
export function ensureData(s: Scenario, base = join(ROOT, ".bench"), log = console.error): DataSet {
  const dir = dataDir(base, s);
  const params = { ...s, generator: generatorHash() };
  const paramsFile = join(dir, "params.json");
  const files = [
    "leads.csv",
    "stage_history.csv",
    "activities.csv",
    "owner_history.csv",
    "reps.csv",
    "engagements.csv",
    "competitors.csv",
  ];
  // The money SLA's inputs: required, but not in `bytes` (the bench SLA's inputs).
  const moneyFiles = ["Opportunity.csv", "rates.csv"];
  const bytesOf = () =>
    files.reduce((n, f) => n + (existsSync(join(dir, f)) ? statSync(join(dir, f)).size : 0), 0);
  if (existsSync(paramsFile)) {
    const saved = JSON.parse(readFileSync(paramsFile, "utf8")) as typeof params & {
      rows: RowCounts;
      bytes: number;
    };
    const same = (Object.keys(params) as (keyof typeof params)[]).every((k) => saved[k] === params[k]);
    if (same && [...files, ...moneyFiles].every((f) => existsSync(join(dir, f)))) {
      log(`data: reusing ${dir}`);
      // Data generated before the bench counted opportunities (the generator wrote them already).
      const rows = {
        ...saved.rows,
        opportunities: saved.rows.opportunities ?? dataRows(join(dir, "Opportunity.csv")),
      };
      return { dir, ...writeSlas(dir), rows, bytes: saved.bytes, generatedSeconds: null };
    }
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  log(`data: generating ${s.leads.toLocaleString("en-US")} leads (${s.name}) into ${dir} …`);
  const t = performance.now();
  const args = [
    "--import",
    "tsx",
    join(ROOT, "scripts", "generate-examples.ts"),
    "--leads",
    String(s.leads),
    "--seed",
    String(s.seed),
    "--out",
    dir,
    "--extra-history",
    String(s.extraHistory),
    "--extra-touches",
    String(s.extraTouches),
    "--extra-engagements",
    String(s.extraEngagements),
  ];
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  if (r.status !== 0) throw new Error(`the generator failed (exit ${r.status}): ${r.stdout}`);
  const seconds = (performance.now() - t) / 1000;
  // "Wrote DIR: 100100 leads, 399668 history, 298854 activities, 34423 owners, 8 reps"
  const count = (what: string) => Number(new RegExp(`(\\d+) ${what}\\b`).exec(r.stdout)?.[1] ?? Number.NaN);
  const rows: RowCounts = {
    leads: count("leads"),
    history: count("history"),
    activities: count("activities"),
    owners: count("owners"),
    reps: count("reps"),
    engagements: count("engagements"),
    opportunities: count("opportunities"),
  };
  const bytes = bytesOf();
  writeFileSync(paramsFile, `${JSON.stringify({ ...params, rows, bytes, seconds }, null, 2)}\n`);
  log(`data: ${seconds.toFixed(1)} s, ${JSON.stringify(rows)}`);
  return { dir, ...writeSlas(dir), rows, bytes, generatedSeconds: seconds };
}

/** Every data row of the bench SLA's inputs (headers excluded; the money SLA's opportunities apart). */
export const totalRows = (r: RowCounts): number =>
  r.leads + r.history + r.activities + r.owners + r.reps + (r.engagements ?? 0);

/** The data rows of a generated CSV file (one line per row: the generator quotes no line breaks). */
function dataRows(file: string): number {
  const buf = readFileSync(file);
  let n = 0;
  for (let i = buf.indexOf(10); i !== -1; i = buf.indexOf(10, i + 1)) n++;
  return Math.max(0, n - 1);
}
