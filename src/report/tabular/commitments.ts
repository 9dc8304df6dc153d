/** The commitments section as plain tables: who kept their word per period, feedback to marketing. */

import type { Report } from "../../metrics/types.js";
import type { Tabular } from "./shape.js";

/** The commitments table when the SLA has commitments, then the recycle and reject reasons by source. */
export function commitmentsTables(r: Report): Tabular[] {
  const out: Tabular[] = [];
  if (r.commitments)
    out.push({
      id: "commitments",
      section: "commitments",
      title: "Who kept their word",
      note: r.commitments.definition,
      head: ["period", "team", "commitment", "actual", "target", "n", "status"],
      rows: r.commitments.rows.map((x) => [
        x.period,
        x.team,
        x.commitment,
        x.actual,
        x.target,
        x.n,
        x.status,
      ]),
      shares: [],
    });
  out.push({
    id: "feedback",
    section: "commitments",
    title: "Feedback to marketing",
    note: r.feedback.definition,
    head: ["source", "outcome", "reason", "count"],
    rows: r.feedback.rows.map((f) => [f.source, f.outcome, f.reason, f.count]),
    shares: [],
  });
  return out;
}
