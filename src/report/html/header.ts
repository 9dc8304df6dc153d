/** The top of the HTML report: what was audited, when, from which files, and the check's verdict. */

import type { Report } from "../../metrics/types.js";
import { commitmentKeys, commitmentLabel, periodRanges, tally } from "../commitments-view.js";
import { definitionSummary } from "../definitions-view.js";
import { count, pct, shortIso } from "../format.js";
import { scorecardHtml } from "./commitments.js";
import { html, joinHtml, type SafeHtml } from "./escape.js";

/** Handoff misses one by one; commitment misses grouped per commitment, with their periods as ranges. */
function misses(r: Report): SafeHtml {
  const missed = r.check.missed;
  const handoffs = missed.filter((m) => m.kind === "handoff").map((m) => html`<li>${m.message}</li>`);
  const all = r.commitments?.periods.map((p) => p.period) ?? [];
  const keys = commitmentKeys(r);
  const commitments = keys.flatMap((k) => {
    const list = missed.filter((m) => m.kind === "commitment" && m.id === k.id).map((m) => m.period ?? "–");
    if (list.length === 0) return [];
    return [
      html`<li>${k.team}: ${commitmentLabel(k.commitment)} missed in ${list.length} of ${tally(k).judged} ${r.commitments?.period ?? "period"}s (${periodRanges(list, all)})</li>`,
    ];
  });
  const others = missed
    .filter((m) => m.kind !== "handoff" && !(m.kind === "commitment" && keys.some((k) => k.id === m.id)))
    .map((m) => html`<li>${m.message}</li>`);
  return html`<ul>${joinHtml([...handoffs, ...commitments, ...others])}</ul>`;
}

/** Header, verdict, the commitments' scorecard (when that section is shown) and inputs. */
export function headerHtml(r: Report, scorecard: boolean, definitions = false): SafeHtml {
  const name = r.sla.name ?? r.sla.file;
  const definition = definitions ? definitionSummary(r) : null;
  const missed = r.check.missed;
  const verdict = r.coverage.warning
    ? html`<div class="verdict missed" id="verdict"><strong>✗ The figures rest on too few rows</strong> (the warning above)${missed.length ? html`; ${count(missed.length)} of ${count(r.check.targets)} targets missed${misses(r)}` : html``}</div>`
    : r.check.targets === 0
      ? html`<div class="verdict held" id="verdict"><strong>No target to judge</strong> (the SLA file sets none)</div>`
      : missed.length === 0
        ? html`<div class="verdict held" id="verdict"><strong>✓ All ${count(r.check.targets)} targets held</strong></div>`
        : html`<div class="verdict missed" id="verdict"><strong>✗ ${count(missed.length)} of ${count(r.check.targets)} targets missed</strong>
${misses(r)}</div>`;
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
${definition ? html`<dt>Lead definition</dt><dd>${definition.replace(/^Lead definition /, "")}</dd>\n` : null}<dt>Confidence</dt><dd>Wilson ${pct(r.confidence.level)} intervals; fewer than ${count(r.confidence.min_sample)} decided cases is a small sample</dd>
</dl>
${verdict}
${scorecard ? scorecardHtml(r) : null}
<div class="table-wrap"><table id="table-inputs">
<thead><tr><th scope="col">input file</th><th scope="col" class="num">rows</th><th scope="col" class="num">used</th><th scope="col" class="num">not used</th></tr></thead>
<tbody>
${joinHtml(files)}
</tbody>
</table></div>
</header>`;
}
