/** The report's plain tables (tabular.ts) as HTML tables, and the data-quality examples. */

import type { FindingRow } from "../../metrics/types.js";
import { count } from "../format.js";
import type { Cell, Tabular } from "../tabular.js";
import { html, joinHtml, type SafeHtml } from "./escape.js";
import { unitNote } from "./units.js";
import { type Column, type HandoffClocks, type TablePart, tableParts } from "./view.js";

/** A caption: text between backticks (a field or stage name) is set as code. */
export function noteHtml(text: string): SafeHtml {
  return joinHtml(
    text.split("`").map((part, i) => (i % 2 ? html`<code>${part}</code>` : html`${part}`)),
    "",
  );
}

function cellHtml(c: Column, row: Cell[], i: number): SafeHtml {
  const exact = c.exact?.(row) ?? null;
  return exact === null ? html`${c.text(row, i)}` : html`<span title="${exact}">${c.text(row, i)}</span>`;
}

export function partHtml(p: TablePart, businessDay: number | null): SafeHtml {
  const cls = (c: Column, i: number) =>
    [i === 0 ? "key" : null, c.num ? "num" : null].filter(Boolean).join(" ") || null;
  const head = p.columns.map((c, i) => html`<th scope="col" class="${cls(c, i)}">${c.head}</th>`);
  const rows = p.rows.map(
    (r, k) =>
      html`<tr>${p.columns.map((c, i) => html`<td class="${cls(c, i)}">${cellHtml(c, r, k)}</td>`)}</tr>`,
  );
  const units = p.clocks.map((k) => html`<p class="note units">${unitNote(k, businessDay)}</p>`);
  const body = p.rows.length
    ? html`<div class="table-wrap"><table id="${`table-${p.id}`}">
<thead><tr>${head}</tr></thead>
<tbody>
${joinHtml(rows)}
</tbody>
</table></div>`
    : html`<p class="none">none</p>`;
  return html`<div class="table-block">
<h3>${p.title}</h3>
${p.note ? html`<p class="note">${noteHtml(p.note)}</p>` : null}
${body}${units}
</div>`;
}

/** One table as it reads on a page (view.ts): its parts, each with its title, note and units. */
export function tableHtml(r: HandoffClocks, t: Tabular, businessDay: number | null = null): SafeHtml {
  return joinHtml(tableParts(r, t, businessDay).map((p) => partHtml(p, businessDay)));
}

/** Each finding's most frequent values and its first examples (file:line, lead, value, message). */
export function findingDetails(findings: readonly FindingRow[]): SafeHtml {
  if (findings.length === 0) return html`<p class="none">no findings</p>`;
  const blocks = findings.map((f) => {
    const values = f.values.length
      ? html`<p class="values">Most frequent values: ${f.values.map(
          (v, i) =>
            html`${i ? ", " : ""}<code>${v.value === "" ? "(empty)" : v.value}</code> ×${count(v.count)}`,
        )}</p>`
      : null;
    const examples = f.examples.map(
      (e) =>
        html`<tr><td class="nowrap">${e.file}:${e.line}</td><td class="nowrap">${e.lead ?? "–"}</td><td>${e.value === undefined ? "–" : html`<code>${e.value}</code>`}</td><td>${e.message}</td></tr>`,
    );
    return html`<div class="finding severity-${f.severity}">
<h4><span class="badge">${f.severity}</span> <code>${f.code}</code> ${f.title} (${count(f.count)})</h4>
<p class="note">${noteHtml(f.hint)}</p>
${values}
<div class="table-wrap"><table class="examples">
<thead><tr><th scope="col">where</th><th scope="col">lead</th><th scope="col">value</th><th scope="col">message</th></tr></thead>
<tbody>
${joinHtml(examples)}
</tbody>
</table></div>
</div>`;
  });
  return html`<div class="findings">
<h3>Findings in detail</h3>
${joinHtml(blocks)}
</div>`;
}
