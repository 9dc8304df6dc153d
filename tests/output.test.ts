/** Writing --out: never onto an input, devices and FIFOs written directly, mode kept, all or nothing, clear failures, signals. */

import { execFileSync, spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  createReadStream,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeIo, writeFileAtomic, writeFilesSafely } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { UserError } from "../src/errors.js";

const repo = join(import.meta.dirname, "..");
const bin = join(repo, "bin", "funnel-audit.js");
const built = existsSync(join(repo, "dist", "cli", "main.js"));
const acme = join(repo, "examples", "acme");
const tmp = () => mkdtempSync(join(tmpdir(), "funnel-audit-out-"));
const hasMkfifo = spawnSync("mkfifo", ["--version"]).status === 0;

async function run(args: string[]) {
  const f = fakeIo({ NO_COLOR: "1" });
  const code = await main(args, f.io);
  return { code, stderr: f.stderr(), files: f.files };
}

/** The example SLA in its own folder, its stage history copied there as `stages.csv` (a name the CSV tables use). */
function slaWithStagesCsv(): string {
  const dir = tmp();
  copyFileSync(join(acme, "stage_history.csv"), join(dir, "stages.csv"));
  const text = readFileSync(join(repo, "sla.example.yaml"), "utf8")
    .replace("examples/acme/stage_history.csv", "stages.csv")
    .replaceAll("examples/acme/", `${acme}/`);
  writeFileSync(join(dir, "sla.yaml"), text);
  return dir;
}

/** The same, its leads file a FIFO with no writer: a run waits on it for as long as a test likes. */
function slaWithBlockingLeads(): string {
  const dir = slaWithStagesCsv();
  execFileSync("mkfifo", [join(dir, "leads.csv")]);
  const sla = readFileSync(join(dir, "sla.yaml"), "utf8").replace(`${acme}/leads.csv`, "leads.csv");
  writeFileSync(join(dir, "sla.yaml"), sla);
  return dir;
}

