/** `funnel-audit compare --sla current.yaml --sla proposed.yaml`: the same data under two agreements. */

import { Command } from "commander";
import { UserError } from "../../errors.js";
import { TargetMissed } from "../errors.js";
import { auditOptions, emit, guardOutput, loadConfig, readInputs } from "../inputs.js";
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
import { checkTarget } from "../targets.js";

type Options = Omit<CommonOptions, "sla"> & { sla?: string[] };

/** The audit's options compare cannot honour, with what to use instead. */
const REFUSE = {
  by: "compare sets the headline figures side by side; break one agreement down with `audit --by`",
  period: "compare judges the whole period; see trends with `audit --period`",
  baseline: "compare's baseline is the current agreement (the first --sla); use `audit --baseline`",
};

/** A word the shell reads as it is, else in single quotes. */
const shellWord = (s: string) => (/^[\w./:@%+=,-]+$/.test(s) ? s : `'${s.replaceAll("'", "'\\''")}'`);

async function compareAction(opts: Options, io: Io): Promise<void> {
  const files = Array.isArray(opts.sla) ? opts.sla : [];
  if (files.length !== 2)
    throw new UserError(
      `compare takes exactly two SLA files, --sla CURRENT --sla PROPOSED (${files.length === 0 ? "none was" : files.length === 1 ? "one was" : `${files.length} were`} given)`,
    );
  const [first, second] = files as [string, string];
  await checkTarget(opts.out);
  const current = await loadConfig(first, io);
  const proposed = await loadConfig(second, io);
  // The period, as-of and the weeks of commitments are read and cut in the SLA's zone: two zones
  // would audit two different periods, and no figure would compare.
  if (current.timezone !== proposed.timezone)
    throw new UserError(
      `${first} is in ${current.timezone} and ${second} in ${proposed.timezone}: compare audits one period, so both SLA files need the same timezone`,
    );
  const [{ compareAgreements }, { readingDifferences }, { renderComparison }, { redactDeep, redactor }] =
    await Promise.all([
      import("../../compare/index.js"),
      import("../../compare/reading.js"),
      import("../../report/compare.js"),
      import("../../report/redact.js"),
    ]);
  // --out may name neither agreement nor any file either reads.
  guardOutput(opts.out, proposed);
  io.protect([proposed.file]);
  const differs = readingDifferences(current, proposed);
  const common: CommonOptions = { ...opts, sla: first };
  const data = await readInputs(current, common, io);
  // Read once when the proposal reads the same rows alike; else its own read (the output says why).
  const again = differs.length === 0 ? data : await readInputs(proposed, { ...common, sla: second }, io);
  const asOf = opts.asOf === undefined ? "" : ` --as-of ${shellWord(opts.asOf)}`;
  const computed = compareAgreements(
    { current: { config: current, dataset: data }, proposed: { config: proposed, dataset: again }, differs },
    auditOptions(common, current),
    (id) => `funnel-audit trace ${shellWord(id)} --sla ${shellWord(second)}${asOf}`,
  );
  const result = opts.redact ? redactDeep(computed, redactor(data, redactKey(io))) : computed;
  const text = renderComparison(result, opts.format, styleFor(opts, io, proposed));
  await emit(opts.bom ? BOM + text : text, opts, io);
  if (opts.check && result.newlyMissed.length > 0) {
    io.stderr.write(
      `check failed: the proposal misses ${result.newlyMissed.length} target(s) the current agreement meets\n`,
    );
    for (const m of result.newlyMissed) io.stderr.write(`  ${m.message}\n`);
    throw new TargetMissed();
  }
}

export function compareCommand(io: Io): Command {
  const cmd = withBom(
    withWidthOptions(
      withCommonOptions(
        new Command("compare").description(
          "what-if: the same data audited under two SLA files, figure by figure, and the obligations whose outcome changes",
        ),
        REFUSE,
      ),
    ),
  );
  // --sla is given twice here: the current agreement, then the proposed one.
  const sla = cmd.options.find((o) => o.long === "--sla");
  if (sla) {
    sla.description = "an SLA file (YAML); give two: --sla CURRENT --sla PROPOSED";
    sla.defaultValue = undefined;
    // The shared option's default (sla.yaml) is already set: the first --sla replaces it.
    cmd.setOptionValueWithSource("sla", undefined, "default");
    sla.argParser((value: string, previous: unknown) => [
      ...(Array.isArray(previous) ? previous : []),
      value,
    ]);
  }
  const check = cmd.options.find((o) => o.long === "--check");
  if (check)
    check.description =
      "exit 1 when the proposal misses a target (a handoff's or a commitment's) the current agreement meets";
  return cmd.action((opts: Options) => compareAction(opts, io));
}
