/** Where an output may go: never over an input, and a failure to write said with what to do. */

import { constants, existsSync } from "node:fs";
import { access, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { UserError } from "../errors.js";

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
