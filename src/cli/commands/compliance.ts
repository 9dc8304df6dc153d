/** `funnel-audit compliance`: follow-up compliance per rep, with 95% intervals. */

import type { Command } from "commander";
import type { Io } from "../io.js";
import { reportCommand } from "../report-command.js";

export function complianceCommand(io: Io): Command {
  return reportCommand("compliance", "follow-up compliance per rep, with 95% intervals", ["compliance"], io);
}
