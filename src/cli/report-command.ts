/** The shared shape of audit and the one-section commands: load -> compute -> render -> write. */

import { existsSync, statSync } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { Command } from "commander";
import { UserError } from "../errors.js";
import { computeAuditInParallel } from "../metrics/parallel.js";
import { redactDeep, redactor } from "../redact.js";
import { makeStyle, renderCsvFiles, type Section, streamReport } from "../report/index.js";
import { redactKey } from "./redact-key.js";

/** A path meant as a folder: it ends with a slash, or is a folder already. */
const isFolder = (path: string) => path.endsWith("/") || (existsSync(path) && statSync(path).isDirectory());

import { TargetMissed } from "./errors.js";
import { checkTarget, type Io, wantColor, writeError } from "./io.js";
import {
  auditOptions,
  type CommonOptions,
  emit,
  loadBaseline,
  loadInputs,
  withCommonOptions,
  workerMode,
} from "./options.js";

/** A command printing the given sections of the report. */
export function reportCommand(
  name: string,
  description: string,
  sections: readonly Section[],
  io: Io,
): Command {
  return withCommonOptions(new Command(name).description(description)).action(async (opts: CommonOptions) => {
    // A missing or unwritable --out fails now, not after the audit.
    await checkTarget(opts.out, opts.out !== undefined && opts.format === "csv" && isFolder(opts.out));
    const { config, dataset } = await loadInputs(opts, io);
    const baseline = await loadBaseline(opts.baseline);
    // Figures come from the real data; only what is shown is redacted (findings before they are clipped).
    const scrub = opts.redact ? redactor(dataset, redactKey(io)) : undefined;
    const options = {
      ...auditOptions(opts, config),
      ...(scrub ? { scrub } : {}),
      ...(baseline ? { baseline } : {}),
      // Only the report: every lead's timeline is folded into the tallies and let go.
      keep: "report" as const,
    };
    // From PARALLEL_MIN_LEADS leads, a worker replays part of them (FUNNEL_AUDIT_WORKERS=never: one thread).
    const computed = (await computeAuditInParallel(dataset, config, options, workerMode(io))).report;
    const report = scrub ? redactDeep(computed, scrub) : computed;
    const style = makeStyle(!opts.out && wantColor(io));
    if (opts.format === "csv" && (sections.length > 1 || (opts.out !== undefined && isFolder(opts.out)))) {
      // Several tables: one CSV file each in the --out folder.
      if (!opts.out)
        throw new UserError(
          "--format csv writes one file per table: pass --out FOLDER (or use a one-section command)",
        );
      const folder = opts.out;
      const files = renderCsvFiles(report, sections);
      const created = await mkdir(folder, { recursive: true }).catch((err: unknown) => {
        throw writeError(folder, err, true);
      });
      // All the tables or none: a full disk or a refused file leaves no partial set (nor a new folder).
      try {
        await io.writeFiles(new Map([...files].map(([name, text]) => [join(folder, name), text])));
      } catch (err) {
        if (created !== undefined) await rm(created, { recursive: true, force: true });
        throw err;
      }
      io.stderr.write(`wrote ${files.size} CSV files to ${opts.out}\n`);
    } else await emit(streamReport(report, opts.format, sections, style), opts, io);
    const thin = report.coverage.warning;
    if (opts.check && (report.check.missed.length > 0 || thin)) {
      // The report is out; the verdict goes to stderr so a CI log shows it whatever the format.
      if (report.check.missed.length > 0)
        io.stderr.write(
          `check failed: ${report.check.missed.length} of ${report.check.targets} targets missed\n`,
        );
      for (const m of report.check.missed) io.stderr.write(`  ${m.message}\n`);
      if (thin) io.stderr.write(`check failed: coverage: ${thin}\n`);
      throw new TargetMissed();
    }
  });
}
