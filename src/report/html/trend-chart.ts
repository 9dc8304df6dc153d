/** The weekly (or monthly) trend of the commitments: one panel per commitment, sharing the period axis. */

/*
 * MQLs delivered are bars against their target; shares (acceptance, each handoff's compliance,
 * reasons given) are a line against theirs. Marks are coloured by the commitment's status.
 */

import { isVolume } from "../../metrics/commitments.js";
import type { CommitmentRow, Report } from "../../metrics/types.js";
import { commitmentFigure, commitmentLabel } from "../commitments-view.js";
import { count, pct } from "../format.js";
import { html, joinHtml, type SafeHtml } from "./escape.js";
import { at, chartFrame, label, legendItem, niceScale } from "./svg.js";

const WIDTH = 760;
const X0 = 220;
const X1 = 744;
const PANEL = 64;
const GAP = 22;
const TOP = 26;

const nameOf = commitmentLabel;
const figure = (row: CommitmentRow) => commitmentFigure(row.commitment, row.actual);
/** "2026-W19" -> "W19"; other period names as they are. */
const shortPeriod = (p: string) => p.replace(/^\d{4}-(W\d{2})$/, "$1");

interface Panel {
  team: string;
  commitment: string;
  rows: (CommitmentRow | undefined)[];
}

function panelMarks(p: Panel, top: number, xOf: (i: number) => number, band: number): SafeHtml {
  const target = p.rows.find((r) => r)?.target ?? 0;
  const values = p.rows.flatMap((r) => (r && r.actual !== null ? [r.actual] : []));
  // Counts from zero; shares zoomed to the band around the target, where misses are read.
  const hi = isVolume(p.commitment) ? niceScale(Math.max(target, ...values), 4).max : 1;
  const lo = isVolume(p.commitment)
    ? 0
    : Math.max(0, Math.floor((Math.min(target, ...values) - 0.05) * 10) / 10);
  const y = (v: number) => at(top + PANEL - (PANEL * (Math.min(Math.max(v, lo), hi) - lo)) / (hi - lo || 1));
  const tickText = (v: number) => (isVolume(p.commitment) ? count(v) : `${Math.round(v * 100)}%`);
  const tip = (r: CommitmentRow) =>
    html`<title>${r.period}: ${figure(r)} (${r.status.replace("_", " ")})</title>`;
  const marks: SafeHtml[] = [];
  if (isVolume(p.commitment)) {
    p.rows.forEach((r, i) => {
      if (!r || r.actual === null) return;
      const w = Math.max(2, band * 0.7);
      marks.push(
        html`<rect class="bar status-${r.status}" x="${at(xOf(i) - w / 2)}" y="${y(r.actual)}" width="${at(w)}" height="${at(top + PANEL - y(r.actual))}">${tip(r)}</rect>`,
      );
    });
  } else {
    let d = "";
    let pen = false;
    p.rows.forEach((r, i) => {
      if (!r || r.actual === null) {
        pen = false;
        return;
      }
      d += `${pen ? "L" : "M"}${at(xOf(i))} ${y(r.actual)} `;
      pen = true;
    });
    if (d) marks.push(html`<path class="trend-line" d="${d.trim()}"/>`);
    p.rows.forEach((r, i) => {
      if (r && r.actual !== null)
        marks.push(
          html`<circle class="point status-${r.status}" cx="${at(xOf(i))}" cy="${y(r.actual)}" r="3.5">${tip(r)}</circle>`,
        );
    });
  }
  const targetText = isVolume(p.commitment) ? `≥ ${count(target)}` : `≥ ${pct(target)}`;
  const judged = p.rows.filter((r) => r && (r.status === "met" || r.status === "missed"));
  const kept = judged.filter((r) => r?.status === "met").length;
  return html`<g class="panel">
<line class="axis" x1="${X0}" x2="${X1}" y1="${top + PANEL}" y2="${top + PANEL}"/>
<line class="grid" x1="${X0}" x2="${X1}" y1="${top}" y2="${top}"/>${label(X0 - 4, top + 4, tickText(hi), "tick", "end")}${label(X0 - 4, top + PANEL, tickText(lo), "tick", "end")}
<line class="target" x1="${X0}" x2="${X1}" y1="${y(target)}" y2="${y(target)}"/>
${joinHtml(marks)}
${label(8, top + 14, `${p.team}: ${nameOf(p.commitment)}`, "label strong")}
${label(8, top + 30, `target ${targetText}`, "target-label")}
${label(8, top + 46, `kept ${kept} of ${judged.length}`, "tick")}
</g>`;
}

/** The trend chart of commitments, or null when the SLA declares none. */
export function trendChart(r: Report): SafeHtml | null {
  const c = r.commitments;
  if (!c || c.periods.length === 0 || c.rows.length === 0) return null;
  const keys: [string, string][] = [];
  for (const row of c.rows)
    if (!keys.some(([t, k]) => t === row.team && k === row.commitment)) keys.push([row.team, row.commitment]);
  const periods = c.periods;
  const band = (X1 - X0) / periods.length;
  const xOf = (i: number) => X0 + band * (i + 0.5);
  const panels: Panel[] = keys.map(([team, commitment]) => ({
    team,
    commitment,
    rows: periods.map((p) =>
      c.rows.find((x) => x.period === p.period && x.team === team && x.commitment === commitment),
    ),
  }));
  const bottom = TOP + panels.length * (PANEL + GAP) - GAP;
  const every = Math.max(1, Math.ceil(periods.length / 14));
  const axis = periods.map((p, i) =>
    i % every === 0
      ? label(xOf(i), bottom + 16, `${shortPeriod(p.period)}${p.partial ? "*" : ""}`, "tick", "middle")
      : null,
  );
  const legend = joinHtml([
    legendItem(X0, 12, "key status-met", "met"),
    legendItem(X0 + 60, 12, "key status-missed", "missed"),
    legendItem(X0 + 140, 12, "key status-partial", `partial ${c.period} (volume not judged)`),
    html`<line class="target" x1="${X0 + 360}" x2="${X0 + 384}" y1="8" y2="8"/>${label(X0 + 390, 12, "target", "legend")}`,
  ]);
  const body = joinHtml([
    legend,
    ...panels.map((p, k) => panelMarks(p, TOP + k * (PANEL + GAP), xOf, band)),
    ...axis.filter((a): a is SafeHtml => a !== null),
  ]);
  const desc = panels
    .map((p) => {
      const judged = p.rows.filter((x) => x && (x.status === "met" || x.status === "missed"));
      const kept = judged.filter((x) => x?.status === "met").length;
      return `${p.team} ${nameOf(p.commitment)}: kept ${kept} of ${judged.length} ${c.period}s`;
    })
    .join("; ");
  return chartFrame(
    "trend",
    `Who kept their word, per ${c.period}: each commitment against its target`,
    `${desc}. From ${periods[0]?.period} to ${periods[periods.length - 1]?.period}.`,
    { width: WIDTH, height: bottom + 28 },
    body,
  );
}
