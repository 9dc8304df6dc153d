/**
 * The results section of docs/benchmarks.md: every run's record is kept (as JSON in an HTML
 * comment) between the markers, so `--write-docs` replaces the record of the run's scenario and
 * scale and redraws every table from all the records.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { markdownTable } from "../markdown-table.js";
import type { RowCounts } from "./data.js";
import type { Machine } from "./measure.js";

export const START = "<!-- bench:results:start -->";
export const END = "<!-- bench:results:end -->";
const DATA = /<!-- bench-data\n([\s\S]*?)\n-->/;

export interface Timing {
  wallS: number;
  peakRssMib: number | null;
}

export interface BenchResult {
  /** scenario-leads, e.g. funnel-1000000. */
  key: string;
  scenario: string;
  leads: number;
  seed: number;
  date: string;
  commit: string;
  /** When dist/ (what was measured) was built. */
  distBuilt?: string;
  command: string;
  machine: Machine;
  rows: RowCounts;
  totalRows: number;
  bytes: number;
  audit: Timing & { rowsPerS: number; ok: boolean; error: string | null };
  business: (Timing & { rowsPerS: number; ok: boolean }) | null;
  phases: {
    readS: number;
    tokenizeS: number;
    timestampsS: number;
    ingestRestS: number;
    replayS: number;
    metricsS: number;
    totalS: number;
  } | null;
  duckdb: {
    t1: Timing & { loadS: number; queryS: number };
    t2: Timing & { loadS: number; queryS: number };
    /** Audit wall time ÷ DuckDB (2 threads) load + query time. */
    ratio: number;
    /** The same ratio in pairs of runs side by side (--pairs), when measured. */
    paired?: number[];
    compared: number;
    mismatches: string[];
  } | null;
  /** Start-up against `node -e 0` (scripts/bench/startup.ts); absent in older results. */
  startup?: import("./startup.js").StartupResult | null;
  /** `compare` of two agreements against one audit (--compare; scripts/bench/compare.ts). */
  compare?: import("./compare.js").CompareBench;
}

const n = (x: number) => Math.round(x).toLocaleString("en-US");

/** The median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const v = [...xs].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 ? (v[mid] as number) : ((v[mid - 1] as number) + (v[mid] as number)) / 2;
}

/** The ratio a run is judged by: the median of its pairs when it has them, else its one ratio. */
const judged = (d: NonNullable<BenchResult["duckdb"]>) => (d.paired?.length ? median(d.paired) : d.ratio);
const s = (x: number) =>
  x >= 100 ? `${x.toFixed(0)} s` : x >= 10 ? `${x.toFixed(1)} s` : `${x.toFixed(2)} s`;
const mib = (x: number | null) => (x === null ? "–" : `${n(x)} MiB`);
const pct = (x: number, total: number) => `${total > 0 ? Math.round((100 * x) / total) : 0}%`;

const table = markdownTable;

const ORDER = ["funnel", "activities"];
const sorted = (results: BenchResult[]) =>
  [...results].sort((a, b) => ORDER.indexOf(a.scenario) - ORDER.indexOf(b.scenario) || a.leads - b.leads);

const label = (r: BenchResult) =>
  `${r.scenario} ${r.leads >= 1_000_000 && r.leads % 1_000_000 === 0 ? `${r.leads / 1_000_000}M` : r.leads % 1000 === 0 ? `${r.leads / 1000}k` : n(r.leads)}`;

