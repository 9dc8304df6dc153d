/** Everything the CLI touches outside itself: output streams, environment, files. Real and fake. */

import { type Output, runs } from "./output.js";
import { guardInputs } from "./targets.js";
import { writeFilesSafely } from "./write-files.js";

export { type Output, runs } from "./output.js";
export { checkTarget, guardInputs, writeError } from "./targets.js";
export { writeFileAtomic, writeFilesSafely } from "./write-files.js";

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
