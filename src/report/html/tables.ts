/** The report's plain tables (tabular.ts) as HTML tables, and the data-quality examples. */

import type { FindingRow } from "../../metrics/types.js";
import { count } from "../format.js";
import type { Cell, Tabular } from "../tabular.js";
import { html, joinHtml, type SafeHtml } from "./escape.js";

function cellText(cell: Cell, share: boolean): string {
  if (cell === null) return "–";
  if (typeof cell === "boolean") return cell ? "yes" : "no";
  if (typeof cell === "number")
    return share ? `${(cell * 100).toFixed(1)}%` : Number.isInteger(cell) ? count(cell) : cell.toFixed(2);
  return cell;
}

/** One table with its title and note; numeric columns are right-aligned. */
export function tableHtml(t: Tabular): SafeHtml {
  const numeric = t.head.map((_, i) => t.rows.some((r) => typeof r[i] === "number"));
  const cls = (i: number) => (numeric[i] ? "num" : null);
  const head = t.head.map((h, i) => html`<th scope="col" class="${cls(i)}">${h.replaceAll("_", " ")}</th>`);
  const rows = t.rows.map(
    (r) =>
      html`<tr>${r.map((c, i) => html`<td class="${cls(i)}">${cellText(c, t.shares.includes(i))}</td>`)}</tr>`,
  );
  const body = t.rows.length
    ? html`<div class="table-wrap"><table id="${`table-${t.id}`}">
<thead><tr>${head}</tr></thead>
<tbody>
${joinHtml(rows)}
</tbody>
</table></div>`
    : html`<p class="none">none</p>`;
  return html`<div class="table-block">
<h3>${t.title}</h3>
<p class="note">${t.note}</p>
${body}
</div>`;
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
<p class="note">${f.hint}</p>
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
