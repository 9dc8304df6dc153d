/** The as-of a run over every row found, kept per set of inputs, so that a later trace of them reads only its lead's rows. */

/*
 * Without --as-of, the as-of is the latest stamp of the bulk of every kept time stamp
 * (docs/definitions.md, "Period and as-of"), so a trace must read every row of every file to know
 * it, only to explain one lead (docs/performance.md, "`trace` of one lead"). A run that read them
 * all anyway (audit, any report command, a trace) keeps the instant here, keyed by what decides
 * it: this version and build of funnel-audit, the time-zone data, the SLA as loaded, and each input file's
 * identity (its path, device, inode, size and modification time to the nanosecond). A later trace
 * of the same inputs takes it as if given with --as-of, which gives the same trace byte for byte
 * (tests/as-of-cache.test.ts), and says so on stderr.
 *
 * Only inputs of LARGE_INPUTS or more are kept: smaller ones are read whole in about a second. A
 * source read from standard input or a pipe, or a file that cannot be looked at, keeps nothing.
 * The file holds the keys (SHA-256 hashes) and the instants, nothing of the data; the newest KEEP
 * entries are kept. A file that cannot be read or is not ours is ignored, and one that cannot be
 * written leaves the run as it would be without it.
 */

import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { allSources, type SlaConfig } from "../types.js";
import { cacheFolder } from "./holiday-cache.js";
import { VERSION } from "./version.js";

/** Bumped when what decides the as-of changes in a way the version does not show. */
const FORMAT = 1;

/** This build: a rebuilt checkout (the same version, other code) keeps apart from the one before. */
function build(): string {
  try {
    return `${statSync(fileURLToPath(import.meta.url), { bigint: true }).mtimeNs}`;
  } catch {
    return "";
  }
}
/** Entries kept, newest last. */
const KEEP = 64;
/** Inputs this large take more than a few seconds to read whole (docs/performance.md, `trace` of one lead). */
export const LARGE_INPUTS = 64 * 1024 * 1024;

/** The inputs' bytes on disk (pipes and missing files count as nothing). */
export function inputBytes(config: SlaConfig): number {
  let bytes = 0;
  for (const source of allSources(config))
    try {
      const s = statSync(source.path);
      if (s.isFile()) bytes += s.size;
    } catch {
      // reported by the read already
    }
  return bytes;
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
 * What the as-of of `config`'s inputs rests on, hashed, and their bytes; null when it cannot be
 * told (a source that is not a regular file, a file that cannot be looked at, an SLA holding more
 * than plain data).
 */
export function inputsKey(
  config: SlaConfig,
  /** The time-zone data's version (naive times are read with it). */
  tz: string | undefined = (process.versions as Record<string, string | undefined>).tz,
): { key: string; bytes: number } | null {
  if (!plain(config)) return null;
  const hash = createHash("sha256");
  hash.update(JSON.stringify({ format: FORMAT, version: VERSION, build: build(), tz: tz ?? null }));
  hash.update(JSON.stringify(config));
  let bytes = 0;
  for (const source of allSources(config)) {
    if (source.path === "-") return null;
    try {
      const path = resolve(source.path);
      const s = statSync(path, { bigint: true });
      if (!s.isFile()) return null;
      bytes += Number(s.size);
      hash.update(JSON.stringify([path, `${s.dev}`, `${s.ino}`, `${s.size}`, `${s.mtimeNs}`]));
    } catch {
      return null;
    }
  }
  return { key: hash.digest("hex"), bytes };
}

/** The cache's file in the folder FUNNEL_AUDIT_CACHE and its fallbacks name (holiday-cache.ts); null: none. */
function cacheFile(env: Record<string, string | undefined>): string | null {
  const folder = cacheFolder(env);
  return folder === null ? null : join(folder, `as-of-${FORMAT}.json`);
}

/** The entries of the file, oldest first; none when it is missing or not ours. */
function entries(file: string): [string, number][] {
  try {
    const data = JSON.parse(readFileSync(file, "utf8")) as unknown;
    if (!Array.isArray(data)) return [];
    return data.filter(
      (e): e is [string, number] =>
        Array.isArray(e) &&
        e.length === 2 &&
        typeof e[0] === "string" &&
        /^[0-9a-f]{64}$/.test(e[0]) &&
        Number.isSafeInteger(e[1]),
    );
  } catch {
    return [];
  }
}

/** The kept as-of of these inputs, or null (not kept, not large, not to be told, no cache). */
export function keptAsOf(config: SlaConfig, env: Record<string, string | undefined>): number | null {
  const file = cacheFile(env);
  const inputs = file === null ? null : inputsKey(config);
  if (file === null || inputs === null || inputs.bytes < LARGE_INPUTS) return null;
  const hit = entries(file).find(([k]) => k === inputs.key);
  return hit ? hit[1] : null;
}

/** Keeps the as-of a run over every row of these inputs found; true when it was kept. */
export function keepAsOf(config: SlaConfig, env: Record<string, string | undefined>, asOf: number): boolean {
  const file = cacheFile(env);
  const inputs = file === null || !Number.isSafeInteger(asOf) ? null : inputsKey(config);
  if (file === null || inputs === null || inputs.bytes < LARGE_INPUTS) return false;
  const kept = entries(file).filter(([k]) => k !== inputs.key);
  kept.push([inputs.key, asOf]);
  try {
    mkdirSync(join(file, ".."), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify(kept.slice(-KEEP))}\n`, { mode: 0o600 });
    renameSync(temporary, file);
    return true;
  } catch {
    // a read-only home or a full disk: nothing kept
    return false;
  }
}
