/** `funnel-audit audit`: every section of the report. */

import type { Command } from "commander";
import { SECTIONS } from "../../report/index.js";
import type { Io } from "../io.js";
import { reportCommand } from "../report-command.js";

export function auditCommand(io: Io): Command {
  return reportCommand(
    "audit",
    "the whole audit: conversion, handoff SLAs, rep compliance and data quality",
    SECTIONS,
    io,
  ).option(
    "--movers",
    "why each handoff's compliance and step's rate moved against --baseline, or else the previous period of the same length (needs --from): mix vs performance by source, rep, arrival hour, after hours, weekend and rep load",
  );
}
