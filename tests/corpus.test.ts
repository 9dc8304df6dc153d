/**
 * Corpus of broken and hostile inputs (issue 7). Each folder under tests/corpus holds an SLA file
 * (sla.yaml, sources relative to it), its inputs, args.txt (one CLI argument per line, run from
 * the repository root) and expected.txt: the exit code, the exact stderr and, when the audit goes
 * on, the data-quality findings (code, count, examples) and the row accounting of each input
 * file, extracted from the JSON report.
 *
 * Every case must either stop with exit 2 and a `file:line[:col]` message with a hint, or become
 * findings while the audit goes on (exit 0); never a stack trace, never a hang. Cases whose
 * current behaviour is wrong are listed in BUGS: they run as `it.fails` against the behaviour
 * they should have, and have no expected.txt until fixed.
 *
 * Refresh expected.txt after a reviewed change: CORPUS_UPDATE=1 npx vitest run tests/corpus.test.ts
 *
 * Hang-prone SLA cases (alias bomb, deep nesting) run in a child process with a time limit, so a
 * synchronous hang fails the test instead of freezing it. The end of the file runs the fuzzer
 * (scripts/fuzz.ts) for a few hundred seeded corruptions.
 */

import { spawnSync } from "node:child_process";
import {
  appendFileSync,
  chmodSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fuzz, inspect, RELATIONS } from "../scripts/fuzz.js";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";

const repo = resolve(import.meta.dirname, "..");
const root = join(repo, "tests", "corpus");
const TIME_LIMIT_MS = 20_000;
const UPDATE = process.env.CORPUS_UPDATE === "1";
const isRoot = typeof process.getuid === "function" && process.getuid() === 0;

const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** Cases whose SLA file could hang or blow the stack: run in a child process with a time limit. */
const CHILD = new Set([
  "sla-alias-bomb",
  "sla-deep-nesting-lists",
  "sla-deep-nesting-maps",
  "csv-huge-field-stage",
]);

interface Outcome {
  code: number;
  stderr: string;
  stdout: string;
  timedOut: boolean;
}

interface Finding {
  code: string;
  count: number;
  examples: { file: string; line?: number; message: string }[];
}
interface FileRows {
  file: string;
  rows: number;
  used: number;
  not_used: number;
}

/**
 * Known bugs: the case runs as `it.fails`, asserting the behaviour it SHOULD have. When a fix
 * lands the test turns red: move the case out of here and record its expected.txt. None open.
 */
const BUGS: Record<string, (o: Outcome, report: Report | undefined) => void> = {};

/** What some cases must show besides their expected.txt (bugs once: kept so they stay fixed). */
const CHECKS: Record<string, (o: Outcome, report: Report | undefined) => void> = {
  // Mixed CRLF/LF/CR rows: all five history rows read and used.
  "csv-mixed-line-endings": (_o, r) => {
    const history = r?.inputs.files.find((f) => f.file.endsWith("history.csv"));
    expect(history).toMatchObject({ rows: 5, used: 5, not_used: 0 });
  },
  // "L2\0" at leads.csv:3 is L2: its history joins (no unknown_lead), and line 3 is named.
  "csv-nul-byte": (_o, r) => {
    expect(r?.quality.findings.find((f) => f.code === "unknown_lead")).toBeUndefined();
    const examples = r?.quality.findings.flatMap((f) => f.examples) ?? [];
    expect(examples.some((e) => e.file.endsWith("leads.csv") && e.line === 3)).toBe(true);
  },
  // A 10 MB stage value: answered quickly, the report stays small, the cell is named.
  "csv-huge-field-stage": (o, r) => {
    expect(o.stdout.length).toBeLessThan(64 * 1024);
    const long = r?.quality.findings.find((f) => f.code === "long_cell");
    expect(long?.examples[0]?.line).toBe(7);
  },
  // A directory as a source: the error points at the SLA file's `file:` line.
  "csv-source-is-directory": (o) => {
    expect(o.stderr).toMatch(/^tests\/corpus\/csv-source-is-directory\/sla\.yaml:20:11 /);
  },
};

interface Report {
  quality: { findings: Finding[] };
  inputs: { files: FileRows[] };
}

