/** main(argv, io): the commander program; maps errors to exit codes (0 ran, 1 target missed, 2 bad input). */

import { Command, CommanderError } from "commander";
import { formatIssue, InternalError, sortIssues, UserError } from "../errors.js";
import { useHolidayCache } from "../time/holidays.js";
import { cacheFolder } from "./cache-file.js";
import { auditCommand } from "./commands/audit.js";
import { commitmentsCommand } from "./commands/commitments.js";
import { compareCommand } from "./commands/compare.js";
import { complianceCommand } from "./commands/compliance.js";
import { conversionCommand } from "./commands/conversion.js";
import { initCommand } from "./commands/init.js";
import { latencyCommand } from "./commands/latency.js";
import { moneyCommand } from "./commands/money.js";
import { obligationsCommand } from "./commands/obligations.js";
import { proposalsCommand } from "./commands/proposals.js";
import { qualityCommand } from "./commands/quality.js";
import { reviewCommand } from "./commands/review.js";
import { slaCommand } from "./commands/sla.js";
import { traceCommand } from "./commands/trace.js";
import { validateCommand } from "./commands/validate.js";
import { TargetMissed } from "./errors.js";
import { fileHolidayCache } from "./holiday-cache.js";
import type { Io } from "./io.js";
import { VERSION } from "./version.js";

export const EXIT = { ok: 0, targetMissed: 1, error: 2 } as const;

/** The command tree (tests walk it: every option of every command is used or refused). */
export function program(io: Io): Command {
  const root = new Command("funnel-audit")
    .description("Audit a B2B lead funnel against the sales-marketing SLA, from raw CRM exports.")
    .version(VERSION)
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
  for (const make of [
    auditCommand,
    conversionCommand,
    latencyCommand,
    complianceCommand,
    commitmentsCommand,
    qualityCommand,
    moneyCommand,
    obligationsCommand,
    compareCommand,
    proposalsCommand,
    reviewCommand,
    traceCommand,
    validateCommand,
    initCommand,
    slaCommand,
  ])
    root.addCommand(make(io));
  // Commander throws instead of exiting, here and in every subcommand, so main decides the code.
  const override = (c: Command) => {
    c.exitOverride();
    c.configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s) });
    c.showHelpAfterError("(run with --help for usage)");
    for (const sub of c.commands) override(sub);
  };
  override(root);
  return root;
}

/** Runs the CLI; never throws, returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  try {
    const folder = cacheFolder(io.env);
    useHolidayCache(folder === null ? null : fileHolidayCache(folder));
    const root = program(io);
    await root.parseAsync(helpArgs(root, argv), { from: "user" });
    return EXIT.ok;
  } catch (err) {
    return report(err, io);
  }
}

/**
 * Commander's `help` command looks one level down only: `help sla render` showed `sla`'s help.
 * `help A B` is read as `A B --help`, so the help shown is the last command's, at any depth; a
 * name that is no command is a usage error (exit 2), not the top-level help.
 */
function helpArgs(root: Command, argv: readonly string[]): string[] {
  if (argv[0] !== "help" || argv.length < 2) return [...argv];
  let at = root;
  for (const name of argv.slice(1)) {
    const sub = at.commands.find((c) => c.name() === name || c.aliases().includes(name));
    if (!sub) {
      const known = at.commands.map((c) => c.name()).join(", ");
      throw new UserError(`help: no command "${name}" in \`${at.name()}\`; commands: ${known}`);
    }
    at = sub;
  }
  return [...argv.slice(1), "--help"];
}

function report(err: unknown, io: Io): number {
  if (err instanceof CommanderError) {
    const ok =
      err.code === "commander.helpDisplayed" ||
      err.code === "commander.version" ||
      err.code === "commander.help";
    return ok ? EXIT.ok : EXIT.error;
  }
  if (err instanceof TargetMissed) return EXIT.targetMissed;
  if (err instanceof UserError) {
    const errors = err.issues.filter((i) => i.severity === "error");
    if (err.issues.length > 0) {
      for (const issue of sortIssues(err.issues)) io.stderr.write(`${formatIssue(issue)}\n`);
      io.stderr.write(
        `\n${errors.length} error(s)${err.issues.length > errors.length ? `, ${err.issues.length - errors.length} warning(s)` : ""}\n`,
      );
    } else io.stderr.write(`funnel-audit: ${err.message}\n`);
    return EXIT.error;
  }
  const kind = err instanceof InternalError ? "internal error" : "unexpected error";
  io.stderr.write(
    `funnel-audit ${VERSION}: ${kind}. This is a bug; please report it with the command you ran (not your data).\n${bugReport(err, io.env.FUNNEL_AUDIT_DEBUG === "1")}\n`,
  );
  return EXIT.error;
}

/**
 * What a bug report needs: the error's kind and where it happened in our code. Its message may
 * quote the input (a value, an id), so it is left out unless FUNNEL_AUDIT_DEBUG=1 asks for it.
 */
export function bugReport(err: unknown, debug: boolean): string {
  if (!(err instanceof Error)) return debug ? String(err) : "(a non-Error was thrown)";
  if (debug) return err.stack ?? `${err.name}: ${err.message}`;
  const frames = (err.stack ?? "")
    .split("\n")
    .filter((l) => /^\s+at /.test(l))
    .slice(0, 12)
    .map((l) => l.replace(/\(?file:\/\/\S*?\/(dist|src)\//, "($1/").replace(/^\s+/, "    "));
  return [
    `${err.name} (message withheld: it may quote your data; FUNNEL_AUDIT_DEBUG=1 shows it)`,
    ...frames,
  ].join("\n");
}
