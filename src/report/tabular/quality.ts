/** The data-quality section and the week-over-week comparison as plain tables. */

import type { Report } from "../../metrics/types.js";
import type { Tabular } from "./shape.js";

/** The findings, one row each with its first example's file:line. */
export function qualityTables(r: Report): Tabular[] {
  return [
    {
      id: "quality",
      section: "quality",
      title: "Findings",
      note: "error: the row is not used; warning: used but suspicious; info: noted",
      head: ["severity", "code", "count", "title", "first_example", "hint"],
      rows: r.quality.findings.map((f) => [
        f.severity,
        f.code,
        f.count,
        f.title,
        f.examples[0] ? `${f.examples[0].file}:${f.examples[0].line}` : null,
        f.hint,
      ]),
      shares: [],
    },
  ];
}

/** Each headline figure against the baseline report; none without --baseline. */
export function baselineTables(r: Report): Tabular[] {
  if (!r.baseline) return [];
  return [
    {
      id: "baseline",
      section: "conversion",
      title: "Week over week",
      note: `against the report as of ${r.baseline.as_of}; regression = worse beyond the SLA's check thresholds`,
      head: ["figure", "kind", "before", "now", "change", "worse", "regression"],
      rows: r.baseline.changes.map((c) => [
        c.figure,
        c.kind,
        c.before,
        c.after,
        c.delta,
        c.worse,
        c.regression,
      ]),
      shares: [],
    },
  ];
}