describe("--out never replaces an input, by whatever path it is named", () => {
  it("refuses --out link/leads.csv where link is a symlink to the inputs' folder", async () => {
    const dir = tmp();
    symlinkSync(acme, join(dir, "link"));
    const out = join(dir, "link", "leads.csv");
    const r = await run(["quality", "--sla", "sla.example.yaml", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(out);
    expect(r.stderr).toContain("examples/acme/leads.csv");
    expect(r.files.size).toBe(0);
  });

  it.each([
    ["trace", ["trace", "L-000042"]],
    ["obligations", ["obligations"]],
    ["sla render", ["sla", "render"]],
  ])("%s refuses --out link/… onto an input too", async (_, command) => {
    const dir = tmp();
    symlinkSync(acme, join(dir, "link"));
    symlinkSync(repo, join(dir, "repo"));
    // sla render reads only the SLA file: aim it at that; the others at the leads file.
    const target =
      command[0] === "sla" ? join(dir, "repo", "sla.example.yaml") : join(dir, "link", "leads.csv");
    const r = await run([...command, "--sla", "sla.example.yaml", "--out", target]);
    expect(r.code).toBe(2);
    expect(r.files.size).toBe(0);
  });

  it("refuses a hard link to an input", async () => {
    const dir = tmp();
    const r0 = spawnSync("ln", [join(acme, "reps.csv"), join(dir, "reps.csv")]);
    if (r0.status !== 0) return; // another file system: no hard link possible
    const r = await run(["quality", "--sla", "sla.example.yaml", "--out", join(dir, "reps.csv")]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("reps.csv");
  });

  it.skipIf(!built)(
    "--format csv --out DIR holding the stage history as stages.csv: refused, nothing written",
    () => {
      const dir = slaWithStagesCsv();
      const before = readFileSync(join(dir, "stages.csv"));
      const r = spawnSync(
        process.execPath,
        [bin, "audit", "--sla", join(dir, "sla.yaml"), "--format", "csv", "--out", dir],
        {
          cwd: repo,
          encoding: "utf8",
        },
      );
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(join(dir, "stages.csv"));
      expect(r.stderr).not.toContain("This is a bug");
      expect(readFileSync(join(dir, "stages.csv"))).toEqual(before);
      // All or nothing: none of the other ten tables was written either.
      expect(readdirSync(dir).sort()).toEqual(["sla.yaml", "stages.csv"]);
    },
  );

  it("init --out onto one of its inputs is refused, even with --force", async () => {
    const dir = tmp();
    symlinkSync(acme, join(dir, "link"));
    const out = join(dir, "link", "reps.csv");
    const r = await run(["init", join(acme, "leads.csv"), join(acme, "reps.csv"), "--out", out, "--force"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(out);
    expect(r.files.size).toBe(0);
  });
});

describe("what a target is decides how it is written", () => {
  it("a regular file is replaced atomically and keeps its mode (600 stays 600)", async () => {
    const dir = tmp();
    const out = join(dir, "r.json");
    writeFileSync(out, "old\n");
    chmodSync(out, 0o600);
    await writeFileAtomic(out, "new\n");
    expect(readFileSync(out, "utf8")).toBe("new\n");
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(["r.json"]);
  });

  it("a symlink to a report stays a link; the file it names is replaced", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "real.txt"), "old\n");
    symlinkSync(join(dir, "real.txt"), join(dir, "link.txt"));
    await writeFileAtomic(join(dir, "link.txt"), "new\n");
    expect(lstatSync(join(dir, "link.txt")).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(dir, "real.txt"), "utf8")).toBe("new\n");
  });

  it("/dev/null is written to, not replaced", async () => {
    await writeFileAtomic("/dev/null", "report\n");
    expect(statSync("/dev/null").isCharacterDevice()).toBe(true);
  });

  it("a symlink to /dev/null stays a symlink", async () => {
    const dir = tmp();
    symlinkSync("/dev/null", join(dir, "sink"));
    await writeFileAtomic(join(dir, "sink"), "report\n");
    expect(lstatSync(join(dir, "sink")).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir)).toEqual(["sink"]);
  });

  it.skipIf(!hasMkfifo)(
    "a FIFO (as `>(gzip > r.gz)` gives) is written through, and stays a FIFO",
    async () => {
      const dir = tmp();
      const fifo = join(dir, "pipe");
      execFileSync("mkfifo", [fifo]);
      const chunks: Buffer[] = [];
      const read = new Promise<string>((done) => {
        createReadStream(fifo)
          .on("data", (c) => chunks.push(c as Buffer))
          .on("end", () => done(Buffer.concat(chunks).toString("utf8")));
      });
      await writeFileAtomic(fifo, "through the pipe\n");
      expect(await read).toBe("through the pipe\n");
      expect(statSync(fifo).isFIFO()).toBe(true);
      expect(readdirSync(dir)).toEqual(["pipe"]);
    },
  );

  it("- is stdout", async () => {
    const seen: string[] = [];
    await writeFilesSafely(new Map([["-", "to stdout\n"]]), (t) => void seen.push(t));
    expect(seen).toEqual(["to stdout\n"]);
  });
});

