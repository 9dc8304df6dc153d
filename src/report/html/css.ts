/** The report's only style sheet, inlined. */

/*
 * System fonts only (nothing is fetched); colours come from variables so the charts follow the
 * theme; on paper everything is dark on white and every section starts a new page.
 */

export const CSS = `
:root {
  --fg: #1f2328; --muted: #59636e; --bg: #ffffff; --panel: #f6f8fa; --line: #d1d9e0;
  --bar: #3b6fb6; --bar-soft: #9dbbe3; --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700;
  --neutral: #8c959f; --target: #cf222e;
  color-scheme: light dark;
}
@media screen and (prefers-color-scheme: dark) {
  :root {
    --fg: #e6edf3; --muted: #9198a1; --bg: #0d1117; --panel: #151b23; --line: #3d444d;
    --bar: #4c8ed9; --bar-soft: #2b4f7a; --ok: #3fb950; --bad: #f85149; --warn: #d29922;
    --neutral: #6e7681; --target: #f85149;
  }
}
* { box-sizing: border-box; }
body {
  margin: 0 auto; padding: 24px 32px 48px; max-width: 1180px; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 0 0 12px; padding-bottom: 6px; border-bottom: 1px solid var(--line); }
h3 { font-size: 16px; margin: 20px 0 4px; }
h4 { font-size: 14px; margin: 16px 0 2px; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12.5px; }
.subtitle, .note, figcaption { color: var(--muted); }
.note { margin: 0 0 8px; font-size: 12.5px; }
header.report-header { margin-bottom: 24px; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 12px 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.verdict { border: 1px solid var(--line); border-left: 6px solid var(--ok); background: var(--panel);
  padding: 10px 14px; margin: 16px 0; border-radius: 4px; }
.verdict.missed { border-left-color: var(--bad); }
.verdict strong { font-size: 16px; }
.verdict ul { margin: 6px 0 0; padding-left: 20px; }
nav.toc ol { display: flex; flex-wrap: wrap; gap: 4px 18px; list-style: none; padding: 0; margin: 8px 0 0; }
nav.toc a { color: var(--bar); }
section.report-section { margin: 32px 0; }
.figure { margin: 12px 0 20px; }
figcaption { font-size: 12px; margin-top: 2px; }
svg.chart { display: block; width: 100%; max-width: 760px; height: auto; overflow: visible; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; font-size: 12.5px; margin: 4px 0 12px; }
th, td { border-bottom: 1px solid var(--line); padding: 3px 8px; text-align: left; vertical-align: top; }
th { background: var(--panel); font-weight: 600; }
th.key, td.key { white-space: nowrap; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num { white-space: nowrap; }
.target { color: var(--muted); font-weight: 400; white-space: nowrap; }
.units { margin-top: -6px; }
table.grid td.status-met { color: var(--ok); }
table.grid td.status-missed { color: var(--bad); font-weight: 600; }
table.grid td.status-partial, table.grid td.status-no_data { color: var(--muted); }
details.rows { margin: 0 0 12px; }
details.rows summary { cursor: pointer; color: var(--bar); font-size: 12.5px; }
/* Scorecard: each side's commitments, one tick per period */
section.scorecard { display: flex; flex-wrap: wrap; gap: 8px 20px; margin: 8px 0 16px; }
section.scorecard .card { flex: 1 1 340px; border: 1px solid var(--line); border-radius: 4px; padding: 4px 12px 8px; }
section.scorecard h3 { margin: 6px 0 0; }
section.scorecard .card > .note { margin: 0 0 4px; }
section.scorecard .legend { flex-basis: 100%; margin: 0; }
table.scorecard-table { width: 100%; margin: 0; }
table.scorecard-table th, table.scorecard-table td { border: 0; padding: 3px 6px 0 0; background: none; }
table.scorecard-table tbody th { font-weight: 600; white-space: nowrap; }
table.scorecard-table tr.misses td { padding: 0 0 4px; color: var(--muted); font-size: 11.5px; border-bottom: 1px solid var(--line); }
table.scorecard-table tr.missed .kept strong { color: var(--bad); }
table.scorecard-table tr.held .kept strong { color: var(--ok); }
table.scorecard-table td.strip { line-height: 12px; padding-top: 2px; }
.tick { display: inline-block; width: 8px; height: 12px; margin: 0 2px 2px 0; border-radius: 1px; vertical-align: middle;
  background: var(--line); print-color-adjust: exact; -webkit-print-color-adjust: exact; }
.tick.status-met { background: var(--ok); } .tick.status-missed { background: var(--bad); }
.tick.status-partial, .tick.status-no_data { background: var(--neutral); }
td.nowrap { white-space: nowrap; }
.none { color: var(--muted); font-style: italic; }
.finding .badge { display: inline-block; min-width: 56px; padding: 0 6px; border-radius: 8px;
  font-size: 11px; text-align: center; color: #fff; background: var(--neutral); }
.severity-error .badge { background: var(--bad); }
.severity-warning .badge { background: var(--warn); }
.values { margin: 2px 0 6px; font-size: 12.5px; }
/* Charts */
svg.chart text { fill: var(--fg); font-size: 12px; }
svg.chart .tick, svg.chart .legend, svg.chart .step { fill: var(--muted); font-size: 11px; }
svg.chart .strong { font-weight: 600; }
svg.chart .value { font-size: 11px; font-variant-numeric: tabular-nums; }
svg.chart .bar { fill: var(--bar); }
svg.chart .bar-backfill { fill: var(--bar-soft); }
svg.chart .bar-p90 { fill: #5b8bcb; } svg.chart .bar-p95 { fill: #86a9d9; } svg.chart .bar-max { fill: #b4c9e8; }
svg.chart .grid { stroke: var(--line); stroke-width: 1; }
svg.chart .axis { stroke: var(--muted); stroke-width: 1; }
svg.chart .target { stroke: var(--target); stroke-width: 1.5; stroke-dasharray: 5 3; fill: none; }
svg.chart .target-label { fill: var(--target); font-size: 11px; }
svg.chart .whisker { stroke: var(--fg); stroke-width: 1.5; }
svg.chart .dot, svg.chart .dot-key { stroke: var(--bg); stroke-width: 1.5; }
svg.chart .above { fill: var(--ok); } svg.chart .below { fill: var(--bad); }
svg.chart .unclear { fill: var(--warn); } svg.chart .dot.small { fill: var(--bg); stroke: var(--fg); }
svg.chart .trend-line { fill: none; stroke: var(--bar); stroke-width: 1.5; }
svg.chart .status-met { fill: var(--ok); } svg.chart .status-missed { fill: var(--bad); }
svg.chart .status-partial, svg.chart .status-no_data { fill: var(--neutral); }
@media screen and (max-width: 900px) {
  body { padding: 16px 16px 32px; }
  th, td { padding: 3px 5px; }
}
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  :root { --fg: #000; --muted: #444; --bg: #fff; --panel: #fff; --line: #999; color-scheme: light; }
  body { max-width: none; padding: 0; font-size: 10pt; background: #fff; color: #000; }
  nav.toc { display: none; }
  section.report-section { margin: 0; }
  section.report-section + section.report-section { break-before: page; }
  header.report-header { margin-bottom: 12mm; }
  .figure, svg.chart, tr, .verdict, h3, h4 { break-inside: avoid; }
  h2, h3, h4 { break-after: avoid; }
  thead { display: table-header-group; }
  th { background: #fff; }
  thead th { border-bottom: 1.5px solid #000; }
  details.rows { display: none; }
  .tick { width: 6px; margin-right: 1px; }
  th, td { padding: 2px 4px; }
  .table-wrap { overflow: visible; }
  table { font-size: 7.5pt; }
  svg.chart { max-width: 150mm; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .finding .badge { color: #000; background: #fff; border: 1px solid #000; }
}
`;