/** The tables of the results section. */
export function renderResults(results: BenchResult[]): string {
  const list = sorted(results);
  const runs = table(
    [
      "run",
      "leads",
      "history rows",
      "activities",
      "all rows",
      "audit wall",
      "peak RSS",
      "rows/s",
      "DuckDB 1 thread",
      "DuckDB 2 threads",
      "audit ÷ DuckDB",
      "figures agree",
    ],
    [false, true, true, true, true, true, true, true, true, true, true, false],
    list.map((r) => [
      label(r),
      n(r.rows.leads),
      n(r.rows.history),
      n(r.rows.activities),
      n(r.totalRows),
      r.audit.ok ? s(r.audit.wallS) : `failed after ${s(r.audit.wallS)}`,
      mib(r.audit.peakRssMib),
      r.audit.ok ? n(r.audit.rowsPerS) : "–",
      r.duckdb ? s(r.duckdb.t1.wallS) : "–",
      r.duckdb ? s(r.duckdb.t2.wallS) : "–",
      r.duckdb && r.audit.ok
        ? r.duckdb.paired?.length
          ? `${r.duckdb.ratio.toFixed(1)} (pairs: ${judged(r.duckdb).toFixed(2)})`
          : r.duckdb.ratio.toFixed(1)
        : "–",
      !r.audit.ok
        ? "not compared"
        : r.duckdb
          ? r.duckdb.mismatches.length === 0
            ? `yes (${n(r.duckdb.compared)} figures)`
            : `**no: ${r.duckdb.mismatches.length} of ${n(r.duckdb.compared)}**`
          : "not run",
    ]),
  );
  const withPhases = list.filter((r) => r.phases !== null);
  const phases = table(
    [
      "run",
      "ingest (whole)",
      "reading",
      "tokenizing",
      "time stamps",
      "rest of ingest",
      "replay",
      "metrics",
      "in-process total",
    ],
    [false, true, true, true, true, true, true, true, true],
    withPhases.map((r) => {
      const p = r.phases as NonNullable<BenchResult["phases"]>;
      const cell = (x: number) => `${s(x)} (${pct(x, p.totalS)})`;
      return [
        label(r),
        cell(p.totalS - p.replayS - p.metricsS),
        cell(p.readS),
        cell(p.tokenizeS),
        cell(p.timestampsS),
        cell(p.ingestRestS),
        cell(p.replayS),
        cell(p.metricsS),
        s(p.totalS),
      ];
    }),
  );
  const withDuck = list.filter((r) => r.duckdb !== null);
  const compared = withDuck.filter((r) => r.audit.ok);
  const duck = table(
    ["run", "threads", "load CSV", "replay + metrics SQL", "total (in process)", "process wall", "peak RSS"],
    [false, true, true, true, true, true, true],
    withDuck.flatMap((r) => {
      const d = r.duckdb as NonNullable<BenchResult["duckdb"]>;
      return [1, 2].map((t) => {
        const x = t === 1 ? d.t1 : d.t2;
        return [
          label(r),
          String(t),
          s(x.loadS),
          s(x.queryS),
          s(x.loadS + x.queryS),
          s(x.wallS),
          mib(x.peakRssMib),
        ];
      });
    }),
  );
  const business = list.filter((r) => r.business !== null);
  const businessTable = table(
    ["run", "audit wall", "peak RSS", "rows/s", "vs calendar-time audit"],
    [false, true, true, true, true],
    business.map((r) => {
      const b = r.business as NonNullable<BenchResult["business"]>;
      return [
        label(r),
        b.ok ? s(b.wallS) : "failed",
        mib(b.peakRssMib),
        b.ok ? n(b.rowsPerS) : "–",
        r.audit.ok && b.ok ? `${(b.wallS / r.audit.wallS).toFixed(2)}×` : "–",
      ];
    }),
  );
  const find = (key: string) => list.find((r) => r.key === key);
  const big = find("funnel-1000000");
  const dense = find("activities-100000");
  const status = (measured: boolean, ok: boolean) =>
    !measured ? "not measured yet" : ok ? "pass" : "**FAIL**";
  const ratioOk = !!big?.duckdb && big.audit.ok && judged(big.duckdb) <= 1;
  const targets = table(
    ["target", "measured", "status"],
    [false, false, false],
    [
      [
        "funnel 1M: audit time ÷ DuckDB time (2 threads) ≤ 1.0",
        big?.duckdb && big.audit.ok
          ? big.duckdb.paired?.length
            ? `${judged(big.duckdb).toFixed(2)}, the median of ${big.duckdb.paired.length} pairs side by side (${big.duckdb.paired.map((x) => x.toFixed(2)).join(", ")}); the fastest of each alone: ${big.duckdb.ratio.toFixed(2)}`
            : `${big.duckdb.ratio.toFixed(2)} (${s(big.audit.wallS)} ÷ ${s(big.duckdb.t2.loadS + big.duckdb.t2.queryS)})`
          : "–",
        status(!!big?.duckdb, ratioOk),
      ],
      [
        "funnel 1M: peak RSS ≤ 1 GiB",
        big ? mib(big.audit.peakRssMib) : "–",
        status(
          !!big && big.audit.peakRssMib !== null,
          !!big?.audit.ok && (big.audit.peakRssMib ?? Infinity) <= 1024,
        ),
      ],
      [
        "activities (100k leads, 10M activities): peak RSS ≤ 300 MiB",
        dense ? mib(dense.audit.peakRssMib) : "–",
        status(
          !!dense && dense.audit.peakRssMib !== null,
          !!dense?.audit.ok && (dense.audit.peakRssMib ?? Infinity) <= 300,
        ),
      ],
      [
        "every run: DuckDB's figures equal the audit's",
        compared.length
          ? `${compared.filter((r) => r.duckdb?.mismatches.length === 0).length} of ${compared.length} compared runs agree`
          : "–",
        status(
          compared.length > 0,
          compared.every((r) => r.duckdb?.mismatches.length === 0),
        ),
      ],
    ],
  );
  const latest = [...list].sort((a, b) => (a.date < b.date ? 1 : -1))[0];
  const m = latest?.machine;
  const machineText = m
    ? [
        `- CPU: ${m.cpu}, ${m.cores} cores`,
        `- memory: ${m.memoryGib} GiB`,
        `- OS: ${m.os}`,
        `- Node ${m.node}; DuckDB ${m.duckdb ?? "–"} (@duckdb/node-api)`,
        `- peak RSS measured with ${m.rssBy}`,
      ].join("\n")
    : "";
  const provenance = table(
    ["run", "date (UTC)", "commit", "dist/ built", "command"],
    [false, false, false, false, false],
    list.map((r) => [
      label(r),
      r.date.slice(0, 16).replace("T", " "),
      r.commit,
      r.distBuilt ? r.distBuilt.replace(/(\d{4}-\d\d-\d\d)T(\d\d:\d\d)[^ ]*/g, "$1 $2") : "–",
      `\`${r.command}\``,
    ]),
  );
  const failures = list.filter((r) => !r.audit.ok).map((r) => `- ${label(r)}: ${r.audit.error ?? "failed"}`);
  const mismatches = list
    .filter((r) => r.duckdb && r.duckdb.mismatches.length > 0)
    .map(
      (r) =>
        `- ${label(r)}: ${(r.duckdb as NonNullable<BenchResult["duckdb"]>).mismatches
          .slice(0, 10)
          .map((x) => `\`${x}\``)
          .join("; ")}`,
    );
  return [
    "### Machine (latest run)",
    "",
    machineText,
    "",
    "### Runs",
    "",
    runs,
    "",
    "`audit wall` and `peak RSS` are those of `node bin/funnel-audit.js audit --format json --out …` in a child process;",
    "`rows/s` is every data row of the input files ÷ that wall time; `audit ÷ DuckDB` divides it by DuckDB's",
    "load + SQL time with 2 threads (in process, without Node's start-up). `pairs` (with `--pairs N`) is the median",
    "of that ratio over N runs of the audit and DuckDB side by side: the machine's speed drifts over minutes, so",
    "runs next to each other compare more fairly than the fastest of each taken minutes apart.",
    "",
    "### Where the audit's time goes",
    "",
    "Measured in-process, one phase after the other, in a separate process from the timed audit (shares of the",
    "in-process total). `tokenizing` excludes `reading`, and `time stamps` is timed apart from both; `rest of ingest`",
    "is `readDataset` minus those three (typing rows, checks, findings, sorting), shown as 0 when the parts timed",
    "apart add up to more than the whole (ingest need not tokenize the way a separate pass does, and the machine is",
    "shared); `metrics` is `computeAudit` minus `replayAll`. The phases run with the heap the audit gets from",
    'bin/funnel-audit.js, and on one thread (`workers: "never"`): they are the work, while the timed audit reads',
    "the stage history, owner history and activities in worker threads beside the leads.",
    "",
    withPhases.length ? phases : "(not measured)",
    "",
    "### DuckDB",
    "",
    withDuck.length ? duck : "(not run)",
    "",
    ...(business.length
      ? [
          "### Business-hours audit (sla.example.yaml's structure: `1bd`, `4bh`, `5bd`; no DuckDB comparison)",
          "",
          businessTable,
          "",
        ]
      : []),
    "### Targets",
    "",
    targets,
    "",
    ...(failures.length ? ["### Failed runs", "", ...failures, ""] : []),
    ...(mismatches.length ? ["### Disagreements", "", ...mismatches, ""] : []),
    "### Provenance",
    "",
    provenance,
  ].join("\n");
}

/** The records kept in the document. */
export function readResults(doc: string): BenchResult[] {
  const m = DATA.exec(doc);
  return m?.[1] ? (JSON.parse(m[1]) as BenchResult[]) : [];
}

/** Replaces this run's record (same key) and redraws the section between the markers. */
export function writeResults(path: string, result: BenchResult): void {
  const doc = readFileSync(path, "utf8");
  const results = [...readResults(doc).filter((r) => r.key !== result.key), result];
  writeSection(
    path,
    START,
    END,
    renderResults(results),
    `bench-data\n${JSON.stringify(sorted(results), null, 1)}`,
  );
}

/** Rewrites the part of a document between two markers: a note, the text, then the records in a comment. */
export function writeSection(path: string, start: string, end: string, text: string, records: string): void {
  const doc = readFileSync(path, "utf8");
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${path}: the markers ${start} … ${end} are missing`);
  const body = [
    start,
    "<!-- Written by `npm run bench -- --write-docs`; edit scripts/bench/, not this section. -->",
    "",
    text,
    "",
    `<!-- ${records}\n-->`,
    end,
  ].join("\n");
  writeFileSync(path, doc.slice(0, from) + body + doc.slice(to + end.length));
}