describe("a failure to write is exit 2 naming the path and the fix, and leaves nothing", () => {
  const failure = async (path: string) => {
    const err = await writeFileAtomic(path, "x").then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UserError);
    return (err as UserError).message;
  };

  it("a missing folder", async () => {
    const dir = tmp();
    const m = await failure(join(dir, "nope", "r.json"));
    expect(m).toContain(join(dir, "nope", "r.json"));
    expect(m).toContain(`the folder ${join(dir, "nope")} does not exist`);
  });

  it("a folder as the file", async () => {
    const dir = tmp();
    expect(await failure(dir)).toContain("it is a folder");
  });

  it("a path under a file (ENOTDIR; root can write anywhere chmod allows)", async () => {
    const dir = tmp();
    writeFileSync(join(dir, "f"), "");
    expect(await failure(join(dir, "f", "r.json"))).toContain("is a file, not a folder");
    expect(readdirSync(dir)).toEqual(["f"]);
  });

  it("a folder where no file can be created (/proc)", async () => {
    expect(await failure("/proc/funnel-audit-report.json")).toContain("no file can be created in /proc");
  });

  it.skipIf(!existsSync("/dev/full"))("a full disk (/dev/full)", async () => {
    expect(await failure("/dev/full")).toContain("the disk is full");
  });

  it("several files: one that fails removes the temporary files of all, and writes none", async () => {
    const dir = tmp();
    const files = new Map([
      [join(dir, "a.csv"), "a\n"],
      [join(dir, "missing", "b.csv"), "b\n"],
      [join(dir, "c.csv"), "c\n"],
    ]);
    await expect(writeFilesSafely(files, () => undefined)).rejects.toThrow(UserError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it.skipIf(!built)("through the CLI: exit 2, no stack, no file", () => {
    const dir = tmp();
    writeFileSync(join(dir, "f"), "");
    for (const out of [join(dir, "nope", "r.txt"), join(dir, "f", "r.txt"), dir]) {
      const r = spawnSync(process.execPath, [bin, "quality", "--sla", "sla.example.yaml", "--out", out], {
        cwd: repo,
        encoding: "utf8",
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`cannot write ${out}`);
      expect(r.stderr).not.toMatch(/This is a bug|\n\s+at /);
    }
    const csv = spawnSync(
      process.execPath,
      [bin, "audit", "--sla", "sla.example.yaml", "--format", "csv", "--out", join(dir, "f", "tables/")],
      { cwd: repo, encoding: "utf8" },
    );
    expect(csv.status).toBe(2);
    expect(csv.stderr).toContain("is a file, not a folder");
    expect(readdirSync(dir)).toEqual(["f"]);
  });
});

describe.skipIf(!built || !hasMkfifo)(
  "an --out that cannot be written fails before the inputs are read",
  () => {
    it("a missing folder: exit 2 at once, while the leads file (a FIFO with no writer) would block for ever", () => {
      const dir = slaWithBlockingLeads();
      const out = join(dir, "nope", "r.json");
      const r = spawnSync(process.execPath, [bin, "audit", "--sla", join(dir, "sla.yaml"), "--out", out], {
        cwd: repo,
        encoding: "utf8",
        timeout: 15_000,
        killSignal: "SIGKILL",
      });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`cannot write ${out}: the folder ${join(dir, "nope")} does not exist`);
    }, 20_000);
  },
);

/** Waits until `test` holds, polling; false after `ms`. */
async function until(test: () => boolean, ms = 10_000): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 20)))
    if (test()) return true;
  return false;
}
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const childrenOf = (pid: number) =>
  spawnSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" })
    .stdout.split("\n")
    .map((l) => Number(l.trim()))
    .filter((n) => n > 0);

describe("signals", () => {
  it.skipIf(!built)(
    "SIGTERM during a write removes the temporary file (no client data left) and ends the process",
    async () => {
      const dir = tmp();
      const io = join(repo, "dist", "cli", "io.js");
      // 300 MB: the temporary file lives a while; the process signals itself once it sees it.
      const script = `import { readdirSync } from "node:fs";
import { writeFileAtomic } from ${JSON.stringify(io)};
const dir = ${JSON.stringify(dir)};
const poll = setInterval(() => {
  if (readdirSync(dir).some((f) => f.endsWith(".tmp"))) process.kill(process.pid, "SIGTERM");
}, 1);
await writeFileAtomic(dir + "/report.json", "x".repeat(300 * 1024 * 1024));
clearInterval(poll);`;
      const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: repo });
      // Killed by its signal (not finished first), and neither the temporary file nor a report is left.
      expect(r.signal).toBe("SIGTERM");
      expect(readdirSync(dir)).toEqual([]);
    },
    30_000,
  );

  it.skipIf(!built || !hasMkfifo).each(["SIGTERM", "SIGINT", "SIGKILL"] as const)(
    "%s to the bin's PID ends the heap child too (forwarded, or the child sees its parent gone): no process survives to write later",
    async (signal) => {
      const dir = slaWithBlockingLeads();
      const parent = spawn(
        process.execPath,
        [bin, "audit", "--sla", join(dir, "sla.yaml"), "--out", join(dir, "r.txt")],
        {
          cwd: repo,
          stdio: "ignore",
          env: { ...process.env, FUNNEL_AUDIT_HEAP: "" },
        },
      );
      const pid = parent.pid as number;
      const exited = new Promise<NodeJS.Signals | null>((done) => parent.on("exit", (_c, s) => done(s)));
      // The bin starts a second Node only where the default heap is under 90% of what it wants.
      const children = (await until(() => childrenOf(pid).length > 0, 5000)) ? childrenOf(pid) : [];
      await new Promise((r) => setTimeout(r, 300));
      parent.kill(signal);
      expect(await exited).toBe(signal);
      const survivors = [];
      // Generous: on a loaded machine (the whole suite on two cores) the child may still be loading.
      for (const c of children) if (!(await until(() => !alive(c), 15_000))) survivors.push(c);
      for (const c of survivors) process.kill(c, "SIGKILL"); // leave no orphan behind a failure
      expect(survivors).toEqual([]);
      expect(existsSync(join(dir, "r.txt"))).toBe(false);
    },
    45_000,
  );
});
