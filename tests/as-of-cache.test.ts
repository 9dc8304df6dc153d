/**
 * The as-of cache (src/cli/as-of-cache.ts): a run over every row of large inputs keeps the as-of it
 * found; a later `trace` of the very same inputs takes it as if given with --as-of, which must give
 * the same trace byte for byte, and anything that may move the as-of (a file's bytes or time, the
 * SLA, the time-zone data) must find nothing kept.
 */

import { execFileSync } from "node:child_process";
import {
  appendFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asOfCacheOf, inputsKey, keepAsOf, keptAsOf, LARGE_INPUTS } from "../src/cli/as-of-cache.js";
import { readCacheFile, writeCacheFile } from "../src/cli/cache-file.js";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import type { SlaConfig } from "../src/types.js";
import { BASE_SLA, slaFile, writeSlaWith } from "./helpers/builders.js";

const pad = (n: number) => String(n).padStart(4, "0");
const NOTE = "x".repeat(960);
/** The latest stamp of the fixture: a call with milliseconds (the as-of goes back exactly). */
const LATEST = Date.UTC(2026, 2, 31, 11, 0, 0, 250);

/**
 * 500 leads created 1-20 January 2026 (SLA zone Asia/Kolkata), New then MQL an hour later, and 140
 * calls each, the latest L-0007's of 31 March 11:00:00.250 UTC (the as-of), each with a
 * 960-character note: about 70 MB, over LARGE_INPUTS, in 70,000 rows.
 */
function writeFixture(dir: string): string {
  const leads = ["lead_id,created_at,owner"];
  const history = ["lead_id,status,changed_at"];
  for (let n = 1; n <= 500; n++) {
    const day = String(1 + (n % 20)).padStart(2, "0");
    leads.push(`L-${pad(n)},2026-01-${day}T09:00:00Z,Rep ${n % 3}`);
    history.push(`L-${pad(n)},New,2026-01-${day}T09:00:00Z`, `L-${pad(n)},MQL,2026-01-${day}T10:00:00Z`);
  }
  writeFileSync(join(dir, "leads.csv"), `${leads.join("\n")}\n`);
  writeFileSync(join(dir, "history.csv"), `${history.join("\n")}\n`);
  const acts = join(dir, "activities.csv");
  writeFileSync(acts, "activity_id,lead_id,owner,type,status,occurred_at,notes\n");
  for (let n = 1; n <= 500; n++) {
    const rows: string[] = [];
    for (let k = 0; k < 140; k++) {
      const month = String(1 + (k % 3)).padStart(2, "0");
      const at =
        n === 7 && k === 137
          ? new Date(LATEST).toISOString()
          : `2026-${month}-${String(1 + (k % 28)).padStart(2, "0")}T11:00:00Z`;
      rows.push(`A${n}-${k},L-${pad(n)},Rep 1,call,completed,${at},${NOTE}`);
    }
    appendFileSync(acts, `${rows.join("\n")}\n`);
  }
  const file = writeSlaWith(
    dir,
    `  leads: { file: leads.csv, columns: { id: lead_id, created_at: created_at, owner: owner } }
  stage_history: { file: history.csv, columns: { lead_id: lead_id, stage: status, at: changed_at } }
  activities:
    - { file: activities.csv, columns: { lead_id: lead_id, owner: owner, type: type, status: status, at: occurred_at } }
`,
  );
  writeFileSync(file, readFileSync(file, "utf8").replace("timezone: UTC", "timezone: Asia/Kolkata"));
  return file;
}

async function run(args: string[], cache: string) {
  const f = fakeIo({ NO_COLOR: "1", FUNNEL_AUDIT_CACHE: cache });
  const code = await main(args, f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr() };
}

/** The as-of of a JSON trace or report (shown to the second). */
const asOfOf = (json: string) => Date.parse((JSON.parse(json) as { as_of: string }).as_of);
const SHOWN = LATEST - 250;
const entriesIn = (cache: string) =>
  JSON.parse(readFileSync(join(cache, "as-of-1.json"), "utf8")) as [string, number][];

