/** Pipeline and revenue by source: two bars per source (pipeline created, revenue won), best payers first. */

import type { Report } from "../../metrics/types.js";
import { amountText } from "../tables/money.js";
import { html, joinHtml, type SafeHtml } from "./escape.js";
import { at, chartFrame, label, legendItem, niceScale, scale, ticks, xAxis } from "./svg.js";

const WIDTH = 760;
const LEFT = 190;
const RIGHT = 660;
const BAR = 11;
const ROW = 34;
const TOP = 26;
/** The sources shown; the rest are in the table under the chart. */
const MOST = 12;

/** The chart, or null when no source has money in the report's one currency. */
export function moneyChart(r: Report): SafeHtml | null {
  const m = r.money;
  if (!m) return null;
  // One currency per chart: the reporting one, else the first row's.
  const currency = m.currency ?? m.by_source[0]?.currency ?? null;
  const rows = m.by_source
    .filter((x) => x.currency === currency && (x.pipeline > 0 || x.won_amount > 0))
    .slice(0, MOST);
  if (rows.length === 0) return null;
  const { max, step } = niceScale(Math.max(...rows.map((x) => Math.max(x.pipeline, x.won_amount))));
  const x = scale(max, LEFT, RIGHT);
  const bottom = TOP + rows.length * ROW;
  const bars = rows.map((s, i) => {
    const y = TOP + i * ROW;
    return html`<g class="source">
${label(LEFT - 10, y + BAR + 4, s.key, "label", "end")}
<rect class="bar-backfill" x="${LEFT}" y="${y}" width="${at(x(s.pipeline) - LEFT)}" height="${BAR}"><title>${s.key}: pipeline ${amountText(s.pipeline)}</title></rect>${label(x(s.pipeline) + 6, y + BAR - 1, amountText(s.pipeline), "value")}
<rect class="bar" x="${LEFT}" y="${y + BAR + 2}" width="${at(x(s.won_amount) - LEFT)}" height="${BAR}"><title>${s.key}: revenue won ${amountText(s.won_amount)}</title></rect>${label(x(s.won_amount) + 6, y + 2 * BAR + 1, amountText(s.won_amount), "value")}
</g>`;
  });
  const legend = joinHtml([
    legendItem(LEFT, 12, "bar-backfill", "pipeline created"),
    legendItem(LEFT + 150, 12, "bar", "revenue won"),
  ]);
  const desc = rows
    .map((s) => `${s.key}: pipeline ${amountText(s.pipeline)}, won ${amountText(s.won_amount)}`)
    .join("; ");
  return chartFrame(
    "money",
    `Pipeline and revenue by source${currency ? ` (${currency})` : ""}`,
    `${desc}.`,
    { width: WIDTH, height: bottom + 24 },
    joinHtml([legend, xAxis(ticks(max, step), x, TOP - 4, bottom, amountText), ...bars]),
  );
}
