/** The cache folder and its files: read only when they are small regular files, written whole or not at all. */

import { mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/** A cache file larger than this is not ours (ours hold a few KB): it is not read. */
const MAX_BYTES = 4 * 1024 * 1024;

/**
 * The folder caches are kept in: FUNNEL_AUDIT_CACHE when set (`off` keeps none), else
 * $XDG_CACHE_HOME/funnel-audit, else ~/.cache/funnel-audit; null when there is none to use.
 */
export function cacheFolder(env: Record<string, string | undefined>): string | null {
  const chosen = env.FUNNEL_AUDIT_CACHE;
  if (chosen === "off" || chosen === "0") return null;
  if (chosen) return chosen;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "funnel-audit");
  const home = env.HOME || env.USERPROFILE;
  return home ? join(home, ".cache", "funnel-audit") : null;
}

/**
 * The text of a cache file, or null when it is missing, not a regular file (a FIFO would block the
 * read), larger than any of ours, or cannot be read.
 */
export function readCacheFile(file: string): string | null {
  try {
    const s = statSync(file);
    if (!s.isFile() || s.size > MAX_BYTES) return null;
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

/**
 * Writes a cache file whole: a temporary file of this process beside it (made anew, never through
 * a link planted under its name), then a rename; false when it cannot (a read-only home, a full
 * disk, a folder in the way), leaving no temporary file behind.
 */
export function writeCacheFile(file: string, text: string): boolean {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    removeQuietly(temporary);
    writeFileSync(temporary, text, { mode: 0o600, flag: "wx" });
    renameSync(temporary, file);
    return true;
  } catch {
    removeQuietly(temporary);
    return false;
  }
}

function removeQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // not there
  }
}
