/**
 * Fuzzer (issue 7): seeded random corruptions of a valid input set, each audited in-process.
 *
 *   npm run fuzz -- [--runs 10000] [--seed 1] [--timeout 10000] [--workers 2] [--keep]
 *
 * (`--workers` is the fuzzer's own threads; FUNNEL_AUDIT_WORKERS=always in the environment makes
 * each audit read its history and activities in reading workers, as large files are.)
 *
 * The valid set is the head of examples/acme (the first 200 leads and their history, activities,
 * owner changes, engagements and opportunities, every rep, competitor and rate) with sla.example.yaml pointing at it.
 * Each run copies it to a temporary folder, applies 1–3 corruptions to one or two files (byte
 * flips, truncation, deleted/duplicated/swapped lines, quotes, delimiters, NULs, invalid UTF-8, a
 * huge cell, odd dates, header damage, line-ending changes, SLA YAML mutations) and runs a command through
 * main() with a fake Io, in a worker thread that is terminated when the run exceeds its time
 * limit. Each run is classified:
 *
 *   ok        exit 0 or 1 (the audit ran)
 *   error     exit 2 with a message naming a file (bad SLA file or unreadable input)
 *   unexplained  exit 2 naming no file
 *   crash     internal/unexpected error, a stack trace, a worker failure, or an exit not in {0,1,2}
 *   hang      no answer within the time limit
 *
 * Exits 1 when any run is a crash, hang or unexplained, printing each one's seed, the corrupted
 * folder (kept) and the command that reproduces it. Prints counts per class and runs per second.
 */

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

const repo = resolve(fileURLToPath(import.meta.url), "..", "..");

export type Kind = "ok" | "error" | "unexplained" | "crash" | "hang" | "miscount" | "leak" | "blowup";
/** The kinds that fail a campaign. */
export const FAILING: readonly Kind[] = ["unexplained", "crash", "hang", "miscount", "leak", "blowup"];
export interface FuzzOptions {
  runs?: number;
  seed?: number;
  timeoutMs?: number;
  workers?: number;
  keep?: boolean;
  quiet?: boolean;
  /** Largest "huge cell" (default 1 MB); CI uses less, see docs/fuzz.md for why. */
  hugeCellBytes?: number;
  /** The relations to check (default RELATIONS) and the share of runs that check one (0.15). */
  relations?: Record<string, Relation>;
  relationShare?: number;
}
export interface Failure {
  run: number;
  seed: number;
  kind: Kind;
  dir: string;
  args: string[];
  mutations: string[];
  stderr: string;
}
export interface FuzzResult {
  runs: number;
  seed: number;
  counts: Partial<Record<Kind, number>>;
  /** How many runs checked each relation. */
  relationRuns: Record<string, number>;
  seconds: number;
  failures: Failure[];
}

