/** `funnel-audit review`: the one-page pack for the periodic SLA meeting (md by default, or html for paper). */

import { Command, Option } from "commander";
import type { AuditOptions } from "../../metrics/index.js";
import type { SlaConfig } from "../../types.js";
import { auditOptions, emit, loadConfig, loadInputs, workerMode } from "../inputs.js";
import type { Io } from "../io.js";
import { type CommonOptions, withCommonOptions } from "../options.js";
import { redactKey } from "../redact-key.js";

interface Options extends CommonOptions {
  proposed?: string;
}

/** The shared options the pack cannot honour, with what to use instead. */
const REFUSE = {
  check: "the pack judges nothing for CI; use `audit --check`",
  by: "the pack is one page; break figures down with `conversion --by`",
  baseline: "the pack compares its own periods (the trends); use `audit --baseline` for two reports",
};

async function runReview(opts: Options, io: Io): Promise<void> {
  // The proposed version must read as an SLA file before the audit runs (exit 2 otherwise).
  const proposedConfig = opts.proposed ? await loadConfig(opts.proposed, io) : null;
  const { config, dataset } = await loadInputs(opts, io);
  const [metrics, { proposalsOf }, { periodBuckets }, doc, { renderReview }, redact, parallel, movers] =
    await Promise.all([
      import("../../metrics/index.js"),
      import("../../metrics/proposals.js"),
      import("../../metrics/periods.js"),
      import("../../report/review-doc.js"),
      import("../../report/review.js"),
      import("../../report/redact.js"),
      import("../../parallel/replay.js"),
      import("../review-movers.js"),
    ]);
  const period = opts.period ?? "quarter";
  // The proposals' values are folded during the replay: no obligation is kept.
  const base = { ...auditOptions(opts, config), trend: period, keep: "report" as const, proposals: true };
  const frame = metrics.auditFrame(dataset, config, base);
  const spans = movers.reviewSpans(frame.period, period, config.timezone, frame.asOf);
  // One replay: its trends, commitments and proposals' values feed the pack, its group tallies are the reviewed period's.
  const options = { ...base, ...(spans ? { groups: true, groupsPeriod: spans.reviewed } : {}) };
  // The previous period's audit starts first, in a worker when the leads are many: this thread replays meanwhile.
  const start = (o: AuditOptions) => parallel.computeAuditInWorker(dataset, config, o, workerMode(io));
  const earlier = spans ? movers.previousAudit(spans, options, start) : null;
  // Awaited below; should this thread's replay throw first, its failure is not also an unhandled rejection.
  earlier?.catch(() => undefined);
  // Nothing is kept beside the tallies, so the pack's replay splits with a second thread as an audit's does.
  const audit = await parallel.computeAuditInParallel(dataset, config, options, workerMode(io));
  const rows = audit.report.commitments?.rows ?? [];
  const proposals = proposalsOf(config, audit.proposals ?? [], rows);
  const section = earlier ? await movers.reviewMovers(audit.report, earlier, period) : null;
  const pack = doc.reviewDoc({
    report: audit.report,
    proposals,
    period,
    spans: new Map(periodBuckets(audit.period, period, config.timezone).map((b) => [b.label, b])),
    proposed: proposedConfig ? await proposedDiff(config, proposedConfig) : null,
    movers: doc.moversPart(section, spans?.reviewed.label ?? null),
  });
  const shown = opts.redact ? redact.redactDeep(pack, redact.redactor(dataset, redactKey(io))) : pack;
  await emit(renderReview(shown, opts.format as "md" | "html" | "json"), opts, io);
}

/** The proposed version's diff against the current SLA, in `sla diff`'s words. */
async function proposedDiff(current: SlaConfig, proposed: SlaConfig) {
  const [{ diffAgreements }, { proposedPart }] = await Promise.all([
    import("../../config/diff.js"),
    import("../../report/review-proposed.js"),
  ]);
  return proposedPart(current, proposed, diffAgreements(current, proposed));
}

export function reviewCommand(io: Io): Command {
  const cmd = new Command("review").description(
    "the one-page pack for the SLA review meeting: commitments kept, trends per --period (default quarter), proposals for the next version, and the diff of --proposed FILE",
  );
  withCommonOptions(cmd, REFUSE, ["md", "html", "json"]);
  cmd.options.find((o) => o.long === "--format")?.default("md");
  return cmd
    .addOption(
      new Option("--proposed <sla.yaml>", "a proposed version of the SLA file: its diff goes in the pack"),
    )
    .action((opts: Options) => runReview(opts, io));
}
