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
import { count, printable } from "./format.js";
import type { Section } from "./table.js";
import { type Cell, reportTables, SECTION_TITLES, type Tabular } from "./tabular.js";

/** Escapes what Markdown tables and inline HTML would read as markup. */
export function escapeMd(text: string): string {
  // Underscores inside words are never emphasis in GFM: left as they are, names stay readable.
  return printable(text)
    .replace(/[\\|`*[\]<>]/g, (c) => `\\${c}`)
    .replace(/\r?\n/g, " ");
}

function cellText(cell: Cell, share: boolean): string {
  if (cell === null) return "–";
  if (typeof cell === "boolean") return cell ? "yes" : "no";
  if (typeof cell === "number")
    return share ? `${(cell * 100).toFixed(1)}%` : Number.isInteger(cell) ? count(cell) : cell.toFixed(2);
  return escapeMd(cell);
}

function table(t: Tabular): string {
  const numeric = t.head.map((_, i) => t.rows.some((r) => typeof r[i] === "number"));
  const head = `| ${t.head.map(escapeMd).join(" | ")} |`;
  const rule = `|${numeric.map((n) => (n ? " ---: " : " --- ")).join("|")}|`;
  const rows = t.rows.map((r) => `| ${r.map((c, i) => cellText(c, t.shares.includes(i))).join(" | ")} |`);
  const body = t.rows.length ? [head, rule, ...rows].join("\n") : "_none_";
  return `### ${escapeMd(t.title)}\n\n_${escapeMd(t.note)}_\n\n${body}`;
}

/** Each commitment as a column, each period a row: ✓ kept, ✗ missed (the CSV keeps one row per figure). */
function commitmentsGrid(r: Report, list: Tabular): string {
  const c = r.commitments;
  if (!c) return table(list);
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
  const note = `${escapeMd(c.definition)}; ${kept} of ${judged} kept; \\* partial ${c.period}: volume not judged`;
  return `### Who kept their word\n\n_${note}_\n\n${[head, rule, ...rows].join("\n")}`;
}

/** Journeys per source and outcome with the reasons most given (the CSV keeps every reason's count). */
function feedbackTable(r: Report, list: Tabular): string {
  const groups = feedbackGroups(r);
  if (groups.length === 0) return table(list);
  const rows = groups.map(
    (g) =>
      `| ${escapeMd(g.source)} | ${escapeMd(g.outcome)} | ${count(g.total)} | ${count(g.none)} | ${escapeMd(topReasons(g))} |`,
  );
  const head =
    "| source | outcome | journeys | no reason | reasons most given |\n| --- | --- | ---: | ---: | --- |";
  return `### ${escapeMd(list.title)}\n\n_${escapeMd(list.note)}_\n\n${head}\n${rows.join("\n")}`;
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

/** The report's chosen sections as Markdown: the summary and verdict, then each section folded. */
export function renderMarkdown(report: Report, sections: readonly Section[]): string {
  const r = report;
  const files = r.inputs.files
    .map((f) => `${escapeMd(f.file)} (${count(f.rows)} rows, ${count(f.not_used)} not used)`)
    .join(", ");
  const missed = r.check.missed;
  const warning = r.coverage.warning;
  // Under the coverage threshold the verdict cannot be a pass: the figures rest on too few rows.
  const thin = warning ? "; the figures rest on too few rows (coverage, above)" : "";
  const verdict =
    missed.length === 0
      ? `${thin ? "❌" : "✅"} all ${r.check.targets} targets held${thin}`
      : `❌ ${missed.length} of ${r.check.targets} targets missed${thin}`;
  const summary = [
    ...(warning ? [`> **⚠ Warning:** ${escapeMd(warning)}`, ""] : []),
    `## funnel-audit: ${escapeMd(r.sla.name ?? r.sla.file)}`,
    "",
    `**Figures rest on ${escapeMd(r.coverage.line)}.**`,
    "",
    r.snapshot
      ? `A snapshot at **${r.snapshot.at}** (${escapeMd(r.sla.timezone)}): each lead's status then; no latency, no period.`
      : `As of **${r.as_of}** (${escapeMd(r.sla.timezone)}); period ${r.period.from} → ${r.period.to}.`,
    `${count(r.inputs.leads)} leads, ${count(r.inputs.journeys)} journeys.`,
    "",
    `**${verdict}**`,
    ...missList(r),
  ];
  const tables = reportTables(r, sections);
  const shown = (list: Tabular[]) =>
    list.map((t) => (SHAPED[t.id] ?? ((_: Report, x: Tabular) => table(x)))(r, t)).join("\n\n");
  const baseline = tables.filter((t) => t.id === "baseline");
  const folds = [
    ...(baseline.length ? [fold("Week over week", shown(baseline))] : []),
    ...sections.map((s) =>
      fold(SECTION_TITLES[s], shown(tables.filter((t) => t.section === s && t.id !== "baseline"))),
    ),
    fold("Inputs", `Inputs: ${files}.`),
  ];
  return `${[summary.join("\n"), ...folds].join("\n\n")}\n`;
}
