/** Sources readable only once (pipes, devices, standard input), copied once to a temporary file. */

/**
 * Sources that can be read only once: a named pipe, `<(zcat leads.csv.gz)`, a device, `-` for
 * standard input. Each is copied once to a temporary file that every later read uses, opened
 * without ever blocking the process on a pipe that has no writer, and bounded: binary data is
 * refused from its first bytes, an endless line before it fills the disk.
 */

import { once } from "node:events";
import {
  constants,
  createReadStream,
  createWriteStream,
  mkdtempSync,
  openSync,
  rmSync,
  type Stats,
} from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { printable } from "../../text.js";
import { notCsv } from "./binary.js";
import type { Encoding } from "./encoding.js";
import { MAX_ROW_CHARS, rowTooLong, UnreadableInput } from "./row.js";

/** Pipes and devices given as sources, copied once to a temporary file: path → copy (one per process: a command). */
const spools = new Map<string, string>();
let spoolDir: string | null = null;

/** `-` where a file is expected: standard input (issue 17). Only one input of a run may be `-`. */
export const STDIN = "-";

/** How long a pipe may stay silent before stderr says what the command waits for. */
export const PIPE_NOTICE_MS = 2000;

/**
 * A line of a pipe longer than this many bytes is refused while it is copied: a row of
 * MAX_ROW_CHARS characters takes at most 4 bytes a character, so no row the tokenizers read is
 * refused here, and an endless device (/dev/zero read as UTF-16) does not fill the disk.
 */
const SPOOL_LINE_BYTES = 4 * MAX_ROW_CHARS;

/** Bytes of a pipe checked for binary data before any is copied (notCsv looks at 4 KB). */
const HEAD = 4096;

/** Where notes about reading go (a pipe that stays silent); the CLI's stderr. */
let notice: (text: string) => void = (text) => void process.stderr.write(text);

/** Sends notes about reading (a pipe waited for) to `write` instead of stderr; for tests. */
export function setReadNotice(write: (text: string) => void): void {
  notice = write;
}

/**
 * The path to read a source from: the source itself when it is a regular file; a pipe or a device
 * (`<(zcat leads.csv.gz)`, a named pipe, `-` for standard input) can be read only once, so it is
 * copied to a temporary file on first use, and every later read (the date scan, the encoding
 * check, the rows) reads the copy. What is not CSV (/dev/zero) is refused from its first bytes,
 * before anything is copied.
 */
