/** Writing the outputs: atomically through a temporary file, several files all-or-nothing. */

import { closeSync, fchmod, fchown, openSync, writeFile as writeFd } from "node:fs";
import { realpath, rename, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { promisify } from "node:util";
import { type Output, runs } from "./output.js";
import { writeError } from "./targets.js";
import { track, untrack } from "./temp-files.js";

/** How a target is written: `-` to stdout, a device, FIFO or socket directly, a regular file via a temporary file. */
type Plan =
  | { kind: "stdout" }
  | { kind: "direct"; path: string }
  | { kind: "atomic"; path: string; tmp: string; mode?: number; uid?: number; gid?: number };

async function plan(path: string): Promise<Plan> {
  if (path === "-") return { kind: "stdout" };
  let s: Awaited<ReturnType<typeof stat>> | null = null;
  try {
    s = await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  if (s?.isDirectory()) throw Object.assign(new Error("EISDIR"), { code: "EISDIR" });
  // /dev/stdout, /dev/null, `>(gzip > r.gz)`: a rename would replace the node (or the link to it).
  if (s && !s.isFile()) return { kind: "direct", path };
  // A link to a regular file: the file it names is replaced, the link stays.
  const real = s ? await realpath(path) : path;
  const tmp = join(
    dirname(real),
    `.${basename(real)}.${process.getBuiltinModule("node:crypto").randomBytes(6).toString("hex")}.tmp`,
  );
  return s
    ? { kind: "atomic", path: real, tmp, mode: s.mode & 0o7777, uid: s.uid, gid: s.gid }
    : { kind: "atomic", path: real, tmp };
}

/** Writes the temporary file of an atomic plan (exclusive: never follows a planted link). */
async function writeTemp(p: Extract<Plan, { kind: "atomic" }>, text: Output): Promise<void> {
  track(p.tmp);
  // Made synchronously, after track(): a signal finds the file either listed or not made yet.
  // A new file gets the usual 666 less the umask; one that replaces a report starts private.
  const fd = openSync(p.tmp, "wx", p.mode === undefined ? 0o666 : 0o600);
  try {
    for (const run of runs(text)) await promisify(writeFd)(fd, run, "utf8");
    // The report keeps the mode (and, as root, the owner) of the one it replaces: 600 stays 600.
    if (p.mode !== undefined) {
      await promisify(fchmod)(fd, p.mode);
      if (process.getuid?.() === 0 && p.uid !== undefined && p.gid !== undefined)
        await promisify(fchown)(fd, p.uid, p.gid).catch(() => undefined);
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes every file or none: all temporary files first, then the renames; any failure (a full
 * disk, a signal) removes every temporary file. Devices, FIFOs and `-` are written directly.
 */
export async function writeFilesSafely(
  files: ReadonlyMap<string, Output>,
  stdout: (text: string) => void,
): Promise<void> {
  const plans: [string, Plan, Output][] = [];
  for (const [path, text] of files) {
    try {
      plans.push([path, await plan(path), text]);
    } catch (err) {
      throw writeError(path, err);
    }
  }
  const temps = plans.flatMap(([path, p, text]) => (p.kind === "atomic" ? [[path, p, text] as const] : []));
  let current = "";
  try {
    for (const [path, p, text] of temps) {
      current = path;
      await writeTemp(p, text);
    }
    for (const [path, p] of temps) {
      current = path;
      await rename(p.tmp, p.path);
      await untrack(p.tmp, false);
    }
  } catch (err) {
    for (const [, p] of temps) await untrack(p.tmp, true);
    throw writeError(current, err);
  }
  for (const [path, p, text] of plans) {
    if (p.kind === "stdout") for (const run of runs(text)) stdout(run);
    else if (p.kind === "direct")
      await writeFile(p.path, runs(text), "utf8").catch((err: unknown) => {
        throw writeError(path, err);
      });
  }
}

/** Atomic write: readers never see a half-written report, a failed run leaves none. */
export async function writeFileAtomic(path: string, text: Output): Promise<void> {
  await writeFilesSafely(new Map([[path, text]]), (t) => void process.stdout.write(t));
}
