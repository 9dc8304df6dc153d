/** Report -> GitHub-flavoured Markdown, readable as a pull-request comment or a wiki page. */

import type { Report } from "../metrics/types.js";
import {
  commitmentFigure,
  commitmentKeys,
  commitmentLabel,
  feedbackGroups,
  periodRanges,
  tally,
  topReasons,
} from "./commitments-view.js";
import { definitionSummary } from "./definitions-view.js";
import { count, printable, shortIso } from "./format.js";
import { type Clock, unitNote } from "./html/units.js";
import { emptySection, type TablePart, tableParts } from "./html/view.js";
import { MOVERS_TITLE } from "./movers-words.js";
import { presentSections, type Section } from "./table.js";
import { forPage } from "./tabular/definitions.js";
import { isLeadTable, reportTables, SECTION_TITLES, type Tabular } from "./tabular.js";

/** Escapes what Markdown tables and inline HTML would read as markup. */
export function escapeMd(text: string): string {
  // Underscores inside words are never emphasis in GFM: left as they are, names stay readable.
  return printable(text)
    .replace(/[\\|`*[\]<>]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, " ");
}

/** A caption in italics: text between backticks (a field or stage name) is set as code, as in HTML. */
const noteMd = (text: string) =>
  `_${text
    .split("`")
    .map((part, i) => (i % 2 && part ? `\`${printable(part)}\`` : escapeMd(part)))
    .join("")}_`;

/** A table's heading, its caption when it has one, and its body. */
const block = (title: string, note: string, body: string) =>
  [`### ${escapeMd(title)}`, ...(note ? [noteMd(note)] : []), body].join("\n\n");

/** One part of a plain table as the HTML report shows it (html/view.ts): the same heads, units and splits. */
export function partMd(p: TablePart): string {
  const head = `| ${p.columns.map((c) => escapeMd(c.head)).join(" | ")} |`;
  const rule = `|${p.columns.map((c) => (c.num ? " ---: " : " --- ")).join("|")}|`;
  const rows = p.rows.map((r, k) => `| ${p.columns.map((c) => escapeMd(c.text(r, k))).join(" | ")} |`);
  return block(p.title, p.note, p.rows.length ? [head, rule, ...rows].join("\n") : "_none_");
}

/** The plain table's parts, durations in one unit per column (business days as the terminal shows them). */
const table = (r: Report, t: Tabular, businessDay: number | null) =>
  tableParts(r, t, businessDay).map(partMd).join("\n\n");

/** Each commitment as a column, each period a row: ✓ kept, ✗ missed (the CSV keeps one row per figure). */
function commitmentsGrid(r: Report, list: Tabular): string {
  const c = r.commitments;
  if (!c) return table(r, list, null);
  const keys = commitmentKeys(r);
  const head = `| ${c.period} | ${keys.map((k) => escapeMd(`${k.team}: ${commitmentLabel(k.commitment)} ≥ ${commitmentFigure(k.commitment, k.target)}`)).join(" | ")} |`;
  const rule = `| --- |${keys.map(() => " ---: |").join("")}`;
  const mark = { met: "✓ ", missed: "✗ ", partial: "", no_data: "" } as const;
  const rows = c.periods.map(
    (p, i) =>
      `| ${p.period}${p.partial ? "\\*" : ""} | ${keys
        .map((k) => {
          const x = k.cells[i];
          if (!x) return "–";
          if (x.status === "no_data") return "no data";
          return `${mark[x.status]}${commitmentFigure(x.commitment, x.actual)}${x.status === "partial" ? " (partial)" : ""}`;
        })
        .join(" | ")} |`,
  );
  const kept = keys.reduce((n, k) => n + tally(k).kept, 0);
  const judged = keys.reduce((n, k) => n + tally(k).judged, 0);
  const note = `${c.definition}; ${kept} of ${judged} kept; * partial ${c.period}: volume not judged`;
  return block("Who kept their word", note, [head, rule, ...rows].join("\n"));
}

/** Journeys per source and outcome with the reasons most given (the CSV keeps every reason's count). */
function feedbackTable(r: Report, list: Tabular): string {
  const groups = feedbackGroups(r);
  if (groups.length === 0) return table(r, list, null);
  const rows = groups.map(
    (g) =>
      `| ${escapeMd(g.source)} | ${escapeMd(g.outcome)} | ${count(g.total)} | ${count(g.none)} | ${escapeMd(topReasons(g))} |`,
  );
  const head =
    "| source | outcome | journeys | no reason | reasons most given |\n| --- | --- | ---: | ---: | --- |";
  return block(list.title, list.note, `${head}\n${rows.join("\n")}`);
}

const SHAPED: Record<string, (r: Report, t: Tabular) => string> = {
  commitments: commitmentsGrid,
  feedback: feedbackTable,
};

/** A block folded under its title: a PR comment stays short, the detail one click away. */
const fold = (summary: string, body: string) =>
  `<details>\n<summary>${escapeMd(summary)}</summary>\n\n${body}\n\n</details>`;

/** The verdict's list: each handoff missed, then each commitment with the periods it was missed in. */
function missList(r: Report): string[] {
  const missed = r.check.missed;
  const all = r.commitments?.periods.map((p) => p.period) ?? [];
  const keys = commitmentKeys(r);
  const unit = r.commitments?.period ?? "period";
  const commitments = keys.flatMap((k) => {
    const periods = missed
      .filter((m) => m.kind === "commitment" && m.id === k.id)
      .map((m) => m.period ?? "–");
    return periods.length
      ? [
          `- commitment ${k.id}: missed in ${periods.length} of ${tally(k).judged} ${unit}s (${periodRanges(periods, all)})`,
        ]
      : [];
  });
  const others = missed.filter(
    (m) => m.kind !== "handoff" && !(m.kind === "commitment" && keys.some((k) => k.id === m.id)),
  );
  return [
    ...missed.filter((m) => m.kind === "handoff").map((m) => `- ${escapeMd(m.message)}`),
    ...commitments.map(escapeMd),
    ...others.map((m) => `- ${escapeMd(m.message)}`),
  ];
}

/** The verdict in one line: held, missed, or none to judge when the SLA file sets no target. */
function verdictLine(r: Report): string {
  const { missed, targets } = r.check;
  // Under the coverage threshold the verdict cannot be a pass: the figures rest on too few rows.
  const thin = r.coverage.warning ? "; the figures rest on too few rows (coverage, above)" : "";
  if (missed.length) return `❌ ${count(missed.length)} of ${count(targets)} targets missed${thin}`;
  if (targets === 0) return `${thin ? "❌" : "➖"} no target to judge (the SLA file sets none)${thin}`;
  return `${thin ? "❌" : "✅"} all ${count(targets)} targets held${thin}`;
}

/** What the units of the shown durations mean, said once (the clocks the tables use). */
function unitLine(r: Report, tables: readonly Tabular[], businessDay: number | null): string[] {
  const clocks = new Set<Clock>(
    tables.flatMap((t) => tableParts(r, t, businessDay).flatMap((p) => p.clocks)),
  );
  const notes = (["calendar", "business"] as const)
    .filter((k) => clocks.has(k))
    .map((k) => unitNote(k, businessDay));
  return notes.length ? [`_Durations: ${notes.join("; ")}._`] : [];
}

/**
 * The report's chosen sections as Markdown: the summary and verdict, then each section folded.
 * Durations carry their unit, large business ones in business days when every calendar's day is
 * `businessDay` hours long (the terminal's Style.businessDay).
 */
export function renderMarkdown(
  report: Report,
  chosen: readonly Section[],
  businessDay: number | null = null,
): string {
  const r = report;
  const sections = presentSections(r, chosen);
  const definition = sections.includes("definitions") ? definitionSummary(r) : null;
  const files = r.inputs.files
    .map((f) => `${escapeMd(f.file)} (${count(f.rows)} rows, ${count(f.not_used)} not used)`)
    .join(", ");
  const warning = r.coverage.warning;
  const tables = reportTables(r, sections);
  const summary = [
    ...(warning ? [`> **⚠ Warning:** ${escapeMd(warning)}`, ""] : []),
    `## funnel-audit: ${escapeMd(r.sla.name ?? r.sla.file)}`,
    "",
    `**Figures rest on ${escapeMd(r.coverage.line)}.**`,
    "",
    r.snapshot
      ? `A snapshot at **${shortIso(r.snapshot.at)}** (${escapeMd(r.sla.timezone)}): each lead's status then; no latency, no period.`
      : `As of **${shortIso(r.as_of)}** (${escapeMd(r.sla.timezone)}); period ${shortIso(r.period.from)} → ${shortIso(r.period.to)}.`,
    `${count(r.inputs.leads)} leads, ${count(r.inputs.journeys)} journeys.`,
    ...(definition ? [`${escapeMd(definition)}.`] : []),
    ...unitLine(r, tables, businessDay),
    "",
    `**${verdictLine(r)}**`,
    ...missList(r),
  ];
  const shown = (list: Tabular[]) =>
    list
      .map((t) => (SHAPED[t.id] ?? ((_: Report, x: Tabular) => table(r, forPage(x), businessDay)))(r, t))
      .join("\n\n");
  const baseline = tables.filter((t) => t.id === "baseline");
  const movers = tables.filter((t) => isLeadTable(t) && t.id !== "baseline");
  const folds = [
    ...(baseline.length ? [fold("Week over week", shown(baseline))] : []),
    ...(movers.length ? [fold(MOVERS_TITLE, shown(movers))] : []),
    ...sections.map((s) => {
      const own = tables.filter((t) => t.section === s && !isLeadTable(t));
      const empty = emptySection(s, own);
      return fold(SECTION_TITLES[s], empty ? noteMd(empty) : shown(own));
    }),
    fold("Inputs", `Inputs: ${files}.`),
  ];
  return `${[summary.join("\n"), ...folds].join("\n\n")}\n`;
}
