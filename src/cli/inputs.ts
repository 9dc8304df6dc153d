/** Loading what a report command reads: the SLA file, the inputs, a baseline; and writing what it emits. */

import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { describeFsError, formatIssue, sortIssues, UserError } from "../errors.js";
import type { Progress } from "../ingest/csv/row.js";
import type { Dataset } from "../ingest/dataset.js";
import type { AuditOptions } from "../metrics/index.js";
import type { Report } from "../metrics/types.js";
import { parseCliInstant } from "../time/format.js";
import { allSources, type SlaConfig } from "../types.js";
import { asOfCacheOf, keepAsOf } from "./as-of-cache.js";
import { type Io, type Output, runs } from "./io.js";
import { type CommonOptions, DEFAULT_SLA, exampleSla, topOf } from "./options.js";

/** Reads and validates the SLA file; prints warnings; config errors are a UserError (exit 2). */
export async function loadConfig(file: string, io: Io): Promise<SlaConfig> {
  // Loaded when a command runs, not at every start (--version, --help): docs/performance.md, Start-up.
  const { loadSlaConfig } = await import("../config/load.js");
  const { config, issues } = await loadSlaConfig(file).catch((err: unknown) => {
    if (err instanceof UserError && file === DEFAULT_SLA && err.message.includes("no such file"))
      throw new UserError(
        `no ${DEFAULT_SLA} in this folder: pass --sla FILE (try --sla ${exampleSla()}), or write one with \`funnel-audit init\``,
      );
    throw err;
  });
  const warnings = issues.filter((i) => i.severity !== "error");
  for (const w of sortIssues(warnings)) io.stderr.write(`${formatIssue(w)}\n`);
  if (!config)
    throw new UserError(
      `${file}: the SLA file has ${issues.length - warnings.length} error(s)`,
      issues.filter((i) => i.severity === "error"),
    );
  const { checkInputsOnce } = await import("../ingest/csv/inputs-once.js");
  await checkInputsOnce(file, config);
  return config;
}

function instant(text: string | undefined, name: string, zone: string, endOfDay = false): number | undefined {
  if (text === undefined) return undefined;
  const ms = parseCliInstant(text, zone, endOfDay);
  if (ms === null)
    throw new UserError(
      `${name} "${text}" is not a date or time: write e.g. 2026-10-31 or 2026-10-31T17:00:00-04:00`,
    );
  return ms;
}

/** The period and as-of from the options, read in the SLA's time zone. */
export function auditOptions(opts: CommonOptions, config: SlaConfig): AuditOptions {
  const zone = config.timezone;
  const from = instant(opts.from, "--from", zone);
  const to = instant(opts.to, "--to", zone, true);
  const asOf = instant(opts.asOf, "--as-of", zone, true);
  if (from !== undefined && to !== undefined && from > to)
    throw new UserError(`--from ${opts.from} is after --to ${opts.to}`);
  const top = topOf(opts);
  return {
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    ...(asOf !== undefined ? { asOf } : {}),
    ...(opts.by !== undefined ? { by: opts.by, top } : {}),
    ...(opts.period !== undefined ? { trend: opts.period } : {}),
  };
}

/** Loads the SLA file and every source it names. */
export async function loadInputs(
  opts: CommonOptions,
  io: Io,
  /** A lead whose activities are all kept (trace lists them); the others keep only possible answers. */
  traceLeadId?: string,
): Promise<{ config: SlaConfig; dataset: Dataset }> {
  const config = await loadConfig(opts.sla, io);
  // A run without --as-of finds it in every row: kept for a later trace of these files (as-of-cache.ts).
  const cache = opts.asOf === undefined ? asOfCacheOf(config, io.env) : null;
  const dataset = await readInputs(config, opts, io, traceLeadId);
  keepAsOf(config, cache, dataset.latest);
  return { config, dataset };
}

