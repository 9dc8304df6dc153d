/** The handoff-SLA section as plain tables: each handoff against its SLA, speed to lead, the wait. */

import type { HandoffRow, Report } from "../../metrics/types.js";
import type { Cell, Tabular } from "./shape.js";

type Handoff = Report["latency"]["handoffs"][number];

/** A handoff's columns after its key and origin (marketing's pass clocks share them); shares at 2, 8, 9, 10. */
export const HANDOFF_HEAD = [
  "within",
  "clock",
  "target",
  "obligations",
  "met",
  "late",
  "missed",
  "pending",
  "compliance",
  "compliance_low",
  "compliance_high",
  "target_met",
  "p50_hours",
  "p90_hours",
  "p95_hours",
  "max_hours",
];
export const HANDOFF_SHARES = [2, 8, 9, 10];

/** A handoff's cells under HANDOFF_HEAD. */
export const handoffCells = (h: HandoffRow): Cell[] => [
  h.within,
  h.clock,
  h.target,
  h.obligations,
  h.met,
  h.late,
  h.missed,
  h.pending,
  h.compliance,
  h.compliance_low,
  h.compliance_high,
  h.target_met,
  h.p50_hours,
  h.p90_hours,
  h.p95_hours,
  h.max_hours,
];

function slaTable(r: Report): Tabular {
  return {
    id: "latency",
    section: "latency",
    title: "Each handoff against its SLA",
    note: r.latency.definition,
    head: ["handoff", "from", ...HANDOFF_HEAD],
    rows: r.latency.handoffs.map((h) => [h.id, h.from, ...handoffCells(h)]),
    shares: HANDOFF_SHARES.map((i) => i + 2),
  };
}

function speedTable(hs: readonly Handoff[]): Tabular {
  return {
    id: "speed",
    section: "latency",
    title: "Speed to lead",
    note: "share of decided obligations answered within each time, on the handoff's clock",
    head: ["handoff", ...(hs[0]?.speed.map((x) => `within_${x.within}`) ?? [])],
    rows: hs.map((h) => [h.id, ...h.speed.map((x) => x.share)]),
    shares: (hs[0]?.speed ?? []).map((_, i) => i + 1),
  };
}

function delayTable(hs: readonly Handoff[]): Tabular {
  return {
    id: "delay",
    section: "latency",
    title: "Where the wait was",
    note: "answered obligations: system = entry to a rep owning the lead; person = rep to response",
    head: ["handoff", "system_p50_hours", "person_p50_hours", "system_share"],
    rows: hs.map((h) => [h.id, h.delay.system_p50_hours, h.delay.person_p50_hours, h.delay.system_share]),
    shares: [3],
  };
}

/** The handoff table, then speed to lead and where the wait was. */
export function latencyTables(r: Report): Tabular[] {
  return [slaTable(r), speedTable(r.latency.handoffs), delayTable(r.latency.handoffs)];
}
