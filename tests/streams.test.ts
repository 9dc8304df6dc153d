/**
 * Inputs that are streams (issue 16, Hangs; issue 17, Command-line conventions): `-` reads
 * standard input where a file is expected (`--sla -`, `file: "-"`, `init -`), once; a named pipe
 * with no writer is waited for with a note on stderr, never an open that blocks the process; an
 * endless device ends with exit 2; one file listed twice through a link is refused. These run the
 * built CLI (dist/, `npm run build`) in a child process, as a shell would.
 */

import { spawn, spawnSync } from "node:child_process";
import { linkSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { LEADS, makeFifo, twoLeadSla } from "./helpers/two-leads.js";

const bin = resolve(import.meta.dirname, "..", "bin", "funnel-audit.js");
const dir = mkdtempSync(join(tmpdir(), "streams-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sla = twoLeadSla;
writeFileSync(join(dir, "leads.csv"), LEADS);
const env = { ...process.env, NO_COLOR: "1", FUNNEL_AUDIT_HEAP: "set" };

/** The CLI run in `dir` with `input` on its standard input. */
function cli(args: string[], input = "") {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: dir,
    env,
    input,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("- is standard input", () => {
  writeFileSync(join(dir, "sla.yaml"), sla("leads.csv"));
  writeFileSync(join(dir, "sla-stdin.yaml"), sla('"-"'));

  it("--sla - reads the SLA file from stdin (sources relative to the current folder)", () => {
    const r = cli(["audit", "--sla", "-", "--format", "json"], sla("leads.csv"));
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.sla.file).toBe("<stdin>");
    expect(report.coverage.line).toBe("2 of 2 leads");
  });

  it('a source with file: "-" reads its rows from stdin (and --out - is stdout, not that input)', () => {
    const r = cli(["audit", "--sla", "sla-stdin.yaml", "--format", "json", "--out", "-"], LEADS);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).coverage.line).toBe("2 of 2 leads");
  });

  it('--sla - with a source file: "-" is refused: stdin can be read once (exit 2)', () => {
    const r = cli(["audit", "--sla", "-"], sla('"-"'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "standard input can be read once, and --sla - and sources.leads.file both name it (-)",
    );
  });

  it('init - drafts from stdin, keeping file: "-"; init - - is refused', () => {
    const r = cli(["init", "-", "--out", "-"], LEADS);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('file: "-"');
    const twice = cli(["init", "-", "-", "--out", "-"], LEADS);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain("standard input can be read once");
  });
});

describe("a named pipe", () => {
  it("with no writer: says on stderr that it waits for that pipe, then reads what a late writer sends", async () => {
    const fifo = join(dir, "late.fifo");
    if (!makeFifo(fifo)) return;
    writeFileSync(join(dir, "sla-late.yaml"), sla("late.fifo"));
    const child = spawn(process.execPath, [bin, "audit", "--sla", "sla-late.yaml", "--format", "json"], {
      cwd: dir,
      env,
    });
    let stderr = "";
    let stdout = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    const code = new Promise<number | null>((done) => child.on("close", (c) => done(c)));
    // Before the writer comes: the note names the pipe (the open did not block the process).
    await new Promise<void>((said, fail) => {
      const timer = setTimeout(() => fail(new Error(`no note on stderr: ${stderr}`)), 45_000);
      child.stderr.on("data", (d) => {
        stderr += d;
        if (stderr.includes("waiting for data on")) {
          clearTimeout(timer);
          said();
        }
      });
    });
    expect(stderr).toContain("waiting for data on late.fifo (a pipe: nothing writes to it yet)");
    spawnSync("sh", ["-c", `cat leads.csv > late.fifo`], { cwd: dir });
    expect(await code, stderr).toBe(0);
    expect(JSON.parse(stdout).coverage.line).toBe("2 of 2 leads");
  }, 60_000);
});

describe("/dev/zero as a source, with an encoding set", () => {
  it.each([
    ["windows-1252", "it holds binary data (NUL bytes), not CSV text"],
    // Read as UTF-16, NUL bytes are characters: the copy stops at a line of 128 MiB, not the disk's end.
    ["utf-16le", "/dev/zero:1  error  invalid CSV: the row starting at line 1 is longer than 32 MiB"],
  ])(
    "encoding: %s ends with exit 2",
    (encoding, said) => {
      writeFileSync(join(dir, `sla-zero-${encoding}.yaml`), sla("/dev/zero", [`    encoding: ${encoding}`]));
      const r = cli(["audit", "--sla", `sla-zero-${encoding}.yaml`]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(said);
    },
    60_000,
  );
});

describe("one file listed twice by different paths", () => {
  it("a hard link under the same kind is refused at its SLA line (same device and inode)", async () => {
    writeFileSync(join(dir, "calls.csv"), "lead,at,type\nL1,2026-05-01T10:00:00Z,call\n");
    linkSync(join(dir, "calls.csv"), join(dir, "calls-hard.csv"));
    const activity = (file: string) => [
      `    - file: ${file}`,
      "      columns: { lead_id: lead, at: at, type: type }",
    ];
    const file = join(dir, "sla-hard.yaml");
    writeFileSync(
      file,
      sla("leads.csv", ["  activities:", ...activity("calls.csv"), ...activity("calls-hard.csv")]),
    );
    const run = fakeIo({ NO_COLOR: "1" });
    expect(await main(["audit", "--sla", file], run.io)).toBe(2);
    // sla-hard.yaml: lines 1-9 are the base, 10 `activities:`, 11-12 the first entry, 13 the second `- file:`.
    expect(run.stderr()).toContain(
      `${file}:13:13  error  sources.activities[1].file: ${join(dir, "calls-hard.csv")} is the same file as ${join(dir, "calls.csv")}`,
    );
  });
});
