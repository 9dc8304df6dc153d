/** Report -> GitHub-flavoured Markdown, readable as a pull-request comment or a wiki page. */

import type { Report } from "../metrics/types.js";
import { count, printable } from "./format.js";
import type { Section } from "./table.js";
import { type Cell, reportTables, type Tabular } from "./tabular.js";

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

/** The report's chosen sections as Markdown, under a summary. */
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
    `Inputs: ${files}; ${count(r.inputs.leads)} leads, ${count(r.inputs.journeys)} journeys.`,
    "",
    `**${verdict}**`,
    ...missed.filter((m) => m.kind === "handoff").map((m) => `- ${escapeMd(m.message)}`),
  ];
  return `${[summary.join("\n"), ...reportTables(r, sections).map(table)].join("\n\n")}\n`;
}
