/** Keeps date-holidays' answers in a file between runs (one file per date-holidays version). */

import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { HolidayCache } from "../time/holidays.js";

/** Bumped when what is kept, or how it is keyed, changes: an older file is then ignored. */
const FORMAT = 1;

/**
 * The folder answers are kept in: FUNNEL_AUDIT_CACHE when set (`off` keeps none), else
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

/** The installed date-holidays' version, read from its package.json (date-holidays is not loaded). */
function dateHolidaysVersion(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const text = readFileSync(require.resolve("date-holidays/package.json"), "utf8");
    const version = (JSON.parse(text) as { version?: unknown }).version;
    return typeof version === "string" && /^[\w.+-]+$/.test(version) ? version : null;
  } catch {
    return null;
  }
}

const isList = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === "string");

/**
 * A cache in `folder`, read when first asked and written whole (to a temporary name, then renamed)
 * each time an answer is added. A file that cannot be read or is not ours is ignored; one that
 * cannot be written leaves the run as it would be without a cache, and so does an unknown version.
 */
export function fileHolidayCache(folder: string): HolidayCache {
  let file: string | null = null;
  let entries: Map<string, readonly string[]> | undefined;
  const load = () => {
    if (entries) return entries;
    entries = new Map();
    const version = dateHolidaysVersion();
    if (version === null) return entries;
    file = join(folder, `holidays-${FORMAT}-${version}.json`);
    try {
      const data = JSON.parse(readFileSync(file, "utf8")) as unknown;
      if (data && typeof data === "object" && !Array.isArray(data))
        for (const [key, value] of Object.entries(data)) if (isList(value)) entries.set(key, value);
    } catch {
      // no file yet, or one that is not ours: start afresh
    }
    return entries;
  };
  return {
    get: (key) => load().get(key),
    set: (key, value) => {
      const all = load();
      all.set(key, value);
      if (file === null) return;
      try {
        mkdirSync(folder, { recursive: true, mode: 0o700 });
        const temporary = `${file}.${process.pid}.tmp`;
        writeFileSync(
          temporary,
          `${JSON.stringify(Object.fromEntries([...all].sort(([a], [b]) => (a < b ? -1 : 1))))}\n`,
          { mode: 0o600 },
        );
        renameSync(temporary, file);
      } catch {
        // a read-only home or a full disk: the answers are kept for this run only
      }
    },
  };
}
