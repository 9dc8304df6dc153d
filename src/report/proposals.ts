/** `proposals` in every format: what the audited period says the next SLA could write, as data. */

import type { Proposals } from "../metrics/proposals.js";
import type { Report } from "../metrics/types.js";
import { inertJson } from "../text.js";
import { tablesCsv } from "./csv.js";
import { shortIso } from "./format.js";
import { html, joinHtml, type SafeHtml } from "./html/escape.js";
import { partHtml } from "./html/tables.js";
import { pageHead } from "./html.js";
import type { Format } from "./index.js";
import { escapeMd, partMd } from "./markdown.js";
import { proposalsParts, proposalsTabulars } from "./proposals-view.js";
import type { Style } from "./style.js";
import { fitTable, section } from "./tables/common.js";
import { wrap } from "./width.js";

/** The proposals with what they rest on: the JSON document (docs/json-contract.md, `proposals`). */
export interface ProposalsDoc {
  schema_version: 1;
  sla: Report["sla"];
  as_of: string;
  period: Report["period"];
  coverage: { line: string; warning: string | null };
  proposals: Proposals;
}

/** What a document of its own opens with (proposals, the review pack): what it rests on, and when. */
export const docEnvelope = (report: Report) => ({
  schema_version: 1 as const,
  sla: report.sla,
  as_of: report.as_of,
  period: report.period,
  coverage: { line: report.coverage.line, warning: report.coverage.warning },
});

export function proposalsDoc(report: Report, proposals: Proposals): ProposalsDoc {
  return { ...docEnvelope(report), proposals };
}

/** The lines every format opens with: a warning first, what the figures rest on, the period. */
export function proposalsHead(d: ProposalsDoc): string[] {
  return [
    ...(d.coverage.warning ? [`WARNING: ${d.coverage.warning}`] : []),
    `Proposals for the next version of ${d.sla.name ?? d.sla.file}: printed as data; the SLA file is not changed.`,
    `Figures rest on ${d.coverage.line}; as of ${shortIso(d.as_of)} ${d.sla.timezone}; period ${shortIso(d.period.from)} → ${shortIso(d.period.to)}.`,
  ];
}

/** The proposals' tables as HTML blocks (the review pack places them on its page). */
export function proposalsHtmlBlocks(p: Proposals): SafeHtml {
  return joinHtml(proposalsParts(p).map((t) => partHtml(t, null)));
}

/** The proposals' tables as Markdown blocks. */
export const proposalsMdBlocks = (p: Proposals) => proposalsParts(p).map(partMd).join("\n\n");

const DROPPABLE = ["decided", "obligations", "late", "pending"];

function proposalsTable(d: ProposalsDoc, style: Style): string {
  const head = proposalsHead(d).map((l, i) =>
    wrap(i === 0 && d.coverage.warning ? style.chalk.bold.red(l) : l, style.width, "  "),
  );
  const tables = proposalsParts(d.proposals).map((t) =>
    section(
      style,
      t.title,
      "",
      [
        fitTable(style, {
          head: t.columns.map((c) => c.head),
          rows: t.rows.map((r, i) => t.columns.map((c) => c.text(r, i))),
          align: t.columns.map((c) => (c.num ? "right" : "left")),
          // Counts give way first on a narrow terminal (named under the table).
          drop: t.columns.flatMap((c, i) => (DROPPABLE.includes(c.name) ? [i] : [])),
        }),
        wrap(t.note, style.width, "  "),
      ].join("\n"),
    ),
  );
  return `${[head.join("\n"), ...tables].join("\n\n")}\n`;
}

function proposalsPage(d: ProposalsDoc): string {
  const title = `funnel-audit proposals: ${d.sla.name ?? d.sla.file} (as of ${d.as_of.slice(0, 10)})`;
  const [warning, ...lines] = d.coverage.warning ? proposalsHead(d) : [null, ...proposalsHead(d)];
  return html`<!doctype html>
<html lang="en">
${pageHead(title)}
<body>
<header class="report-header">
${warning ? html`<div class="verdict missed" id="coverage-warning" role="alert">${warning}</div>` : null}
<h1>${title}</h1>
${joinHtml(lines.map((l) => html`<p class="subtitle">${l}</p>`))}
</header>
<main>
<section class="report-section" id="proposals">
${proposalsHtmlBlocks(d.proposals)}
</section>
</main>
</body>
</html>
`.text;
}

/** The proposals document in a format; the SLA file is never written. */
export function renderProposals(d: ProposalsDoc, format: Format, style: Style): string {
  if (format === "json") return `${inertJson(JSON.stringify(d, null, 2))}\n`;
  if (format === "csv") return tablesCsv(proposalsTabulars(d.proposals));
  if (format === "html") return proposalsPage(d);
  if (format === "md")
    return `# ${escapeMd(`Proposals: ${d.sla.name ?? d.sla.file}`)}\n\n${proposalsHead(d)
      .map(escapeMd)
      .join("\n\n")}\n\n${proposalsMdBlocks(d.proposals)}\n`;
  return proposalsTable(d, style);
}