/** Copies a case to a temporary folder when it needs files that are not committed. */
function prepare(name: string): { args: string[]; dir: string; cleanup: () => void } {
  const dir = join(root, name);
  const args = readFileSync(join(dir, "args.txt"), "utf8")
    .split("\n")
    .filter((a) => a !== "");
  if (name !== "csv-huge-field" && name !== "csv-huge-field-stage" && name !== "csv-unreadable")
    return { args, dir: `tests/corpus/${name}`, cleanup: () => {} };
  const tmp = mkdtempSync(join(tmpdir(), `corpus-${name}-`));
  cpSync(dir, tmp, { recursive: true });
  if (name === "csv-huge-field") {
    // A 10 MB owner cell on a fourth lead, generated here rather than committed.
    appendFileSync(join(tmp, "leads.csv"), `L4,2026-01-06 12:00,"${"x".repeat(10 * 1024 * 1024)}"\n`);
  } else if (name === "csv-huge-field-stage") {
    // A 10 MB stage value in the history, generated here rather than committed.
    appendFileSync(join(tmp, "history.csv"), `L3,${"x".repeat(10 * 1024 * 1024)},2026-01-06 12:00\n`);
  } else {
    chmodSync(join(tmp, "leads.csv"), 0o000);
    // Run as nobody when the tests run as root (CI): the folder must be open to that user.
    chmodSync(tmp, 0o755);
  }
  return {
    args: args.map((a) => a.replace(`tests/corpus/${name}`, tmp)),
    dir: tmp,
    cleanup: () => {
      try {
        chmodSync(join(tmp, "leads.csv"), 0o644);
      } catch {}
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

async function runInProcess(args: string[]): Promise<Outcome> {
  const run = fakeIo({ NO_COLOR: "1" });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((ok) => {
    timer = setTimeout(() => ok("timeout"), TIME_LIMIT_MS);
  });
  const code = await Promise.race([main(args, run.io), timeout]);
  clearTimeout(timer);
  if (code === "timeout") return { code: -1, stderr: run.stderr(), stdout: "", timedOut: true };
  return { code, stderr: run.stderr(), stdout: run.stdout(), timedOut: false };
}

/** The same main(), from the TypeScript sources, in a child process killed after the limit. */
function runInChild(args: string[], as?: { uid: number; gid: number }): Outcome {
  const script = `
    import { main } from "./src/cli/main.ts";
    import { fakeIo } from "./src/cli/io.ts";
    const run = fakeIo({ NO_COLOR: "1" });
    const code = await main(JSON.parse(process.env.CORPUS_ARGS), run.io);
    process.stderr.write(run.stderr());
    process.stdout.write(run.stdout());
    process.exitCode = code;`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: repo,
    env: {
      ...process.env,
      CORPUS_ARGS: JSON.stringify(args),
      NO_COLOR: "1",
      ...(as ? { HOME: tmpdir() } : {}),
    },
    encoding: "utf8",
    timeout: TIME_LIMIT_MS,
    ...(as ?? {}),
    maxBuffer: 64 * 1024 * 1024,
  });
  const timedOut = r.signal === "SIGTERM" || (r.error as NodeJS.ErrnoException)?.code === "ETIMEDOUT";
  return { code: r.status ?? -1, stderr: r.stderr ?? "", stdout: r.stdout ?? "", timedOut };
}

const NOBODY = { uid: 65534, gid: 65534 };

/** True when the nobody user can load the project (the clone's folders are open to others). */
function nobodyCanRun(): boolean {
  const r = spawnSync(
    process.execPath,
    ["-e", "require('fs').accessSync(process.argv[1])", join(repo, "src/cli/main.ts")],
    {
      ...NOBODY,
      encoding: "utf8",
    },
  );
  if (r.status !== 0)
    console.warn(
      "corpus csv-unreadable skipped: running as root and the nobody user cannot read the repository, so a mode-000 file cannot be tested",
    );
  return r.status === 0;
}

function parseReport(o: Outcome): Report | undefined {
  if (o.code !== 0 && o.code !== 1) return undefined;
  try {
    return JSON.parse(o.stdout) as Report;
  } catch {
    return undefined;
  }
}

/** The text kept in expected.txt; temporary folders are written as the case's own folder. */
function render(name: string, o: Outcome, report: Report | undefined, dir: string): string {
  const local = (s: string) => s.split(dir).join(`tests/corpus/${name}`).split(`${repo}/`).join("");
  const lines = [`exit: ${o.code}`, "stderr:"];
  for (const l of local(o.stderr).replace(/\n$/, "").split("\n")) if (l !== "") lines.push(`  ${l}`);
  if (report) {
    lines.push("findings:");
    for (const f of report.quality.findings) {
      lines.push(`  ${f.code} ${f.count}`);
      for (const e of f.examples)
        lines.push(`    ${local(e.file)}:${e.line ?? ""} ${JSON.stringify(e.message).slice(0, 300)}`);
    }
    lines.push("inputs:");
    for (const f of report.inputs.files)
      lines.push(`  ${local(f.file)} rows=${f.rows} used=${f.used} not_used=${f.not_used}`);
  }
  return `${lines.join("\n")}\n`;
}

/** What every case must do, bug or not. */
function assertContract(name: string, o: Outcome, report: Report | undefined) {
  expect(o.timedOut, "hang: no answer within the time limit").toBe(false);
  expect([0, 2], `exit code ${o.code}`).toContain(o.code);
  expect(o.stderr).not.toMatch(/^ {4}at /m);
  expect(o.stderr).not.toMatch(/internal error|unexpected error/i);
  if (o.code === 2) {
    // The first message names a file and a line (and, in an SLA file, a column) …
    const first = o.stderr.split("\n")[0] ?? "";
    const where = name.startsWith("sla-") ? /^\S+\.yaml:\d+:\d+ / : /^\S+:\d+(:\d+)? /;
    expect(first).toMatch(where);
    // … and says how to fix it.
    expect(o.stderr).toMatch(/^ {4}hint: /m);
  } else {
    expect(report, "exit 0 must print the JSON report").toBeDefined();
    // A row not used is never silent: some finding says why.
    const dropped = report?.inputs.files.some((f) => f.not_used > 0);
    if (dropped) expect(report?.quality.findings.length).toBeGreaterThan(0);
    for (const f of report?.inputs.files ?? []) expect(f.used + f.not_used).toBe(f.rows);
  }
}

const tmpDirs: (() => void)[] = [];
afterAll(() => {
  for (const c of tmpDirs) c();
});

describe("corpus", () => {
  for (const name of cases) {
    const bug = BUGS[name];
    // csv-unreadable: mode 000 means nothing to root, which reads anything: as root (CI) the case
    // runs in a child that drops to the nobody user, when that user can read the repository.
    const asNobody = name === "csv-unreadable" && isRoot;
    const skip = asNobody && !nobodyCanRun();
    const test = skip ? it.skip : bug ? it.fails : it;
    test(name, { timeout: TIME_LIMIT_MS + 10_000 }, async () => {
      const { args, dir, cleanup } = prepare(name);
      tmpDirs.push(cleanup);
      const o = asNobody
        ? runInChild(args, NOBODY)
        : CHILD.has(name)
          ? runInChild(args)
          : await runInProcess(args);
      const report = parseReport(o);
      assertContract(name, o, report);
      CHECKS[name]?.(o, report);
      if (bug) {
        bug(o, report);
        return;
      }
      const text = render(name, o, report, dir);
      const file = join(root, name, "expected.txt");
      if (UPDATE) writeFileSync(file, text);
      expect(existsSync(file), `${file} missing: record it with CORPUS_UPDATE=1`).toBe(true);
      expect(text).toBe(readFileSync(file, "utf8"));
    });
  }
});

describe("fuzz", () => {
  it("200 seeded corruptions of a valid input: no crash, no hang, no miscount, no leak", {
    timeout: 180_000,
  }, async () => {
    const result = await fuzz({ runs: 200, seed: 7, quiet: true, hugeCellBytes: 64 * 1024 });
    expect(result.failures).toEqual([]);
    expect(result.counts.crash ?? 0).toBe(0);
    expect(result.counts.hang ?? 0).toBe(0);
    // About 15% of the runs check a relation, and each relation ran at least once.
    expect(Object.keys(result.relationRuns).sort()).toEqual(Object.keys(RELATIONS).sort());
  });

  it("a relation that loses rows is caught as a miscount", {
    timeout: 120_000,
  }, async () => {
    const lines = (b: Buffer) => b.toString("latin1").split("\n");
    const result = await fuzz({
      runs: 6,
      seed: 11,
      quiet: true,
      relationShare: 1,
      relations: {
        // Drops the last 40 history rows: the figures must change.
        lostRows: {
          make: (base) => ({
            ...base,
            "stage_history.csv": Buffer.from(
              lines(base["stage_history.csv"] as Buffer)
                .slice(0, -40)
                .join("\n"),
              "latin1",
            ),
          }),
        },
      },
    });
    expect(result.counts.miscount).toBe(6);
    expect(result.failures.map((f) => f.kind)).toEqual(Array(6).fill("miscount"));
  });

  it("inspect: raw controls are a leak, escaped ones are not; an unaccounted row is a miscount", () => {
    const answer = (stdout: string) => ({ code: 0, stderr: "", stdout, stdoutBytes: stdout.length });
    expect(inspect(answer("Evil\u001b]0;title\u0007Co"), ["audit"])).toBe("leak");
    expect(inspect(answer("x\u202ey"), ["audit"])).toBe("leak");
    expect(inspect(answer('{"company":"Evil\\u001bCo"}'), ["audit", "--format", "json"])).toBeUndefined();
    expect(inspect(answer('{"coverage":{"leads":{"unaccounted":1}}}'), ["audit", "--format", "json"])).toBe(
      "miscount",
    );
  });
});
