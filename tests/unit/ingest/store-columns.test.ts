import { describe, expect, it } from "vitest";
import { compactLeads, LeadRuns, leadsOver, shareLeads } from "../../../src/ingest/store/lead-runs.js";
import { Places } from "../../../src/ingest/store/places.js";
import { Times } from "../../../src/ingest/store/times.js";
import { Column } from "../../../src/paged.js";

const T0 = Date.UTC(2026, 4, 1, 9); // a whole second

describe("Times: 32-bit seconds from the first row, 64-bit instants from the first time that needs them", () => {
  it("whole seconds, 30 years either side of the first, come back exactly", () => {
    const t = new Times();
    const at = [T0, T0 + 1000, T0 - 30 * 365 * 86_400_000, T0 + 30 * 365 * 86_400_000];
    for (const [i, x] of at.entries()) t.set(i, x);
    expect(at.map((_, i) => t.get(i))).toEqual(at);
    expect(t.share().millis).toBeNull(); // still in seconds
  });
  it("a time with milliseconds turns every row so far into instants: all exact", () => {
    const t = new Times();
    const at = [T0, T0 + 2000, T0 + 2001, T0 - 5000];
    for (const [i, x] of at.entries()) t.set(i, x);
    expect(at.map((_, i) => t.get(i))).toEqual(at);
    expect(t.share().seconds).toBeNull();
  });
  it("a time 70 years from the first (past 2^31 seconds) too", () => {
    const t = new Times();
    const far = T0 + 70 * 365 * 86_400_000; // 2.2e9 s > 2^31 - 1
    t.set(0, T0);
    t.set(1, far);
    expect([t.get(0), t.get(1)]).toEqual([T0, far]);
  });
  it("another thread's copy reads the same", () => {
    const t = new Times();
    for (let i = 0; i < 70_000; i++) t.set(i, T0 + i * 1000); // past one page
    const copy = Times.over(t.share());
    expect([copy.get(0), copy.get(69_999)]).toEqual([T0, T0 + 69_999_000]);
  });
});

describe("Places: a line's low 15 bits a row, runs for the file and the rest", () => {
  it("file after file, lines past 32,767 and 65,535, and out of order: each row as it was set", () => {
    const p = new Places();
    // [file, line]: a second file, lines across 2^15 and 2^16, a line going back, a file again.
    const rows: [number, number][] = [
      [0, 2],
      [0, 2],
      [0, 32_767],
      [0, 32_768],
      [0, 70_000],
      [1, 2],
      [1, 3],
      [0, 5],
      [1, 1_000_000],
    ];
    for (const [i, [f, l]] of rows.entries()) p.set(i, f, l);
    const got = () => rows.map((_, i) => [p.fileOf(i), p.lineOf(i)]);
    expect(got()).toEqual(rows);
    // Backwards, then the other thread's copy.
    expect(rows.map((_, i) => rows.length - 1 - i).map((i) => p.lineOf(i))).toEqual(
      rows.map(([, l]) => l).reverse(),
    );
    const copy = Places.over(p.share());
    expect(rows.map((_, i) => [copy.fileOf(i), copy.lineOf(i)])).toEqual(rows);
    // Runs: 2..32767 | 32768 | 70000 | file 1 | file 0 | file 1 (line 1e6): 6 runs of 3 numbers.
    expect(p.share().runs).toHaveLength(18);
  });
});

describe("a grouped file's leads: runs where rows come lead by lead, else the column", () => {
  const column = (leads: number[]) => {
    const c = new Column(false);
    for (const [i, l] of leads.entries()) c.set(i, l);
    return c;
  };
  it("rows lead by lead (a stray -1 among them): runs, each row's lead as it was, in the other thread too", () => {
    const leads = [0, 0, 0, 1, 1, -1, 2, 2, 2, 2, 0];
    const runs = compactLeads(column(leads), leads.length);
    expect(runs).toBeInstanceOf(LeadRuns); // 5 runs of 11 rows
    expect(leads.map((_, i) => runs.get(i))).toEqual(leads);
    expect([10, 0, 7, 3].map((i) => runs.get(i))).toEqual([0, 0, 2, 1]); // out of order
    const copy = leadsOver(shareLeads(runs));
    expect(leads.map((_, i) => copy.get(i))).toEqual(leads);
  });
  it("leads interleaved row by row: the column kept", () => {
    const leads = [0, 1, 0, 1, 0, 1];
    expect(compactLeads(column(leads), leads.length)).toBeInstanceOf(Column);
  });
});
