/** The shared shape of audit and the one-section commands: load -> compute -> render -> write. */

import { existsSync, statSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { Command } from "commander";
import { UserError } from "../errors.js";
import type { AuditOptions } from "../metrics/index.js";
import { checkLines, renderCsvFiles, type Section, streamReport } from "../report/index.js";
import type { SlaConfig } from "../types.js";
import { redactKey } from "./redact-key.js";

/** A path meant as a folder: it ends with a slash, or is a folder already. */
const isFolder = (path: string) => path.endsWith("/") || (existsSync(path) && statSync(path).isDirectory());

import { TargetMissed } from "./errors.js";
import { auditOptions, emit, loadBaseline, loadInputs, workerMode } from "./inputs.js";
import type { Io } from "./io.js";
import { moversOf } from "./movers.js";
import {
  BOM,
  type CommonOptions,
  type Refusals,
  styleFor,
  withBom,
  withCommonOptions,
  withWidthOptions,
} from "./options.js";
import { checkTarget, writeError } from "./targets.js";

/** The shared options only the conversion and money sections show: refused by the other one-section commands. */
const CONVERSION_ONLY: Refusals = {
  by: "the breakdown is a conversion or money figure; use `conversion --by`, `money --by` or `audit --by`",
  period:
    "the trends are conversion and money figures; use `conversion --period`, `money --period` or `audit --period`",
};

/** `money` takes --by and --period; its groups are all listed, so --top (conversion's folding) is refused. */
const MONEY_ONLY: Refusals = {
  top: "money lists every value of --by; --top folds conversion's breakdown (`conversion --by --top`)",
};

/**
 * Only the report: every lead's timeline is folded into the tallies and let go; group tallies for
 * --movers, and in a JSON report (a later run's --movers --baseline reads them).
 */
const reportOnly = (opts: CommonOptions) => ({
  keep: "report" as const,
  groups: opts.movers === true || opts.format === "json",
});

/** `money` on an SLA that names no opportunities has nothing to show: a usage error, not an empty report. */
function refuseNothingToShow(sections: readonly Section[], config: SlaConfig): void {
  if (sections.length === 1 && sections[0] === "money" && !config.sources.opportunities?.length)
    throw new UserError(
      `${config.file} names no opportunities, so there is no money to report: add sources.opportunities (README, "Pipeline and revenue")`,
    );
}

/** A command printing the given sections of the report. */
export function reportCommand(
  name: string,
  description: string,
  sections: readonly Section[],
  io: Io,
): Command {
  const cmd = withWidthOptions(
    withCommonOptions(
      new Command(name).description(description),
      sections.includes("conversion") ? {} : sections.includes("money") ? MONEY_ONLY : CONVERSION_ONLY,
    ),
  );
  return withBom(cmd).action(async (opts: CommonOptions) => {
    const folder = opts.format === "csv" && opts.out !== undefined && isFolder(opts.out);
    // A missing or unwritable --out fails now, not after the audit.
    await checkTarget(opts.out, folder);
    const { config, dataset } = await loadInputs(opts, io);
    refuseNothingToShow(sections, config);
    const [{ computeAuditInParallel }, { redactDeep, redactor }] = await Promise.all([
      import("../parallel/replay.js"),
      import("../report/redact.js"),
    ]);
    const baseline = await loadBaseline(opts.baseline);
    // Figures come from the real data; only what is shown is redacted (findings before they are clipped).
    const scrub = opts.redact ? redactor(dataset, redactKey(io)) : undefined;
    const options: AuditOptions = {
      ...auditOptions(opts, config),
      ...(scrub ? { scrub } : {}),
      ...(baseline ? { baseline } : {}),
      ...reportOnly(opts),
    };
    // From PARALLEL_MIN_LEADS leads, a worker replays part of them (FUNNEL_AUDIT_WORKERS=never: one thread).
    const run = (o: AuditOptions) => computeAuditInParallel(dataset, config, o, workerMode(io));
    const audit = await run(options);
    if (opts.movers)
      audit.report.movers = await moversOf(audit, config.timezone, options, run, baseline, opts.baseline);
    const computed = audit.report;
    const report = scrub ? redactDeep(computed, scrub) : computed;
    const bom = opts.bom ? BOM : "";
    if (folder) await writeCsvFolder(opts.out as string, renderCsvFiles(report, sections), bom, io);
    else {
      // JSON comes in pieces (a large report is never one string); --bom is csv only.
      const output = streamReport(report, opts.format, sections, styleFor(opts, io, config));
      await emit(bom ? [bom, ...output] : output, opts, io);
    }
    const thin = report.coverage.warning;
    if (opts.check && (report.check.missed.length > 0 || thin)) {
      // The report is out; the verdict goes to stderr so a CI log shows it whatever the format.
      if (report.check.missed.length > 0)
        io.stderr.write(
          `check failed: ${report.check.missed.length} of ${report.check.targets} targets missed\n`,
        );
      // One line per target; the weeks compactly (the per-week detail is in the report).
      for (const line of checkLines(report)) io.stderr.write(`  ${line}\n`);
      if (thin) io.stderr.write(`check failed: coverage: ${thin}\n`);
      throw new TargetMissed();
    }
  });
}

/**
 * `--format csv --out DIR/` (or an existing folder): one CSV file per table, all the tables or
 * none: a full disk or a refused file leaves no partial set (nor a new folder).
 */
async function writeCsvFolder(
  folder: string,
  files: Map<string, string>,
  bom: string,
  io: Io,
): Promise<void> {
  const created = await mkdir(folder, { recursive: true }).catch((err: unknown) => {
    throw writeError(folder, err, true);
  });
  try {
    await io.writeFiles(new Map([...files].map(([name, text]) => [join(folder, name), bom + text])));
  } catch (err) {
    if (created !== undefined) await rm(created, { recursive: true, force: true });
    throw err;
  }
  io.stderr.write(`wrote ${files.size} CSV files to ${folder}\n`);
}