export async function readablePath(path: string, file: string, encoding: Encoding | null): Promise<string> {
  const s = path === STDIN ? null : await stat(path);
  if (s && (s.isFile() || s.isDirectory())) return path;
  const known = spools.get(path);
  if (known) return known;
  if (spoolDir === null) {
    const dir = mkdtempSync(join(tmpdir(), "funnel-audit-"));
    spoolDir = dir;
    removeOnExit(dir);
  }
  const copy = join(spoolDir, `source-${spools.size + 1}`);
  await spool(openStream(path, s), copy, file, encoding);
  spools.set(path, copy);
  return copy;
}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * Removes the copies (client data) at exit and on SIGINT, SIGTERM or SIGHUP: a command waiting on
 * a pipe is often stopped with Ctrl-C. The signal then ends the process as usual; when another
 * handler (the CLI's, for its temporary files) is still listening, that one ends it.
 */
function removeOnExit(dir: string): void {
  const remove = () => rmSync(dir, { recursive: true, force: true });
  const onSignal = (signal: NodeJS.Signals) => {
    remove();
    for (const s of SIGNALS) process.removeListener(s, onSignal);
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  };
  process.once("exit", remove);
  for (const s of SIGNALS) process.on(s, onSignal);
}

/**
 * A stream of a pipe, a device or standard input. A named pipe is opened without blocking (an
 * open that waits for a writer would hang the process where no signal handler runs) and read as
 * a socket: it ends when its writer closes it, not before a writer came.
 */
function openStream(path: string, s: Stats | null): Readable {
  if (s === null) return process.stdin;
  if (!s.isFIFO()) return createReadStream(path, { highWaterMark: 1 << 16 });
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  return new Socket({ fd, readable: true, writable: false });
}

/** Says once on stderr, when nothing has come after PIPE_NOTICE_MS, what the command waits for. */
function waitNotice(raw: Readable, file: string): NodeJS.Timeout {
  const what =
    raw === process.stdin ? "standard input: nothing has come in yet" : "a pipe: nothing writes to it yet";
  const timer = setTimeout(
    () =>
      notice(
        printable(
          `waiting for data on ${file} (${what}); start the command that writes it, or press Ctrl-C\n`,
        ),
      ),
    PIPE_NOTICE_MS,
  );
  timer.unref();
  return timer;
}

/** Copies a stream to `copy`, checking its first bytes (notCsv) and the length of its lines. */
async function spool(raw: Readable, copy: string, file: string, encoding: Encoding | null): Promise<void> {
  const out = createWriteStream(copy);
  const silent = waitNotice(raw, file);
  try {
    // The first HEAD bytes are held and checked together: a writer may send a few bytes at a time.
    let head: Buffer[] | null = [];
    let headBytes = 0;
    const check = async () => {
      const bytes = Buffer.concat(head ?? []);
      head = null;
      const wrong = notCsv(bytes, encoding);
      if (wrong) throw new UnreadableInput(file, wrong);
      if (!out.write(bytes)) await once(out, "drain");
    };
    let line = 1;
    let run = 0;
    for await (const chunk of raw as AsyncIterable<Buffer>) {
      clearTimeout(silent);
      const last = chunk.lastIndexOf(10);
      if (last < 0) run += chunk.length;
      else {
        for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) line++;
        run = chunk.length - last - 1;
      }
      if (run > SPOOL_LINE_BYTES) throw rowTooLong(file, line);
      if (head !== null) {
        head.push(chunk);
        headBytes += chunk.length;
        if (headBytes >= HEAD) await check();
      } else if (!out.write(chunk)) await once(out, "drain");
    }
    if (head !== null) await check();
    await new Promise<void>((done, fail) => out.end((err?: Error | null) => (err ? fail(err) : done())));
  } catch (err) {
    if (raw !== process.stdin) raw.destroy();
    out.destroy();
    rmSync(copy, { force: true });
    throw err;
  } finally {
    clearTimeout(silent);
  }
}

/** The largest SLA file read (bytes): a real one is a few kilobytes; /dev/zero is not one. */
export const MAX_SMALL_INPUT = 16 * 1024 * 1024;

/**
 * The whole of a small input (the SLA file), from a regular file, a pipe or `-` (standard input),
 * through the same non-blocking stream as the sources; over `max` bytes it is refused.
 */
export async function readSmallInput(path: string, file: string, max = MAX_SMALL_INPUT): Promise<Buffer> {
  const s = path === STDIN ? null : await stat(path);
  if (s?.isDirectory()) throw Object.assign(new Error("is a directory"), { code: "EISDIR" });
  const tooLarge = () =>
    new UnreadableInput(file, `it is over ${max / 1024 / 1024} MiB, too large for an SLA file`);
  if (s?.isFile()) {
    if (s.size > max) throw tooLarge();
    return readFile(path);
  }
  const raw = openStream(path, s);
  const chunks: Buffer[] = [];
  let size = 0;
  const silent = waitNotice(raw, file);
  try {
    for await (const chunk of raw as AsyncIterable<Buffer>) {
      clearTimeout(silent);
      size += chunk.length;
      if (size > max) throw tooLarge();
      chunks.push(chunk);
    }
  } finally {
    clearTimeout(silent);
    if (raw !== process.stdin) raw.destroy();
  }
  return Buffer.concat(chunks);
}
