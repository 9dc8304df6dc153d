/** `funnel-audit trace LEAD_ID`: one lead's replay step by step, with its SLA clocks. */

import { Command } from "commander";
import { UserError } from "../../errors.js";
import { makeStyle } from "../../report/index.js";
import { closest } from "../../text.js";
import { type Io, wantColor } from "../io.js";
import { auditOptions, type CommonOptions, emit, loadInputs, withCommonOptions } from "../options.js";
import { redactKey } from "../redact-key.js";

export function traceCommand(io: Io): Command {
  return withCommonOptions(
    new Command("trace").description("one lead's replay step by step, with each SLA clock and how it ended"),
  )
    .argument("<lead-id>", "the lead's id as in the leads file")
    .action(async (leadId: string, opts: CommonOptions) => {
      const { config, dataset } = await loadInputs(opts, io, leadId);
      const [{ computeAudit }, { obligationsOf }, { redactDeep, redactor }, { traceJson, traceText }] =
        await Promise.all([
          import("../../metrics/index.js"),
          import("../../metrics/obligations.js"),
          import("../../redact.js"),
          import("../../report/trace.js"),
        ]);
      const audit = computeAudit(dataset, config, {
        ...auditOptions(opts, config),
        traceLeadId: leadId,
        keep: "report",
      });
      const timeline = audit.timelines.find((t) => t.lead.id === leadId);
      if (!timeline) {
        const guess = closest(
          leadId,
          dataset.leads.map((l) => l.id),
        );
        throw new UserError(
          `no lead "${leadId}" in ${config.sources.leads.file}${guess ? `; did you mean "${guess}"?` : ""}`,
        );
      }
      // Every clock of the lead, whatever the period: the trace explains the lead, not a report row.
      const obligations = config.handoffs.flatMap((h) => obligationsOf(timeline, h, audit.contextFor(h)));
      const raw = { timeline, obligations, asOf: audit.asOf };
      const data = opts.redact ? redactDeep(raw, redactor(dataset, redactKey(io))) : raw;
      const text =
        opts.format === "json"
          ? traceJson(data, config)
          : traceText(data, config, makeStyle(!opts.out && wantColor(io)));
      await emit(text, opts, io);
    });
}
