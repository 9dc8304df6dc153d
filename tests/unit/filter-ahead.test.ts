/**
 * A trace's filtered reads done ahead on a worker (src/parallel/filter-ahead.ts): a read takes the
 * worker's bytes only when the worker was asked for exactly that read, and then they are the bytes
 * filteredBytes hands on here; any other read, a worker that cannot start and a file that went
 * away are filtered here, with the same result or error as without a worker. The worker runs the
 * compiled dist/ (npm test builds it first).
 */

import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { filteredBytes, type LeadKeys, leadKeys } from "../../src/ingest/csv/lead-filter.js";
import { FilterAhead, filterWorkerScript } from "../../src/parallel/filter-ahead.js";

const dir = mkdtempSync(join(tmpdir(), "filter-ahead-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LEAD = leadKeys("L-0042", null, null);

/** The bytes and the bytes-read count of a read: taken from `ahead`, else filtered here ("here" says which). */
async function read(
  ahead: FilterAhead | null,
  path: string,
  lead: LeadKeys,
  d: string,
): Promise<{ text: string; read: number; here: boolean }> {
  let read = 0;
  const onRead = (n: number) => {
    read += n;
  };
  const taken = ahead ? await ahead.take(path, lead, d, onRead) : null;
  const out: Buffer[] = [];
  for await (const b of taken ?? filteredBytes(path, lead, d, null, onRead)) out.push(b);
  return { text: Buffer.concat(out).toString("latin1"), read, here: taken === null };
}

/** `n` rows of other leads in `d`-delimited CSV, the lead's row every 997th and a quoted two-line cell every 89th. */
function rows(n: number, d: string): string {
  const out = [["lead_id", "type", "note"].join(d)];
  for (let i = 0; i < n; i++)
    if (i % 997 === 0) out.push(["L-0042", "call", `seen ${i}`].join(d));
    else if (i % 89 === 0) out.push([`L-${i}`, "email", `"line one\nline ""two"""`].join(d));
    else out.push([`L-${i}`, "call", `note ${i}`].join(d));
  return `${out.join("\n")}\n`;
}

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text, "latin1");
  return path;
}

describe("filtered reads done ahead", () => {
  it("hands each read the bytes and the bytes-read count filteredBytes gives here, delimiters sniffed", async () => {
    const comma = file("comma.csv", rows(50_000, ","));
    const semi = file("semi.csv", rows(20_000, ";"));
    const tab = file("tab.csv", rows(5_000, "\t"));
    const ahead = FilterAhead.start([
      { path: comma, lead: LEAD, delimiter: null },
      { path: semi, lead: LEAD, delimiter: null },
      { path: tab, lead: LEAD, delimiter: "\t" },
    ]);
    try {
      for (const [path, d] of [
        [comma, ","],
        [semi, ";"],
        [tab, "\t"],
      ] as const) {
        const got = await read(ahead, path, LEAD, d);
        expect(got.here).toBe(false);
        expect(got).toEqual({ ...(await read(null, path, LEAD, d)), here: false });
        // The lead's rows are there (one every 997th), and little else.
        expect(got.text.split("L-0042").length - 1).toBeGreaterThan(4);
      }
    } finally {
      ahead?.stop();
    }
  });

  it("filters here a read it was not asked for: other keys, another delimiter", async () => {
    const path = file("other.csv", rows(3_000, ","));
    const ahead = FilterAhead.start([{ path, lead: LEAD, delimiter: null }]);
    try {
      const other = leadKeys("L-0043", null, null);
      expect(await ahead?.take(path, other, ",", () => {})).toBeNull();
      // Asked with `;` where the worker sniffed `,`: the worker's bytes are not these.
      expect(await ahead?.take(path, LEAD, ";", () => {})).toBeNull();
      const here = await read(ahead, path, LEAD, ",");
      expect(here.here).toBe(true);
      expect(here.text).toBe((await read(null, path, LEAD, ",")).text);
    } finally {
      ahead?.stop();
    }
  });

  /** A small file's read, after a big one's job (`first` does what it will with that job): the worker's bytes, filtered as here. */
  async function afterBig(big: string, first: (ahead: FilterAhead | null) => Promise<void>) {
    const small = file(`after-${big.length}.csv`, rows(2_000, ","));
    const ahead = FilterAhead.start([
      { path: big, lead: LEAD, delimiter: null },
      { path: small, lead: LEAD, delimiter: null },
    ]);
    try {
      await first(ahead);
      const got = await read(ahead, small, LEAD, ",");
      expect(got.here).toBe(false);
      expect(got.text).toBe((await read(null, small, LEAD, ",")).text);
    } finally {
      ahead?.stop();
    }
  }

  it("goes on past a read never taken that hands on more than it may send ahead", async () => {
    // A first row longer than 1 MiB turns the filter off: 40 MB handed on, more than the 32 MB
    // the worker sends before a read takes them. That read is let go when a later one is taken.
    const long = `L-1,call,"${"y".repeat(3_000_000)}"\n`;
    const big = file("big.csv", `lead_id,type,note\n${long}${"L-2,call,x\n".repeat(3_800_000)}`);
    await afterBig(big, async () => {});
  }, 30_000);

  it("goes on past a read taken and stopped part-way (an error in its table)", async () => {
    // Every row holds the key: the filter hands on the whole 48 MB, more than the 32 MB the worker
    // sends before they are taken; the read stops after one chunk, and the next job still comes.
    const row = `L-0042,call,${"n".repeat(90)}\n`;
    const every = file("every.csv", `lead_id,type,note\n${row.repeat(500_000)}`);
    await afterBig(every, async (ahead) => {
      const first = await ahead?.take(every, LEAD, ",", () => {});
      expect(first).not.toBeNull();
      await first?.next();
      await first?.return(undefined);
    });
  }, 30_000);

  it("a file that went away: the read's own error, as filtering here gives it", async () => {
    const path = file("gone.csv", rows(100, ","));
    unlinkSync(path);
    const ahead = FilterAhead.start([{ path, lead: LEAD, delimiter: null }]);
    try {
      const taken = await ahead?.take(path, LEAD, ",", () => {});
      expect(taken).toBeNull();
      await expect(read(null, path, LEAD, ",")).rejects.toMatchObject({ code: "ENOENT" });
    } finally {
      ahead?.stop();
    }
  });

  it("a worker that cannot start: every read is filtered here", async () => {
    const path = file("nostart.csv", rows(3_000, ","));
    const script = filterWorkerScript.url;
    filterWorkerScript.url = new URL("file:///nonexistent/filter-worker.js");
    const ahead = FilterAhead.start([{ path, lead: LEAD, delimiter: null }]);
    filterWorkerScript.url = script;
    try {
      const got = await read(ahead, path, LEAD, ",");
      expect(got.here).toBe(true);
      expect(got.text).toBe((await read(null, path, LEAD, ",")).text);
    } finally {
      ahead?.stop();
    }
  });
});
