/** Options shared by the report commands, their parsing, and loading config + data. */

import { readFile } from "node:fs/promises";
import { relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Command, Option } from "commander";
import { describeFsError, formatIssue, sortIssues, UserError } from "../errors.js";
import type { Progress } from "../ingest/csv/row.js";
import type { Dataset } from "../ingest/dataset.js";
import { DIMENSIONS } from "../metrics/breakdown.js";
import type { AuditOptions } from "../metrics/index.js";
import type { PeriodKind } from "../metrics/periods.js";
import type { Report } from "../metrics/types.js";
import {
  businessDayHours,
  DEFAULT_WIDTH,
  FORMATS,
  type Format,
  makeStyle,
  type Style,
} from "../report/index.js";
import { parseCliInstant } from "../time/format.js";
import { allSources, type SlaConfig } from "../types.js";
import { colorLevel, type Io, type Output, runs } from "./io.js";

export interface CommonOptions {
  sla: string;
  from?: string;
  to?: string;
  asOf?: string;
  format: Format;
  out?: string;
  check?: boolean;
  by?: string;
  top?: string;
  period?: PeriodKind;
  baseline?: string;
  redact?: boolean;
  bom?: boolean;
  width?: string;
  wide?: boolean;
}

export const DEFAULT_SLA = "sla.yaml";

/** The bundled example SLA (shipped in the package), as a path from the working folder. */
export function exampleSla(cwd = process.cwd()): string {
  const own = fileURLToPath(new URL("../../sla.example.yaml", import.meta.url));
  return relative(cwd, own) || own;
}

/** The shared options a command may refuse, each with why and what to use instead. */
export type Refusals = Partial<Record<"check" | "by" | "top" | "period" | "baseline", string>>;

/**
 * Adds --sla, --from, --to, --as-of, --format, --out, --check, --by, --period, --baseline,
 * --redact. An option in `refuse` is left out of the help and, when given, is exit 2 with the
 * reason: no command accepts an option and then ignores it.
 */
export function withCommonOptions(
  cmd: Command,
  refuseGiven: Refusals = {},
  formats: readonly string[] = FORMATS,
): Command {
  // --top shapes the --by breakdown: refused wherever --by is.
  const refuse: Refusals = { ...(refuseGiven.by ? { top: refuseGiven.by } : {}), ...refuseGiven };
  const optional = (name: keyof Refusals, option: Option) =>
    refuse[name] === undefined ? option : new Option(option.flags).hideHelp();
  cmd
    .option("--sla <file>", "the SLA file (YAML)", DEFAULT_SLA)
    .option("--from <instant>", "start of the period (ISO date or time; naive in the SLA's zone)")
    .option("--to <instant>", "end of the period, inclusive (a date means the end of that day)")
    .option(
      "--as-of <instant>",
      "compute the audit at this instant (default: the latest time stamp in the inputs)",
    )
    .addOption(new Option("--format <format>", "output format").choices([...formats]).default("table"))
    .option("--out <file>", "write the report to a file (atomically) instead of stdout")
    .addOption(
      optional(
        "check",
        new Option(
          "--check",
          "exit 1 when a handoff target or a commitment was missed in the period, or the figures rest on too few rows (coverage.max_not_used) (for CI)",
        ),
      ),
    )
    .addOption(
      optional(
        "top",
        new Option(
          "--top <n>",
          `with --by: keep the N values with the most leads, fold the others into one row (default ${TOP.table} in table, md and html; ${TOP.json} in json and csv; all: every value)`,
        ),
      ),
    )
    .addOption(
      optional(
        "by",
        new Option(
          "--by <dimension>",
          `break conversion down by a lead dimension (${[...DIMENSIONS, "team", "segment"].join(", ")}; segment = company size) or any other column of the leads file`,
        ),
      ),
    )
    .addOption(
      optional(
        "period",
        new Option("--period <period>", "trends: the headline figures per week, month or quarter").choices([
          "week",
          "month",
          "quarter",
        ]),
      ),
    )
    .addOption(
      optional(
        "baseline",
        new Option(
          "--baseline <report.json>",
          "compare every headline figure with an earlier JSON report (week over week)",
        ),
      ),
    )
    .option("--redact", "replace e-mails, names and companies with stable hashes (to share a report)");
  return cmd.hook("preAction", (_cmd, action) => {
    const given = action.opts();
    for (const [name, why] of Object.entries(refuse))
      if (given[name] !== undefined)
        throw new UserError(`\`${action.name()}\` does not use --${name}: ${why}`);
  });
}

