/** `funnel-audit conversion`: stage entries and cohort conversion of every step. */

import type { Command } from "commander";
import type { Io } from "../io.js";
import { reportCommand } from "../report-command.js";

export function conversionCommand(io: Io): Command {
  return reportCommand("conversion", "stage entries and cohort conversion of every step", ["conversion"], io);
}
