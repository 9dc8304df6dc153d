/** `funnel-audit validate`: checks the SLA file and each source's columns and stage values, without computing. */

import { Command } from "commander";
import { formatIssue, sortIssues, UserError } from "../../errors.js";
import { inspectSource } from "../../ingest/inspect.js";
import { allSources } from "../../types.js";
import type { Io } from "../io.js";
import { DEFAULT_SLA, loadConfig } from "../options.js";

export function validateCommand(io: Io): Command {
  return new Command("validate")
    .description("check the SLA file and the CSV mapping (headers, stage values) without computing the audit")
    .option("--sla <file>", "the SLA file (YAML)", DEFAULT_SLA)
    .action(async (opts: { sla: string }) => {
      const config = await loadConfig(opts.sla, io);
      io.stdout.write(
        `${opts.sla}: valid (${config.stages.length} stages, ${config.outcomes.length} outcomes, ${config.handoffs.length} handoffs)\n`,
      );
      const sources = allSources(config);
      const issues = [];
      let failed = 0;
      for (const source of sources) {
        const check = await inspectSource(source, config);
        if (check.error) {
          failed++;
          issues.push(...check.error.issues);
          if (check.error.issues.length === 0) io.stderr.write(`funnel-audit: ${check.error.message}\n`);
          continue;
        }
        const fields = Object.entries(check.mapped).map(([f, c]) => (f === c ? f : `${f}=${c}`));
        io.stdout.write(`${source.file}: ${check.rows} rows; fields ${fields.join(", ")}\n`);
        if (check.unmapped.length) io.stdout.write(`  unused columns: ${check.unmapped.join(", ")}\n`);
        for (const u of check.unknownStages)
          io.stdout.write(
            `  undeclared stage value "${u.value}" ×${u.count}${u.suggestion ? ` (did you mean "${u.suggestion}"?)` : ""}: add it to a stage's matches:\n`,
          );
      }
      for (const issue of sortIssues(issues)) io.stderr.write(`${formatIssue(issue)}\n`);
      if (failed) throw new UserError(`${failed} source file(s) cannot be read as mapped`);
    });
}
