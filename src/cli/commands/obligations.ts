/** `funnel-audit obligations`: the obligations behind a figure, by handoff, rep, status or period. */

import { Command, Option } from "commander";
import { UserError } from "../../errors.js";
import { auditOptions, emit, loadInputs } from "../inputs.js";
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

interface Options extends CommonOptions {
  handoff?: string;
  rep?: string;
  status?: string;
  week?: string;
  month?: string;
}

/** The options the obligations list cannot honour, with what to use instead. */
const REFUSE = {
  check: "it lists obligations and judges no target; use `latency --check` or `audit --check`",
  by: "filter with --handoff, --rep, --status, --week or --month (the breakdown is `conversion --by`)",
  period: "pick one with --week or --month (the trends are `conversion --period`)",
  baseline: "a list compares with nothing; use `audit --baseline`",
};

/** Computes the audit's obligations, keeps those every filter given lets through, and writes them. */
async function listObligations(opts: Options, io: Io): Promise<void> {
  const { config, dataset } = await loadInputs(opts, io);
  const [
    { computeAudit },
    { periodBuckets },
    { redactDeep, redactor },
    { obligationsCsv, obligationsJson, obligationsText },
  ] = await Promise.all([
    import("../../metrics/index.js"),
    import("../../metrics/periods.js"),
    import("../../report/redact.js"),
    import("../../report/obligations.js"),
  ]);
  // Marketing's pass clocks (a definition's pass_within) are listed as `<stage>-pass`.
  const ids = [
    ...config.handoffs.map((h) => h.id),
    ...(config.definitions?.stages ?? []).filter((d) => d.passWithin).map((d) => `${d.stage}-pass`),
  ];
  if (opts.handoff && !ids.includes(opts.handoff))
    throw new UserError(`no handoff "${opts.handoff}" in ${config.file}; handoffs: ${ids.join(", ")}`);
  const audit = computeAudit(dataset, config, { ...auditOptions(opts, config), keep: "obligations" });
  const label = opts.week ?? opts.month;
  const bucket = label
    ? periodBuckets(audit.period, opts.week ? "week" : "month", config.timezone).find(
        (b) => b.label === label,
      )
    : undefined;
  if (label && !bucket)
    throw new UserError(`${opts.week ? "--week" : "--month"} ${label} is not in the audited period`);
  const all = opts.redact
    ? redactDeep(audit.obligations, redactor(dataset, redactKey(io)))
    : audit.obligations;
  const list = all.filter(
    (o) =>
      (!opts.handoff || o.handoff === opts.handoff) &&
      (!opts.rep || (o.owner ?? "(unassigned)") === opts.rep) &&
      (!opts.status || o.status === opts.status) &&
      (!bucket || (o.entryAt >= bucket.from && o.entryAt < bucket.to)),
  );
  const text =
    opts.format === "json"
      ? obligationsJson(list, config.timezone)
      : opts.format === "csv"
        ? (opts.bom ? BOM : "") + obligationsCsv(list, config.timezone)
        : obligationsText(list, config.timezone, styleFor(opts, io, config));
  await emit(text, opts, io);
}

export function obligationsCommand(io: Io): Command {
  const cmd = new Command("obligations").description(
    "list the obligations behind a figure: by handoff, rep, status, week or month",
  );
  // md and html are refused by the choices: a list of thousands of rows is a CSV or JSON job.
  return withWidthOptions(withBom(withCommonOptions(cmd, REFUSE, ["table", "json", "csv"])))
    .option("--handoff <id>", "only this handoff")
    .option("--rep <name>", 'only this accountable owner ("(unassigned)" for none)')
    .addOption(
      new Option("--status <status>", "only this status").choices(["met", "late", "missed", "pending"]),
    )
    .option("--week <label>", "only obligations that started in this ISO week, e.g. 2026-W20")
    .option("--month <label>", "only obligations that started in this month, e.g. 2026-10")
    .action((opts: Options) => listObligations(opts, io));
}
