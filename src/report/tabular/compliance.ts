/** The rep follow-up section as plain tables: one per handoff, one row per rep. */

import type { Report } from "../../metrics/types.js";
import { slug, type Tabular } from "./shape.js";

/** One table per handoff: each rep's obligations, compliance with its interval, and waits. */
export function complianceTables(r: Report): Tabular[] {
  return r.compliance.by_handoff.map((b) => ({
    id: `compliance-${slug(b.handoff)}`,
    section: "compliance" as const,
    title: `Rep follow-up: ${b.handoff}`,
    note: r.compliance.definition,
    head: [
      "rep",
      "obligations",
      "met",
      "late",
      "missed",
      "pending",
      "compliance",
      "compliance_low",
      "compliance_high",
      "small_sample",
      "median_hours",
      "p90_hours",
    ],
    rows: b.reps.map((p) => [
      p.rep,
      p.obligations,
      p.met,
      p.late,
      p.missed,
      p.pending,
      p.compliance,
      p.compliance_low,
      p.compliance_high,
      p.small_sample,
      p.median_hours,
      p.p90_hours,
    ]),
    shares: [6, 7, 8],
  }));
}
