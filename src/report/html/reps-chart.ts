/** Rep follow-up compliance per handoff: each rep's compliance and 95% interval against the target. */

/*
 * A dot at each rep's compliance, a whisker over its Wilson 95% interval, and the handoff's target
 * as a dashed line. A rep is "below" only when the whole interval is under the target, so a short
 * unlucky week is not read as a verdict.
 */

import type { Report, RepRow } from "../../metrics/types.js";
import { count, pct } from "../format.js";
import { html, joinHtml, type SafeHtml } from "./escape.js";
import { chartFrame, label, legendItem, scale, ticks, xAxis } from "./svg.js";

const WIDTH = 760;
const X0 = 170;
const X1 = 620;
const ROW = 24;
const TOP = 34;

/** Where a rep stands against the target, given the interval. */
function standing(p: RepRow, target: number | null): "above" | "below" | "unclear" | "none" {
  if (p.compliance === null) return "none";
  if (target === null) return "unclear";
  if ((p.compliance_low ?? p.compliance) >= target) return "above";
  if ((p.compliance_high ?? p.compliance) < target) return "below";
  return "unclear";
}

function repRow(p: RepRow, y: number, target: number | null, x: (v: number) => number): SafeHtml {
  const decided = p.met + p.late + p.missed;
  const name = label(X0 - 10, y + 4, p.rep, "label", "end");
  if (p.compliance === null)
    return html`<g class="rep">${name}${label(X0 + 4, y + 4, "no decided obligation", "value")}</g>`;
  const lo = x(p.compliance_low ?? p.compliance);
  const hi = x(p.compliance_high ?? p.compliance);
  const cls = `dot ${standing(p, target)}${p.small_sample ? " small" : ""}`;
  const tip = `${p.rep}: ${pct(p.compliance)} (${count(p.met)} of ${count(decided)} met), 95% interval ${pct(p.compliance_low)}–${pct(p.compliance_high)}${p.small_sample ? ", small sample" : ""}`;
  return html`<g class="rep">${name}
<line class="whisker" x1="${lo}" x2="${hi}" y1="${y}" y2="${y}"/><line class="whisker" x1="${lo}" x2="${lo}" y1="${y - 5}" y2="${y + 5}"/><line class="whisker" x1="${hi}" x2="${hi}" y1="${y - 5}" y2="${y + 5}"/>
<circle class="${cls}" cx="${x(p.compliance)}" cy="${y}" r="5"><title>${tip}</title></circle>
${label(X1 + 14, y + 4, `${pct(p.compliance)} (${count(p.met)}/${count(decided)})`, "value")}</g>`;
}

/** One chart per handoff (small multiples), in the report's order. */
export function repsCharts(r: Report): SafeHtml[] {
  return r.compliance.by_handoff.map((b) => {
    const target = r.latency.handoffs.find((h) => h.id === b.handoff)?.target ?? null;
    const x = scale(1, X0, X1);
    const bottom = TOP + Math.max(1, b.reps.length) * ROW;
    const rows = b.reps.map((p, i) => repRow(p, TOP + i * ROW + ROW / 2, target, x));
    const targetLine =
      target === null
        ? null
        : html`<line class="target" x1="${x(target)}" x2="${x(target)}" y1="${TOP - 4}" y2="${bottom}"/>${label(x(target), TOP - 8, `target ${pct(target)}`, "target-label", "middle")}`;
    const legend = joinHtml([
      legendItem(X0, 12, "dot-key above", "interval above target"),
      legendItem(X0 + 150, 12, "dot-key unclear", "interval spans target"),
      legendItem(X0 + 300, 12, "dot-key below", "interval below target"),
    ]);
    const body = joinHtml([
      legend,
      xAxis(ticks(1, 0.25), x, TOP - 4, bottom, (v) => `${Math.round(v * 100)}%`),
      ...(targetLine ? [targetLine] : []),
      ...rows,
    ]);
    const desc = b.reps.length
      ? b.reps
          .map(
            (p) =>
              `${p.rep} ${pct(p.compliance)} (95% interval ${pct(p.compliance_low)}–${pct(p.compliance_high)})`,
          )
          .join("; ")
      : "no obligations";
    return chartFrame(
      "reps",
      `Rep compliance with 95% intervals: ${b.handoff}`,
      `${desc}.${target === null ? "" : ` Target ${pct(target)}.`} Hollow dots: small samples.`,
      { width: WIDTH, height: bottom + 24 },
      body,
    );
  });
}
