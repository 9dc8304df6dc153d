/** The CLI as a user meets it: exit codes, colour, --out, and byte-identical output in any host zone. */

import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { progressBar } from "../src/cli/inputs.js";
import { fakeIo, wantColor, writeFileAtomic } from "../src/cli/io.js";
import { bugReport, main } from "../src/cli/main.js";

const repo = join(import.meta.dirname, "..");
const bin = join(repo, "bin", "funnel-audit.js");
const built = existsSync(join(repo, "dist", "cli", "main.js"));

async function run(args: string[], env: Record<string, string> = { NO_COLOR: "1" }) {
  const f = fakeIo(env);
  const code = await main(args, f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr(), files: f.files };
}

describe("exit codes", () => {
  it.each([
    ["--help", 0, ["--help"]],
    ["--version", 0, ["--version"]],
    ["unknown command", 2, ["audti"]],
    ["bad --format", 2, ["audit", "--sla", "sla.example.yaml", "--format", "xml"]],
    ["bad --as-of", 2, ["audit", "--sla", "sla.example.yaml", "--as-of", "yesterday"]],
    [
      "--from after --to",
      2,
      ["audit", "--sla", "sla.example.yaml", "--from", "2026-10-01", "--to", "2026-09-01"],
    ],
    ["unknown lead in trace", 2, ["trace", "L-999999", "--sla", "sla.example.yaml"]],
    ["--out onto an input", 2, ["audit", "--sla", "sla.example.yaml", "--out", "examples/acme/leads.csv"]],
    ["a good audit", 0, ["quality", "--sla", "sla.example.yaml"]],
    [
      "--by a column the leads file lacks",
      2,
      ["conversion", "--sla", "sla.example.yaml", "--by", "industry"],
    ],
    [
      "--baseline that is not a report",
      2,
      ["latency", "--sla", "sla.example.yaml", "--baseline", "package.json"],
    ],
    ["--by where conversion is not shown", 2, ["latency", "--sla", "sla.example.yaml", "--by", "source"]],
  ])("%s exits %d", async (_name, code, args) => {
    expect((await run(args as string[])).code).toBe(code);
  });

  it("usage errors say what is wrong, without a stack trace", async () => {
    const r = await run(["audit", "--sla", "sla.example.yaml", "--as-of", "yesterday"]);
    expect(r.stderr).toBe(
      'funnel-audit: --as-of "yesterday" is not a date or time: write e.g. 2026-10-31 or 2026-10-31T17:00:00-04:00\n',
    );
  });

  it("a missing default sla.yaml points at --sla and init", async () => {
    const r = await run(["audit"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no sla.yaml in this folder: pass --sla FILE (try --sla sla.example.yaml)");
  });
});

describe("colour", () => {
  it.each([
    ["a terminal", {}, true, true],
    ["a pipe", {}, false, false],
    ["NO_COLOR on a terminal", { NO_COLOR: "1" }, true, false],
    ["FORCE_COLOR in a pipe", { FORCE_COLOR: "1" }, false, true],
    ["TERM=dumb", { TERM: "dumb" }, true, false],
  ])("%s", (_name, env, tty, expected) => {
    expect(wantColor(fakeIo(env, tty).io)).toBe(expected);
  });

  it("no escape codes at all when colour is off (borders included)", async () => {
    const r = await run(["audit", "--sla", "sla.example.yaml"], {});
    expect(r.stdout.includes("\u001b[")).toBe(false);
  });

  it("escape codes when forced", async () => {
    const r = await run(["latency", "--sla", "sla.example.yaml"], { FORCE_COLOR: "1" });
    expect(r.stdout.includes("\u001b[")).toBe(true);
  });
});

describe("--out", () => {
  it("writes the report to the file and nothing to stdout", async () => {
    const r = await run(["audit", "--sla", "sla.example.yaml", "--format", "json", "--out", "report.json"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
    expect(JSON.parse(r.files.get("report.json") ?? "{}").schema_version).toBe(1);
  });

  it("writes atomically: the target appears whole, no temporary file is left", async () => {
    const dir = mkdtempSync(join(tmpdir(), "funnel-audit-"));
    await writeFileAtomic(join(dir, "r.txt"), "hello\n");
    expect(readFileSync(join(dir, "r.txt"), "utf8")).toBe("hello\n");
    expect(readdirSync(dir)).toEqual(["r.txt"]);
  });

  it("a failed run leaves no output file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "funnel-audit-"));
    const out = join(dir, "report.json");
    const r = spawnSync(
      process.execPath,
      [bin, "audit", "--sla", "tests/golden/bad-sla/sla.yaml", "--out", out],
      { cwd: repo },
    );
    expect(r.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });
});

describe.skipIf(!built)("the built binary (npm test builds first)", () => {
  it.each(["UTC", "Asia/Kathmandu", "America/St_Johns"])(
    "prints the same JSON under TZ=%s as the golden report",
    (zone) => {
      const out = execFileSync(
        process.execPath,
        [bin, "audit", "--sla", "sla.example.yaml", "--format", "json"],
        {
          cwd: repo,
          env: { ...process.env, TZ: zone },
          encoding: "utf8",
        },
      );
      expect(out).toBe(readFileSync(join(repo, "tests/golden/acme-audit-json/expected/stdout.txt"), "utf8"));
    },
  );

  it("stops quietly when its reader stops early (| head): no EPIPE stack trace", () => {
    const r = spawnSync(
      "sh",
      ["-c", `"${process.execPath}" "${bin}" audit --sla sla.example.yaml --format json | head -c 10`],
      {
        cwd: repo,
        encoding: "utf8",
      },
    );
    expect(r.stdout).toBe('{\n  "schem');
    expect(r.stderr).not.toMatch(/EPIPE|at /);
  });
});

describe("progress bar", () => {
  const files = (io: ReturnType<typeof fakeIo>) => io.stderr();
  it("draws on a terminal's stderr and clears itself", async () => {
    const run = fakeIo({ NO_COLOR: "1" }, true);
    await main(["quality", "--sla", "sla.example.yaml"], run.io);
    expect(files(run)).toMatch(/\[#+ *\] +\d+% examples\/acme\/.*\.csv/);
    expect(files(run).endsWith("\r\u001b[K")).toBe(true);
  });
  it("adds up the files read at once (worker threads read large ones beside the leads)", () => {
    const run = fakeIo({ NO_COLOR: "1" }, true);
    const bar = progressBar({}, run.io);
    bar?.update("leads.csv", 50, 100);
    // Within 100 ms of the last drawing only a file's end draws: 50 + 300 of 100 + 300 bytes.
    bar?.update("history.csv", 0, 300);
    bar?.update("history.csv", 300, 300);
    expect(run.stderr().endsWith("]  88% of 2 files (history.csv)\u001b[K")).toBe(true);
    bar?.update("leads.csv", 100, 100);
    expect(run.stderr().endsWith("] 100% leads.csv\u001b[K")).toBe(true);
  });
  it.each([
    ["in a pipe", {}, false, "table"],
    ["in CI", { CI: "true" }, true, "table"],
    ["with JSON output", {}, true, "json"],
  ])("never %s", async (_name, env, tty, format) => {
    const run = fakeIo({ NO_COLOR: "1", ...env }, tty);
    await main(["quality", "--sla", "sla.example.yaml", "--format", format], run.io);
    expect(run.stderr()).toBe("");
  });
});

describe("a bug in funnel-audit", () => {
  const boom = () => {
    try {
      // A message quoting data, as a TypeError on a row's value would.
      throw new TypeError('cannot read "jane.doe@client.example" of undefined');
    } catch (err) {
      return err as Error;
    }
  };

  it("is reported with its kind and our stack frames, never its message (it may quote the input)", () => {
    const text = bugReport(boom(), false);
    expect(text).not.toContain("jane.doe");
    expect(text.split("\n")[0]).toBe(
      "TypeError (message withheld: it may quote your data; FUNNEL_AUDIT_DEBUG=1 shows it)",
    );
    expect(text).toMatch(/^ {4}at /m);
  });

  it("shows the message when FUNNEL_AUDIT_DEBUG=1 asks for it", () => {
    expect(bugReport(boom(), true)).toContain("jane.doe@client.example");
  });
});
