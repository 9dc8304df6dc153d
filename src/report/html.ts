/** Report -> one self-contained HTML file: inline CSS and SVG charts, no script, nothing fetched. */

/*
 * A Content-Security-Policy forbids fetching too, and every value is escaped. Reads the same tables
 * as the Markdown and CSV reports, plus a chart per section; prints one section per page.
 */

import type { Report } from "../metrics/types.js";
import { commitmentsHtml, feedbackHtml } from "./html/commitments.js";
import { CSS } from "./html/css.js";
import { html, joinHtml, SafeHtml } from "./html/escape.js";
import { funnelChart } from "./html/funnel-chart.js";
import { headerHtml } from "./html/header.js";
import { latencyChart } from "./html/latency-chart.js";
import { moneyChart } from "./html/money-chart.js";
import { repsCharts } from "./html/reps-chart.js";
import { findingDetails, noteHtml, tableHtml } from "./html/tables.js";
import { trendChart } from "./html/trend-chart.js";
import { emptySection } from "./html/view.js";
import { presentSections, type Section } from "./table.js";
import { forPage } from "./tabular/definitions.js";
import { reportTables, SECTION_TITLES, type Tabular } from "./tabular.js";

export { escapeHtml } from "./html/escape.js";

/** Charts first, then the section's tables. */
const CHARTS: Record<Section, (r: Report) => (SafeHtml | null)[]> = {
  conversion: (r) => [funnelChart(r)],
  latency: (r) => [latencyChart(r)],
  compliance: (r) => repsCharts(r),
  commitments: (r) => [trendChart(r)],
  definitions: () => [],
  money: (r) => [moneyChart(r)],
  quality: () => [],
};

/** Tables shown in a shorter shape, the full list folded under them. */
const FOLDED: Record<string, (r: Report, t: Tabular) => SafeHtml> = {
  commitments: commitmentsHtml,
  feedback: feedbackHtml,
};

// No script may run and nothing may load: styles inline, images (none today) only as data: URLs.
export const CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The <head> of every page: UTF-8, the Content-Security-Policy, the viewport and the inline style. */
export function pageHead(title: string): SafeHtml {
  return html`<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="funnel-audit">
<title>${title}</title>
<style>${new SafeHtml(CSS)}</style>
</head>`;
}

function sectionHtml(r: Report, section: Section, businessDay: number | null): SafeHtml {
  const charts = CHARTS[section](r).filter((c): c is SafeHtml => c !== null);
  const plain = reportTables(r, [section]).filter((t) => t.id !== "baseline");
  const empty = emptySection(section, plain);
  const tables = empty
    ? [html`<p class="none">${noteHtml(empty)}</p>`]
    : plain.map((t) => FOLDED[t.id]?.(r, t) ?? tableHtml(r, forPage(t), businessDay));
  const details = section === "quality" && !empty ? [findingDetails(r.quality.findings)] : [];
  return html`<section class="report-section" id="${section}">
<h2>${SECTION_TITLES[section]}</h2>
${joinHtml([...charts, ...tables, ...details])}
</section>`;
}

/**
 * The report's chosen sections as one HTML document (same report, same bytes); large business
 * durations in business days when every calendar's day is `businessDay` hours long.
 */
export function renderHtml(
  report: Report,
  chosen: readonly Section[],
  businessDay: number | null = null,
): string {
  const sections = presentSections(report, chosen);
  const title = `funnel-audit: ${report.sla.name ?? report.sla.file} (as of ${report.as_of.slice(0, 10)})`;
  const toc = sections.map((s) => html`<li><a href="${`#${s}`}">${SECTION_TITLES[s]}</a></li>`);
  const page = html`<!doctype html>
<html lang="en">
${pageHead(title)}
<body>
${headerHtml(report, sections.includes("commitments"), sections.includes("definitions"))}
<nav class="toc" aria-label="Sections"><ol>${toc}</ol></nav>
<main>
${joinHtml(reportTables(report, []).map((t) => tableHtml(report, t, businessDay)))}
${joinHtml(sections.map((s) => sectionHtml(report, s, businessDay)))}
</main>
</body>
</html>
`;
  return page.text;
}
