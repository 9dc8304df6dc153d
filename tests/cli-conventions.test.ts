/**
 * Issue 17, command-line conventions: a closed pipe keeps the exit code, colour as chalk documents
 * it, nested help, and one verdict per `validate` run.
 */

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { colorLevel, fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";

const repo = join(import.meta.dirname, "..");
const bin = join(repo, "bin", "funnel-audit.js");
const built = existsSync(join(repo, "dist", "cli", "main.js"));

async function run(args: string[], env: Record<string, string> = { NO_COLOR: "1" }, tty = false) {
  const f = fakeIo(env, tty);
  const code = await main(args, f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr() };
}

/**
 * Runs the CLI in bash with its output into a pipe whose reader has already gone (`true` exits
 * at once, long before node has started), so every write meets EPIPE; `redirect` may add
 * `2>&1` to send stderr into the same closed pipe. Returns the CLI's own exit status
 * (PIPESTATUS[0]) and what reached the terminal's stderr.
 */
function piped(args: string, reader = "true", redirect = "") {
  const r = spawnSync(
    "bash",
    ["-c", `"${process.execPath}" "${bin}" ${args} ${redirect} | ${reader}; exit \${PIPESTATUS[0]}`],
    { cwd: repo, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
  );
  return { status: r.status, stderr: r.stderr };
}

describe.skipIf(!built)("a closed pipe (EPIPE) keeps the exit code the work deserved", () => {
  const cases: [string, string, number][] = [
    ["a good audit", "audit --sla sla.example.yaml", 0],
    // acme misses handoff targets in 2026-W44 (tests/golden/acme-check-latency): exit 1.
    ["--check with missed targets", "audit --sla sla.example.yaml --check", 1],
    ["a missing SLA file", "audit --sla no-such-sla.yaml", 2],
    // validate writes its facts line by line, then fails on coverage (2 of 10 leads not used).
    ["validate of inputs too thin to audit", "validate --sla tests/fixtures/ingest/rows-used/sla.yaml", 2],
  ];
  // Before: a missing SLA file exited 1 (stderr's EPIPE was an uncaught error), validate exited 0.
  it.each(cases)("%s: stdout and stderr into a closed pipe (2>&1 | true)", (_name, args, code) => {
    expect(piped(args, "true", "2>&1").status).toBe(code);
  });
  it("stdout alone into a closed pipe: the errors still reach the terminal", () => {
    const r = piped("validate --sla tests/fixtures/ingest/rows-used/sla.yaml");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^funnel-audit: coverage: more than 1\.0% of the rows are not used/m);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
  });
  it("`--check | head -1`: exit 1, quietly", () => {
    const r = piped("audit --sla sla.example.yaml --check", "head -1 >/dev/null");
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^check failed: \d+ of \d+ targets missed$/m);
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
  });
});

describe("colour, as chalk documents FORCE_COLOR and NO_COLOR", () => {
  it.each([
    ["a terminal", {}, true, 1],
    ["a pipe", {}, false, 0],
    ["NO_COLOR on a terminal", { NO_COLOR: "1" }, true, 0],
    ["an empty NO_COLOR is unset", { NO_COLOR: "" }, true, 1],
    ["FORCE_COLOR=0 on a terminal", { FORCE_COLOR: "0" }, true, 0],
    ["FORCE_COLOR=false on a terminal", { FORCE_COLOR: "false" }, true, 0],
    ["FORCE_COLOR=1 in a pipe", { FORCE_COLOR: "1" }, false, 1],
    ["FORCE_COLOR=3 in a pipe", { FORCE_COLOR: "3" }, false, 3],
    ["FORCE_COLOR=9 is capped at 3", { FORCE_COLOR: "9" }, false, 3],
    ["FORCE_COLOR=true", { FORCE_COLOR: "true" }, false, 1],
    ["an empty FORCE_COLOR is level 1", { FORCE_COLOR: "" }, false, 1],
    ["FORCE_COLOR overrides NO_COLOR", { FORCE_COLOR: "2", NO_COLOR: "1" }, false, 2],
    ["FORCE_COLOR=0 overrides a terminal", { FORCE_COLOR: "0", TERM: "xterm-256color" }, true, 0],
    ["TERM=dumb", { TERM: "dumb" }, true, 0],
  ])("%s", (_name, env, tty, level) => {
    expect(colorLevel(fakeIo(env, tty).io)).toBe(level);
  });

  it("FORCE_COLOR=0 on a terminal prints no bold (no escape code at all)", async () => {
    const r = await run(["audit", "--sla", "sla.example.yaml"], { FORCE_COLOR: "0" }, true);
    expect(r.stdout).toContain("funnel-audit · ");
    expect(r.stdout.includes("\u001b[")).toBe(false);
  });

  it("a terminal gets bold, at the level decided here", async () => {
    const r = await run(["audit", "--sla", "sla.example.yaml"], {}, true);
    expect(r.stdout).toContain("\u001b[1mfunnel-audit · ");
    // FORCE_COLOR=3: truecolor escapes would be 38;2;…; the report uses basic colours only.
    const t = await run(["latency", "--sla", "sla.example.yaml"], { FORCE_COLOR: "3" });
    expect(t.stdout).toContain("\u001b[1m");
  });
});

describe("help", () => {
  it("`help sla render` shows render's help, as `sla render --help` does", async () => {
    const help = await run(["help", "sla", "render"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: funnel-audit sla render \[options\]/);
    expect(help.stdout).toBe((await run(["sla", "render", "--help"])).stdout);
  });

  it("`help sla` still shows sla's help, `help audit` audit's", async () => {
    expect((await run(["help", "sla"])).stdout).toMatch(/^Usage: funnel-audit sla \[options\] \[command\]/);
    expect((await run(["help", "audit"])).stdout).toMatch(/^Usage: funnel-audit audit \[options\]/);
  });

  it("`help` of no such command is a usage error naming the commands", async () => {
    const r = await run(["help", "sla", "draw"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe('funnel-audit: help: no command "draw" in `sla`; commands: render, diff\n');
  });
});

describe("validate: one verdict per run", () => {
  it("a passing run ends with `valid` on stdout and exits 0", async () => {
    const r = await run(["validate", "--sla", "sla.example.yaml"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe(
      "valid: sla.example.yaml and its 7 source file(s) can be audited",
    );
  });

  it("a failing run says `valid` nowhere, puts its error on stderr and exits 2", async () => {
    const r = await run(["validate", "--sla", "tests/fixtures/ingest/rows-used/sla.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stdout).not.toMatch(/\bvalid\b/);
    expect(r.stderr).toMatch(/^funnel-audit: coverage: more than 1\.0% of the rows are not used/m);
  });

  it("an SLA file with errors: nothing on stdout", async () => {
    const r = await run(["validate", "--sla", "tests/golden/bad-sla/sla.yaml"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
  });
});
