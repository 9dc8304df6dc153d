/** Commitments on the page: the scorecard that opens the report and the grid of "Who kept their word". */

/*
 * The scorecard shows each side's commitments, kept or missed in each period; the period ×
 * commitment grid has the exact figures on hover and, folded, the plain list the CSV holds.
 */

import { isVolume } from "../../metrics/commitments.js";
import type { CommitmentRow, Report } from "../../metrics/types.js";
import {
  type CommitmentKey,
  commitmentFigure,
  commitmentKeys,
  commitmentLabel,
  feedbackGroups,
  periodRanges,
  tally,
  topReasons,
} from "../commitments-view.js";
import { count } from "../format.js";
import type { Tabular } from "../tabular.js";
import { html, joinHtml, type SafeHtml } from "./escape.js";
import { noteHtml, tableHtml } from "./tables.js";

const MARK: Record<CommitmentRow["status"], string> = { met: "✓", missed: "✗", partial: "", no_data: "" };
const SIDES = [
  ["marketing", "Marketing's commitments"],
  ["sales", "Sales' commitments"],
] as const;

const target = (k: CommitmentKey) => `≥ ${commitmentFigure(k.commitment, k.target)}`;

/** What a cell means in words, for its title: the figure, its base, the target and the verdict. */
function tip(row: CommitmentRow, k: CommitmentKey): string {
  const base = isVolume(row.commitment) ? "" : ` of ${count(row.n)}`;
  const status = row.status === "no_data" ? "no data" : row.status;
  return `${row.period}: ${commitmentFigure(row.commitment, row.actual)}${base} (exact ${row.actual ?? "–"}), target ${target(k)}: ${status}`;
}

function cell(row: CommitmentRow | undefined, k: CommitmentKey): SafeHtml {
  if (!row) return html`<td class="num">–</td>`;
  const text =
    row.status === "no_data"
      ? "no data"
      : `${MARK[row.status]} ${commitmentFigure(row.commitment, row.actual)}${row.status === "partial" ? " (partial)" : ""}`;
  return html`<td class="${`num status-${row.status}`}" title="${tip(row, k)}">${text.trim()}</td>`;
}

/** A table in a shorter shape than the plain list, which is folded under it. */
function shapedBlock(b: {
  title: string;
  notes: SafeHtml[];
  id: string;
  cls: string | null;
  head: SafeHtml;
  rows: SafeHtml[];
  folded: SafeHtml;
  list: SafeHtml;
}): SafeHtml {
  return html`<div class="table-block">
<h3>${b.title}</h3>
${joinHtml(b.notes.map((n) => html`<p class="note">${n}</p>`))}
<div class="table-wrap"><table id="${`table-${b.id}`}" class="${b.cls}">
<thead><tr>${b.head}</tr></thead>
<tbody>
${joinHtml(b.rows)}
</tbody>
</table></div>
<details class="rows"><summary>${b.folded}</summary>
${b.list}
</details>
</div>`;
}

/** Periods as a grid: one row per period, one column per (team, commitment). */
export function commitmentsHtml(r: Report, list: Tabular): SafeHtml {
  const c = r.commitments;
  if (!c) return html`<p class="none">no commitments declared (commitments: in the SLA file)</p>`;
  const keys = commitmentKeys(r);
  const head = keys.map(
    (k) =>
      html`<th scope="col" class="num">${k.team}: ${commitmentLabel(k.commitment)}<br><span class="target">${target(k)}</span></th>`,
  );
  const rows = c.periods.map(
    (p, i) =>
      html`<tr><th scope="row" class="key">${p.period}${p.partial ? "*" : ""}</th>${keys.map((k) => cell(k.cells[i], k))}</tr>`,
  );
  const kept = keys.reduce((n, k) => n + tally(k).kept, 0);
  const judged = keys.reduce((n, k) => n + tally(k).judged, 0);
  return shapedBlock({
    title: `Each ${c.period}, each commitment`,
    notes: [
      noteHtml(c.definition),
      html`${count(kept)} of ${count(judged)} kept; ✓ kept, ✗ missed; * partial ${c.period}: volume not judged; the exact figure and its base on hover`,
    ],
    id: "commitments",
    cls: "grid",
    head: html`<th scope="col" class="key">${c.period}</th>${head}`,
    rows,
    folded: html`Every figure as a list (${count(list.rows.length)} rows, as in the CSV)`,
    list: tableHtml(r, { ...list, id: "commitments-list", title: "Every commitment in every period" }),
  });
}

function strip(k: CommitmentKey): SafeHtml {
  return joinHtml(
    k.cells.map((row) =>
      row
        ? html`<span class="${`tick status-${row.status}`}" title="${tip(row, k)}"></span>`
        : html`<span class="tick"></span>`,
    ),
    "",
  );
}

/** The opening scorecard: each side's commitments, kept or missed in each period. */
export function scorecardHtml(r: Report): SafeHtml | null {
  const c = r.commitments;
  if (!c) return null;
  const keys = commitmentKeys(r);
  const all = c.periods.map((p) => p.period);
  const cards = SIDES.flatMap(([team, title]) => {
    const mine = keys.filter((k) => k.team === team);
    if (mine.length === 0) return [];
    const rows = mine.map((k) => {
      const { kept, judged } = tally(k);
      const missed = k.cells.flatMap((x) => (x?.status === "missed" ? [x.period] : []));
      return html`<tr class="${missed.length ? "missed" : "held"}"><th scope="row">${commitmentLabel(k.commitment)} <span class="target">${target(k)}</span></th><td class="num kept"><strong>${count(kept)}</strong> of ${count(judged)} kept</td></tr>
<tr><td colspan="2" class="strip">${strip(k)}</td></tr>
<tr class="misses"><td colspan="2">${missed.length ? `missed ${periodRanges(missed, all)}` : "kept in every judged period"}</td></tr>`;
    });
    return [
      html`<div class="card" id="${`scorecard-${team}`}">
<h3>${title}</h3>
<p class="note">each ${c.period} from ${all[0] ?? ""} to ${all.at(-1) ?? ""}: kept of judged</p>
<table class="scorecard-table">
<tbody>
${joinHtml(rows)}
</tbody>
</table>
</div>`,
    ];
  });
  return html`<section class="scorecard" id="scorecard" aria-label="Scorecard">
${joinHtml(cards)}
<p class="note legend"><span class="tick status-met"></span> kept <span class="tick status-missed"></span> missed <span class="tick status-partial"></span> partial ${c.period} or no data; each ${c.period} in detail under <a href="#commitments">Who kept their word</a></p>
</section>`;
}

/** Feedback per source and outcome with the reasons most given; every count folded below. */
export function feedbackHtml(r: Report, list: Tabular): SafeHtml {
  const groups = feedbackGroups(r);
  if (groups.length === 0) return tableHtml(r, list);
  const rows = groups.map(
    (g) =>
      html`<tr><td class="key">${g.source}</td><td>${g.outcome}</td><td class="num">${count(g.total)}</td><td class="num">${count(g.none)}</td><td>${topReasons(g)}</td></tr>`,
  );
  return shapedBlock({
    title: list.title,
    notes: [noteHtml(list.note)],
    id: "feedback",
    cls: null,
    head: html`<th scope="col" class="key">source</th><th scope="col">outcome</th><th scope="col" class="num">journeys</th><th scope="col" class="num">no reason</th><th scope="col">reasons most given</th>`,
    rows,
    folded: html`Every reason as a list (${count(list.rows.length)} rows, as in the CSV)`,
    list: tableHtml(r, { ...list, id: "feedback-list", title: "Every source, outcome and reason" }),
  });
}
