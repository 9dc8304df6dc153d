/** Everything the CLI touches outside itself: output streams, environment, files. Real and fake. */

import {
  closeSync,
  constants,
  existsSync,
  fchmod,
  fchown,
  openSync,
  rmSync,
  writeFile as writeFd,
} from "node:fs";
import { access, realpath, rename, rm, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { UserError } from "../errors.js";

/** What a command writes: a text, or its pieces in order (a large JSON report is never one string). */
export type Output = string | Iterable<string>;

/** The pieces of an output joined into runs of about 1 MB: few writes, bounded memory. */
export function* runs(output: Output, size = 1 << 20): Generator<string> {
  if (typeof output === "string") return yield output;
  let run: string[] = [];
  let length = 0;
  for (const piece of output) {
    run.push(piece);
    length += piece.length;
    if (length >= size) {
      yield run.join("");
      run = [];
      length = 0;
    }
  }
  if (run.length > 0) yield run.join("");
}

export interface Io {
  /** `columns`: the terminal's width when stdout is one. */
  stdout: { write(text: string): void; isTTY: boolean; columns?: number | undefined };
  stderr: { write(text: string): void; isTTY: boolean };
  env: Record<string, string | undefined>;
  /**
   * Writes a whole file: `-` to stdout, a device or FIFO directly, a regular file atomically (a
   * temporary file beside it, then a rename) keeping its mode. Never replaces a protected input.
   */
  writeFile(path: string, text: Output): Promise<void>;
  /** Writes several files all-or-nothing: every temporary file first, then the renames. */
  writeFiles(files: ReadonlyMap<string, Output>): Promise<void>;
  /** The files this run reads: no write may replace one, whatever path (link, `..`) names it. */
  protect(paths: readonly string[]): void;
}

/** Device and inode of what a path names (through links), or null when nothing is there. */
async function identity(path: string): Promise<string | null> {
  // `-`: standard input as an input, stdout as a target; never a file to compare.
  if (path === "-") return null;
  try {
    const s = await stat(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}

/**
 * Refuses a target that is one of the inputs: compared as files (device and inode, so a symlinked
 * folder, a hard link or `../x/` cannot hide it), not as path strings. A target that does not exist
 * yet cannot be an input.
 */
export async function guardInputs(targets: readonly string[], inputs: readonly string[]): Promise<void> {
  if (inputs.length === 0) return;
  const known = new Map<string, string>();
  for (const p of inputs) {
    const id = await identity(p);
    if (id !== null && !known.has(id)) known.set(id, p);
  }
  for (const t of targets) {
    if (t === "-") continue;
    const id = await identity(t);
    const hit = id === null ? undefined : known.get(id);
    if (hit !== undefined)
      throw new UserError(
        `${t} is the input file ${hit}: writing there would replace your data; choose another --out`,
      );
  }
}

/** A failure to write `path` as a message naming it and what to do; nothing was written. */
export function writeError(path: string, err: unknown, folderOut = false): UserError {
  if (err instanceof UserError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  // Where the file goes: the folder of --out FILE, or --out FOLDER itself.
  const folder = folderOut ? resolve(path) : dirname(resolve(path));
  const why: Record<string, string> = {
    ENOENT: existsSync(folder)
      ? `no file can be created in ${folder}; choose another --out`
      : `the folder ${folder} does not exist; create it or choose another --out`,
    ENOTDIR: `a part of ${folder} is a file, not a folder; choose another --out`,
    EISDIR: "it is a folder; name a file inside it (e.g. --out DIR/report.json)",
    EACCES: `permission denied in ${folder}; choose a folder you can write to`,
    EPERM: `permission denied in ${folder}; choose a folder you can write to`,
    EROFS: `${folder} is on a read-only file system; choose another --out`,
    ENOSPC: "the disk is full; free some space or choose another --out",
    EDQUOT: "the disk quota is exceeded; free some space or choose another --out",
    EFBIG: "the file is too large for this file system; choose another --out",
    EEXIST: "a file is in the way (not a folder); choose another --out",
  };
  const reason = (code && why[code]) ?? `${code ?? String(err)}; choose another --out`;
  return new UserError(`cannot write ${path}: ${reason} (nothing was written)`);
}

/**
 * Checks before the run that `--out` can be written (its folder exists, is a folder, is writable),
 * so a missing folder fails in a second, not after the audit. The write checks again.
 */
export async function checkTarget(path: string | undefined, folderOut = false): Promise<void> {
  if (path === undefined || path === "-") return;
  const code = (c: string) => Object.assign(new Error(c), { code: c });
  try {
    const target = await stat(path).catch(() => null);
    if (target?.isDirectory() && !folderOut) throw code("EISDIR");
    if (target?.isDirectory() || (target && !folderOut)) {
      if (target.isFile()) await access(path, constants.W_OK);
      return;
    }
    // A folder --out is made with its parents; a file needs its folder.
    if (folderOut) return;
    const parent = await stat(dirname(resolve(path)));
    if (!parent.isDirectory()) throw code("ENOTDIR");
    await access(dirname(resolve(path)), constants.W_OK);
  } catch (err) {
    throw writeError(path, err, folderOut);
  }
}

/** Temporary files alive now: removed on SIGINT/SIGTERM/SIGHUP and at exit, so no client data is left. */
const live = new Set<string>();
const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;
function onSignal(signal: NodeJS.Signals): void {
  cleanUp();
  for (const s of SIGNALS) process.removeListener(s, onSignal);
  // Die of the same signal, as the caller expects (exit 130/143 in a shell).
  process.kill(process.pid, signal);
}
function cleanUp(): void {
  for (const t of live) rmSync(t, { force: true });
  live.clear();
}
function track(tmp: string): void {
  if (live.size === 0) {
    for (const s of SIGNALS) process.on(s, onSignal);
    process.on("exit", cleanUp);
  }
  live.add(tmp);
}
async function untrack(tmp: string, remove: boolean): Promise<void> {
  if (remove) await rm(tmp, { force: true });
  live.delete(tmp);
  if (live.size === 0) {
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    process.removeListener("exit", cleanUp);
  }
}

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

/**
 * A writer to a stream whose reader may stop early (`| head`): once the pipe is closed (EPIPE),
 * later text is dropped quietly and the run goes on, so it still ends with the exit code its work
 * deserves (2 for bad input, 1 for a missed --check target), never a stack trace or an early 0.
 */
function quietWhenClosed(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE" || closed) {
      closed = true;
      return;
    }
    throw e;
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

export function realIo(): Io {
  const out = quietWhenClosed(process.stdout);
  const err = quietWhenClosed(process.stderr);
  const inputs: string[] = [];
  const stdout = out;
  const writeFiles = async (files: ReadonlyMap<string, Output>) => {
    await guardInputs([...files.keys()], inputs);
    await writeFilesSafely(files, stdout);
  };
  return {
    stdout: { write: stdout, isTTY: Boolean(process.stdout.isTTY), columns: process.stdout.columns },
    stderr: { write: err, isTTY: Boolean(process.stderr.isTTY) },
    env: process.env,
    writeFile: (path, text) => writeFiles(new Map([[path, text]])),
    writeFiles,
    protect: (paths) => void inputs.push(...paths),
  };
}

/** An in-memory Io for tests: collects stdout, stderr and written files; the input guard is real. */
export function fakeIo(env: Record<string, string | undefined> = {}, tty = false) {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, string>();
  const inputs: string[] = [];
  const writeFiles = async (written: ReadonlyMap<string, Output>) => {
    await guardInputs([...written.keys()], inputs);
    for (const [path, text] of written) files.set(path, [...runs(text)].join(""));
  };
  const io: Io = {
    stdout: { write: (t) => void out.push(t), isTTY: tty },
    stderr: { write: (t) => void err.push(t), isTTY: tty },
    env,
    writeFile: (path, text) => writeFiles(new Map([[path, text]])),
    writeFiles,
    protect: (paths) => void inputs.push(...paths),
  };
  return { io, stdout: () => out.join(""), stderr: () => err.join(""), files };
}

/**
 * The colour level (0 off, 1 16 colours, 2 256, 3 truecolor), read as chalk documents it:
 * FORCE_COLOR overrides every other check (0 or `false` off; 1, 2, 3 that level; `true` or empty
 * 1), even NO_COLOR and a pipe. Otherwise NO_COLOR (any non-empty value) turns colour off, and a
 * terminal that is not TERM=dumb gets level 1 (the report uses only the 16 basic colours).
 */
export function colorLevel(io: Io): 0 | 1 | 2 | 3 {
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === "" || force === "true") return 1;
    if (force === "false") return 0;
    const n = Number.parseInt(force, 10);
    if (Number.isFinite(n)) return Math.max(0, Math.min(n, 3)) as 0 | 1 | 2 | 3;
  }
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return 0;
  return io.stdout.isTTY && io.env.TERM !== "dumb" ? 1 : 0;
}

/** Colour on or off (see colorLevel). */
export function wantColor(io: Io): boolean {
  return colorLevel(io) > 0;
}
