/** `funnel-audit money`: pipeline and revenue by source, campaign, rep, team and period (needs `sources.opportunities`). */

import type { Command } from "commander";
import type { Io } from "../io.js";
import { reportCommand } from "../report-command.js";

export function moneyCommand(io: Io): Command {
  return reportCommand(
    "money",
    "pipeline and revenue: which sources pay, win rates, deal size, sales cycle (needs sources.opportunities)",
    ["money"],
    io,
  );
}