/** Adds --bom: only with --format csv (refused with any other format). */
export function withBom(cmd: Command): Command {
  return cmd
    .option(
      "--bom",
      "with --format csv: start each file with a UTF-8 byte-order mark, so Excel on Windows reads accents (Gestión) right",
    )
    .hook("preAction", (_cmd, action) => {
      const { bom, format } = action.opts();
      if (bom && format !== "csv")
        throw new UserError(`--bom is for --format csv (Excel); --format ${format} is UTF-8 without one`);
    });
}

/** The UTF-8 byte-order mark Excel on Windows needs to read a CSV file as UTF-8. */
export const BOM = "\uFEFF";

/**
 * The style of text output: colour at the level colorLevel decides, none in a file; with the SLA,
 * the width and business-day length of layoutOf.
 */
export function styleFor(
  opts: { out?: string; width?: string; wide?: boolean },
  io: Io,
  config?: SlaConfig,
): Style {
  return makeStyle(opts.out ? 0 : colorLevel(io), config ? layoutOf(opts, io, config) : {});
}

/** Adds --width and --wide: for the commands that print terminal tables. */
export function withWidthOptions(cmd: Command): Command {
  return cmd
    .option(
      "--width <columns>",
      "fit tables to this many columns (default: the terminal's width, else $COLUMNS, else 100)",
    )
    .addOption(new Option("--wide", "print every table at its full width, every column").conflicts("width"));
}

/**
 * The width terminal text must fit: --wide none, --width N, the terminal's own width, $COLUMNS,
 * else 100 (piped or written with --out); and how long a business day is, to show long business
 * durations in days.
 */
export function layoutOf(
  opts: { width?: string; wide?: boolean; out?: string },
  io: Io,
  config: SlaConfig,
): { width: number; businessDay: number | null } {
  const businessDay = businessDayHours(config.calendars);
  if (opts.wide) return { width: Number.POSITIVE_INFINITY, businessDay };
  if (opts.width !== undefined) {
    const n = Number(opts.width);
    if (!/^\d+$/.test(opts.width.trim()) || n < 40)
      throw new UserError(
        `--width ${opts.width} is not a width: give a whole number of columns, at least 40 (or --wide for no limit)`,
      );
    return { width: n, businessDay };
  }
  // A file gets the default width; a terminal its own, else what the shell says it is.
  const toStdout = !opts.out || opts.out === "-";
  const env = Number(io.env.COLUMNS);
  const width = [toStdout ? io.stdout.columns : undefined, toStdout ? env : undefined].find(
    (w): w is number => w !== undefined && Number.isInteger(w) && w >= 40,
  );
  return { width: width ?? DEFAULT_WIDTH, businessDay };
}

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

/** How many `--by` groups a report keeps by default: a screen, or what a spreadsheet still handles. */
export const TOP = { table: 20, json: 1000 } as const;

/** `--top`: a whole number of groups, or all (null); the format's default when absent. */
export function topOf(opts: Pick<CommonOptions, "top" | "by" | "format">): number | null {
  if (opts.top === undefined) return opts.format === "json" || opts.format === "csv" ? TOP.json : TOP.table;
  if (opts.by === undefined) throw new UserError("--top keeps the largest groups of --by: pass --by too");
  if (opts.top === "all") return null;
  if (!/^[1-9]\d{0,8}$/.test(opts.top))
    throw new UserError(`--top "${opts.top}": write a whole number of groups (1 or more), or all`);
  return Number(opts.top);
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
  return { config, dataset };
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
