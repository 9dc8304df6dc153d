/** Handoff latency: p50, p90, p95 and max of the answered obligations, one group of bars per handoff. */

import type { HandoffRow, Report } from "../../metrics/types.js";
import { num, pct } from "../format.js";
import { html, joinHtml, type SafeHtml } from "./escape.js";
import { at, chartFrame, label, niceScale, scale, ticks, xAxis } from "./svg.js";

const WIDTH = 760;
const X0 = 150;
const X1 = 660;
const BAR = 12;
const PITCH = 16;
const HEAD = 20;
const GAP = 14;

const METRICS = [
  ["p50", "p50_hours"],
  ["p90", "p90_hours"],
  ["p95", "p95_hours"],
  ["max", "max_hours"],
] as const;

const unit = (h: HandoffRow) => (h.clock === "business" ? "bh" : "h");

/** The latency chart, or null when there is no handoff. */
export function latencyChart(r: Report): SafeHtml | null {
  const hs = r.latency.handoffs;
  if (hs.length === 0) return null;
  const { max, step } = niceScale(Math.max(0, ...hs.map((h) => h.max_hours ?? 0)));
  const x = scale(max, X0, X1);
  const group = HEAD + METRICS.length * PITCH + GAP;
  const bottom = 6 + hs.length * group;
  const groups = hs.map((h, g) => {
    const y0 = 6 + g * group;
    const head = `${h.id} (within ${h.within}; ${pct(h.compliance)} met, target ${pct(h.target)})`;
    const bars = METRICS.map(([name, key], k) => {
      const y = y0 + HEAD + k * PITCH;
      const v = h[key];
      if (v === null) return label(X0 + 4, y + BAR - 2, `${name}: no answered obligation`, "value");
      const w = Math.max(1, x(v) - X0);
      return html`<rect class="bar bar-${name}" x="${X0}" y="${at(y)}" width="${at(w)}" height="${BAR}"><title>${h.id} ${name}: ${num(v)} ${unit(h)}</title></rect>
${label(X0 - 8, y + BAR - 2, name, "tick", "end")}${label(X0 + w + 5, y + BAR - 2, `${num(v, 1)}${unit(h)}`, "value")}`;
    });
    return html`<g class="handoff">${label(8, y0 + 12, head, "label strong")}
${joinHtml(bars)}</g>`;
  });
  const business = hs.some((h) => h.clock === "business");
  const calendar = hs.some((h) => h.clock === "calendar");
  const axisName =
    business && calendar
      ? "hours (bh: business hours on the owner's calendar)"
      : business
        ? "business hours on the owner's calendar"
        : "hours";
  const body = joinHtml([
    xAxis(ticks(max, step), x, 2, bottom, (v) => String(v)),
    ...groups,
    label((X0 + X1) / 2, bottom + 32, axisName, "tick", "middle"),
  ]);
  const desc = hs
    .map(
      (h) =>
        `${h.id}: p50 ${num(h.p50_hours, 1)}, p90 ${num(h.p90_hours, 1)}, p95 ${num(h.p95_hours, 1)}, max ${num(h.max_hours, 1)} ${unit(h)}`,
    )
    .join("; ");
  return chartFrame(
    "latency",
    "Handoff latency: p50, p90, p95 and max response time",
    `${desc}. Over answered obligations.`,
    { width: WIDTH, height: bottom + 40 },
    body,
  );
}
