/** Keeps date-holidays' answers in a file between runs (one file per date-holidays version). */

import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { HolidayCache } from "../time/holidays.js";
import { readCacheFile, writeCacheFile } from "./cache-file.js";

/** Bumped when what is kept, or how it is keyed, changes: an older file is then ignored. */
const FORMAT = 1;

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
      const data = JSON.parse(readCacheFile(file) ?? "null") as unknown;
      if (data && typeof data === "object" && !Array.isArray(data))
        for (const [key, value] of Object.entries(data)) if (isList(value)) entries.set(key, value);
    } catch {
      // one that is not ours: start afresh
    }
    return entries;
  };
  return {
    get: (key) => load().get(key),
    set: (key, value) => {
      const all = load();
      all.set(key, value);
      if (file === null) return;
      // A read-only home or a full disk: the answers are kept for this run only.
      writeCacheFile(
        file,
        `${JSON.stringify(Object.fromEntries([...all].sort(([a], [b]) => (a < b ? -1 : 1))))}\n`,
      );
    },
  };
}
