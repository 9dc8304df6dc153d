/** `funnel-audit sla render` and `sla diff`: the agreement both teams sign, and what changed in it (Markdown or HTML). */

import { Command, Option } from "commander";
import { formatIssue, sortIssues, UserError } from "../../errors.js";
import { emit, loadConfig } from "../inputs.js";
import type { Io } from "../io.js";
import { DEFAULT_SLA } from "../options.js";

export function slaCommand(io: Io): Command {
  const render = new Command("render")
    .description(
      "the agreement: stages, the raw CRM values per stage, each team's windows and commitments, the calendars",
    )
    .option("--sla <file>", "the SLA file (YAML)", DEFAULT_SLA)
    .addOption(new Option("--format <format>", "md or html").choices(["md", "html"]).default("md"))
    .option("--out <file>", "write to a file (atomically) instead of stdout")
    .action(async (opts: { sla: string; format: "md" | "html"; out?: string }) => {
      const config = await loadConfig(opts.sla, io);
      const { agreementHtml, agreementMarkdown } = await import("../../report/agreement.js");
      io.protect([config.file]);
      await emit(opts.format === "html" ? agreementHtml(config) : agreementMarkdown(config), opts, io);
    });
  const diff = new Command("diff")
    .description(
      "what changed from one SLA file to another, in the words of `sla render` (exit 0: it is information)",
    )
    .argument("<old>", "the SLA file as signed (YAML)")
    .argument("<new>", "the amended SLA file (YAML)")
    .addOption(new Option("--format <format>", "md or html").choices(["md", "html"]).default("md"))
    .option("--out <file>", "write to a file (atomically) instead of stdout")
    .action(async (old: string, now: string, opts: { format: "md" | "html"; out?: string }) => {
      const [a, b] = await loadBoth(old, now, io);
      const [{ diffAgreements }, { slaDiffHtml, slaDiffMarkdown }] = await Promise.all([
        import("../../config/diff.js"),
        import("../../report/sla-diff.js"),
      ]);
      io.protect([a.file, b.file]);
      const changes = diffAgreements(a, b);
      await emit(
        opts.format === "html" ? slaDiffHtml(a, b, changes) : slaDiffMarkdown(a, b, changes),
        opts,
        io,
      );
    });
  return new Command("sla").description("the SLA file itself").addCommand(render).addCommand(diff);
}

/** Both SLA files, or every error of both (file:line:col) as one usage error: exit 2. */
async function loadBoth(old: string, now: string, io: Io) {
  const { loadSlaConfig } = await import("../../config/load.js");
  const results = [await loadSlaConfig(old), await loadSlaConfig(now)];
  const issues = results.flatMap((r) => r.issues);
  for (const w of sortIssues(issues.filter((i) => i.severity !== "error")))
    io.stderr.write(`${formatIssue(w)}\n`);
  const errors = issues.filter((i) => i.severity === "error");
  const [a, b] = results.map((r) => r.config);
  if (!a || !b || errors.length > 0)
    throw new UserError(`the SLA files have ${errors.length} error(s)`, errors);
  return [a, b] as const;
}