// ---------------------------------------------------------------- seeded randomness

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Rng {
  next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** The seed of run i of a campaign: each run is reproducible alone. */
export function runSeed(seed: number, run: number): number {
  let h = (Math.imul(seed, 0x9e3779b1) + run) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

// ---------------------------------------------------------------- the valid input set

type Files = Record<string, Buffer>;

function csvLeadId(line: string): string {
  return line.slice(0, line.indexOf(","));
}

/** The first 200 leads of examples/acme and every row that belongs to them; the SLA points here. */
export function baseInputs(leadCount = 200): Files {
  const acme = join(repo, "examples", "acme");
  const read = (f: string) => readFileSync(join(acme, f), "utf8");
  const leadLines = read("leads.csv").split("\n").filter(Boolean);
  const head = leadLines.slice(0, leadCount + 1);
  const ids = new Set(head.slice(1).map(csvLeadId));
  const byLead = (f: string, col: number) => {
    const lines = read(f).split("\n").filter(Boolean);
    return `${[lines[0], ...lines.slice(1).filter((l) => ids.has(l.split(",")[col] ?? ""))].join("\n")}\n`;
  };
  const sla = readFileSync(join(repo, "sla.example.yaml"), "utf8").replaceAll("examples/acme/", "");
  return {
    "sla.yaml": Buffer.from(sla),
    "leads.csv": Buffer.from(`${head.join("\n")}\n`),
    "stage_history.csv": Buffer.from(byLead("stage_history.csv", 0)),
    "activities.csv": Buffer.from(byLead("activities.csv", 1)),
    "owner_history.csv": Buffer.from(byLead("owner_history.csv", 0)),
    "reps.csv": Buffer.from(read("reps.csv")),
    "engagements.csv": Buffer.from(byLead("engagements.csv", 1)),
    "competitors.csv": Buffer.from(read("competitors.csv")),
    "Opportunity.csv": Buffer.from(byLead("Opportunity.csv", 2)),
    "rates.csv": Buffer.from(read("rates.csv")),
  };
}

// ---------------------------------------------------------------- corruptions

const DATES = [
  "0001-01-01",
  "0001-01-01T00:00:00Z",
  "9999-12-31T23:59:59",
  "9999-12-31 23:59:59.999",
  "+275760-09-13T00:00:00Z",
  "-000001-01-01",
  "2026-02-30",
  "2026-13-01 10:00",
  "2026-03-08T02:30:00",
  "2026-11-01 01:30",
  "1970-01-01T00:00:00Z",
  "2026-05-04T09:30:00+25:00",
  "2026-05-04T24:00:00",
  "5/4/2026",
  "4/15/2021 9:15 AM",
  "NaN",
  "",
  "0000-00-00 00:00:00",
  "2026-05-04T09:30:00.123456789Z",
  "１２３",
  "2026-W19",
  "1e21",
  "2019-03-04T10:00:00Z",
  "2031-06-01 09:00",
];
const CELLS = [
  "",
  '"',
  '""',
  "=cmd|' /C calc'!A0",
  "<script>alert(1)</script>",
  "\u202e",
  "\uFEFF",
  "\x1b]0;pwned\x07",
  "Co\x1b[2J\x1b[Hrp",
  "\u2066x\u2069",
  "\u0007\u0008\u009b31m",
  "＝1+1",
  "＠SUM(A1)",
  "null",
  "undefined",
  "__proto__",
  "constructor",
  "-1",
  "1e309",
  "Marketing Qualified",
  "Closed Won",
  "Recycled",
  "L-000001",
  "Ünïcödé 🚀",
  "a".repeat(5000),
];
const YAML_VALUES = [
  "-1",
  "0",
  "1e309",
  "''",
  "null",
  "~",
  "[]",
  "{}",
  "&x",
  "*x",
  "!!binary AAAA",
  "!!js/function 'x'",
  "9999999bd",
  "0bh",
  "true",
  "[mql, mql]",
  "inquiry",
  "Europe/Nowhere",
  `"${"z".repeat(10000)}"`,
  "<<: *x",
  "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]",
];

type Mutation = (b: Buffer, r: Rng) => Buffer;

let hugeCellBytes = 1024 * 1024;

const splitLines = (b: Buffer) => b.toString("latin1").split("\n");
const joinLines = (ls: string[]) => Buffer.from(ls.join("\n"), "latin1");
const insertAt = (b: Buffer, at: number, s: Buffer | string) =>
  Buffer.concat([b.subarray(0, at), typeof s === "string" ? Buffer.from(s) : s, b.subarray(at)]);

const CSV_MUTATIONS: Record<string, Mutation> = {
  byteFlip: (b, r) => {
    const c = Buffer.from(b);
    for (let i = 0, n = 1 + r.int(8); i < n && c.length > 0; i++) c[r.int(c.length)] = r.int(256);
    return c;
  },
  truncate: (b, r) => b.subarray(0, r.int(b.length + 1)),
  deleteLine: (b, r) => {
    const ls = splitLines(b);
    ls.splice(r.int(ls.length), 1 + r.int(3));
    return joinLines(ls);
  },
  duplicateLine: (b, r) => {
    const ls = splitLines(b);
    const i = r.int(ls.length);
    ls.splice(r.int(ls.length), 0, ls[i] ?? "");
    return joinLines(ls);
  },
  swapLines: (b, r) => {
    const ls = splitLines(b);
    const i = r.int(ls.length);
    const j = r.int(ls.length);
    [ls[i], ls[j]] = [ls[j] ?? "", ls[i] ?? ""];
    return joinLines(ls);
  },
  quote: (b, r) => insertAt(b, r.int(b.length + 1), r.pick(['"', '""', '"x"', "'"])),
  delimiter: (b, r) => insertAt(b, r.int(b.length + 1), r.pick([",", ";", "\t", "|", ",,,,"])),
  nul: (b, r) => insertAt(b, r.int(b.length + 1), Buffer.from([0])),
  invalidUtf8: (b, r) =>
    insertAt(
      b,
      r.int(b.length + 1),
      Buffer.from(
        r.pick([[0xff], [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf0, 0x28, 0x8c], [0xfe, 0xff], [0xe9]]),
      ),
    ),
  hugeCell: (b, r) => {
    const ls = splitLines(b);
    const i = 1 + r.int(Math.max(1, ls.length - 1));
    const cells = (ls[i] ?? "").split(",");
    cells[r.int(cells.length)] = r
      .pick(["x", '"x', "é"])
      .repeat(Math.ceil(((1 + r.int(4)) * hugeCellBytes) / 4));
    ls[i] = cells.join(",");
    return joinLines(ls);
  },
  cell: (b, r) => {
    const ls = splitLines(b);
    const i = 1 + r.int(Math.max(1, ls.length - 1));
    const cells = (ls[i] ?? "").split(",");
    const v = r.pick(CELLS);
    cells[r.int(cells.length)] = /[",\n]/.test(v) && r.chance(0.5) ? `"${v.replaceAll('"', '""')}"` : v;
    ls[i] = cells.join(",");
    return Buffer.concat([
      joinLines(ls.slice(0, i)),
      Buffer.from("\n"),
      Buffer.from(ls[i] ?? ""),
      Buffer.from("\n"),
      joinLines(ls.slice(i + 1)),
    ]);
  },
  date: (b, r) => {
    const s = b.toString("latin1");
    const re = /\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d)?Z?/g;
    const hits = [...s.matchAll(re)];
    if (hits.length === 0) return b;
    let out = s;
    for (let n = 1 + r.int(5); n > 0; n--) {
      const h = hits[r.int(hits.length)];
      if (!h || h.index === undefined) continue;
      const d = r.pick(DATES);
      out =
        out.slice(0, h.index) +
        d.padEnd(h[0].length, " ").slice(0, Math.max(d.length, h[0].length)) +
        out.slice(h.index + h[0].length);
    }
    return Buffer.from(out, "latin1");
  },
  header: (b, r) => {
    const ls = splitLines(b);
    const cols = (ls[0] ?? "").split(",");
    const i = r.int(cols.length);
    switch (r.int(8)) {
      case 0:
        cols.splice(i, 1);
        break;
      case 1:
        cols.splice(i, 0, cols[i] ?? "");
        break;
      case 2:
        cols[i] = (cols[i] ?? "").toUpperCase();
        break;
      case 3:
        cols[i] = ` ${cols[i] ?? ""} `;
        break;
      case 4:
        cols[i] = `${cols[i] ?? ""}x`;
        break;
      case 5:
        cols[i] = "";
        break;
      case 6:
        cols[i] = `${cols[i] ?? ""}\x1b]0;title\x07\u202e`;
        break;
      default:
        return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), b]);
    }
    ls[0] = cols.join(",");
    return joinLines(ls);
  },
  lineEndings: (b, r) => {
    const mode = r.pick(["\r\n", "\r", "mixed"]);
    const s = b.toString("latin1");
    if (mode !== "mixed") return Buffer.from(s.replaceAll("\n", mode), "latin1");
    return Buffer.from(
      s.replace(/\n/g, () => r.pick(["\n", "\r\n", "\r"])),
      "latin1",
    );
  },
  concatSelf: (b, r) => {
    // Two overlapping exports concatenated: the second keeps its header or not.
    const ls = splitLines(b).filter((l) => l !== "");
    const second = r.chance(0.5) ? ls : ls.slice(1);
    return joinLines([...ls, ...second, ""]);
  },
  empty: () => Buffer.alloc(0),
  headerOnly: (b) => Buffer.from(`${splitLines(b)[0] ?? ""}\n`, "latin1"),
};

