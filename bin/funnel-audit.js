#!/usr/bin/env node
import { spawnSync } from "node:child_process";
import { totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { getHeapStatistics, setFlagsFromString } from "node:v8";

// V8 moves objects straight to the old generation from allocation sites whose objects it saw
// survive a young collection. When such a collection came just as the replay began, the replay's
// short-lived objects went there too, and piled up until a full collection: 100k leads with 10M
// activities peaked at 375-390 instead of 260-290 MiB, one run in two. Off, no run did, and a
// million leads ran as fast (docs/performance.md). Before anything else is loaded.
setFlagsFromString("--no-allocation-site-pretenuring");

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
if (flags.length > 0 && process.env.FUNNEL_AUDIT_HEAP !== "set") {
  const child = spawnSync(
    process.execPath,
    [...flags, ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    {
      stdio: "inherit",
      // Files are read in worker threads, and glibc gives each thread its own malloc arena; the
      // buffers those threads hand over are freed into their arenas and stay in the process's
      // memory. Two arenas: a million leads peak at 871 instead of 940-1000 MiB, as fast
      // (docs/performance.md). Other C libraries ignore the variable.
      env: { MALLOC_ARENA_MAX: "2", ...process.env, FUNNEL_AUDIT_HEAP: "set" },
    },
  );
  if (child.error) throw child.error;
  if (child.signal) process.kill(process.pid, child.signal);
  process.exitCode = child.status ?? 2;
} else {
  const { realIo } = await import("../dist/cli/io.js");
  const { main } = await import("../dist/cli/main.js");
  process.exitCode = await main(process.argv.slice(2), realIo());
}
