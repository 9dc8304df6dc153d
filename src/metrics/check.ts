/** What --check judges: every target (handoffs, marketing's pass clocks, commitment rows) and the misses. */

import { count } from "../text.js";
import { isVolume } from "./commitments.js";
import type { CommitmentRow, HandoffRow, Miss, Report } from "./types.js";

const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(1)}%`);

/** The targets missed: handoff targets over the whole period, then each missed commitment row. */
export function misses(
  handoffs: readonly HandoffRow[],
  rows: readonly CommitmentRow[],
  what = "handoff",
): Miss[] {
  const out: Miss[] = [];
  for (const h of handoffs)
    if (h.target_met === false)
      out.push({
        kind: "handoff",
        id: h.id,
        period: null,
        actual: h.compliance,
        target: h.target,
        message: `${what} ${h.id}: compliance ${pct(h.compliance)} < target ${pct(h.target)} (${h.met} of ${h.met + h.late + h.missed} met)`,
      });
  for (const r of rows) {
    if (r.status !== "missed") continue;
    const figure =
      r.commitment === "mqls"
        ? `${r.actual} MQLs < ${r.target}`
        : isVolume(r.commitment)
          ? `${count(r.actual ?? 0)} < ${count(r.target)}`
          : `${pct(r.actual)} < ${pct(r.target)} (n = ${r.n})`;
    out.push({
      kind: "commitment",
      id: `${r.team}.${r.commitment}`,
      period: r.period,
      actual: r.actual,
      target: r.target,
      message: `${r.period} ${r.team} ${r.commitment}: ${figure}`,
    });
  }
  return out;
}

export /** Every target judged: the handoffs', marketing's pass clocks' (judged like handoffs) and each commitment row. */
function checkSection(
  handoffs: readonly HandoffRow[],
  passes: readonly HandoffRow[],
  commitments: readonly CommitmentRow[],
): Report["check"] {
  const judged = [...handoffs, ...passes];
  return {
    targets:
      judged.filter((h) => h.target_met !== null).length +
      commitments.filter((r) => r.status === "met" || r.status === "missed").length,
    // A pass clock's miss says whose clock it is: no handoff of the SLA bears its id.
    missed: [
      ...misses(handoffs, []),
      ...misses(passes, [], "marketing's pass clock"),
      ...misses([], commitments),
    ],
  };
}
