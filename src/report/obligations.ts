/** A list of obligations (the rows behind a handoff, rep or week figure), as text or JSON. */

import type { Obligation } from "../metrics/obligations.js";
import { inertJson } from "../text.js";
import { formatInstant } from "../time/format.js";
import { tableCsv } from "./csv.js";
import { shortIso } from "./format.js";
import type { Style } from "./style.js";
import { fitTable } from "./tables/common.js";
import { wrap } from "./width.js";

const where = (p: { file: string; line: number } | null | undefined) => (p ? `${p.file}:${p.line}` : "");
const hours = (ms: number | null) => (ms === null ? null : Math.round(ms / 36_000) / 100);

/** One object per obligation, every field, instants in the SLA's zone: JSON and CSV share it. */
function obligationRecords(list: readonly Obligation[], zone: string) {
  return list.map((o) => ({
    handoff: o.handoff,
    lead: o.leadId,
    journey: o.journey,
    entered: formatInstant(o.entryAt, zone),
    deadline: formatInstant(o.deadline, zone),
    restarts: o.restarts,
    response: o.response
      ? { at: formatInstant(o.response.at, zone), what: o.response.what, place: where(o.response.place) }
      : null,
    status: o.status,
    owner: o.owner,
    clock: o.clock,
    waited_hours: hours(o.latencyMs),
  }));
}

/** Obligations as JSON: one object each, instants in the SLA's zone. */
export function obligationsJson(list: readonly Obligation[], zone: string): string {
  const rows = obligationRecords(list, zone);
  return `${inertJson(JSON.stringify({ schema_version: 1, obligations: rows }, null, 2))}\n`;
}

/**
 * Obligations as CSV, what an analyst loads: one row per obligation and every field of the JSON,
 * the response flattened to response_at, response_what, response_place (empty when none).
 */
export function obligationsCsv(list: readonly Obligation[], zone: string): string {
  const head = [
    "handoff",
    "lead",
    "journey",
    "entered",
    "deadline",
    "restarts",
    "response_at",
    "response_what",
    "response_place",
    "status",
    "owner",
    "clock",
    "waited_hours",
  ];
  const rows = obligationRecords(list, zone).map((o) => [
    o.handoff,
    o.lead,
    o.journey,
    o.entered,
    o.deadline,
    o.restarts,
    o.response?.at ?? null,
    o.response?.what ?? null,
    o.response?.place ?? null,
    o.status,
    o.owner,
    o.clock,
    o.waited_hours,
  ]);
  return tableCsv({ id: "obligations", section: "latency", title: "", note: "", head, rows, shares: [] });
}

/** Obligations as a table, with a count line; each lead can then be traced. */
export function obligationsText(list: readonly Obligation[], zone: string, style: Style): string {
  const s = (ms: number) => shortIso(formatInstant(ms, zone));
  const rows = list.map((o) => [
    o.leadId,
    o.handoff,
    s(o.entryAt),
    s(o.deadline),
    o.response ? `${s(o.response.at)} ${o.response.what}` : "–",
    o.status === "met"
      ? style.chalk.green(o.status)
      : o.status === "pending"
        ? o.status
        : style.chalk.red(o.status),
    o.owner ?? "(unassigned)",
  ]);
  const head = ["lead", "handoff", "entered", "deadline", "response", "status", "accountable"];
  const body = rows.length
    ? fitTable(style, { head, rows, align: head.map(() => "left"), wrap: 4, drop: [1, 2] })
    : "no obligation matches";
  const intro = wrap(
    `${list.length} obligation(s); times in ${zone}; \`funnel-audit trace LEAD\` explains each`,
    style.width,
    "  ",
  );
  return `${intro}\n${body}\n`;
}