/** Reads every source the (loaded) SLA names; `--out` may name none of them. */
export async function readInputs(
  config: SlaConfig,
  opts: CommonOptions,
  io: Io,
  traceLeadId?: string,
): Promise<Dataset> {
  guardOutput(opts.out, config);
  // No file a command writes may be one of these, by whatever path (a linked folder, a hard link).
  io.protect([config.file, ...allSources(config).map((s) => s.path)]);
  const { readDataset } = await import("../ingest/index.js");
  const bar = progressBar(opts, io);
  const { asOf } = auditOptions(opts, config);
  const compact = {
    ...(asOf !== undefined ? { asOf } : {}),
    ...(traceLeadId !== undefined ? { keepLead: traceLeadId } : {}),
  };
  const dataset = await readDataset(config, {
    compact,
    // Redaction must know every e-mail and name to replace them; nothing else reads them after ingest.
    dropContacts: !opts.redact,
    workers: workerMode(io),
    // A trace reads only its lead's rows of the large files, after a pass over the stamps when no
    // as-of is given (redaction reads every value: then the whole files).
    ...(traceLeadId !== undefined && !opts.redact ? { onlyLead: traceLeadId } : {}),
    ...(bar ? { onProgress: bar.update } : {}),
  });
  bar?.done();
  return dataset;
}

/**
 * FUNNEL_AUDIT_WORKERS=never reads every file on the main thread (one core, less memory);
 * `always` uses workers for small files too. Unset: workers for files of 8 MB or more.
 */
export function workerMode(io: Io): "auto" | "always" | "never" {
  const v = io.env.FUNNEL_AUDIT_WORKERS;
  return v === "never" || v === "always" ? v : "auto";
}

/** Refuses an --out that names an input: a report must never overwrite the data it came from. */
export function guardOutput(out: string | undefined, config: SlaConfig): void {
  if (out === undefined) return;
  const inputs = [config.file, ...allSources(config).map((s) => s.path)];
  // `-` is stdout here and stdin there: not the same thing.
  const hit = out === "-" ? undefined : inputs.find((p) => p !== "-" && resolve(p) === resolve(out));
  if (hit) throw new UserError(`--out ${out} is an input file (${hit}); choose another output path`);
}

/** Writes the output to --out (atomically) or stdout. */
export async function emit(text: Output, opts: { out?: string }, io: Io): Promise<void> {
  if (opts.out && opts.out !== "-") {
    await io.writeFile(opts.out, text);
    io.stderr.write(`wrote ${opts.out}\n`);
  } else for (const run of runs(text)) io.stdout.write(run);
}

/** Reads an earlier JSON report for --baseline; anything else is a usage error. */
export async function loadBaseline(file: string | undefined): Promise<Report | undefined> {
  if (file === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, "utf8"));
  } catch (err) {
    throw new UserError(
      `--baseline ${file}: ${err instanceof SyntaxError ? "not JSON" : describeFsError(err)}; pass a report written by \`audit --format json\``,
    );
  }
  const { baselineProblem } = await import("../metrics/baseline.js");
  const problem = baselineProblem(value);
  if (problem !== null)
    throw new UserError(
      `--baseline ${file} is not a whole funnel-audit JSON report (schema_version 1): ${problem}; pass a report written by \`audit --format json\``,
    );
  return value as Report;
}

/**
 * A progress bar on stderr while files are read: only when stderr is a terminal, never in CI,
 * never with JSON output or colour switched off by TERM=dumb. Redrawn at most every 100 ms.
 */
export function progressBar(
  opts: { format?: string },
  io: Io,
): { update: Progress; done: () => void } | null {
  if (!io.stderr.isTTY || io.env.CI || opts.format === "json" || io.env.TERM === "dumb") return null;
  let last = 0;
  let shown = false;
  // Large files are read at once (worker threads): the bar shows the bytes of every file being
  // read, and names the one that moved last.
  const reading = new Map<string, [number, number]>();
  return {
    update: (file, done, total) => {
      if (done >= total) reading.delete(file);
      else reading.set(file, [done, total]);
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      shown = true;
      let sumDone = done >= total ? done : 0;
      let sumTotal = done >= total ? total : 0;
      for (const [d, t] of reading.values()) {
        sumDone += d;
        sumTotal += t;
      }
      const share = sumTotal > 0 ? Math.min(1, sumDone / sumTotal) : 1;
      const width = 24;
      const filled = Math.round(share * width);
      const name = file.length > 40 ? `…${file.slice(-39)}` : file;
      const files = reading.size + (done >= total ? 1 : 0);
      io.stderr.write(
        `\r[${"#".repeat(filled)}${" ".repeat(width - filled)}] ${String(Math.round(share * 100)).padStart(3)}% ${files > 1 ? `of ${files} files (${name})` : name}\u001b[K`,
      );
    },
    done: () => {
      if (shown) io.stderr.write("\r\u001b[K");
    },
  };
}
