/** The as-of a run over every row found, kept per set of inputs, so that a later trace of them reads only its lead's rows. */

/*
 * Without --as-of, the as-of is the latest stamp of the bulk of every kept time stamp
 * (docs/definitions.md, "Period and as-of"), so a trace must read every row of every file to know
 * it, only to explain one lead (docs/performance.md, "`trace` of one lead"). A run that read them
 * all anyway (audit, any report command, a trace) keeps the instant here, keyed by what decides
 * it: this version and build of funnel-audit (the code's files, their sizes and times), the
 * time-zone data, the SLA as loaded, and each input file's identity (its path, device, inode, size,
 * and its modification and change times to the nanosecond: a program can set the first back, not
 * the second). The key is taken before the read and again after it, and the as-of is kept only
 * when both agree (no file was written meanwhile). A later trace of the same inputs takes it as if
 * given with --as-of, which gives the same trace byte for byte (tests/as-of-cache.test.ts), and
 * says so on stderr.
 *
 * Only inputs of LARGE_INPUTS or more are kept: smaller ones are read whole in about a second. A
 * source read from standard input or a pipe, or a file that cannot be looked at, keeps nothing.
 * The file holds the keys (SHA-256 hashes) and the instants (each the latest time stamp of a data
 * set, in the clear); the KEEP used last are kept. A file that cannot be read or is not ours is
 * ignored, and one that cannot be written leaves the run as it would be without it (cache-file.ts).
 */

import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { allSources, type SlaConfig } from "../types.js";
import { cacheFolder, readCacheFile, writeCacheFile } from "./cache-file.js";
import { VERSION } from "./version.js";

/** Bumped when what decides the as-of changes in a way the version does not show. */
const FORMAT = 1;

let codeId: string | undefined;

/**
 * This build: each code file beside this one (dist/ or src/), its size and modification time. A
 * rebuilt or edited checkout (the same version, other code) keeps apart from the one before.
 */
function build(): string {
  if (codeId !== undefined) return codeId;
  const hash = createHash("sha256");
  try {
    const root = fileURLToPath(new URL("..", import.meta.url));
    const files = readdirSync(root, { recursive: true, encoding: "utf8" })
      .filter((f) => /\.(js|ts)$/.test(f) && !f.endsWith(".d.ts"))
      .sort();
    for (const f of files) {
      const s = statSync(join(root, f), { bigint: true });
      hash.update(`${f}\0${s.size}\0${s.mtimeNs}\n`);
    }
  } catch {
    // not to be told: the version alone
  }
  codeId = hash.digest("hex");
  return codeId;
}

/** Entries kept, the one used last last. */
const KEEP = 64;
/** Inputs this large take more than a few seconds to read whole (docs/performance.md, `trace` of one lead). */
export const LARGE_INPUTS = 64 * 1024 * 1024;

/** The inputs' bytes on disk (pipes and missing files count as nothing). */
export function inputBytes(config: SlaConfig): number {
  return statInputs(config).bytes;
}

/** True for data JSON writes as it is (no function, class instance, bigint or undefined in an array). */
function plain(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (typeof value !== "object") return false;
  if (Array.isArray(value)) return value.every((v) => v !== undefined && plain(v));
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every((v) => v === undefined || plain(v));
}

/**
 * Each input file's identity (see the file's comment) and the bytes of those that are regular
 * files, by stat alone; `whole` false when one is not (standard input, a pipe, a missing file).
 */
function statInputs(config: SlaConfig): { files: string[]; bytes: number; whole: boolean } {
  const files: string[] = [];
  let bytes = 0;
  let whole = true;
  for (const source of allSources(config))
    try {
      const path = resolve(source.path);
      const s = statSync(path, { bigint: true });
      if (s.isFile()) bytes += Number(s.size);
      if (s.isFile() && source.path !== "-")
        files.push(
          JSON.stringify([path, `${s.dev}`, `${s.ino}`, `${s.size}`, `${s.mtimeNs}`, `${s.ctimeNs}`]),
        );
      else whole = false;
    } catch {
      whole = false;
    }
  return { files, bytes, whole };
}

