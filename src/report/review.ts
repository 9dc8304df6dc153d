/** The review pack as one page: Markdown (default) or HTML for paper (A4), or its data as JSON. */

import { inertJson } from "../text.js";
import { shortIso } from "./format.js";
import { html, joinHtml, SafeHtml } from "./html/escape.js";
import { noteHtml, partHtml } from "./html/tables.js";
import type { TablePart } from "./html/view.js";
import { pageHead } from "./html.js";
import { escapeMd, partMd } from "./markdown.js";
import type { ReviewDoc } from "./review-doc.js";
import { moneyLines, moneyParts } from "./review-money-view.js";
import { moversParts } from "./review-movers.js";
import { demoteMd } from "./review-proposed.js";
import { complianceTrendPart, conversionTrendPart, keptPart, packProposals } from "./review-view.js";

export type ReviewFormat = "md" | "html" | "json";

/** The page's sections in order: a heading, its tables or the line that stands for them. */
interface PackSection {
  id: string;
  title: string;
  lines: string[];
  parts: TablePart[];
  /** A block another renderer made: Markdown, and HTML it escaped (the proposed version's diff). */
  block?: { markdown: string; html: string };
}

function sections(d: ReviewDoc): PackSection[] {
  const kept = keptPart(d);
  const reviewed = d.review.reviewed ?? "–";
  const proposed = d.proposed;
  return [
    {
      id: "kept",
      title: "What each side committed to and kept",
      lines: kept ? [] : ["No commitments declared (`commitments:` in the SLA file)."],
      parts: kept ? [kept] : [],
    },
    {
      id: "trends",
      title: `Trends to ${reviewed}`,
      lines: d.trends.length ? [] : ["No period to show."],
      parts: d.trends.length ? [complianceTrendPart(d), conversionTrendPart(d)] : [],
    },
    ...(d.money
      ? [
          {
            id: "money",
            title: `Pipeline and revenue to ${reviewed}`,
            lines: moneyLines(d),
            parts: moneyParts(d),
          },
        ]
      : []),
    {
      id: "movers",
      title: "What moved and why",
      lines: [d.movers.note],
      parts: moversParts(d.movers.section),
    },
    {
      id: "proposals",
      title: "Evidence for the next version",
      lines: [
        `Over the audited span (${shortIso(d.period.from)} → ${shortIso(d.period.to)}), printed as data: the SLA file is not changed. Per rep: \`funnel-audit proposals\`.`,
      ],
      parts: packProposals(d.proposals),
    },
    {
      id: "proposed",
      title: "The proposed version",
      lines: [proposed ? proposed.note : "No proposed version given (`--proposed FILE` adds its diff here)."],
      parts: [],
      ...(proposed?.markdown && proposed.html && proposed.changes > 0
        ? { block: { markdown: demoteMd(proposed.markdown), html: proposed.html } }
        : {}),
    },
  ];
}

/** The lines under the title: a warning first, then what the figures rest on and when. */
function facts(d: ReviewDoc): string[] {
  const r = d.review;
  return [
    ...(d.coverage.warning ? [`WARNING: ${d.coverage.warning}`] : []),
    `Figures rest on ${d.coverage.line}.`,
    `Reviewed ${r.period}: ${r.reviewed ?? "none"}${r.reviewed_partial ? " (partial: no whole period in the span)" : ""}; as of ${shortIso(d.as_of)} ${d.sla.timezone}; audited span ${shortIso(d.period.from)} → ${shortIso(d.period.to)}.`,
  ];
}

const title = (d: ReviewDoc) =>
  `SLA review: ${d.sla.name ?? d.sla.file}, ${d.review.reviewed ?? d.review.period}`;

/** A caption in Markdown: `code` kept as code, the rest escaped. */
const lineMd = (text: string) =>
  text
    .split("`")
    .map((part, i) => (i % 2 ? `\`${part}\`` : escapeMd(part)))
    .join("");

function reviewMd(d: ReviewDoc): string {
  const body = sections(d).map((s, i) =>
    [
      `## ${i + 1}. ${escapeMd(s.title)}`,
      ...s.lines.map(lineMd),
      ...s.parts.map(partMd),
      ...(s.block ? [s.block.markdown] : []),
    ].join("\n\n"),
  );
  return `${[`# ${escapeMd(title(d))}`, ...facts(d).map(lineMd), ...body].join("\n\n")}\n`;
}

// The pack is read on paper: each section keeps to itself where it can, tables at the page's width.
const PACK_CSS = `
@media print {
  section.report-section + section.report-section { break-before: auto; margin-top: 8mm; }
  section.pack-section { break-inside: auto; }
  .table-block { break-inside: avoid; }
}
main.pack h2 { margin-top: 24px; }
`;

function reviewHtml(d: ReviewDoc): string {
  const [first, ...rest] = facts(d);
  const warning = d.coverage.warning ? first : null;
  const lines = warning ? rest : facts(d);
  const body = sections(d).map(
    (s, i) => html`<section class="report-section pack-section" id="${`pack-${s.id}`}">
<h2>${i + 1}. ${s.title}</h2>
${joinHtml(s.lines.map((l) => html`<p class="note">${noteHtml(l)}</p>`))}
${joinHtml(s.parts.map((p) => partHtml(p, null)))}
${s.block ? html`<div class="pack-block">${new SafeHtml(s.block.html)}</div>` : null}
</section>`,
  );
  return html`<!doctype html>
<html lang="en">
${pageHead(title(d))}
<body>
<style>${new SafeHtml(PACK_CSS)}</style>
<header class="report-header">
${warning ? html`<div class="verdict missed" id="coverage-warning" role="alert">${warning}</div>` : null}
<h1>${title(d)}</h1>
${joinHtml(lines.map((l) => html`<p class="subtitle">${l}</p>`))}
</header>
<main class="pack">
${joinHtml(body)}
</main>
</body>
</html>
`.text;
}

/** The pack in a format; JSON is its data (docs/json-contract.md, `review`). */
export function renderReview(d: ReviewDoc, format: ReviewFormat): string {
  if (format === "json") return `${inertJson(JSON.stringify(d, null, 2))}\n`;
  return format === "html" ? reviewHtml(d) : reviewMd(d);
}