describe("the as-of cache, on inputs over LARGE_INPUTS", () => {
  const dirs: string[] = [];
  /** A fixture of its own for each test (one changes its files). */
  const fixture = () => {
    const dir = mkdtempSync(join(tmpdir(), "as-of-cache-"));
    dirs.push(dir);
    return { dir, sla: writeFixture(dir) };
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("a trace takes the as-of an earlier trace or audit kept, and gives the same trace", async () => {
    const { dir, sla } = fixture();
    const cache = join(dir, "cache-a");
    const trace = ["trace", "L-0007", "--sla", sla, "--format", "json"];
    // Nothing kept: the trace reads every row, finds the as-of and keeps it.
    const first = await run(trace, cache);
    expect(first.code).toBe(0);
    expect(asOfOf(first.stdout)).toBe(SHOWN);
    expect(first.stderr).toContain("came from every row of the inputs");
    expect(first.stderr).toContain("later traces of these files take it from the cache");
    expect(entriesIn(cache)).toEqual([[expect.stringMatching(/^[0-9a-f]{64}$/), LATEST]]);
    // Kept: the same trace, byte for byte, and stderr says where its as-of came from.
    const second = await run(trace, cache);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toContain(
      "as-of 2026-03-31T11:00:00.250Z, the latest time stamp an earlier run found",
    );
    // Every format the same as without the cache.
    for (const format of ["table", "csv", "md", "html"]) {
      const args = ["trace", "L-0007", "--sla", sla, "--format", format];
      const [on, off] = [await run(args, cache), await run(args, "off")];
      expect(on.stderr).toContain("an earlier run found");
      expect(off.stderr).not.toContain("an earlier run found");
      expect(on.stdout).toBe(off.stdout);
    }
    // An audit keeps it too (a new cache folder): a trace after it finds the audit's as-of kept.
    const other = join(dir, "cache-b");
    const audit = await run(["audit", "--sla", sla, "--format", "json"], other);
    expect(audit.code).toBe(0);
    expect(asOfOf(audit.stdout)).toBe(SHOWN);
    const after = await run(trace, other);
    expect(after.stderr).toContain("an earlier run found");
    expect(after.stdout).toBe(first.stdout);
    // So does any report command (obligations here).
    const third = join(dir, "cache-c");
    expect((await run(["obligations", "--sla", sla, "--format", "csv"], third)).code).toBe(0);
    expect(entriesIn(third).map(([, t]) => t)).toEqual([LATEST]);
  }, 120_000);

  it("--as-of given: nothing kept is taken, and nothing is kept", async () => {
    const { dir, sla } = fixture();
    const cache = join(dir, "cache");
    const given = ["trace", "L-0007", "--sla", sla, "--format", "json", "--as-of", "2026-03-01"];
    const r = await run(given, cache);
    expect(r.code).toBe(0);
    expect(existsSync(join(cache, "as-of-1.json"))).toBe(false);
    // With an as-of kept, the one given still rules.
    expect((await run(["trace", "L-0007", "--sla", sla, "--format", "json"], cache)).code).toBe(0);
    const again = await run(given, cache);
    expect(again.stdout).toBe(r.stdout);
    expect(again.stderr).not.toContain("an earlier run found");
  }, 120_000);

  it("a file changed since finds nothing kept: the trace reads every row again, to the new as-of", async () => {
    const { dir, sla } = fixture();
    const cache = join(dir, "cache");
    const trace = ["trace", "L-0007", "--sla", sla, "--format", "json"];
    expect((await run(trace, cache)).code).toBe(0);
    // A later call: the as-of moves, and only reading every row again can know it.
    appendFileSync(
      join(dir, "activities.csv"),
      `A-late,L-0003,Rep 1,call,completed,2026-04-02T08:00:00Z,${NOTE}\n`,
    );
    const again = await run(trace, cache);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("came from every row of the inputs");
    expect(asOfOf(again.stdout)).toBe(Date.UTC(2026, 3, 2, 8));
    // Both kept, the newer last.
    expect(entriesIn(cache).map(([, t]) => t)).toEqual([LATEST, Date.UTC(2026, 3, 2, 8)]);
  }, 120_000);

  it("a kept value that is no instant is not ours: ignored, and the trace reads every row", async () => {
    const { dir, sla } = fixture();
    const cache = join(dir, "cache");
    const trace = ["trace", "L-0007", "--sla", sla, "--format", "json"];
    expect((await run(trace, cache)).code).toBe(0);
    const [[key]] = entriesIn(cache) as [[string, number]];
    writeFileSync(join(cache, "as-of-1.json"), JSON.stringify([[key, Number.MAX_SAFE_INTEGER]]));
    const again = await run(trace, cache);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("came from every row of the inputs");
    expect(asOfOf(again.stdout)).toBe(SHOWN);
  }, 120_000);
});

describe("what the kept as-of is keyed by", () => {
  let dir = "";
  let config: SlaConfig;
  /** A sparse file as large as LARGE_INPUTS as the leads: the size is what counts here, not what the file holds. */
  const large = (name = config.name) => {
    const big = join(dir, "big.csv");
    if (!existsSync(big)) {
      writeFileSync(big, "");
      truncateSync(big, LARGE_INPUTS);
    }
    return {
      ...config,
      name,
      sources: { ...config.sources, leads: { ...config.sources.leads, path: big } },
    } as SlaConfig;
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "as-of-key-"));
    writeFileSync(join(dir, "leads.csv"), "lead_id,created_at\nL-1,2026-01-01T00:00:00Z\n");
    writeFileSync(join(dir, "history.csv"), "lead_id,status,changed_at\nL-1,New,2026-01-01T00:00:00Z\n");
    writeFileSync(join(dir, "activities.csv"), "lead_id,type,occurred_at\n");
    writeFileSync(join(dir, "sla.yaml"), BASE_SLA);
    config = slaFile(join(dir, "sla.yaml"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("changes with a file's bytes or times, the SLA, the time-zone data; is the same otherwise", () => {
    const key = () => inputsKey(config, "2025b")?.key;
    const k0 = key();
    expect(k0).toMatch(/^[0-9a-f]{64}$/);
    expect(key()).toBe(k0);
    expect(inputsKey(config, "2026a")?.key).not.toBe(k0);
    expect(inputsKey({ ...config, timezone: "Europe/Paris" }, "2025b")?.key).not.toBe(k0);
    const history = join(dir, "history.csv");
    const at = new Date(Date.UTC(2026, 0, 2));
    // The same size, another modification time.
    utimesSync(history, at, at);
    const k1 = key();
    expect(k1).not.toBe(k0);
    // Rewritten in place to the same size, its modification time set back (cp -p, rsync --inplace):
    // the change time still moves.
    const before = statSync(history).mtimeMs;
    writeFileSync(history, readFileSync(history, "utf8").replace("2026-01-01", "2026-09-09"));
    utimesSync(history, at, at);
    expect(statSync(history).mtimeMs).toBe(before);
    expect(key()).not.toBe(k1);
    expect(inputsKey(config, "2025b")?.bytes).toBe(
      ["leads.csv", "history.csv", "activities.csv"].reduce(
        (n, f) => n + readFileSync(join(dir, f)).length,
        0,
      ),
    );
  });

  it("is nothing for standard input, a missing file, or an SLA holding more than plain data", () => {
    const leads = config.sources.leads;
    expect(
      inputsKey({ ...config, sources: { ...config.sources, leads: { ...leads, path: "-" } } }),
    ).toBeNull();
    expect(
      inputsKey({
        ...config,
        sources: { ...config.sources, leads: { ...leads, path: join(dir, "gone.csv") } },
      }),
    ).toBeNull();
    expect(inputsKey({ ...config, extra: new Map() } as unknown as SlaConfig)).toBeNull();
  });

  it("keeps nothing under LARGE_INPUTS, with FUNNEL_AUDIT_CACHE=off, or in a folder it cannot write", () => {
    const cache = join(dir, "cache");
    expect(asOfCacheOf(config, { FUNNEL_AUDIT_CACHE: cache })).toBeNull();
    // Under the size, the bytes alone are worked out (a small audit's start-up pays no hash).
    const small = inputsKey(config, "2025b", LARGE_INPUTS);
    expect(small?.key).toBe("");
    expect(small?.bytes).toBe(inputsKey(config, "2025b")?.bytes);
    expect(asOfCacheOf(large(), { FUNNEL_AUDIT_CACHE: "off" })).toBeNull();
    // A file where the folder should be: nothing kept, nothing left behind, no error.
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    const blocked = asOfCacheOf(large(), { FUNNEL_AUDIT_CACHE: join(file, "below") });
    expect(keepAsOf(large(), blocked, 1)).toBe(false);
    // The cache file a folder: nothing kept, and no temporary file left beside it.
    const odd = join(dir, "cache-odd");
    mkdirSync(join(odd, "as-of-1.json"), { recursive: true });
    const c = asOfCacheOf(large(), { FUNNEL_AUDIT_CACHE: odd });
    expect(keepAsOf(large(), c, 1)).toBe(false);
    expect(readdirSync(odd)).toEqual(["as-of-1.json"]);
    const ok = asOfCacheOf(large(), { FUNNEL_AUDIT_CACHE: cache });
    expect(ok).not.toBeNull();
    expect(keepAsOf(large(), ok, 1)).toBe(true);
    expect(keptAsOf(ok as NonNullable<typeof ok>)).toBe(1);
  });

  it("keeps nothing when a file changed while it was read (the key taken before and after differ)", () => {
    const cache = asOfCacheOf(large(), { FUNNEL_AUDIT_CACHE: join(dir, "cache-race") });
    appendFileSync(join(dir, "activities.csv"), "L-1,call,2026-01-03T00:00:00Z\n");
    expect(keepAsOf(large(), cache, 1)).toBe(false);
    expect(existsSync(join(dir, "cache-race", "as-of-1.json"))).toBe(false);
  });

  it("keeps the 64 used last; a file that is not ours is started afresh", () => {
    const env = { FUNNEL_AUDIT_CACHE: join(dir, "cache-many") };
    const cacheOf = (i: number) =>
      asOfCacheOf(large(`sla ${i}`), env) as NonNullable<ReturnType<typeof asOfCacheOf>>;
    for (let i = 0; i < 70; i++) expect(keepAsOf(large(`sla ${i}`), cacheOf(i), i)).toBe(true);
    const file = join(env.FUNNEL_AUDIT_CACHE, "as-of-1.json");
    const values = () => (JSON.parse(readFileSync(file, "utf8")) as [string, number][]).map(([, t]) => t);
    expect(values()).toEqual(Array.from({ length: 64 }, (_, i) => i + 6));
    expect(keptAsOf(cacheOf(5))).toBeNull();
    // Used: moved last, so it outlives the ones kept after it.
    expect(keptAsOf(cacheOf(6))).toBe(6);
    expect(values().at(-1)).toBe(6);
    expect(values()[0]).toBe(7);
    writeFileSync(file, "{not json");
    expect(keptAsOf(cacheOf(69))).toBeNull();
    expect(keepAsOf(large("sla 69"), cacheOf(69), 69)).toBe(true);
    expect(keptAsOf(cacheOf(69))).toBe(69);
  });

  it("reads no cache file that is not a small regular file (a FIFO would block), and writes whole", () => {
    const fifo = join(dir, "fifo.json");
    try {
      execFileSync("mkfifo", [fifo]);
    } catch {
      return; // no mkfifo here (Windows): nothing to check
    }
    expect(readCacheFile(fifo)).toBeNull();
    expect(readCacheFile(join(dir, "none.json"))).toBeNull();
    const f = join(dir, "w", "x.json");
    expect(writeCacheFile(f, "[1]\n")).toBe(true);
    expect(readCacheFile(f)).toBe("[1]\n");
    expect(readdirSync(join(dir, "w"))).toEqual(["x.json"]);
  });
});
