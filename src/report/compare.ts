/** A comparison of two agreements in every format the audit has: terminal, Markdown, CSV, HTML, JSON. */

import type { Comparison } from "../compare/index.js";
import { inertJson } from "../text.js";
import { type CompareTable, compareHeader, compareTables } from "./compare-tables.js";
import { tablesCsv } from "./csv.js";
import { html, joinHtml } from "./html/escape.js";
import { noteHtml } from "./html/tables.js";
import { pageHead } from "./html.js";
import type { Format } from "./index.js";
import { escapeMd } from "./markdown.js";
import type { Style } from "./style.js";
import { fitTable, section } from "./tables/common.js";
import type { Tabular } from "./tabular.js";
import { wrap } from "./width.js";

/** An empty table reads "none", in every format. */
const NONE = "none";

/** The terminal: the header, then each table fitted to the width. */
function compareText(c: Comparison, style: Style): string {
  const head = [style.chalk.bold("funnel-audit compare"), ...compareHeader(c)].map((l) =>
    wrap(l, style.width, "  "),
  );
  const tables = compareTables(c).map((t) => section(style, t.title, t.note, textBody(t, style)));
  return `${[head.join("\n"), ...tables].join("\n\n")}\n`;
}

/** A table fitted to the width; the examples' trace commands, too long for a column, under it. */
function textBody(t: CompareTable, style: Style): string {
  if (t.text.length === 0) return `  ${NONE}`;
  const traced = t.id === "examples";
  const keep = (r: string[]) => (traced ? r.slice(0, -1) : r);
  const body = fitTable(style, {
    head: keep(t.head),
    rows: t.text.map(keep),
    align: keep(t.head).map((_, i) => (t.left.includes(i) ? "left" : "right")),
  });
  if (!traced) return body;
  const lines = [...new Set(t.text.map((r) => r.at(-1) as string))];
  return [body, "to see why:", ...lines.map((l) => wrap(`  ${l}`, style.width, "    "))].join("\n");
}

function tableMd(t: CompareTable): string {
  const head = `| ${t.head.map(escapeMd).join(" | ")} |`;
  const rule = `|${t.head.map((_, i) => (t.left.includes(i) ? " --- " : " ---: ")).join("|")}|`;
  const rows = t.text.map((r) => `| ${r.map(escapeMd).join(" | ")} |`);
  return [
    `## ${escapeMd(t.title)}`,
    `_${escapeMd(t.note)}_`,
    t.text.length ? [head, rule, ...rows].join("\n") : `_${NONE}_`,
  ].join("\n\n");
}

function compareMarkdown(c: Comparison): string {
  const head = ["# funnel-audit compare", "", ...compareHeader(c).map((l) => `${escapeMd(l)}  `)];
  return `${[head.join("\n"), ...compareTables(c).map(tableMd)].join("\n\n")}\n`;
}

function tableHtml(t: CompareTable) {
  const cls = (i: number) => (t.left.includes(i) ? null : "num");
  const body = t.text.length
    ? html`<div class="table-wrap"><table id="${`table-${t.id}`}">
<thead><tr>${t.head.map((h, i) => html`<th scope="col" class="${cls(i)}">${h}</th>`)}</tr></thead>
<tbody>
${joinHtml(t.text.map((r) => html`<tr>${r.map((x, i) => html`<td class="${cls(i)}">${x}</td>`)}</tr>`))}
</tbody>
</table></div>`
    : html`<p class="none">${NONE}</p>`;
  return html`<section class="report-section" id="${t.id}">
<h2>${t.title}</h2>
<p class="note">${noteHtml(t.note)}</p>
${body}
</section>`;
}

function compareHtml(c: Comparison): string {
  const page = html`<!doctype html>
<html lang="en">
${pageHead(`funnel-audit compare: ${compareHeader(c)[0]}`)}
<body>
<header><h1>funnel-audit compare</h1>
${joinHtml(compareHeader(c).map((l) => html`<p>${l}</p>`))}
</header>
<main>
${joinHtml(compareTables(c).map(tableHtml))}
</main>
</body>
</html>
`;
  return page.text;
}

/** The tables stacked in one CSV, a first column `table` naming each row's (as the audit's single CSV). */
function compareCsv(c: Comparison): string {
  const plain: Tabular[] = compareTables(c).map((t) => ({
    id: t.id,
    section: "latency",
    title: t.title,
    note: t.note,
    head: t.head.map((h, i) => h || (i === 4 ? "verdict" : "")),
    rows: t.raw,
    shares: [],
  }));
  return tablesCsv(plain);
}

/** JSON (docs/json-contract.md, Compare): both whole reports, the figures, the changes. */
function compareJson(c: Comparison): string {
  const value = {
    schema_version: 1,
    kind: "compare",
    reading: c.reading,
    figures: c.figures.map(({ higherIsBetter: _, ...f }) => f),
    changes: {
      leads: c.changes.leads,
      unchanged: c.changes.unchanged,
      transitions: c.changes.transitions,
      examples: c.changes.examples.map((e) => ({
        handoff: e.handoff,
        from: e.from,
        to: e.to,
        lead: e.leadId,
        entered: e.entered,
        trace: e.trace,
      })),
    },
    check: { newly_missed: c.newlyMissed },
    current: c.current,
    proposed: c.proposed,
  };
  return `${inertJson(JSON.stringify(value, null, 2))}\n`;
}

/** The comparison in the chosen format. */
export function renderComparison(c: Comparison, format: Format, style: Style): string {
  if (format === "json") return compareJson(c);
  if (format === "csv") return compareCsv(c);
  if (format === "md") return compareMarkdown(c);
  if (format === "html") return compareHtml(c);
  return compareText(c, style);
}
