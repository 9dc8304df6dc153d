/**
 * The trace's filtered read (src/ingest/csv/lead-filter.ts, filteredBytes) reads a file 1 MiB at a
 * time into one buffer it uses again, moving the unfinished row to the buffer's start before each
 * read. Whatever the rows and wherever the reads cut them, it must hand on what the filter hands
 * on over the whole text at once; a row still unfinished with more than 1 MiB of it held turns
 * the filtering off from there.
 */

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { filteredBytes, leadKeys } from "../../src/ingest/csv/lead-filter.js";
import { RowFilter } from "../../src/ingest/csv/row-filter.js";

const dir = mkdtempSync(join(tmpdir(), "filtered-bytes-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function read(path: string): Promise<string> {
  const out: Buffer[] = [];
  let bytes = 0;
  for await (const b of filteredBytes(path, leadKeys("L-0042", null, null), ",", null, (n) => {
    bytes += n;
  }))
    out.push(b);
  return `${bytes}:${Buffer.concat(out).toString("latin1")}`;
}

/** The filter run once over the whole text (no reads, nothing held between them). */
function atOnce(text: Buffer): string {
  const f = new RowFilter(leadKeys("L-0042", null, null), ",");
  return `${text.length}:${f.run(text, true).toString("latin1")}`;
}

describe("the filtered read of a file", () => {
  it("hands on what the filter hands on over the whole text, across 1 MiB reads", async () => {
    // About 3.4 MB: plain rows, the lead's rows, and quoted cells over two lines (some of which
    // a read cuts in two), so the unfinished row moved to the buffer's start is often a quoted one.
    const rows = ["lead_id,type,note\n"];
    for (let i = 0; i < 60_000; i++) {
      if (i % 997 === 0) rows.push("L-0042,call,\n");
      else if (i % 89 === 0) rows.push(`L-${i},email,"line one\nline two, with ""quotes"""\n`);
      else if (i % 5003 === 0) rows.push("Total,1\n");
      else rows.push(`L-${i},call,note ${i}\n`);
    }
    const text = Buffer.from(rows.join(""), "latin1");
    const path = join(dir, "rows.csv");
    writeFileSync(path, text);
    const got = await read(path);
    expect(got).toBe(atOnce(text));
    // The lead's rows are there, most others are not (their line breaks are).
    expect(got.split("L-0042,call,").length - 1).toBe(Math.ceil(60_000 / 997));
    expect(got.length).toBeLessThan(text.length / 5);
  });

  it("hands on everything from a row still unfinished past 1 MiB held, unfiltered", async () => {
    // 3 MB: after the second read, more than 1 MiB of it is held, unfinished.
    const before = Array.from({ length: 1000 }, (_, i) => `L-${i},call,x\n`).join("");
    const long = `L-7,call,"${"y".repeat(3_000_000)}"\n`;
    const after = Array.from({ length: 1000 }, (_, i) => `L-${5000 + i},call,x\n`).join("");
    const text = `lead_id,type,note\n${before}${long}${after}`;
    const path = join(dir, "long.csv");
    writeFileSync(path, text, "latin1");
    const got = (await read(path)).replace(/^\d+:/, "");
    // The header, 1,000 dropped rows as their line breaks, then the long row and all after it.
    expect(got).toBe(`lead_id,type,note\n${"\n".repeat(1000)}${long}${after}`);
  });
});
