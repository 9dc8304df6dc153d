/**
 * The as-of cache (src/cli/as-of-cache.ts): a run over every row of large inputs keeps the as-of it
 * found; a later `trace` of the very same inputs takes it as if given with --as-of, which must give
 * the same trace byte for byte, and anything that may move the as-of (a file's bytes or time, the
 * SLA, the time-zone data) must find nothing kept.
 */

import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  utimesSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inputsKey, keepAsOf, keptAsOf, LARGE_INPUTS } from "../src/cli/as-of-cache.js";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import type { SlaConfig } from "../src/types.js";
import { BASE_SLA, slaFile, writeSlaWith } from "./helpers/builders.js";

const pad = (n: number) => String(n).padStart(4, "0");
const NOTE = "x".repeat(960);

/**
 * 500 leads created 1-20 January 2026, New then MQL an hour later, and 140 calls each, the last on
 * 31 March 11:00 (the latest stamp: the as-of), each with a 960-character note: about 70 MB, over
 * LARGE_INPUTS, in 70,000 rows.
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
      const day = n === 7 && k === 137 ? "31" : String(1 + (k % 28)).padStart(2, "0");
      rows.push(`A${n}-${k},L-${pad(n)},Rep 1,call,completed,2026-${month}-${day}T11:00:00Z,${NOTE}`);
    }
    appendFileSync(acts, `${rows.join("\n")}\n`);
  }
  return writeSlaWith(
    dir,
    `  leads: { file: leads.csv, columns: { id: lead_id, created_at: created_at, owner: owner } }
  stage_history: { file: history.csv, columns: { lead_id: lead_id, stage: status, at: changed_at } }
  activities:
    - { file: activities.csv, columns: { lead_id: lead_id, owner: owner, type: type, status: status, at: occurred_at } }
`,
  );
}

async function run(args: string[], cache: string) {
  const f = fakeIo({ NO_COLOR: "1", FUNNEL_AUDIT_CACHE: cache });
  const code = await main(args, f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr() };
}

describe("the as-of cache, on inputs over LARGE_INPUTS", () => {
  let dir = "";
  let sla = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "as-of-cache-"));
    sla = writeFixture(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a trace takes the as-of an earlier trace or audit kept, and gives the same trace", async () => {
    const cache = join(dir, "cache-a");
    const trace = ["trace", "L-0007", "--sla", sla, "--format", "json"];
    // Nothing kept: the trace reads every row, finds the as-of and keeps it.
    const first = await run(trace, cache);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout).as_of).toBe("2026-03-31T11:00:00Z");
    expect(first.stderr).toContain("came from every row of the inputs");
    expect(first.stderr).toContain("later traces of these files take it from the cache");
    const kept = JSON.parse(readFileSync(join(cache, "as-of-1.json"), "utf8"));
    expect(kept).toEqual([[expect.stringMatching(/^[0-9a-f]{64}$/), Date.UTC(2026, 2, 31, 11)]]);
    // Kept: the same trace, byte for byte, and stderr says where its as-of came from.
    const second = await run(trace, cache);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    expect(second.stderr).toContain("as-of 2026-03-31T11:00:00Z, the latest time stamp an earlier run found");
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
    expect(JSON.parse(audit.stdout).as_of).toBe("2026-03-31T11:00:00Z");
    const after = await run(trace, other);
    expect(after.stderr).toContain("an earlier run found");
    expect(after.stdout).toBe(first.stdout);
  }, 120_000);

  it("a file changed since finds nothing kept: the trace reads every row again, to the new as-of", async () => {
    const cache = join(dir, "cache-c");
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
    expect(JSON.parse(again.stdout).as_of).toBe("2026-04-02T08:00:00Z");
    // Both kept, the newer last.
    const kept = JSON.parse(readFileSync(join(cache, "as-of-1.json"), "utf8")) as [string, number][];
    expect(kept.map(([, t]) => t)).toEqual([Date.UTC(2026, 2, 31, 11), Date.UTC(2026, 3, 2, 8)]);
  }, 120_000);
});

describe("what the kept as-of is keyed by", () => {
  let dir = "";
  let config: SlaConfig;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "as-of-key-"));
    writeFileSync(join(dir, "leads.csv"), "lead_id,created_at\nL-1,2026-01-01T00:00:00Z\n");
    writeFileSync(join(dir, "history.csv"), "lead_id,status,changed_at\nL-1,New,2026-01-01T00:00:00Z\n");
    writeFileSync(join(dir, "activities.csv"), "lead_id,type,occurred_at\n");
    writeFileSync(join(dir, "sla.yaml"), BASE_SLA);
    config = slaFile(join(dir, "sla.yaml"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("changes with a file's bytes or time, the SLA, the time-zone data; is the same otherwise", () => {
    const key = () => inputsKey(config, "2025b")?.key;
    const k0 = key();
    expect(k0).toMatch(/^[0-9a-f]{64}$/);
    expect(key()).toBe(k0);
    expect(inputsKey(config, "2026a")?.key).not.toBe(k0);
    expect(inputsKey({ ...config, timezone: "Europe/Paris" }, "2025b")?.key).not.toBe(k0);
    const history = join(dir, "history.csv");
    // The same size, another modification time.
    utimesSync(history, new Date(Date.UTC(2026, 0, 2)), new Date(Date.UTC(2026, 0, 2)));
    const k1 = key();
    expect(k1).not.toBe(k0);
    appendFileSync(history, "L-1,MQL,2026-01-02T00:00:00Z\n");
    utimesSync(history, new Date(Date.UTC(2026, 0, 2)), new Date(Date.UTC(2026, 0, 2)));
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
    expect(keepAsOf(config, { FUNNEL_AUDIT_CACHE: cache }, 1)).toBe(false);
    // A sparse file as large as LARGE_INPUTS: the size is what counts here, not what the file holds.
    const big = join(dir, "big.csv");
    writeFileSync(big, "");
    truncateSync(big, LARGE_INPUTS);
    const large = {
      ...config,
      sources: { ...config.sources, leads: { ...config.sources.leads, path: big } },
    };
    expect(keepAsOf(large, { FUNNEL_AUDIT_CACHE: "off" }, 1)).toBe(false);
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    expect(keepAsOf(large, { FUNNEL_AUDIT_CACHE: join(file, "below") }, 1)).toBe(false);
    expect(keptAsOf(large, { FUNNEL_AUDIT_CACHE: join(file, "below") })).toBeNull();
    expect(keepAsOf(large, { FUNNEL_AUDIT_CACHE: cache }, 1)).toBe(true);
    expect(keptAsOf(large, { FUNNEL_AUDIT_CACHE: cache })).toBe(1);
    expect(keptAsOf(large, { FUNNEL_AUDIT_CACHE: "off" })).toBeNull();
  });

  it("keeps the newest 64 entries; a file that is not ours is started afresh", () => {
    const cache = join(dir, "cache-many");
    const big = join(dir, "big2.csv");
    writeFileSync(big, "");
    truncateSync(big, LARGE_INPUTS);
    const large = (name: string) =>
      ({
        ...config,
        name,
        sources: { ...config.sources, leads: { ...config.sources.leads, path: big } },
      }) as SlaConfig;
    for (let i = 0; i < 70; i++)
      expect(keepAsOf(large(`sla ${i}`), { FUNNEL_AUDIT_CACHE: cache }, i)).toBe(true);
    const entries = JSON.parse(readFileSync(join(cache, "as-of-1.json"), "utf8")) as [string, number][];
    expect(entries.map(([, t]) => t)).toEqual(Array.from({ length: 64 }, (_, i) => i + 6));
    expect(keptAsOf(large("sla 5"), { FUNNEL_AUDIT_CACHE: cache })).toBeNull();
    expect(keptAsOf(large("sla 69"), { FUNNEL_AUDIT_CACHE: cache })).toBe(69);
    writeFileSync(join(cache, "as-of-1.json"), "{not json");
    expect(keptAsOf(large("sla 69"), { FUNNEL_AUDIT_CACHE: cache })).toBeNull();
    expect(keepAsOf(large("sla 69"), { FUNNEL_AUDIT_CACHE: cache }, 69)).toBe(true);
    expect(keptAsOf(large("sla 69"), { FUNNEL_AUDIT_CACHE: cache })).toBe(69);
  });
});
