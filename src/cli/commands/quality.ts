/** `funnel-audit quality`: data-quality findings: rows not used, suspicious rows, with file:line examples. */

import type { Command } from "commander";
import type { Io } from "../io.js";
import { reportCommand } from "../report-command.js";

export function qualityCommand(io: Io): Command {
  return reportCommand(
    "quality",
    "data-quality findings: rows not used, suspicious rows, with file:line examples",
    ["quality"],
    io,
  );
}
