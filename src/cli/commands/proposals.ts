/** `funnel-audit proposals`: the windows and targets the audited period supports, printed as data (the SLA file is never changed). */

import { Command } from "commander";
import { auditOptions, emit, loadInputs, workerMode } from "../inputs.js";
import type { Io } from "../io.js";
import {
  BOM,
  type CommonOptions,
  styleFor,
  withBom,
  withCommonOptions,
  withWidthOptions,
} from "../options.js";
import { redactKey } from "../redact-key.js";

/** The shared options proposals cannot honour, with what to use instead. */
const REFUSE = {
  check: "proposals judge no target; use `audit --check`",
  by: "proposals are per handoff, rep and commitment (the breakdown is `conversion --by`)",
  period: "proposals read the commitments' own periods (the trends are `conversion --period` or `review`)",
  baseline: "proposals compare windows, not reports; use `audit --baseline`",
};

async function runProposals(opts: CommonOptions, io: Io): Promise<void> {
  const { config, dataset } = await loadInputs(opts, io);
  const [
    { computeAuditInParallel },
    { proposalsOf },
    { proposalsDoc, renderProposals },
    { redactDeep, redactor },
  ] = await Promise.all([
    import("../../parallel/replay.js"),
    import("../../metrics/proposals.js"),
    import("../../report/proposals.js"),
    import("../../report/redact.js"),
  ]);
  // Each obligation is placed on its handoff's scale as the replay finds it (on two threads when the leads are many).
  const options = { ...auditOptions(opts, config), keep: "report" as const, proposals: true };
  const audit = await computeAuditInParallel(dataset, config, options, workerMode(io));
  const proposals = proposalsOf(config, audit.proposals ?? [], audit.report.commitments?.rows ?? []);
  const doc = proposalsDoc(audit.report, proposals);
  const shown = opts.redact ? redactDeep(doc, redactor(dataset, redactKey(io))) : doc;
  const text = renderProposals(shown, opts.format, styleFor(opts, io, config));
  await emit(opts.bom ? BOM + text : text, opts, io);
}

export function proposalsCommand(io: Io): Command {
  const cmd = new Command("proposals").description(
    "evidence for the next SLA version: per handoff and rep the window the target share met, compliance at candidate windows, per commitment the target kept in most periods (the SLA file is not changed)",
  );
  return withBom(withWidthOptions(withCommonOptions(cmd, REFUSE))).action((opts: CommonOptions) =>
    runProposals(opts, io),
  );
}