/**
 * What the as-of of `config`'s inputs rests on, hashed, and their bytes; null when it cannot be
 * told (a source that is not a regular file, a file that cannot be looked at, an SLA holding more
 * than plain data). Inputs under `min` bytes give their bytes and no key (nothing else is worked out).
 */
export function inputsKey(
  config: SlaConfig,
  /** The time-zone data's version (naive times are read with it). */
  tz: string | undefined = (process.versions as Record<string, string | undefined>).tz,
  min = 0,
): { key: string; bytes: number } | null {
  const inputs = statInputs(config);
  if (!inputs.whole) return null;
  if (inputs.bytes < min) return { key: "", bytes: inputs.bytes };
  if (!plain(config)) return null;
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ format: FORMAT, version: VERSION, build: build(), tz: tz ?? null }));
  hash.update(JSON.stringify(config));
  for (const file of inputs.files) hash.update(file);
  return { key: hash.digest("hex"), bytes: inputs.bytes };
}

/** An instant Date can hold (a kept value past it is not ours). */
const isInstant = (t: unknown): t is number => Number.isSafeInteger(t) && Math.abs(t as number) <= 8.64e15;

/** The entries of the cache file, the one used last last; none when it is missing or not ours. */
function entries(file: string): [string, number][] {
  try {
    const data = JSON.parse(readCacheFile(file) ?? "[]") as unknown;
    if (!Array.isArray(data)) return [];
    return data.filter(
      (e): e is [string, number] =>
        Array.isArray(e) &&
        e.length === 2 &&
        typeof e[0] === "string" &&
        /^[0-9a-f]{64}$/.test(e[0]) &&
        isInstant(e[1]),
    );
  } catch {
    return [];
  }
}

/** The entries with `key` (when given) moved last, the KEEP used last. */
function save(file: string, list: [string, number][], key: string, asOf: number): boolean {
  const kept = list.filter(([k]) => k !== key);
  kept.push([key, asOf]);
  return writeCacheFile(file, `${JSON.stringify(kept.slice(-KEEP))}\n`);
}

/** Where the as-of of some inputs is kept: the cache file, and the inputs' key when the run began. */
export interface AsOfCache {
  file: string;
  key: string;
}

/**
 * The cache of these inputs, or null: no cache folder (FUNNEL_AUDIT_CACHE and its fallbacks,
 * cache-file.ts), inputs under LARGE_INPUTS, or a key not to be told (inputsKey). Taken before the read.
 */
export function asOfCacheOf(config: SlaConfig, env: Record<string, string | undefined>): AsOfCache | null {
  const folder = cacheFolder(env);
  // Small inputs are told by their stat alone: no build walked, nothing hashed (a small audit's start-up).
  const inputs = folder === null ? null : inputsKey(config, undefined, LARGE_INPUTS);
  if (folder === null || inputs === null || inputs.bytes < LARGE_INPUTS) return null;
  return { file: join(folder, `as-of-${FORMAT}.json`), key: inputs.key };
}

/** The as-of kept for these inputs (then marked used last), or null. */
export function keptAsOf(cache: AsOfCache): number | null {
  const list = entries(cache.file);
  const hit = list.find(([k]) => k === cache.key);
  if (!hit) return null;
  if (list.at(-1)?.[0] !== cache.key) save(cache.file, list, cache.key, hit[1]);
  return hit[1];
}

/**
 * Keeps the as-of a run over every row of these inputs found, unless a file changed since the
 * cache was taken (its key then differs: the read may have seen either); true when kept.
 */
export function keepAsOf(config: SlaConfig, cache: AsOfCache | null, asOf: number | null): boolean {
  if (cache === null || !isInstant(asOf) || inputsKey(config)?.key !== cache.key) return false;
  return save(cache.file, entries(cache.file), cache.key, asOf);
}
