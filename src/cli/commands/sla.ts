/** `funnel-audit sla render`: the SLA file as the readable agreement both teams sign (Markdown or HTML). */

import { Command, Option } from "commander";
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
  return new Command("sla").description("the SLA file itself").addCommand(render);
}
