/** Everything the CLI touches outside itself: output streams, environment, files. Real and fake. */

import { randomBytes } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

export interface Io {
  stdout: { write(text: string): void; isTTY: boolean };
  stderr: { write(text: string): void; isTTY: boolean };
  env: Record<string, string | undefined>;
  /** Writes a whole file atomically: a temporary file beside it, then a rename. */
  writeFile(path: string, text: string): Promise<void>;
}

/** Atomic write: readers never see a half-written report, a failed run leaves none. */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, text, "utf8");
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

export function realIo(): Io {
  // A reader that stops early (`| head`) closes the pipe: stop quietly, as other Unix tools do.
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
  return {
    stdout: { write: (t) => void process.stdout.write(t), isTTY: Boolean(process.stdout.isTTY) },
    stderr: { write: (t) => void process.stderr.write(t), isTTY: Boolean(process.stderr.isTTY) },
    env: process.env,
    writeFile: writeFileAtomic,
  };
}

/** An in-memory Io for tests: collects stdout, stderr and written files. */
export function fakeIo(env: Record<string, string | undefined> = {}, tty = false) {
  const out: string[] = [];
  const err: string[] = [];
  const files = new Map<string, string>();
  const io: Io = {
    stdout: { write: (t) => void out.push(t), isTTY: tty },
    stderr: { write: (t) => void err.push(t), isTTY: tty },
    env,
    writeFile: async (path, text) => void files.set(path, text),
  };
  return { io, stdout: () => out.join(""), stderr: () => err.join(""), files };
}

/** Colour on a terminal only; NO_COLOR (any value) turns it off, FORCE_COLOR turns it on. */
export function wantColor(io: Io): boolean {
  if (io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== "") return false;
  if (io.env.FORCE_COLOR !== undefined && io.env.FORCE_COLOR !== "0" && io.env.FORCE_COLOR !== "")
    return true;
  return io.stdout.isTTY && io.env.TERM !== "dumb";
}