const SLA_MUTATIONS: Record<string, Mutation> = {
  byteFlip: CSV_MUTATIONS.byteFlip as Mutation,
  truncate: CSV_MUTATIONS.truncate as Mutation,
  deleteLine: CSV_MUTATIONS.deleteLine as Mutation,
  duplicateLine: CSV_MUTATIONS.duplicateLine as Mutation,
  swapLines: CSV_MUTATIONS.swapLines as Mutation,
  quote: CSV_MUTATIONS.quote as Mutation,
  invalidUtf8: CSV_MUTATIONS.invalidUtf8 as Mutation,
  nul: CSV_MUTATIONS.nul as Mutation,
  value: (b, r) => {
    const ls = splitLines(b);
    const candidates = ls
      .map((l, i) => [l, i] as const)
      .filter(([l]) => /:\s*\S/.test(l) && !/^\s*#/.test(l));
    if (candidates.length === 0) return b;
    const [line, i] = r.pick(candidates);
    ls[i] = line.replace(/:\s*\S.*$/, `: ${r.pick(YAML_VALUES)}`);
    return joinLines(ls);
  },
  indent: (b, r) => {
    const ls = splitLines(b);
    const i = r.int(ls.length);
    ls[i] = r.chance(0.5) ? ` ${ls[i]}` : (ls[i] ?? "").replace(/^ {1,2}/, "");
    return joinLines(ls);
  },
  key: (b, r) => {
    const ls = splitLines(b);
    const i = r.int(ls.length);
    ls[i] = (ls[i] ?? "").replace(
      /^(\s*-?\s*)([a-z_]+)(?=:)/,
      (_, p, k: string) => p + (r.chance(0.5) ? k.slice(1) : `${k}s`),
    );
    return joinLines(ls);
  },
  aliasBomb: (b) => {
    const lines = ['lol0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++)
      lines.push(
        `lol${i}: &a${i} [${Array(9)
          .fill(`*a${i - 1}`)
          .join(",")}]`,
      );
    return Buffer.concat([b, Buffer.from(`\n${lines.join("\n")}\n`)]);
  },
  deepNesting: (b, r) => {
    const n = r.pick([100, 1000, 5000, 20000]);
    return Buffer.concat([b, Buffer.from(`\nname: ${"[".repeat(n)}${"]".repeat(n)}\n`)]);
  },
  tab: (b, r) => insertAt(b, r.int(b.length + 1), "\t"),
};

/** Applies 1–3 seeded corruptions to one or two files of a copy of the valid set. */
export function corrupt(base: Files, r: Rng): { files: Files; mutations: string[] } {
  const files: Files = { ...base };
  const mutations: string[] = [];
  const names = Object.keys(base);
  const targets = r.chance(0.3) ? [r.pick(names), r.pick(names)] : [r.pick(names)];
  for (const file of targets) {
    const table = file === "sla.yaml" ? SLA_MUTATIONS : CSV_MUTATIONS;
    for (let n = 1 + r.int(3); n > 0; n--) {
      const name = r.pick(Object.keys(table));
      files[file] = (table[name] as Mutation)(files[file] as Buffer, r);
      mutations.push(`${file}:${name}`);
    }
  }
  return { files, mutations };
}

// ---------------------------------------------------------------- relations

/**
 * A relation run changes the valid set in a way that must not change the figures (shuffled rows,
 * an overlapping export concatenated, one time stamp far from the rest) or runs it with --redact,
 * and compares the answer with the valid set's: a difference is a `miscount`, a value of the
 * inputs left in a redacted report a `leak`.
 */
export interface Relation {
  make: (base: Files, r: Rng) => Files;
  redact?: boolean;
}

const DATA_FILES = ["leads.csv", "stage_history.csv", "activities.csv", "owner_history.csv"];

function shuffled(b: Buffer, r: Rng): Buffer {
  const [head = "", ...rows] = splitLines(b).filter((l) => l !== "");
  for (let i = rows.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [rows[i], rows[j]] = [rows[j] as string, rows[i] as string];
  }
  return joinLines([head, ...rows, ""]);
}

export const RELATIONS: Record<string, Relation> = {
  shuffle: {
    make: (base, r) => {
      const files = { ...base };
      for (const f of DATA_FILES) files[f] = shuffled(base[f] as Buffer, r);
      return files;
    },
  },
  overlappingHistory: {
    make: (base, r) => ({
      ...base,
      "stage_history.csv": (CSV_MUTATIONS.concatSelf as Mutation)(base["stage_history.csv"] as Buffer, r),
    }),
  },
  outlierActivity: {
    make: (base, r) => {
      const ls = splitLines(base["activities.csv"] as Buffer).filter((l) => l !== "");
      const row = (ls[1 + r.int(ls.length - 1)] ?? "").split(",");
      row[0] = "A-FUZZ-1";
      row[5] = r.pick(["2019-03-04 10:00:00", "2031-06-01 09:00:00", "1995-01-02 08:00:00"]);
      return { ...base, "activities.csv": joinLines([...ls, row.join(","), ""]) };
    },
  },
  redact: { make: (base) => base, redact: true },
};

/** The parts of the JSON report that are figures (what a relation must leave unchanged). */
export function figures(json: string): string | undefined {
  try {
    const j = JSON.parse(json) as Record<string, unknown>;
    const leads = (j.coverage as { leads?: { used?: number } } | undefined)?.leads?.used;
    return JSON.stringify([j.as_of, j.period, leads, j.conversion, j.latency, j.compliance, j.commitments]);
  } catch {
    return undefined;
  }
}

/** Every e-mail, person and company of the valid set: none may be left in a redacted report. */
export function sensitiveValues(base: Files): string[] {
  const values = new Set<string>();
  const [head = "", ...rows] = splitLines(base["leads.csv"] as Buffer).filter((l) => l !== "");
  const col = (name: string) => head.split(",").indexOf(name);
  const [first, last, email, company] = ["first_name", "last_name", "email", "company"].map(col);
  for (const row of rows) {
    const c = row.split(",");
    values.add(`${c[first as number]} ${c[last as number]}`);
    values.add(c[email as number] ?? "");
    values.add(c[company as number] ?? "");
  }
  for (const row of splitLines(base["reps.csv"] as Buffer).slice(1)) {
    const [rep, , , mail] = row.split(",");
    values.add(rep ?? "");
    values.add(mail ?? "");
  }
  // Short or generic values (a company called "Acme") could appear in any text.
  return [...values].filter((v) => v.length >= 8);
}

/** A command of every kind that prints the inputs' values, with --redact. */
function redactedCommand(r: Rng, sla: string): string[] {
  const by = r.chance(0.5) ? ["--by", r.pick(["company", "owner", "campaign", "title"])] : [];
  const format = ["--format", r.pick(["json", "md", "html", "table"])];
  switch (r.int(3)) {
    case 0:
      return ["trace", r.pick(["L-000002", "L-000042", "L-000150"]), "--sla", sla, "--redact"];
    case 1:
      return ["quality", "--sla", sla, "--redact", ...format];
    default:
      return ["audit", "--sla", sla, "--redact", ...format, ...by];
  }
}

const MAX_OUTPUT = 16 * 1024 * 1024;
// Raw terminal controls and bidi overrides: from the data they must be filtered on every stream
// (JSON escapes them as \u001b, which is harmless). NO_COLOR=1, so the tool writes none itself.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u001b\u009b\u202a-\u202e\u2066-\u2069]/;

/** Checks every answer that ran: output bounded, no raw controls, every JSON row counted. */
export function inspect(a: Answer, args: readonly string[]): Kind | undefined {
  if (a.stdoutBytes > MAX_OUTPUT) return "blowup";
  if (CONTROL.test(a.stdout) || CONTROL.test(a.stderr)) return "leak";
  if (args.includes("json") && (a.code === 0 || a.code === 1) && a.stdout.length === a.stdoutBytes) {
    try {
      const j = JSON.parse(a.stdout) as { coverage?: { leads?: { unaccounted?: number } } };
      if ((j.coverage?.leads?.unaccounted ?? 0) !== 0) return "miscount";
    } catch {
      return "crash";
    }
  }
  return undefined;
}

function commandFor(r: Rng, sla: string): string[] {
  const roll = r.int(20);
  if (roll < 12) return ["audit", "--sla", sla, "--format", "json"];
  if (roll < 13) return ["audit", "--sla", sla];
  if (roll < 14)
    return [
      "audit",
      "--sla",
      sla,
      ...r.pick([
        ["--to", "9999-12-31"],
        ["--as-of", "9999-12-31"],
        ["--from", "0001-01-01"],
        ["--from", "1900-01-01", "--to", "2200-01-01"],
      ]),
      ...r.pick([
        ["--format", "json"],
        ["--format", "table"],
        ["--format", "html"],
        ["--format", "md"],
        ["--format", "csv", "--out", `${dirname(sla)}/tables/`],
      ]),
    ];
  if (roll < 15) return ["audit", "--sla", sla, "--format", r.pick(["md", "html"])];
  if (roll < 16) return ["validate", "--sla", sla];
  if (roll < 17) return ["quality", "--sla", sla];
  if (roll < 18) return ["trace", r.pick(["L-000002", "L-000042", "L-000150"]), "--sla", sla];
  if (roll < 19) return ["latency", "--sla", sla, "--check"];
  return ["conversion", "--sla", sla, "--by", r.pick(["source", "owner", "country"])];
}

// ---------------------------------------------------------------- running

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  const { register } = await import("tsx/esm/api");
  register();
  const { main } = await import(workerData.main);
  const { fakeIo } = await import(workerData.io);
  parentPort.on("message", async ({ args, env }) => {
    const run = fakeIo({ NO_COLOR: "1", ...workerData.env, ...env });
    let code;
    try {
      code = await main(args, run.io);
    } catch (err) {
      code = "threw";
      run.io.stderr.write("main() threw: " + (err && err.stack ? err.stack : String(err)));
    }
    const stdout = run.stdout();
    parentPort.postMessage({
      code,
      stderr: run.stderr().slice(0, 20000),
      stdout: stdout.length <= 4 * 1024 * 1024 ? stdout : stdout.slice(0, 4 * 1024 * 1024),
      stdoutBytes: stdout.length,
    });
  });
  parentPort.postMessage("ready");
})();`;

export interface Answer {
  code: number | "threw";
  stderr: string;
  stdout: string;
  stdoutBytes: number;
}

class Runner {
  private worker!: Worker;
  private ready!: Promise<void>;
  constructor() {
    this.spawn();
  }
  private spawn() {
    this.worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        main: pathToFileURL(join(repo, "src", "cli", "main.ts")).href,
        io: pathToFileURL(join(repo, "src", "cli", "io.ts")).href,
        // FUNNEL_AUDIT_WORKERS=always fuzzes the files read in worker threads too.
        env: process.env.FUNNEL_AUDIT_WORKERS
          ? { FUNNEL_AUDIT_WORKERS: process.env.FUNNEL_AUDIT_WORKERS }
          : {},
      },
      resourceLimits: { maxOldGenerationSizeMb: 2048, stackSizeMb: 4 },
      stdout: true,
      stderr: true,
    });
    this.worker.unref();
    this.ready = new Promise((ok, fail) => {
      const onMessage = (m: unknown) => {
        if (m === "ready") {
          this.worker.off("message", onMessage);
          ok();
        }
      };
      this.worker.on("message", onMessage);
      this.worker.once("error", fail);
    });
  }
  async run(
    args: string[],
    timeoutMs: number,
    env: Record<string, string> = {},
  ): Promise<Answer | "hang" | { workerError: string }> {
    await this.ready;
    const w = this.worker;
    return new Promise((done) => {
      const finish = (v: Answer | "hang" | { workerError: string }, restart: boolean) => {
        clearTimeout(timer);
        w.off("message", onMessage);
        w.off("error", onError);
        w.off("exit", onExit);
        if (restart) {
          void w.terminate();
          this.spawn();
        }
        done(v);
      };
      const onMessage = (m: Answer) => finish(m, false);
      const onError = (e: Error) => finish({ workerError: e.stack ?? String(e) }, true);
      const onExit = (c: number) => finish({ workerError: `worker exited with ${c}` }, true);
      const timer = setTimeout(() => finish("hang", true), timeoutMs);
      w.on("message", onMessage);
      w.once("error", onError);
      w.once("exit", onExit);
      w.postMessage({ args, env });
    });
  }
  async close() {
    await this.worker.terminate();
  }
}

export function classify(a: Answer | "hang" | { workerError: string }): Kind {
  if (a === "hang") return "hang";
  if ("workerError" in a) return "crash";
  if (a.code === "threw") return "crash";
  if (/internal error|unexpected error/i.test(a.stderr) || /^ {4}at /m.test(a.stderr)) return "crash";
  if (a.code === 0 || a.code === 1) return "ok";
  if (a.code !== 2) return "crash";
  return /[^\s:]+\.(csv|ya?ml|tsv|txt)\b|[/\\]/.test(a.stderr) ? "error" : "unexplained";
}

export async function fuzz(options: FuzzOptions = {}): Promise<FuzzResult> {
  const runs = options.runs ?? 10000;
  const seed = options.seed ?? 1;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const workers = Math.max(1, options.workers ?? Math.min(2, cpus().length));
  const log = options.quiet ? () => {} : (s: string) => process.stderr.write(s);
  hugeCellBytes = options.hugeCellBytes ?? 1024 * 1024;
  const relations = options.relations ?? RELATIONS;
  const relationShare = options.relationShare ?? 0.15;
  const relationRuns: Record<string, number> = {};
  const base = baseInputs();
  const top = mkdtempSync(join(tmpdir(), `funnel-fuzz-${seed}-`));
  const counts: Partial<Record<Kind, number>> = {};
  const failures: Failure[] = [];
  const pool = Array.from({ length: workers }, () => new Runner());
  const started = Date.now();
  let next = 0;
  let done = 0;

  // The valid set's figures, for the relation runs to compare with.
  const baseDir = join(top, "base");
  mkdirSync(baseDir);
  for (const [name, content] of Object.entries(base)) writeFileSync(join(baseDir, name), content);
  const baseAnswer = await (pool[0] as Runner).run(
    ["audit", "--sla", join(baseDir, "sla.yaml"), "--format", "json"],
    timeoutMs * 3,
  );
  const baseFigures =
    typeof baseAnswer === "object" && "stdout" in baseAnswer ? figures(baseAnswer.stdout) : undefined;
  if (baseFigures === undefined) throw new Error("fuzz: the valid input set does not audit");
  const sensitive = sensitiveValues(base);

  const one = async (runner: Runner, i: number) => {
    const s = runSeed(seed, i);
    const r = new Rng(s);
    const relationName = r.chance(relationShare) ? r.pick(Object.keys(relations)) : undefined;
    const relation = relationName === undefined ? undefined : relations[relationName];
    if (relationName !== undefined) relationRuns[relationName] = (relationRuns[relationName] ?? 0) + 1;
    const { files, mutations } = relation
      ? { files: relation.make(base, r), mutations: [`relation:${relationName}`] }
      : corrupt(base, r);
    const dir = join(top, `run-${i}`);
    mkdirSync(dir);
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    const sla = join(dir, "sla.yaml");
    const args = !relation
      ? commandFor(r, sla)
      : relation.redact
        ? redactedCommand(r, sla)
        : ["audit", "--sla", sla, "--format", "json"];
    const env: Record<string, string> = relation?.redact ? { FUNNEL_AUDIT_REDACT_KEY: "fuzz-key" } : {};
    const answer = await runner.run(args, timeoutMs, env);
    let kind = classify(answer);
    let why = "";
    if ((kind === "ok" || kind === "error") && typeof answer === "object" && "stdout" in answer) {
      kind = inspect(answer, args) ?? kind;
      if (relation && kind === "ok") {
        const text = `${answer.stdout}\n${answer.stderr}`.toLowerCase();
        const left = relation.redact ? sensitive.filter((v) => text.includes(v.toLowerCase())) : [];
        if (left.length > 0) {
          kind = "leak";
          why = `left in the redacted report: ${left.slice(0, 5).join(", ")}`;
        } else if (!relation.redact && figures(answer.stdout) !== baseFigures) {
          kind = "miscount";
          why = "figures differ from the valid set's";
        }
      } else if (relation && kind !== "ok") {
        kind = "miscount";
        why = "the valid set audits, this relation of it did not";
      }
    }
    counts[kind] = (counts[kind] ?? 0) + 1;
    if (FAILING.includes(kind)) {
      const detail = answer === "hang" ? "" : "workerError" in answer ? answer.workerError : answer.stderr;
      const stderr = why ? `${why}\n${detail}` : detail;
      failures.push({ run: i, seed: s, kind, dir, args, mutations, stderr: stderr.slice(0, 2000) });
      writeFileSync(join(dir, "args.txt"), `${args.join("\n")}\n`);
      if (answer !== "hang" && "stdout" in answer) writeFileSync(join(dir, "stdout.txt"), answer.stdout);
      writeFileSync(
        join(dir, "fuzz.txt"),
        `${kind}\nseed ${seed} run ${i} (run seed ${s})\n${mutations.join("\n")}\n\n${stderr}\n`,
      );
    } else if (!options.keep) rmSync(dir, { recursive: true, force: true });
    done++;
    if (done % 500 === 0) log(`${done}/${runs} ${JSON.stringify(counts)}\n`);
  };

  await Promise.all(
    pool.map(async (runner) => {
      while (next < runs) await one(runner, next++);
    }),
  );
  await Promise.all(pool.map((p) => p.close()));
  const seconds = (Date.now() - started) / 1000;
  if (failures.length === 0 && !options.keep) rmSync(top, { recursive: true, force: true });
  return { runs, seed, counts, relationRuns, seconds, failures };
}

// ---------------------------------------------------------------- command line

function argValue(argv: string[], name: string): string | undefined {
  const i = argv.indexOf(name);
  if (i >= 0) return argv[i + 1];
  const eq = argv.find((a) => a.startsWith(`${name}=`));
  return eq?.slice(name.length + 1);
}

async function cli(argv: string[]) {
  const num = (name: string) => {
    const v = argValue(argv, name);
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`${name} needs a whole number, got ${v}`);
    return n;
  };
  const options: FuzzOptions = {
    runs: num("--runs"),
    seed: num("--seed") ?? Date.now() % 2 ** 31,
    timeoutMs: num("--timeout"),
    workers: num("--workers"),
    keep: argv.includes("--keep"),
  };
  process.stderr.write(`fuzz: ${options.runs ?? 10000} runs, seed ${options.seed}\n`);
  const result = await fuzz(options);
  for (const f of result.failures) {
    process.stdout.write(
      `\n${f.kind.toUpperCase()}  seed ${result.seed} run ${f.run} (run seed ${f.seed})\n  input: ${f.dir}\n  mutations: ${f.mutations.join(", ")}\n  reproduce: node bin/funnel-audit.js ${f.args.map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(" ")}\n  ${f.stderr.split("\n").slice(0, 6).join("\n  ")}\n`,
    );
  }
  const c = result.counts;
  process.stdout.write(
    `\nrelations checked: ${JSON.stringify(result.relationRuns)}` +
      `\nfuzz: seed ${result.seed}, ${result.runs} runs in ${result.seconds.toFixed(1)} s (${(result.runs / result.seconds).toFixed(1)} runs/s)\n` +
      `  ok (exit 0/1): ${c.ok ?? 0}\n  error (exit 2 naming a file): ${c.error ?? 0}\n  unexplained (exit 2 naming no file): ${c.unexplained ?? 0}\n  crash: ${c.crash ?? 0}\n  hang: ${c.hang ?? 0}\n` +
      `  miscount (a relation changed the figures, or rows unaccounted): ${c.miscount ?? 0}\n  leak (raw controls, or a value left by --redact): ${c.leak ?? 0}\n  blowup (output over 16 MB): ${c.blowup ?? 0}\n`,
  );
  process.exitCode = result.failures.length > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await cli(process.argv.slice(2));
}
