/** The top of the HTML report: what was audited, when, from which files, and the check's verdict. */

import type { Miss, Report } from "../../metrics/types.js";
import { count, pct, shortIso } from "../format.js";
import { html, joinHtml, type SafeHtml } from "./escape.js";

/** Handoff misses one by one; commitment misses grouped per commitment, with their periods. */
function misses(missed: readonly Miss[]): SafeHtml {
  const handoffs = missed.filter((m) => m.kind === "handoff").map((m) => html`<li>${m.message}</li>`);
  const groups = new Map<string, Miss[]>();
  for (const m of missed.filter((x) => x.kind === "commitment"))
    groups.set(m.id, [...(groups.get(m.id) ?? []), m]);
  const commitments = [...groups].map(
    ([id, list]) =>
      html`<li>commitment <code>${id}</code>: missed in ${list.length} period${list.length === 1 ? "" : "s"} (${list.map((m) => m.period ?? "–").join(", ")})</li>`,
  );
  const others = missed
    .filter((m) => m.kind !== "handoff" && m.kind !== "commitment")
    .map((m) => html`<li>${m.message}</li>`);
  return html`<ul>${joinHtml([...handoffs, ...commitments, ...others])}</ul>`;
}

/** Header, inputs and verdict. */
export function headerHtml(r: Report): SafeHtml {
  const name = r.sla.name ?? r.sla.file;
  const missed = r.check.missed;
  const verdict = r.coverage.warning
    ? html`<div class="verdict missed" id="verdict"><strong>✗ The figures rest on too few rows</strong> (the warning above)${missed.length ? html`; ${count(missed.length)} of ${count(r.check.targets)} targets missed${misses(missed)}` : html``}</div>`
    : r.check.targets === 0
      ? html`<div class="verdict held" id="verdict"><strong>No target to judge</strong> (the SLA file sets none)</div>`
      : missed.length === 0
        ? html`<div class="verdict held" id="verdict"><strong>✓ All ${count(r.check.targets)} targets held</strong></div>`
        : html`<div class="verdict missed" id="verdict"><strong>✗ ${count(missed.length)} of ${count(r.check.targets)} targets missed</strong>
${misses(missed)}</div>`;
  const files = r.inputs.files.map(
    (f) =>
      html`<tr><td><code>${f.file}</code></td><td class="num">${count(f.rows)}</td><td class="num">${count(f.used)}</td><td class="num">${count(f.not_used)}</td></tr>`,
  );
  const warning = r.coverage.warning
    ? html`<div class="verdict missed" id="coverage-warning" role="alert"><strong>Warning:</strong> ${r.coverage.warning}</div>
`
    : html``;
  return html`<header class="report-header">
${warning}<h1>funnel-audit: ${name}</h1>
<p class="coverage" id="coverage"><strong>Figures rest on ${r.coverage.line}.</strong></p>
<p class="subtitle">Lead funnel audit against the SLA in <code>${r.sla.file}</code></p>
<dl class="facts">
${
  r.snapshot
    ? html`<dt>Snapshot</dt><dd>${shortIso(r.snapshot.at)} (${r.sla.timezone}): each lead's status then; no latency, no period</dd>`
    : html`<dt>As of</dt><dd>${shortIso(r.as_of)} (${r.sla.timezone})</dd>
<dt>Period</dt><dd>${shortIso(r.period.from)} → ${shortIso(r.period.to)}</dd>`
}
<dt>Leads</dt><dd>${count(r.inputs.leads)} leads, ${count(r.inputs.journeys)} journeys</dd>
<dt>Confidence</dt><dd>Wilson ${pct(r.confidence.level)} intervals; fewer than ${count(r.confidence.min_sample)} decided cases is a small sample</dd>
</dl>
${verdict}
<div class="table-wrap"><table id="table-inputs">
<thead><tr><th scope="col">input file</th><th scope="col" class="num">rows</th><th scope="col" class="num">used</th><th scope="col" class="num">not used</th></tr></thead>
<tbody>
${joinHtml(files)}
</tbody>
</table></div>
</header>`;
}
