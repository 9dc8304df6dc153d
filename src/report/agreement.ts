/**
 * The SLA file as the agreement both teams sign: stage definitions, the common-language table
 * of raw CRM values, each team's windows and commitments, the calendars. Markdown and HTML.
 */

import type { CalendarDef } from "../clock/calendar.js";
import type { SlaConfig } from "../types.js";
import { CSP } from "./html.js";
import { escapeMd } from "./markdown.js";

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const hours = (c: CalendarDef) => c.hours.map((h) => `${hhmm(h.start)}–${hhmm(h.end)}`).join(", ");

function answeredBy(h: SlaConfig["handoffs"][number]): string {
  const parts: string[] = [];
  if (h.to.length) parts.push(`moving the lead to ${h.to.join(" or ")}`);
  if (h.activity) {
    const what = [
      h.activity.types.join("/"),
      h.activity.subtypes.length ? `(${h.activity.subtypes.join("/")})` : "",
      h.activity.statuses.length ? `with status ${h.activity.statuses.join("/")}` : "",
    ]
      .filter(Boolean)
      .join(" ");
    parts.push(
      `a ${what || "logged activity"} by ${h.activity.by === "owner" ? "the lead's owner" : "anyone"}`,
    );
  }
  return parts.join(", or ");
}

/** The agreement as Markdown. */
export function agreementMarkdown(c: SlaConfig): string {
  const e = escapeMd;
  const out: string[] = [
    `# ${e(c.name ?? "Service-level agreement")}`,
    "",
    `Times are in ${e(c.timezone)} unless a calendar says otherwise.`,
    "",
    "## Stages (the waterfall, in order)",
    "",
  ];
  out.push("| # | stage | raw CRM values that mean it |", "| ---: | --- | --- |");
  for (const s of c.stages)
    out.push(
      `| ${s.index + 1} | **${e(s.label)}** (\`${s.id}\`) | ${s.matches.map((m) => `\`${e(m)}\``).join(", ")} |`,
    );
  if (c.outcomes.length) {
    out.push("", "## Outcomes (exits)", "", "| outcome | raw CRM values | then |", "| --- | --- | --- |");
    for (const o of c.outcomes)
      out.push(
        `| **${e(o.label)}** (\`${o.id}\`) | ${o.matches.map((m) => `\`${e(m)}\``).join(", ")} | ${o.returnsTo ? `back to ${o.returnsTo}: a new journey` : "the journey ends"} |`,
      );
  }
  out.push("", "## Who acts, by when", "");
  if (c.handoffs.length === 0) out.push("_No handoffs are agreed yet._");
  for (const h of c.handoffs)
    out.push(
      `- **${e(h.id)}**: when a lead enters **${h.from}**, it is answered within **${e(h.within.text)}** by ${e(answeredBy(h))}. Target: **${pct(h.target)}** of leads.${h.description ? ` ${e(h.description)}` : ""}`,
    );
  if (c.commitments) {
    const m = c.commitments.marketing;
    const s = c.commitments.sales;
    out.push("", `## Commitments (judged every ${c.commitments.period})`, "", "Marketing:");
    if (m.mqls !== null)
      out.push(`- delivers at least **${m.mqls}** leads to ${m.mqlStage} per ${c.commitments.period};`);
    if (m.acceptance !== null)
      out.push(
        `- at least **${pct(m.acceptance)}** of them are accepted by sales (reach ${m.acceptedStage}).`,
      );
    out.push("", "Sales:");
    for (const id of s.handoffs) {
      const h = c.handoffs.find((x) => x.id === id);
      if (h)
        out.push(
          `- meets **${e(id)}** for at least **${pct(h.target)}** of leads every ${c.commitments.period};`,
        );
    }
    if (s.reasons !== null)
      out.push(
        `- gives a reason for at least **${pct(s.reasons)}** of ${s.reasonOutcomes.join(" and ")} leads.`,
      );
  }
  if (c.calendars.length) {
    out.push(
      "",
      "## Calendars (business time)",
      "",
      "| calendar | days | hours | zone | holidays |",
      "| --- | --- | --- | --- | --- |",
    );
    for (const cal of c.calendars)
      out.push(
        `| ${e(cal.id)}${cal.id === c.defaultCalendar ? " (default)" : ""} | ${cal.days.join(", ")} | ${hours(cal)} | ${e(cal.timezone ?? "each rep's own")} | ${[cal.holidays.country ? `public holidays of ${cal.holidays.country}${cal.holidays.region ? `-${cal.holidays.region}` : ""}` : "", ...cal.holidays.dates].filter(Boolean).join("; ") || "none"} |`,
      );
  }
  out.push(
    "",
    `A lead is reassigned: ${c.onReassign === "restart" ? "the new owner gets a fresh clock" : "the clock keeps running"}. A skipped stage: ${c.skippedStages === "backfill" ? "counts as passed" : c.skippedStages === "strict" ? "does not count" : "leaves that step's count"}.`,
    "",
    "| Marketing | Sales |",
    "| --- | --- |",
    "| signed: | signed: |",
    "",
  );
  return out.join("\n");
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] as string,
  );

/** The agreement as one self-contained HTML page (the Markdown, rendered by a tiny converter: tables, lists, emphasis). */
export function agreementHtml(c: SlaConfig): string {
  const md = agreementMarkdown(c).split("\n");
  const body: string[] = [];
  const inline = (t: string) =>
    esc(t.replace(/\\([\\|`*[\]<>])/g, "$1"))
      .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
      .replace(/`(.+?)`/g, "<code>$1</code>")
      .replace(/(^|\s)_(.+?)_(?=\s|$)/g, "$1<em>$2</em>");
  for (let i = 0; i < md.length; i++) {
    const line = md[i] as string;
    if (line.startsWith("# ")) body.push(`<h1>${inline(line.slice(2))}</h1>`);
    else if (line.startsWith("## ")) body.push(`<h2>${inline(line.slice(3))}</h2>`);
    else if (line.startsWith("- ")) {
      const items: string[] = [];
      for (; md[i]?.startsWith("- "); i++) items.push(`<li>${inline((md[i] as string).slice(2))}</li>`);
      i--;
      body.push(`<ul>${items.join("")}</ul>`);
    } else if (line.startsWith("| ")) {
      const rows: string[][] = [];
      for (; md[i]?.startsWith("|"); i++)
        rows.push(
          (md[i] as string)
            .slice(1, -1)
            .split(/(?<!\\)\|/)
            .map((x) => x.trim()),
        );
      i--;
      const [head, , ...rest] = rows;
      body.push(
        `<table><thead><tr>${(head ?? []).map((h) => `<th>${inline(h)}</th>`).join("")}</tr></thead><tbody>${rest.map((r) => `<tr>${r.map((x) => `<td>${inline(x)}</td>`).join("")}</tr>`).join("")}</tbody></table>`,
      );
    } else if (line.trim()) body.push(`<p>${inline(line)}</p>`);
  }
  const css =
    "body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;color:#111}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:.3em .6em;text-align:left}code{background:#f3f3f3;padding:0 .2em}@media print{body{margin:0}h2{break-after:avoid}table{break-inside:avoid}}";
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${esc(CSP)}"><title>${esc(c.name ?? "Service-level agreement")}</title><style>${css}</style></head><body>${body.join("\n")}</body></html>\n`;
}
