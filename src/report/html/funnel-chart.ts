/** The funnel: one bar per stage (journeys entering it), with the cohort rate of each step between. */

import type { Report } from "../../metrics/types.js";
import { count, pct } from "../format.js";
import { html, joinHtml, type SafeHtml } from "./escape.js";
import { at, chartFrame, label } from "./svg.js";

const WIDTH = 760;
const CENTER = 400;
const MAX_BAR = 440;
const BAR = 28;
const ROW = 56;
const TOP = 8;

type Stage = Report["stages"][number];
type Step = Report["conversion"]["steps"][number];

/** The cohort rate of a step, in words, under the bar it starts from. */
const stepText = (st: Step) =>
  `↓ ${pct(st.rate)} converted (cohort, ${count(st.converted)} of ${count(st.rate_basis === "decided" ? st.decided : st.entered)} ${st.rate_basis === "decided" ? "decided" : `entered, ${count(st.in_flight)} in flight`})${st.small_sample ? ", small sample" : ""}`;

/** One stage's bar (its backfilled end lighter), its label and count, and the step to the next stage. */
function stageRow(s: Stage, i: number, max: number, st: Step | undefined): SafeHtml {
  const y = TOP + i * ROW;
  const w = Math.max(2, (MAX_BAR * s.entries) / max);
  const x = CENTER - w / 2;
  const back = (w * s.backfilled) / Math.max(1, s.entries);
  const backfill =
    s.backfilled > 0
      ? html`<rect class="bar-backfill" x="${at(x + w - back)}" y="${y}" width="${at(back)}" height="${BAR}"/>`
      : null;
  const between = st ? label(CENTER, y + BAR + 17, stepText(st), "step", "middle") : null;
  return html`<g class="stage">
<rect class="bar" x="${at(x)}" y="${y}" width="${at(w)}" height="${BAR}"><title>${s.label}: ${count(s.entries)} entries (${count(s.backfilled)} backfilled), ${count(s.leads)} leads</title></rect>${backfill}
${label(CENTER - MAX_BAR / 2 - 12, y + BAR / 2 + 4, s.label, "label", "end")}
${label(CENTER + MAX_BAR / 2 + 12, y + BAR / 2 + 4, count(s.entries), "value")}
${between}
</g>`;
}

/** The funnel chart, or null when the report has no stages. */
export function funnelChart(r: Report): SafeHtml | null {
  const stages = r.stages;
  if (stages.length === 0) return null;
  const max = Math.max(1, ...stages.map((s) => s.entries));
  const step = (from: string, to: string) => r.conversion.steps.find((s) => s.from === from && s.to === to);
  const toNext = (s: Stage, i: number) => {
    const next = stages[i + 1];
    return next ? step(s.stage, next.stage) : undefined;
  };
  const rows = stages.map((s, i) => stageRow(s, i, max, toNext(s, i)));
  const first = stages[0];
  const last = stages[stages.length - 1];
  const overall = first && last && first !== last ? step(first.stage, last.stage) : undefined;
  const height = TOP + stages.length * ROW + (overall ? 10 : -14);
  const footer = overall
    ? label(
        CENTER,
        height - 6,
        `${first?.label} → ${last?.label}: ${pct(overall.rate)} (cohort)`,
        "step strong",
        "middle",
      )
    : null;
  const desc = stages
    .map((s, i) => {
      const st = toNext(s, i);
      return `${s.label} ${count(s.entries)}${st ? `, then ${pct(st.rate)}` : ""}`;
    })
    .join("; ");
  return chartFrame(
    "funnel",
    "Funnel: journeys entering each stage, with cohort conversion of each step",
    `${desc}. Lighter ends of bars are backfilled entries (a skipped stage counted as passed).`,
    { width: WIDTH, height },
    joinHtml([...rows, ...(footer ? [footer] : [])]),
  );
}
