/** The SLA file as the agreement both teams sign, in Markdown and HTML. */

/*
 * Stage definitions, the common-language table of raw CRM values, each team's windows and
 * commitments, the calendars.
 */

import { isBusiness } from "../config/window.js";
import type { CalendarDef, HandoffDef, SlaConfig } from "../types.js";
import { definitionsMd, engagementsMd } from "./agreement-definitions.js";
import { either, windowWords } from "./agreement-words.js";
import { CSP } from "./html.js";
import { escapeMd } from "./markdown.js";

export const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
export const hours = (c: Pick<CalendarDef, "hours">) =>
  c.hours.map((h) => `${hhmm(h.start)}–${hhmm(h.end)}`).join(", ");

/** Where the window's time is counted, in words. */
export function countedOn(h: HandoffDef): string {
  if (!isBusiness(h.within)) return "counted around the clock";
  return h.calendar
    ? `working time on the ${h.calendar} calendar below`
    : "working time on the lead owner's own calendar";
}

export function answeredBy(h: HandoffDef, name: (id: string) => string): string {
  const parts: string[] = [];
  if (h.to.length) parts.push(`moving the lead to ${either(h.to.map(name))}`);
  if (h.activity) {
    const a = h.activity;
    const what = [
      a.statuses.length ? either(a.statuses) : "",
      a.types.length ? either(a.types) : "activity",
      a.subtypes.length ? `(${either(a.subtypes)})` : "",
    ]
      .filter(Boolean)
      .join(" ");
    parts.push(
      `${/^[aeiou]/i.test(what) ? "an" : "a"} ${what} logged by ${a.by === "owner" ? "the lead's owner" : "anyone"}`,
    );
  }
  return either(parts);
}

const DAY_NAMES: Record<string, string> = {
  sun: "Sunday",
  mon: "Monday",
  tue: "Tuesday",
  wed: "Wednesday",
  thu: "Thursday",
  fri: "Friday",
  sat: "Saturday",
};

/** "Monday to Friday" for a run of days in week order, else the days listed. */
export function dayWords(days: readonly string[]): string {
  const order = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  const idx = days.map((d) => order.indexOf(d)).sort((a, b) => a - b);
  const run = idx.every((x, i) => i === 0 || x === (idx[i - 1] as number) + 1);
  const name = (i: number) => DAY_NAMES[order[i] as string] ?? "";
  return run && idx.length > 2
    ? `${name(idx[0] as number)} to ${name(idx[idx.length - 1] as number)}`
    : either(idx.map(name), "and");
}

export const SKIPPED: Record<string, string> = {
  backfill: "A lead that skips a stage counts as having passed it.",
  strict: "A lead that skips a stage does not count as having passed it.",
  eligible: "A lead that skips a stage is left out of that step's count.",
};

const e = escapeMd;
/** A stage or outcome's label by its id. */
export type Name = (id: string) => string;

/** The waterfall: each stage with the raw CRM values that mean it; then the exits. */
function stagesMd(c: SlaConfig): string[] {
  const out = [
    "## Stages (the waterfall, in order)",
    "",
    "| # | stage | raw CRM values that mean it |",
    "| ---: | --- | --- |",
  ];
  for (const s of c.stages)
    out.push(
      `| ${s.index + 1} | **${e(s.label)}** (\`${s.id}\`) | ${s.matches.map((m) => `\`${e(m)}\``).join(", ")} |`,
    );
  if (c.outcomes.length) {
    out.push("", "## Outcomes (exits)", "", "| outcome | raw CRM values | then |", "| --- | --- | --- |");
    for (const o of c.outcomes)
      out.push(
        `| **${e(o.label)}** (\`${o.id}\`) | ${o.matches.map((m) => `\`${e(m)}\``).join(", ")} | ${o.returnsTo ? `back to ${e(c.stages.find((x) => x.id === o.returnsTo)?.label ?? o.returnsTo)}: a new journey` : "the journey ends"} |`,
      );
  }
  return out;
}

/** Each handoff in one sentence: when, within what, on which clock, answered how, the goal. */
function handoffsMd(c: SlaConfig, name: Name): string[] {
  const out = ["", "## Who acts, by when", ""];
  if (c.handoffs.length === 0) out.push("_No handoffs are agreed yet._");
  for (const h of c.handoffs) out.push(`- ${handoffSentence(h, name)}`);
  return out;
}

/** One handoff in one sentence: when, within what, on which clock, answered how, the goal. */
export function handoffSentence(h: HandoffDef, name: Name): string {
  return `**${e(h.id)}**: when a lead becomes **${e(name(h.from))}**, it is answered within **${windowWords(h.within)}** (${countedOn(h)}) by ${e(answeredBy(h, name))}. The goal: **${pct(h.target)}** of leads answered in time.${h.description ? ` ${e(h.description)}` : ""}`;
}

/** The policies' sentences: what a reassignment does to the clock, what a skipped stage counts as. */
export const reassignWords = (policy: SlaConfig["onReassign"]) =>
  `When a lead changes owner before anyone answered it, ${policy === "restart" ? "the new owner gets the full time again" : "the time keeps running for the new owner"}.`;

/** What marketing and sales each promise per period; nothing when the SLA has no commitments. */
function commitmentsMd(c: SlaConfig, name: Name): string[] {
  if (!c.commitments) return [];
  const m = c.commitments.marketing;
  const s = c.commitments.sales;
  const every = c.commitments.period;
  const out = ["", `## Commitments (judged every ${every})`, "", "Marketing:"];
  if (m.mqls !== null)
    out.push(`- delivers at least **${m.mqls}** leads that become ${e(name(m.mqlStage))} every ${every};`);
  if (m.acceptance !== null)
    out.push(
      `- at least **${pct(m.acceptance)}** of them are accepted by sales (they become ${e(name(m.acceptedStage))}).`,
    );
  if (m.definition !== undefined && m.definition !== null)
    out.push(
      `- at least **${pct(m.definition)}** of the leads that become ${e(name(m.mqlStage))} meet its written definition (above).`,
    );
  out.push("", "Sales:");
  for (const id of s.handoffs) {
    const h = c.handoffs.find((x) => x.id === id);
    if (h)
      out.push(
        `- answers at least **${pct(h.target)}** of leads in time under **${e(id)}** (above), every ${every};`,
      );
  }
  if (s.reasons !== null)
    out.push(
      `- gives a reason for at least **${pct(s.reasons)}** of the leads it marks ${either(
        s.reasonOutcomes.map((o) => e(name(o))),
        "or",
      )}.`,
    );
  return out;
}

