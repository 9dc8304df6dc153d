#!/usr/bin/env node
import { spawn } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import module from "node:module";
import { totalmem } from "node:os";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { getHeapStatistics, setFlagsFromString } from "node:v8";

// V8 moves objects straight to the old generation from allocation sites whose objects it saw
// survive a young collection. When such a collection came just as the replay began, the replay's
// short-lived objects went there too, and piled up until a full collection: 100k leads with 10M
// activities peaked at 375-390 instead of 260-290 MiB, one run in two. Off, no run did, and a
// million leads ran as fast (docs/performance.md). Before anything else is loaded.
setFlagsFromString("--no-allocation-site-pretenuring");

// Node 22.1 and later keep the code V8 compiled for each module on disk (in the temporary folder,
// NODE_COMPILE_CACHE to move it, NODE_DISABLE_COMPILE_CACHE=1 to turn it off), so a second start
// parses nothing again; Node 20 has no such cache and skips this (docs/performance.md).
module.enableCompileCache?.();

// Node caps its heap at about 4 GB whatever the machine has; a year of a large funnel needs more
// (docs/benchmarks.md). Unless the user chose a limit, run again with three quarters of the
// machine's memory (at most 16 GB), so a big export does not end in "heap out of memory".
const MB = 1024 * 1024;
const wanted = Math.min(Math.floor((totalmem() * 0.75) / MB), 16 * 1024);
const given = (flag) => [...process.execArgv, process.env.NODE_OPTIONS ?? ""].some((a) => a.includes(flag));
const flags = [
  ...(given("--max-old-space-size") || getHeapStatistics().heap_size_limit / MB >= wanted * 0.9
    ? []
    : [`--max-old-space-size=${wanted}`]),
];

// The second process costs a Node start (50-100 ms, a third of a small audit's time), so it runs
// only where its heap and malloc arenas can matter: a command that reads the SLA's sources, when
// they add up to WORKER_MIN_BYTES (src/ingest/parallel.ts: from there files are read in worker
// threads) or their size cannot be known (standard input, a pipe, an SLA file it cannot read
// here). --version, --help, init and sla render, and the bundled example, run in this process.
const WORKER_MIN_BYTES = 8 * MB;
const READS_SOURCES = new Set([
  "audit",
  "conversion",
  "latency",
  "compliance",
  "commitments",
  "quality",
  "obligations",
  "trace",
  "validate",
]);

/** The value of `--sla` in the arguments (default sla.yaml), or null when there is none to look at. */
function slaArgument(args) {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--") break;
    if (args[i] === "--sla") return args[i + 1] ?? null;
    if (args[i].startsWith("--sla=")) return args[i].slice(6);
  }
  return "sla.yaml";
}

/** True when the command may read large inputs: see above. Reads the SLA text, never parses the data. */
function mayNeedLargeHeap(args) {
  const help = args.some((a) => a === "--help" || a === "-h" || a === "--version" || a === "-V");
  if (help || !READS_SOURCES.has(args.find((a) => !a.startsWith("-")))) return false;
  const sla = slaArgument(args);
  if (sla === null) return false;
  if (sla === "-") return true;
  let text;
  try {
    if (!statSync(sla).isFile()) return true;
    text = readFileSync(sla, "utf8");
  } catch {
    return false; // the command reports the unreadable file in either process
  }
  let bytes = 0;
  // Every `file:` value (sources, references), quoted or not, relative to the SLA file's folder.
  for (const m of text.matchAll(/(?:^|[\s{,])file:\s*(?:"([^"]*)"|'([^']*)'|([^\s,}#]+))/g)) {
    const path = m[1] ?? m[2] ?? m[3];
    if (path === "-") return true;
    try {
      const stat = statSync(resolve(dirname(sla), path));
      if (!stat.isFile()) return true;
      bytes += stat.size;
    } catch {
      // a missing file is reported by the command
    }
  }
  return bytes >= WORKER_MIN_BYTES;
}

if (flags.length > 0 && process.env.FUNNEL_AUDIT_HEAP !== "set" && mayNeedLargeHeap(process.argv.slice(2))) {
  const child = spawn(
    process.execPath,
    [...flags, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      // A channel the child watches: if this process dies, even of SIGKILL, the child stops too.
      stdio: ["inherit", "inherit", "inherit", "ipc"],
      // Files are read in worker threads, and glibc gives each thread its own malloc arena; the
      // buffers those threads hand over are freed into their arenas and stay in the process's
      // memory. Two arenas: a million leads peak at 871 instead of 940-1000 MiB, as fast
      // (docs/performance.md). Other C libraries ignore the variable.
      // Blocks of 128 KiB or more (the rows' column pages, the replay worker's shared copies of
      // them) are mapped on their own and given back when freed: glibc otherwise raises that
      // threshold as blocks are freed, and then freed pages stay as holes in its heap. A million
      // leads with engagements: 855-912 instead of 925-1006 MiB (docs/performance.md, issue 19).
      env: {
        MALLOC_ARENA_MAX: "2",
        MALLOC_MMAP_THRESHOLD_: "131072",
        ...process.env,
        FUNNEL_AUDIT_HEAP: "set",
        FUNNEL_AUDIT_PARENT: String(process.pid),
      },
    },
  );
  // The caller (a CI timeout, a supervisor, Ctrl-C) holds this PID: what it sends, the child gets,
  // and this process ends as the child does, so no orphan writes a report later.
  const forward = (signal) => child.kill(signal);
  const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const s of SIGNALS) process.on(s, forward);
  child.on("error", (err) => {
    process.stderr.write(`funnel-audit: cannot start node (${err.message})\n`);
    process.exit(2);
  });
  child.on("exit", (code, signal) => {
    for (const s of SIGNALS) process.removeListener(s, forward);
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 2);
  });
} else {
  const parent = process.env.FUNNEL_AUDIT_PARENT;
  delete process.env.FUNNEL_AUDIT_PARENT;
  if (process.channel) {
    // Started by the lines above: stop when the parent is gone, and never wait on the channel.
    process.on("disconnect", () => process.kill(process.pid, "SIGTERM"));
    process.channel.unref();
  }
  // The parent died while this process was still starting (a loaded machine): the channel's
  // disconnect came before the listener above, and this process is now someone else's child.
  if (parent !== undefined && (!process.connected || String(process.ppid) !== parent))
    process.kill(process.pid, "SIGTERM");
  const { realIo } = await import("../dist/cli/io.js");
  const { main } = await import("../dist/cli/main.js");
  process.exitCode = await main(process.argv.slice(2), realIo());
}
