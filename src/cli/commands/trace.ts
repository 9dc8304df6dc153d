/** `funnel-audit trace LEAD_ID`: one lead's replay step by step, with its SLA clocks. */

import { Command } from "commander";
import { UserError } from "../../errors.js";
import type { TraceData } from "../../report/trace.js";
import { closest } from "../../text.js";
import type { SlaConfig } from "../../types.js";
import { auditOptions, emit, loadInputs } from "../inputs.js";
import type { Io } from "../io.js";
import { type CommonOptions, styleFor, withCommonOptions } from "../options.js";
import { redactKey } from "../redact-key.js";

/**
 * Options of the report commands that a trace cannot honour: it explains one lead's every clock
 * whatever the period (so --from and --to would change nothing), and checks, breakdowns, trends and
 * baselines are about the whole funnel. Refused (exit 2) rather than silently ignored.
 */
const REFUSED: [keyof CommonOptions, string, string][] = [
  ["check", "--check", "trace has no targets to check; run `funnel-audit audit --check`"],
  ["by", "--by", "a breakdown is of the whole funnel; run `funnel-audit audit --by …`"],
  ["top", "--top", "a breakdown is of the whole funnel; run `funnel-audit audit --by … --top N`"],
  ["period", "--period", "trends are of the whole funnel; run `funnel-audit audit --period …`"],
  ["baseline", "--baseline", "a baseline compares whole reports; run `funnel-audit audit --baseline …`"],
  [
    "from",
    "--from",
    "trace shows every clock of the lead whatever the period; pass --as-of to replay it at an instant",
  ],
  [
    "to",
    "--to",
    "trace shows every clock of the lead whatever the period; pass --as-of to replay it at an instant",
  ],
];

async function render(data: TraceData, config: SlaConfig, opts: CommonOptions, io: Io): Promise<string> {
  const [{ traceJson, traceText }, { traceCsv, traceHtml, traceMarkdown }] = await Promise.all([
    import("../../report/trace.js"),
    import("../../report/trace-formats.js"),
  ]);
  switch (opts.format) {
    case "json":
      return traceJson(data, config);
    case "csv":
      return traceCsv(data, config);
    case "md":
      return traceMarkdown(data, config);
    case "html":
      return traceHtml(data, config);
    default:
      return traceText(data, config, styleFor(opts, io));
  }
}

export function traceCommand(io: Io): Command {
  return withCommonOptions(
    new Command("trace").description(
      "one lead's replay step by step, with each SLA clock and how it ended (--format csv: the replay steps)",
    ),
  )
    .argument("<lead-id>", "the lead's id as in the leads file")
    .action(async (leadId: string, opts: CommonOptions) => {
      for (const [key, flag, why] of REFUSED)
        if (opts[key] !== undefined) throw new UserError(`trace does not take ${flag}: ${why}`);
      const { config, dataset } = await loadInputs(opts, io, leadId);
      const [{ traceLead }, { redactDeep, redactor }] = await Promise.all([
        import("../../metrics/trace.js"),
        import("../../report/redact.js"),
      ]);
      const trace = traceLead(dataset, config, auditOptions(opts, config), leadId);
      if (!trace) {
        const guess = closest(
          leadId,
          dataset.leads.map((l) => l.id),
        );
        throw new UserError(
          `no lead "${leadId}" in ${config.sources.leads.file}${guess ? `; did you mean "${guess}"?` : ""}`,
        );
      }
      const data = opts.redact ? redactDeep(trace, redactor(dataset, redactKey(io))) : trace;
      await emit(await render(data, config, opts, io), opts, io);
    });
}
