/** Handoff SLAs, the split of the wait, and rep follow-up as terminal tables. */

import type { Report, RepRow } from "../../metrics/types.js";
import { pct, printable } from "../format.js";
import type { Style } from "../style.js";
import { counts, hours, interval, rate, SMALL_NOTE, section, table, verdict } from "./common.js";

export function latencyTable(r: Report, style: Style, minSample: number): string {
  const hs = r.latency.handoffs;
  if (hs.length === 0)
    return `${style.chalk.bold("Handoff SLAs")}: no handoffs declared (handoffs: in the SLA file)`;
  const rows = hs.map((h) => [
    h.id,
    h.within,
    ...counts(h.obligations, h.met, h.late, h.missed, h.pending),
    rate(h.compliance, h.small_sample),
    `${pct(h.target)} ${verdict(style, h.target_met)}`,
    ...[h.p50_hours, h.p90_hours, h.p95_hours, h.max_hours].map((x) => hours(x, h.clock)),
  ]);
  const head = [
    "handoff",
    "within",
    "obligations",
    "met",
    "late",
    "missed",
    "pending",
    "compliance",
    "target",
    "p50",
    "p90",
    "p95",
    "max",
  ];
  const delays = hs.map((h) => [
    h.id,
    hours(h.delay.system_p50_hours, h.clock),
    hours(h.delay.person_p50_hours, h.clock),
    pct(h.delay.system_share),
  ]);
  const split = table(style, ["handoff", "system p50", "person p50", "system share"], delays);
  const speedHead = ["handoff", ...(hs[0]?.speed.map((x) => `≤ ${x.within}`) ?? [])];
  const speed = table(
    style,
    speedHead,
    hs.map((h) => [h.id, ...h.speed.map((x) => pct(x.share))]),
  );
  const note = "compliance = met ÷ (met + late + missed); bh = business hours on the owner's calendar";
  const small = hs.some((h) => h.small_sample) ? `\n${SMALL_NOTE(minSample)}` : "";
  return `${section(style, "Handoff SLAs", note, table(style, head, rows))}${small}\n\n${section(
    style,
    "Where the wait was",
    "answered obligations: system = entry → a rep owns the lead; person = rep → response",
    split,
  )}\n\n${section(style, "Speed to lead", "share of decided obligations answered within each time, on the handoff's clock", speed)}`;
}

function repTable(title: string, reps: RepRow[], style: Style, clock: "calendar" | "business"): string {
  const rows = reps.map((p) => [
    printable(p.rep),
    ...counts(p.obligations, p.met, p.late, p.missed, p.pending),
    rate(p.compliance, p.small_sample),
    interval(p.compliance_low, p.compliance_high),
    hours(p.median_hours, clock),
    hours(p.p90_hours, clock),
  ]);
  const head = [
    "rep",
    "obligations",
    "met",
    "late",
    "missed",
    "pending",
    "compliance",
    "95% interval",
    "median",
    "p90",
  ];
  return `${title}\n${table(style, head, rows)}`;
}

export function complianceTables(r: Report, style: Style, minSample: number): string {
  const c = r.compliance;
  if (c.by_handoff.length === 0) return `${style.chalk.bold("Rep follow-up")}: no handoffs declared`;
  const clockOf = new Map(r.latency.handoffs.map((h) => [h.id, h]));
  const tables = c.by_handoff.map((b) => {
    const clock = clockOf.get(b.handoff)?.clock ?? "calendar";
    const title = `${style.chalk.bold("Rep follow-up")}: ${b.handoff} (on_reassign: ${c.on_reassign}; time to respond on the owner's clock)`;
    return repTable(title, b.reps, style, clock);
  });
  const small = c.by_handoff.some((b) => b.reps.some((p) => p.small_sample))
    ? `\n${SMALL_NOTE(minSample)}`
    : "";
  return `${tables.join("\n\n")}${small}`;
}
