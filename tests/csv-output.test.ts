/**
 * Issue 17, CSV: `--out report.csv` is one file (a folder only for `--out DIR/` or an existing
 * folder), `--bom` for Excel on Windows, and `obligations --format csv`.
 */

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, describe, expect, it } from "vitest";
import { fakeIo, realIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { acmeSubset } from "./helpers/acme-subset.js";

// Lead L-000001's campaign becomes "Gestión de eventos": the word Excel mangles without a BOM.
const { dir, sla } = acmeSubset(300, (file, text) =>
  file === "leads.csv" ? text.replace("2026-Q2 Paid Search: Competitor Terms", "Gestión de eventos") : text,
);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The real Io (files really written), its stdout and stderr collected. */
async function runReal(args: string[]) {
  const io = realIo();
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([...args, "--sla", sla], {
    ...io,
    stdout: { write: (t) => void out.push(t), isTTY: false },
    stderr: { write: (t) => void err.push(t), isTTY: false },
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

async function run(args: string[]) {
  const f = fakeIo({ NO_COLOR: "1" });
  const code = await main([...args, "--sla", sla], f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr() };
}

describe("--format csv --out", () => {
  it("report.csv is one file, and each table in it equals that table's file in --out DIR/", async () => {
    const file = join(dir, "report.csv");
    const one = await runReal(["audit", "--format", "csv", "--out", file]);
    expect(one.code).toBe(0);
    expect(statSync(file).isFile()).toBe(true);
    const folder = join(dir, "tables/");
    const many = await runReal(["audit", "--format", "csv", "--out", folder]);
    expect(many.code).toBe(0);
    expect(many.stderr).toMatch(/^wrote \d+ CSV files to /);

    const stacked: string[][] = parse(readFileSync(file, "utf8"));
    const [head, ...rows] = stacked as [string[], ...string[][]];
    expect(head[0]).toBe("table");
    const names = readdirSync(folder).sort();
    expect(names.length).toBeGreaterThan(5);
    // Every row of the one file belongs to a table of the folder; none is left out or added.
    expect([...new Set(rows.map((r) => `${r[0]}.csv`))].every((n) => names.includes(n))).toBe(true);
    for (const name of names) {
      const [thead, ...trows]: string[][] = parse(readFileSync(join(folder, name), "utf8"));
      const id = name.replace(/\.csv$/, "");
      const at = (thead as string[]).map((h) => head.indexOf(h));
      const mine = rows.filter((r) => r[0] === id);
      expect(mine.map((r) => at.map((i) => r[i]))).toEqual(trows);
      // The columns the table lacks are empty in its rows.
      const others = head.map((_, i) => i).filter((i) => i > 0 && !at.includes(i));
      expect(mine.every((r) => others.every((i) => r[i] === ""))).toBe(true);
    }
  });

  it("an existing folder named report.csv stays a folder: one file per table inside it", async () => {
    const folder = join(dir, "existing.csv");
    mkdirSync(folder);
    const r = await runReal(["commitments", "--format", "csv", "--out", folder]);
    expect(r.code).toBe(0);
    expect(readdirSync(folder).sort()).toEqual(["commitments.csv", "feedback.csv"]);
  });

  it("the whole audit as CSV on stdout: the stacked file (it was exit 2 before)", async () => {
    const r = await run(["audit", "--format", "csv"]);
    expect(r.code).toBe(0);
    expect(r.stdout.split("\n")[0]).toMatch(/^table,stage,label,entries,/);
  });

  it("a command with one table prints it as it is, with no table column", async () => {
    const r = await run(["quality", "--format", "csv"]);
    expect(r.stdout.split("\n")[0]).toBe("severity,code,count,title,first_example,hint");
  });
});

describe("--bom", () => {
  const gestion = Buffer.from([0x47, 0x65, 0x73, 0x74, 0x69, 0xc3, 0xb3, 0x6e]); // "Gestión" in UTF-8
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);

  it("starts the file with EF BB BF, then the same UTF-8 bytes as without it", async () => {
    const plain = join(dir, "plain.csv");
    const excel = join(dir, "excel.csv");
    await runReal(["conversion", "--by", "campaign", "--format", "csv", "--out", plain]);
    const r = await runReal(["conversion", "--by", "campaign", "--format", "csv", "--bom", "--out", excel]);
    expect(r.code).toBe(0);
    const a = readFileSync(plain);
    const b = readFileSync(excel);
    expect(a.subarray(0, 3).equals(bom)).toBe(false);
    expect(b.subarray(0, 3).equals(bom)).toBe(true);
    expect(b.subarray(3).equals(a)).toBe(true);
    expect(a.includes(gestion)).toBe(true);
  });

  it("every file of a folder gets one", async () => {
    const folder = join(dir, "bom/");
    await runReal(["commitments", "--format", "csv", "--bom", "--out", folder]);
    for (const name of readdirSync(folder))
      expect(readFileSync(join(folder, name)).subarray(0, 3).equals(bom)).toBe(true);
  });

  it("obligations as CSV take it too", async () => {
    const r = await run(["obligations", "--format", "csv", "--bom"]);
    expect(r.stdout.startsWith("\uFEFFhandoff,lead,")).toBe(true);
  });

  it("is refused with any other format, and nothing is written", async () => {
    const out = join(dir, "r.md");
    const r = await runReal(["audit", "--format", "md", "--bom", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      "funnel-audit: --bom is for --format csv (Excel); --format md is UTF-8 without one\n",
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe("obligations --format csv", () => {
  it("one row per obligation, every field of the JSON", async () => {
    const json = JSON.parse((await run(["obligations", "--format", "json"])).stdout).obligations;
    const csv: Record<string, string>[] = parse((await run(["obligations", "--format", "csv"])).stdout, {
      columns: true,
    });
    expect(csv.length).toBe(json.length);
    expect(csv.length).toBeGreaterThan(100);
    // The same records, the response flattened and empty cells for nulls.
    const text = (v: unknown) => (v === null || v === undefined ? "" : String(v));
    expect(csv).toEqual(
      json.map((o: Record<string, unknown> & { response: Record<string, unknown> | null }) => ({
        handoff: text(o.handoff),
        lead: text(o.lead),
        journey: text(o.journey),
        entered: text(o.entered),
        deadline: text(o.deadline),
        restarts: text(o.restarts),
        response_at: text(o.response?.at),
        response_what: text(o.response?.what),
        response_place: text(o.response?.place),
        status: text(o.status),
        owner: text(o.owner),
        clock: text(o.clock),
        waited_hours: text(o.waited_hours),
      })),
    );
  });

  it.each(["md", "html"])("--format %s is refused (exit 2), not printed as the terminal table", async (f) => {
    const r = await run(["obligations", "--format", f]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Allowed choices are table, json, csv.");
  });
});
