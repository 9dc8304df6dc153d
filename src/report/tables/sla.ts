/** Handoff SLAs, the split of the wait, and rep follow-up as terminal tables. */

import type { HandoffRow, Report, RepRow } from "../../metrics/types.js";
import { pct, printable } from "../format.js";
import type { Style } from "../style.js";
import {
  type Clock,
  counts,
  durations,
  durationsByRow,
  fitTable,
  interval,
  rate,
  section,
  smallMark,
  table,
  VERDICT_MARKS,
  verdict,
} from "./common.js";

/**
 * Handoffs against their SLA (marketing's pass clocks too): `key` heads the first column. Kept to
 * the last at a narrow width: the key, window, obligations, compliance against target, the median.
 */
export function handoffTable<H extends HandoffRow>(
  style: Style,
  hs: readonly H[],
  key: [string, (h: H) => string],
  minSample: number,
): string {
  const clocks = hs.map((h) => h.clock);
  const col = (pick: (h: HandoffRow) => number | null) => durationsByRow(hs.map(pick), clocks, style);
  const times = [
    col((h) => h.p50_hours),
    col((h) => h.p90_hours),
    col((h) => h.p95_hours),
    col((h) => h.max_hours),
  ];
  const rows = hs.map((h, i) => [
    key[1](h),
    h.within,
    ...counts(h.obligations, h.met, h.late, h.missed, h.pending),
    rate(h.compliance, h.small_sample),
    `${pct(h.target)} ${verdict(style, h.target_met)}`,
    ...times.map((t) => t[i] ?? "–"),
  ]);
  const head = [key[0], "within", "obligations", "met", "late", "missed", "pending"];
  return fitTable(style, {
    head: [...head, "compliance", "target", "p50", "p90", "p95", "max"],
    rows,
    drop: [11, 12, 6, 10, 4, 5, 3],
    marks: { ...VERDICT_MARKS, ...smallMark(minSample) },
  });
}

export function latencyTable(r: Report, style: Style, minSample: number): string {
  const hs = r.latency.handoffs;
  if (hs.length === 0)
    return `${style.chalk.bold("Handoff SLAs")}: no handoffs declared (handoffs: in the SLA file)`;
  const col = (pick: (h: HandoffRow) => number | null) =>
    durationsByRow(
      hs.map(pick),
      hs.map((h) => h.clock),
      style,
    );
  const main = handoffTable(style, hs, ["handoff", (h) => h.id], minSample);
  const delays = hs.map((h) => [h.id]);
  const sys = col((h) => h.delay.system_p50_hours);
  const person = col((h) => h.delay.person_p50_hours);
  hs.forEach((h, i) => {
    delays[i]?.push(sys[i] ?? "–", person[i] ?? "–", pct(h.delay.system_share));
  });
  const split = table(style, ["handoff", "system p50", "person p50", "system share"], delays);
  const speedHead = ["handoff", ...(hs[0]?.speed.map((x) => `≤ ${x.within}`) ?? [])];
  const speed = table(
    style,
    speedHead,
    hs.map((h) => [h.id, ...h.speed.map((x) => pct(x.share))]),
  );
  return [
    section(style, "Handoff SLAs", "compliance = met ÷ (met + late + missed); times to the response", main),
    section(
      style,
      "Where the wait was",
      "system = entry → a rep owns the lead; person = rep → response",
      split,
    ),
    section(
      style,
      "Speed to lead",
      "share of decided obligations answered within each time, on the handoff's clock",
      speed,
    ),
  ].join("\n\n");
}

function repTable(title: string, reps: RepRow[], style: Style, clock: Clock, minSample: number): string {
  const median = durations(
    reps.map((p) => p.median_hours),
    clock,
    style,
  );
  const p90 = durations(
    reps.map((p) => p.p90_hours),
    clock,
    style,
  );
  const rows = reps.map((p, i) => [
    printable(p.rep),
    ...counts(p.obligations, p.met, p.late, p.missed, p.pending),
    rate(p.compliance, p.small_sample),
    interval(p.compliance_low, p.compliance_high),
    median[i] ?? "–",
    p90[i] ?? "–",
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
  return `${title}\n${fitTable(style, { head, rows, drop: [7, 5, 3, 4, 9, 2], marks: smallMark(minSample) })}`;
}

export function complianceTables(r: Report, style: Style, minSample: number): string {
  const c = r.compliance;
  if (c.by_handoff.length === 0) return `${style.chalk.bold("Rep follow-up")}: no handoffs declared`;
  const clockOf = new Map(r.latency.handoffs.map((h) => [h.id, h]));
  return c.by_handoff
    .map((b) => {
      const clock = clockOf.get(b.handoff)?.clock ?? "calendar";
      const title = section(
        style,
        `Rep follow-up: ${b.handoff}`,
        `each lead counts for whoever owned it when it was answered or fell due; a reassignment ${c.on_reassign === "restart" ? "restarts" : "keeps"} the clock`,
        "",
      ).trimEnd();
      return repTable(title, b.reps, style, clock, minSample);
    })
    .join("\n\n");
}
