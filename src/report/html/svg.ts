/** Shared pieces of the inline SVG charts: the frame every chart sits in, scales, axes, labels. */

import { type HtmlValue, html, joinHtml, type SafeHtml } from "./escape.js";

export type ChartKind = "funnel" | "latency" | "reps" | "trend" | "money";

/** A coordinate rounded to 0.1, so the markup is short and the same on every machine. */
export const at = (x: number): number => Math.round(x * 10) / 10;

/** Maps a value in [0, max] onto [from, to]; values outside are clamped. */
export function scale(max: number, from: number, to: number): (v: number) => number {
  return (v) => at(from + ((to - from) * Math.min(Math.max(v, 0), max)) / (max || 1));
}

/** A round upper bound and tick step for values up to `max` (about `count` ticks). */
export function niceScale(max: number, count = 5): { max: number; step: number } {
  if (!(max > 0)) return { max: 1, step: 0.25 };
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const norm = raw / magnitude;
  const step = (norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 2.5 ? 2.5 : norm <= 5 ? 5 : 10) * magnitude;
  return { max: Math.ceil(max / step - 1e-9) * step, step };
}

/** The tick values 0, step, …, max (without floating-point dust). */
export function ticks(max: number, step: number): number[] {
  const out: number[] = [];
  for (let k = 0; k * step <= max + step / 1e6; k++) out.push(Number((k * step).toPrecision(12)));
  return out;
}

/** A text element; `cls` picks its style in the report's CSS. */
export function label(
  x: number,
  y: number,
  content: HtmlValue,
  cls = "label",
  anchor: "start" | "middle" | "end" = "start",
): SafeHtml {
  return html`<text x="${at(x)}" y="${at(y)}" class="${cls}" text-anchor="${anchor}">${content}</text>`;
}

/** Vertical grid lines with tick labels under them, across [top, bottom]. */
export function xAxis(
  values: readonly number[],
  x: (v: number) => number,
  top: number,
  bottom: number,
  text: (v: number) => string,
): SafeHtml {
  return joinHtml(
    values.map(
      (v) =>
        html`<line class="grid" x1="${x(v)}" x2="${x(v)}" y1="${at(top)}" y2="${at(bottom)}"/>${label(x(v), bottom + 14, text(v), "tick", "middle")}`,
    ),
  );
}

/** One legend entry: a swatch with the class of the marks it explains, then its text. */
export function legendItem(x: number, y: number, cls: string, text: string): SafeHtml {
  return html`<rect class="${cls}" x="${at(x)}" y="${at(y - 9)}" width="10" height="10"/>${label(x + 14, y, text, "legend")}`;
}

/**
 * The frame of every chart: an <svg> with role="img", a <title> and a <desc> (what a screen reader
 * says, and what the chart shows in words), class "chart" and data-chart naming its kind.
 */
export function chartFrame(
  kind: ChartKind,
  title: string,
  desc: string,
  size: { width: number; height: number },
  body: SafeHtml,
): SafeHtml {
  const { width, height } = size;
  return html`<figure class="figure">
<svg class="chart" data-chart="${kind}" role="img" viewBox="0 0 ${width} ${at(height)}" width="${width}" height="${at(height)}"><title>${title}</title><desc>${desc}</desc>
${body}
</svg>
<figcaption>${title}</figcaption>
</figure>`;
}
