/** Child processes timed from outside (wall time, peak RSS), and the machine they ran on. */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";

export interface Measured {
  code: number | null;
  wallMs: number;
  /** Peak resident set size in MiB, or null when it could not be measured. */
  peakRssMib: number | null;
  /** User plus system CPU seconds (GNU time), or null without it. */
  cpuSeconds: number | null;
  stdout: string;
  stderr: string;
}

const TIME = "/usr/bin/time";

/** VmHWM (peak RSS, KiB) of a live process, or null. */
function vmHwm(pid: number): number | null {
  try {
    const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : null;
  } catch {
    return null;
  }
}

/** The largest VmHWM among a process and its descendants (bin/funnel-audit.js runs node again). */
function treeHwm(pid: number): number | null {
  let best = vmHwm(pid);
  let children: number[] = [];
  try {
    children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    children = [];
  }
  for (const c of children) {
    const kb = treeHwm(c);
    if (kb !== null) best = Math.max(best ?? 0, kb);
  }
  return best;
}

/**
 * Runs `cmd args` to its end. Peak RSS comes from GNU time (`/usr/bin/time -f "%M %U %S"`: the largest of
 * the process and the descendants it waited for) when present, else from polling VmHWM in
 * /proc/<pid>/status of the process and its descendants every 10 ms. CPU time (`%U + %S`) only
 * from GNU time.
 */
export function measure(
  cmd: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Measured> {
  // BENCH_RSS=proc polls /proc even where GNU time exists (to check one against the other).
  const useTime = existsSync(TIME) && process.env.BENCH_RSS !== "proc";
  const tmp = useTime ? mkdtempSync(join(tmpdir(), "bench-time-")) : null;
  const timeOut = tmp ? join(tmp, "rss") : null;
  const [file, argv] = timeOut ? [TIME, ["-f", "%M %U %S", "-o", timeOut, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(file, argv, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => err.push(b));
    let polled: number | null = null;
    const timer = timeOut
      ? null
      : setInterval(() => {
          const kb = child.pid === undefined ? null : treeHwm(child.pid);
          if (kb !== null) polled = Math.max(polled ?? 0, kb);
        }, 10);
    child.on("error", reject);
    child.on("close", (code) => {
      const wallMs = performance.now() - start;
      if (timer) clearInterval(timer);
      let kb = polled;
      let cpuSeconds: number | null = null;
      if (timeOut && existsSync(timeOut)) {
        // "KiB user system" (a killed child's line comes after "Command terminated by signal …").
        const last = readFileSync(timeOut, "utf8").trim().split("\n").at(-1) ?? "";
        const m = /^(\d+) ([\d.]+) ([\d.]+)$/.exec(last);
        kb = m ? Number(m[1]) : null;
        cpuSeconds = m ? Number(m[2]) + Number(m[3]) : null;
      }
      if (tmp) rmSync(tmp, { recursive: true, force: true });
      resolve({
        code,
        wallMs,
        peakRssMib: kb === null ? null : kb / 1024,
        cpuSeconds,
        stdout: Buffer.concat(out).toString("utf8"),
        stderr: Buffer.concat(err).toString("utf8"),
      });
    });
  });
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGib: number;
  os: string;
  node: string;
  duckdb: string | null;
  rssBy: string;
}

function sh(cmd: string, args: string[]): string {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return "";
  }
}

/** The machine: CPU (lscpu), cores, memory, OS, Node; DuckDB's version is filled in by the caller. */
export function machine(): Machine {
  const lscpu = sh("lscpu", []);
  const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, "m").exec(lscpu)?.[1]?.trim();
  const model = field("Model name") ?? cpus()[0]?.model ?? "unknown";
  const hypervisor = field("Hypervisor vendor");
  const release = existsSync("/etc/os-release") ? readFileSync("/etc/os-release", "utf8") : "";
  const pretty = /^PRETTY_NAME="?([^"\n]+)"?/m.exec(release)?.[1] ?? process.platform;
  return {
    cpu: `${model}${field("Architecture") ? `, ${field("Architecture")}` : ""}${hypervisor ? ` (${hypervisor} guest)` : ""}`,
    cores: cpus().length,
    memoryGib: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${pretty}, Linux ${sh("uname", ["-r"])}`,
    node: process.version,
    duckdb: null,
    rssBy:
      existsSync(TIME) && process.env.BENCH_RSS !== "proc"
        ? "/usr/bin/time -f %M"
        : "/proc/<pid>/status VmHWM (process tree)",
  };
}
