/** The shared shape of audit and the one-section commands: load -> compute -> render -> write. */

import { Command } from "commander";
import { computeAudit } from "../metrics/index.js";
import { makeStyle, renderReport, type Section } from "../report/index.js";
import { TargetMissed } from "./errors.js";
import { type Io, wantColor } from "./io.js";
import { auditOptions, type CommonOptions, emit, loadInputs, withCommonOptions } from "./options.js";

/** A command printing the given sections of the report. */
export function reportCommand(
  name: string,
  description: string,
  sections: readonly Section[],
  io: Io,
): Command {
  return withCommonOptions(new Command(name).description(description)).action(async (opts: CommonOptions) => {
    const { config, dataset } = await loadInputs(opts, io);
    const { report } = computeAudit(dataset, config, auditOptions(opts, config));
    const style = makeStyle(!opts.out && wantColor(io));
    await emit(renderReport(report, opts.format, sections, style), opts, io);
    if (opts.check && report.check.missed.length > 0) {
      // The report is out; the verdict goes to stderr so a CI log shows it whatever the format.
      io.stderr.write(
        `check failed: ${report.check.missed.length} of ${report.check.targets} targets missed\n`,
      );
      for (const m of report.check.missed) io.stderr.write(`  ${m.message}\n`);
      throw new TargetMissed();
    }
  });
}
