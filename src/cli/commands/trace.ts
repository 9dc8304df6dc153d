/** `funnel-audit trace LEAD_ID`: one lead's replay step by step, with its SLA clocks. */

import { Command } from "commander";
import { UserError } from "../../errors.js";
import type { TraceData } from "../../report/trace.js";
import { closest } from "../../text.js";
import { formatInstant } from "../../time/format.js";
import type { SlaConfig } from "../../types.js";
import { asOfCacheOf, inputBytes, keepAsOf, keptAsOf, LARGE_INPUTS } from "../as-of-cache.js";
import { auditOptions, emit, loadConfig, readInputs } from "../inputs.js";
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

export { LARGE_INPUTS };

/** An instant as --as-of reads it back exactly: whole seconds in the SLA's zone, else UTC with milliseconds. */
const exactly = (asOf: number, zone: string) =>
  asOf % 1000 === 0 ? formatInstant(asOf, zone) : new Date(asOf).toISOString();

/**
 * Without --as-of, the as-of is the data's latest stamp, and finding it reads every row of every
 * file; with it, a trace reads only the rows that may name the lead. On inputs large enough for
 * that to matter, say which --as-of gives the same trace faster, and that later traces of these
 * inputs take it from the cache (as-of-cache.ts) when the run could keep it (null: nothing to say).
 */
export function asOfTip(
  bytes: number,
  asOfGiven: boolean,
  asOf: number,
  zone: string,
  kept = false,
): string | null {
  if (asOfGiven || bytes < LARGE_INPUTS) return null;
  const at = exactly(asOf, zone);
  const later = kept ? "; later traces of these files take it from the cache" : "";
  return `funnel-audit: the as-of (${at}) came from every row of the inputs; \`--as-of ${at}\` gives this trace reading only the rows that may name the lead, in a few seconds${later}\n`;
}

/** Says where the as-of of a trace without --as-of came from when an earlier run kept it (as-of-cache.ts). */
export function keptTip(asOf: number, zone: string): string {
  return `funnel-audit: as-of ${exactly(asOf, zone)}, the latest time stamp an earlier run found in every row of these files (their sizes and times unchanged since); FUNNEL_AUDIT_CACHE=off reads them all again\n`;
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
    .addHelpText(
      "after",
      [
        "",
        "Without --as-of, the as-of is the inputs' latest time stamp, which only every",
        "row can tell. On inputs of 64 MB or more, a run that read them all (an audit, a",
        "trace) keeps it in ~/.cache/funnel-audit (FUNNEL_AUDIT_CACHE=DIR, or off to keep",
        "none), and a later trace of the very same files reads only the rows that may",
        "name its lead, as with --as-of.",
        "",
      ].join("\n"),
    )
    .action(async (leadId: string, opts: CommonOptions) => {
      for (const [key, flag, why] of REFUSED)
        if (opts[key] !== undefined) throw new UserError(`trace does not take ${flag}: ${why}`);
      const config = await loadConfig(opts.sla, io);
      // An as-of an earlier run over every row of these very files found: as if given (as-of-cache.ts).
      const cache = opts.asOf === undefined ? asOfCacheOf(config, io.env) : null;
      const kept = cache === null ? null : keptAsOf(cache);
      const used = kept === null ? opts : { ...opts, asOf: new Date(kept).toISOString() };
      const dataset = await readInputs(config, used, io, leadId);
      const keptNow = kept === null && keepAsOf(config, cache, dataset.latest);
      const [{ traceLead }, { redactDeep, redactor }] = await Promise.all([
        import("../../metrics/trace.js"),
        import("../../report/redact.js"),
      ]);
      const trace = traceLead(dataset, config, auditOptions(used, config), leadId);
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
      const tip =
        kept !== null
          ? keptTip(kept, config.timezone)
          : asOfTip(inputBytes(config), opts.asOf !== undefined, trace.asOf, config.timezone, keptNow);
      if (tip) io.stderr.write(tip);
    });
}
