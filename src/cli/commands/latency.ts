/** `funnel-audit latency`: handoff SLAs: obligations met, late, missed, pending, and latency percentiles. */

import type { Command } from "commander";
import type { Io } from "../io.js";
import { reportCommand } from "../report-command.js";

export function latencyCommand(io: Io): Command {
  return reportCommand(
    "latency",
    "handoff SLAs: obligations met, late, missed, pending, and latency percentiles",
    ["latency"],
    io,
  );
}
