/** The options the report commands share: which they accept or refuse, the terminal layout, --top. */

import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import { type Command, Option } from "commander";
import { UserError } from "../errors.js";
import { DIMENSIONS } from "../metrics/breakdown.js";
import type { PeriodKind } from "../metrics/periods.js";
import {
  businessDayHours,
  DEFAULT_WIDTH,
  FORMATS,
  type Format,
  makeStyle,
  type Style,
} from "../report/index.js";
import type { SlaConfig } from "../types.js";
import { colorLevel, type Io } from "./io.js";

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
  /** audit only: why each handoff's compliance and step's rate moved (cli/movers.ts). */
  movers?: boolean;
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
  cmd
    .option("--sla <file>", "the SLA file (YAML)", DEFAULT_SLA)
    .option("--from <instant>", "start of the period (ISO date or time; naive in the SLA's zone)")
    .option("--to <instant>", "end of the period, inclusive (a date means the end of that day)")
    .option(
      "--as-of <instant>",
      "compute the audit at this instant (default: the latest time stamp in the inputs)",
    )
    .addOption(new Option("--format <format>", "output format").choices([...formats]).default("table"))
    .option("--out <file>", "write the report to a file (atomically) instead of stdout");
  // A refused option is still known (so it can be refused with its reason), but not in the help.
  for (const [name, option] of REFUSABLE)
    cmd.addOption(refuse[name] === undefined ? option() : new Option(option().flags).hideHelp());
  cmd.option("--redact", "replace e-mails, names and companies with stable hashes (to share a report)");
  return cmd.hook("preAction", (_cmd, action) => {
    const given = action.opts();
    for (const [name, why] of Object.entries(refuse))
      if (given[name] !== undefined)
        throw new UserError(`\`${action.name()}\` does not use --${name}: ${why}`);
  });
}

/** The shared options a command may refuse, in the order the help lists them. */
const REFUSABLE: [keyof Refusals, () => Option][] = [
  [
    "check",
    () =>
      new Option(
        "--check",
        "exit 1 when a handoff target or a commitment was missed in the period, or the figures rest on too few rows (coverage.max_not_used) (for CI)",
      ),
  ],
  [
    "top",
    () =>
      new Option(
        "--top <n>",
        `with --by: keep the N values with the most leads, fold the others into one row (default ${TOP.table} in table, md and html; ${TOP.json} in json and csv; all: every value)`,
      ),
  ],
  [
    "by",
    () =>
      new Option(
        "--by <dimension>",
        `break conversion down by a lead dimension (${[...DIMENSIONS, "team", "segment"].join(", ")}; segment = company size) or any other column of the leads file`,
      ),
  ],
  [
    "period",
    () =>
      new Option("--period <period>", "trends: the headline figures per week, month or quarter").choices([
        "week",
        "month",
        "quarter",
      ]),
  ],
  [
    "baseline",
    () =>
      new Option(
        "--baseline <report.json>",
        "compare every headline figure with an earlier JSON report (week over week)",
      ),
  ],
];

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
