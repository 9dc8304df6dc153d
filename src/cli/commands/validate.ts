/** `funnel-audit validate`: checks the SLA file and each source's columns and stage values, no audit. */

import { Command } from "commander";
import { formatIssue, sortIssues, UserError } from "../../errors.js";
import { printable } from "../../text.js";
import { allSources, type SlaConfig } from "../../types.js";
import { loadConfig, workerMode } from "../inputs.js";
import type { Io } from "../io.js";
import { DEFAULT_SLA } from "../options.js";

/**
 * Reads the data as the audit would and says what the figures would rest on. Too much of it not
 * used (coverage.max_not_used) is exit 2: the inputs as mapped cannot carry the figures, and the
 * fix is in the export or the SLA file (the warning names both), like any other unreadable input.
 */
async function checkCoverage(config: SlaConfig, io: Io): Promise<void> {
  const [{ readDataset }, { computeAudit }] = await Promise.all([
    import("../../ingest/index.js"),
    import("../../metrics/index.js"),
  ]);
  const dataset = await readDataset(config, { workers: workerMode(io) });
  const { coverage } = computeAudit(dataset, config, { keep: "report" }).report;
  io.stdout.write(printable(`coverage: the figures rest on ${coverage.line}\n`));
  if (coverage.warning) throw new UserError(`coverage: ${coverage.warning}`);
}

export function validateCommand(io: Io): Command {
  return new Command("validate")
    .description("check the SLA file and the CSV mapping (headers, stage values) without computing the audit")
    .option("--sla <file>", "the SLA file (YAML)", DEFAULT_SLA)
    .action(async (opts: { sla: string }) => {
      const config = await loadConfig(opts.sla, io);
      // Column names and stage values come from the data: printable before they reach a terminal.
      const say = (text: string) => io.stdout.write(printable(text));
      // Facts as they are found; the verdict once, last: "valid" on stdout only when the exit is 0.
      say(
        `${opts.sla}: ${config.stages.length} stages, ${config.outcomes.length} outcomes, ${config.handoffs.length} handoffs\n`,
      );
      const { inspectSource } = await import("../../ingest/inspect.js");
      const sources = allSources(config);
      const issues = [];
      let failed = 0;
      for (const source of sources) {
        const check = await inspectSource(source, config);
        if (check.error) {
          failed++;
          issues.push(...check.error.issues);
          if (check.error.issues.length === 0)
            io.stderr.write(`funnel-audit: ${printable(check.error.message)}\n`);
          continue;
        }
        const fields = Object.entries(check.mapped).map(([f, c]) => (f === c ? f : `${f}=${c}`));
        say(`${source.file}: ${check.rows} rows; fields ${fields.join(", ")}\n`);
        // A lookup's other columns (or those its fields: names) are what it is for: they become lead fields.
        const chosen = source.lookupFields?.map((f) => f.trim().toLowerCase());
        const taken = (h: string) =>
          source.kind === "lookup" && (!chosen || chosen.includes(h.trim().toLowerCase()));
        const looked = check.unmapped.filter(taken);
        const unused = check.unmapped.filter((h) => !taken(h));
        if (looked.length) say(`  lead fields: ${looked.join(", ")}\n`);
        if (unused.length) say(`  unused columns: ${unused.join(", ")}\n`);
        for (const u of check.unknownStages)
          say(
            `  undeclared stage value "${u.value}" ×${u.count}${u.suggestion ? ` (did you mean "${u.suggestion}"?)` : ""}: add it to a stage's matches:\n`,
          );
      }
      for (const issue of sortIssues(issues)) io.stderr.write(`${formatIssue(issue)}\n`);
      if (failed) throw new UserError(`${failed} source file(s) cannot be read as mapped`);
      await checkCoverage(config, io);
      say(`valid: ${opts.sla} and its ${sources.length} source file(s) can be audited\n`);
    });
}
