/** `funnel-audit trace LEAD_ID`: one lead's replay step by step, with its SLA clocks. */

import { statSync } from "node:fs";
import { Command } from "commander";
import { UserError } from "../../errors.js";
import type { TraceData } from "../../report/trace.js";
import { closest } from "../../text.js";
import { formatInstant } from "../../time/format.js";
import { allSources, type SlaConfig } from "../../types.js";
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

/** Inputs this large take more than a few seconds to read whole (docs/performance.md, `trace` of one lead). */
export const LARGE_INPUTS = 64 * 1024 * 1024;

/**
 * Without --as-of, the as-of is the data's latest stamp, and finding it reads every row of every
 * file; with it, a trace reads only the rows that may name the lead. On inputs large enough for
 * that to matter, say which --as-of gives the same trace faster (null: nothing to say).
 */
export function asOfTip(bytes: number, asOfGiven: boolean, asOf: number, zone: string): string | null {
  if (asOfGiven || bytes < LARGE_INPUTS) return null;
  // Whole seconds in the SLA's zone; an instant with milliseconds in UTC, so --as-of is exactly it.
  const at = asOf % 1000 === 0 ? formatInstant(asOf, zone) : new Date(asOf).toISOString();
  return `funnel-audit: the as-of (${at}) came from every row of the inputs; \`--as-of ${at}\` gives this trace reading only the rows that may name the lead, in a few seconds\n`;
}

/** The inputs' bytes on disk (pipes and missing files count as nothing). */
function inputBytes(config: SlaConfig): number {
  let bytes = 0;
  for (const source of allSources(config))
    try {
      const s = statSync(source.path);
      if (s.isFile()) bytes += s.size;
    } catch {
      // reported by the read already
    }
  return bytes;
}

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
      const tip = asOfTip(inputBytes(config), opts.asOf !== undefined, trace.asOf, config.timezone);
      if (tip) io.stderr.write(tip);
    });
}
