/** `funnel-audit commitments`: who kept their word, per period, and the feedback loop by source. */

import type { Command } from "commander";
import type { Io } from "../io.js";
import { reportCommand } from "../report-command.js";

export function commitmentsCommand(io: Io): Command {
  return reportCommand(
    "commitments",
    "who kept their word per period (marketing and sales commitments) and recycle/reject reasons by source",
    ["commitments"],
    io,
  );
}
