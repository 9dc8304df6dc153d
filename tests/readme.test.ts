/**
 * The README as a test: every command it shows runs (against dist, on the bundled example or the
 * fixture folder a `<!-- readme-test: in DIR -->` comment names), every output it quotes is what
 * the command prints, and its command and option tables list what each command's `--help` lists,
 * no more and no less. Commands that need the network, an install or data outside the repository
 * are in SKIPPED, each with its reason.
 *
 * Quoted output is compared line by line: each quoted line must be a line of the output, where `…`
 * stands for text left out (the pieces between must appear in that order on one line) and a line
 * that is only `…` stands for lines left out.
 */

import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const repo = join(import.meta.dirname, "..");
const bin = join(repo, "bin", "funnel-audit.js");
const built = existsSync(join(repo, "dist", "cli", "main.js"));
const readme = readFileSync(join(repo, "README.md"), "utf8");
const shared = join(repo, "..", "shared", "datasets");

/** Commands shown but not run here, with the reason (matched on the command's text). */
const SKIPPED: Record<string, string> = {
  "npm install": "installs from the registry (network)",
  "npm test": "the test suite itself",
  "npm install -g funnel-audit": "installs from the registry (network)",
  "npm install --save-dev funnel-audit": "installs from the registry (network)",
  "npx funnel-audit audit --sla sla.yaml --from 2026-10-19 --to 2026-10-25 --format json --out report.json --check":
    "a CI job on the reader's own sla.yaml",
  "funnel-audit audit --sla sla.yaml": "the reader's own sla.yaml, after a global install",
};
const needsShared = (cmd: string) => cmd.includes("examples/datasets/");

interface Block {
  lang: string;
  lines: string[];
  /** The folder its commands run in (relative to the repository), from the last readme-test comment. */
  dir: string;
  /** `output of CMD`: the block quotes that command's output. */
  outputOf: string | null;
  heading: string;
}