/** The business calendars: days, hours, zone, holidays; nothing when there are none. */
function calendarsMd(c: SlaConfig): string[] {
  if (!c.calendars.length) return [];
  const out = [
    "",
    "## Calendars (business time)",
    "",
    "| calendar | days | hours | zone | holidays |",
    "| --- | --- | --- | --- | --- |",
  ];
  for (const cal of c.calendars)
    out.push(
      `| ${e(cal.id)}${cal.id === c.defaultCalendar ? " (default)" : ""} | ${dayWords(cal.days)} | ${hours(cal)} | ${e(cal.timezone ?? "each rep's own")} | ${[cal.holidays.country ? `public holidays of ${cal.holidays.country}${cal.holidays.region ? `-${cal.holidays.region}` : ""}` : "", ...cal.holidays.dates].filter(Boolean).join("; ") || "none"} |`,
    );
  return out;
}

/** The agreement as Markdown. */
export function agreementMarkdown(c: SlaConfig): string {
  const labels = new Map([...c.stages, ...c.outcomes].map((x) => [x.id, x.label]));
  const name = (id: string) => labels.get(id) ?? id;
  return [
    `# ${e(c.name ?? "Service-level agreement")}`,
    "",
    `Times are in ${e(c.timezone)} unless a calendar says otherwise.`,
    "",
    ...stagesMd(c),
    ...definitionsMd(c, name),
    ...engagementsMd(c),
    ...handoffsMd(c, name),
    ...commitmentsMd(c, name),
    ...calendarsMd(c),
    "",
    `${reassignWords(c.onReassign)} ${SKIPPED[c.skippedStages] ?? ""}`,
    "",
    "| Marketing | Sales |",
    "| --- | --- |",
    "| signed: | signed: |",
    "",
  ].join("\n");
}

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch] as string,
  );

/** Markdown list lines ("- x", nested by two spaces) as nested <ul>s. */
function listHtml(lines: string[], inline: (t: string) => string): string {
  let html = "";
  let depth = -1;
  for (const line of lines) {
    const d = (line.length - line.trimStart().length) / 2;
    if (d > depth) html += "<ul>".repeat(d - depth);
    else html += `</li>${"</ul></li>".repeat(depth - d)}`;
    depth = d;
    html += `<li>${inline(line.trimStart().slice(2))}`;
  }
  return `${html}</li>${"</ul></li>".repeat(depth)}</ul>`;
}

/** The agreement as one self-contained HTML page (the Markdown, rendered by a tiny converter: tables, lists, emphasis). */
export function agreementHtml(c: SlaConfig): string {
  return markdownPage(agreementMarkdown(c), c.name ?? "Service-level agreement");
}

/** The agreement's Markdown (headings, lists, tables, emphasis) as one self-contained, printable HTML page. */
export function markdownPage(text: string, title: string): string {
  const css =
    "body{font:15px/1.5 system-ui,sans-serif;max-width:60em;margin:2em auto;color:#111}table{border-collapse:collapse;margin:1em 0}th,td{border:1px solid #bbb;padding:.3em .6em;text-align:left}code{background:#f3f3f3;padding:0 .2em}@media print{body{margin:0}h2{break-after:avoid}table{break-inside:avoid}}";
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${esc(CSP)}"><title>${esc(title)}</title><style>${css}</style></head><body>${markdownBody(text)}</body></html>\n`;
}

/** The HTML of the Markdown these pages write (headings, lists, tables, paragraphs), every text escaped. */
export function markdownBody(text: string): string {
  const md = text.split("\n");
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
    else if (line.startsWith("### ")) body.push(`<h3>${inline(line.slice(4))}</h3>`);
    else if (line.startsWith("- ")) {
      const items: string[] = [];
      for (; /^ *- /.test(md[i] ?? ""); i++) items.push(md[i] as string);
      i--;
      body.push(listHtml(items, inline));
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
  return body.join("\n");
}