/** The fenced blocks, with the readme-test comments in force where each stands. */
function blocks(text: string): Block[] {
  const out: Block[] = [];
  let dir = ".";
  let outputOf: string | null = null;
  let heading = "";
  let open: Block | null = null;
  for (const line of text.split("\n")) {
    if (open) {
      if (/^```\s*$/.test(line)) {
        out.push(open);
        open = null;
      } else open.lines.push(line);
      continue;
    }
    const fence = /^```(\S*)\s*$/.exec(line);
    if (fence) {
      open = { lang: fence[1] ?? "", lines: [], dir, outputOf, heading };
      outputOf = null;
      if (dir === "(an install)") dir = "."; // for the next block only
      continue;
    }
    const h = /^#{2,3} (.*)/.exec(line);
    if (h) {
      heading = h[1] ?? "";
      if (line.startsWith("## ")) dir = ".";
    }
    const note = /^<!-- readme-test: (in|output of) (.*?) -->$/.exec(line);
    if (note?.[1] === "in") dir = note[2] ?? ".";
    if (note?.[1] === "output of") outputOf = note[2] ?? null;
  }
  expect(open, "a code fence is never closed").toBeNull();
  return out;
}

/** Shell words, with quotes ("…", '…') and a trailing `# comment` removed. */
function words(cmd: string): string[] {
  const list: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(#.*$)|(\S+)/g;
  for (const m of cmd.matchAll(re)) {
    if (m[3] !== undefined) break;
    list.push(m[1] ?? m[2] ?? m[4] ?? "");
  }
  return list;
}

const work = mkdtempSync(join(tmpdir(), "funnel-readme-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const folders = new Map<string, string>();
/** The folder a command runs in: the repository (read only), or a fresh copy of a fixture folder, one per README section. */
function folderFor(dir: string, key: string): string {
  if (dir === ".") return repo;
  let path = folders.get(key);
  if (!path) {
    path = join(work, String(folders.size));
    // `(an install)`: a folder whose node_modules holds this package, as `npm install` leaves it.
    if (dir === "(an install)") {
      mkdirSync(join(path, "node_modules"), { recursive: true });
      symlinkSync(repo, join(path, "node_modules", "funnel-audit"));
    } else cpSync(join(repo, dir), path, { recursive: true });
    folders.set(key, path);
  }
  return path;
}

/** Runs `npx funnel-audit ARGS` (or `funnel-audit ARGS`) as the built binary does. */
function run(cmd: string, cwd: string): { code: number | null; out: string } {
  const args = words(cmd);
  const start = args[0] === "npx" ? 2 : 1;
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1", CI: "1" };
  delete env.FORCE_COLOR; // an empty FORCE_COLOR means colour, as chalk reads it
  const r = spawnSync(process.execPath, [bin, ...args.slice(start)], { cwd, env, encoding: "utf8" });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Each quoted line is a line of the output (`…` marks what the quote leaves out). */
function expectQuoted(quoted: readonly string[], output: string, what: string): void {
  const lines = output.split("\n").map((l) => l.trimEnd());
  for (const q of quoted) {
    const line = q.trimEnd();
    if (line === "" || line === "…") continue;
    const pieces = line
      .split("…")
      .map((p) => p.trim())
      .filter((p) => p !== "");
    const hit = lines.some((l) => {
      let at = 0;
      for (const p of pieces) {
        const i = l.indexOf(p, at);
        if (i < 0) return false;
        at = i + p.length;
      }
      return true;
    });
    expect(hit, `${what}: the quoted line is not in the output:\n${line}\n--- output:\n${output}`).toBe(true);
  }
}

const all = blocks(readme);
const shown = all
  .filter((b) => b.lang === "sh")
  .flatMap((b) =>
    b.lines
      .flatMap((l) => l.split("&&"))
      .map((l) => l.trim())
      .filter((l) => l !== "")
      .map((cmd) => ({ cmd, block: b })),
  );

describe.skipIf(!built)("README: the commands it shows", () => {
  it("closes every code fence, so every heading is a heading", () => {
    expect(all.length).toBeGreaterThan(10);
    for (const title of ["Try it", "Commands", "Your own exports", "The SLA file", "Development"])
      expect(readme).toMatch(new RegExp(`^## ${title}$`, "m"));
  });

  it.each(shown.map((s) => [s.cmd, s] as const))("%s", (cmd, { block }) => {
    const skipped = Object.entries(SKIPPED).find(([k]) => cmd.replace(/\s+#.*$/, "") === k);
    if (skipped || (needsShared(cmd) && !existsSync(shared))) return;
    expect(cmd, "a shown command runs funnel-audit (or is in SKIPPED with its reason)").toMatch(
      /^(npx )?funnel-audit /,
    );
    const r = run(cmd, folderFor(block.dir, block.heading));
    expect(r.code, r.out).toBe(0);
  });

  it.each(
    all
      .filter((b) => b.lang === "" && b.lines.some((l) => l.startsWith("$ ")))
      .map((b) => [b.lines[0] ?? "", b] as const),
  )("the output quoted after %s", (_, block) => {
    const cwd = folderFor(block.dir, block.heading);
    let last: { code: number | null; out: string } | null = null;
    let quoted: string[] = [];
    let cmd = "";
    const check = () => {
      if (last) expectQuoted(quoted, last.out, cmd);
    };
    for (const line of block.lines) {
      if (line === "$ echo $?") {
        check();
        quoted = [];
        continue;
      }
      if (line.startsWith("$ ")) {
        check();
        cmd = line.slice(2);
        last = run(cmd, cwd);
        quoted = [];
        continue;
      }
      if (/^\d+$/.test(line) && quoted.length === 0 && last && cmd !== "") {
        // The line after `$ echo $?`: the exit code of the command before it.
        expect(String(last.code), `exit code of ${cmd}`).toBe(line);
        continue;
      }
      quoted.push(line);
    }
    check();
  });

  it.each(all.filter((b) => b.outputOf !== null).map((b) => [b.outputOf as string, b] as const))(
    "the excerpt of %s",
    (cmd, block) => {
      const r = run(cmd, folderFor(block.dir, block.heading));
      expect(r.code, r.out).toBe(0);
      expectQuoted(block.lines, r.out, cmd);
    },
  );

  it("the drafts it quotes are lines init wrote", () => {
    for (const block of all.filter((b) => b.lang === "yaml" && b.dir !== ".")) {
      const draft = readFileSync(join(folderFor(block.dir, block.heading), "sla.yaml"), "utf8");
      expectQuoted(block.lines, draft, `the draft in ${block.dir}`);
    }
  });
});

/** The options a command's --help lists (without --help itself). */
function helpOptions(command: string[]): string[] {
  const r = spawnSync(process.execPath, [bin, ...command, "--help"], { cwd: repo, encoding: "utf8" });
  const opts = [...r.stdout.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1] as string);
  return opts.filter((o) => o !== "--help").sort();
}

/** The rows of the Markdown table that follows `caption` in the README. */
function tableAfter(caption: string): string[][] {
  const start = readme.indexOf(caption);
  expect(start, `README has "${caption}"`).toBeGreaterThan(-1);
  const rows = [];
  // From the caption's own line: a header row is a caption too. Escaped pipes (`\|`) stay in their cell.
  for (const line of readme.slice(readme.lastIndexOf("\n", start) + 1).split("\n")) {
    if (line.startsWith("|")) rows.push(line.split(/(?<!\\)\|/).slice(1, -1));
    else if (rows.length > 0) break;
  }
  return rows.slice(2); // header and rule
}
const flags = (cell: string) => [...cell.matchAll(/`(--[\w-]+)/g)].map((m) => m[1] as string);

describe.skipIf(!built)("README: the command and option tables against --help", () => {
  const root = spawnSync(process.execPath, [bin, "--help"], { cwd: repo, encoding: "utf8" }).stdout;
  const commands = [...root.matchAll(/^ {2}([a-z]+)\b/gm)]
    .map((m) => m[1] as string)
    .filter((c) => c !== "help");

  it("the Commands table lists every command, and only those", () => {
    const listed = tableAfter("| command ").map((r) => /`([a-z]+)/.exec(r[0] ?? "")?.[1]);
    expect([...new Set(listed)].sort()).toEqual([...commands].sort());
  });

  it("each command's options in the README are those its --help lists", () => {
    const sharedOptions = tableAfter("Options shared by the report commands").flatMap((r) =>
      flags(r[0] ?? ""),
    );
    const perCommand = tableAfter("Options of each command");
    const seen = new Set<string>();
    for (const row of perCommand) {
      const names = [...(row[0] ?? "").matchAll(/`([a-z]+(?: [a-z]+)?)/g)].map((m) => m[1] as string);
      // "the shared options except `--by` and `--period`; and `--handoff ID`, …"
      const cell = row[1] ?? "";
      const except = /except ([^;]*)/.exec(cell)?.[1] ?? "";
      const refused = new Set(flags(except));
      const listed = [
        ...(cell.includes("the shared options") ? sharedOptions.filter((o) => !refused.has(o)) : []),
        ...flags(cell.replace(except, "")),
      ];
      for (const name of names) {
        seen.add(name.split(" ")[0] as string);
        expect([...new Set(listed)].sort(), `README options of ${name}`).toEqual(
          helpOptions(name.split(" ")),
        );
      }
    }
    expect([...seen].sort(), "every command has a row in the options table").toEqual([...commands].sort());
  });
});
