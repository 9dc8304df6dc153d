/** `sla diff`: what changed in the agreement, in the words and look of `sla render` (Markdown and HTML). */

import type { AgreementChange, Part } from "../config/diff.js";
import type { CalendarDef, Criterion, HandoffDef, SlaConfig, SourceDef } from "../types.js";
import {
  answeredBy,
  countedOn,
  dayWords,
  handoffSentence,
  hours,
  markdownPage,
  type Name,
  pct,
  reassignWords,
  SKIPPED,
} from "./agreement.js";
import { criterionMd } from "./agreement-definitions.js";
import { code, either, windowWords } from "./agreement-words.js";
import { escapeMd as e } from "./markdown.js";
import { commitmentWords, definitionWords, listChange, valueWords } from "./sla-diff-words.js";

const TITLES: Record<Part, string> = {
  agreement: "The agreement",
  stage: "Stages",
  outcome: "Outcomes",
  definition: "Lead definition",
  handoff: "Who acts, by when",
  commitments: "Commitments",
  calendar: "Calendars",
  assign: "Who works on which calendar",
  policy: "Policies",
  source: "Sources (the files read)",
};

type Words = (c: AgreementChange, name: Name, pair: [SlaConfig, SlaConfig]) => string[];

const stageLike =
  (kind: string): Words =>
  (c, name) => {
    const x = (c.after ?? c.before) as { label: string; matches: string[] };
    const it = `**${e(name(c.id))}** (${code(c.id)})`;
    if (c.before === null) return [`New ${kind} ${it}, meaning ${either(x.matches.map(code))}.`];
    if (c.after === null) return [`The ${kind} ${it} is removed.`];
    if (c.what === "matches")
      return [`${it}: ${listChange(c.before as string[], c.after as string[], "raw values")}.`];
    if (c.what === "label")
      return [
        `The ${kind} ${code(c.id)} is now called **${e(String(c.after))}** (was ${e(String(c.before))}).`,
      ];
    return [`${it}: ${c.what} ${valueWords(c.after)} (was ${valueWords(c.before)}).`];
  };

function handoffWords(c: AgreementChange, name: Name, pair: [SlaConfig, SlaConfig]): string[] {
  if (c.before === null) return [`New: ${handoffSentence(c.after as HandoffDef, name)}`];
  if (c.after === null) return [`Removed: ${handoffSentence(c.before as HandoffDef, name)}`];
  const id = `**${e(c.id)}**`;
  // A field changed: the handoff as each file states it, worded as `sla render` words it.
  const [a, b] = pair.map((x) => x.handoffs.find((h) => h.id === c.id) as HandoffDef);
  if (!a || !b) return [];
  const was = (now: string, before: string) => `${id}: ${now} instead of ${before}.`;
  switch (c.what) {
    case "within":
      return [was(`answered within **${windowWords(b.within)}**`, `**${windowWords(a.within)}**`)];
    case "target":
      return [was(`the goal is **${pct(b.target)}** of leads answered in time`, `**${pct(a.target)}**`)];
    case "from":
      return [was(`starts when a lead becomes **${e(name(b.from))}**`, `**${e(name(a.from))}**`)];
    case "to":
    case "activity":
      return [was(`answered by ${e(answeredBy(b, name))}`, e(answeredBy(a, name)))];
    case "calendar":
      return [was(`time is ${countedOn(b)}`, countedOn(a))];
    default:
      return [`${id}: the description is now “${e(b.description ?? "")}” (was “${e(a.description ?? "")}”).`];
  }
}

function calendarWords(c: AgreementChange): string[] {
  const id = `**${e(c.id)}**`;
  if (c.before === null || c.after === null) {
    const cal = (c.after ?? c.before) as CalendarDef;
    const what = `${dayWords(cal.days)}, ${hours(cal)}`;
    return [c.before === null ? `New calendar ${id}: ${what}.` : `The calendar ${id} (${what}) is removed.`];
  }
  switch (c.what) {
    case "days":
      return [`${id}: works ${dayWords(c.after as string[])} instead of ${dayWords(c.before as string[])}.`];
    case "hours":
      return [
        `${id}: hours ${hours({ hours: c.after as CalendarDef["hours"] })} instead of ${hours({ hours: c.before as CalendarDef["hours"] })}.`,
      ];
    case "holidays.dates":
      return [`${id}: ${listChange(c.before as string[], c.after as string[], "holidays")}.`];
    case "holidays.country": {
      const words = (v: unknown) => {
        const [country, region] = v as [string | null, string | null];
        return country
          ? `the public holidays of ${country}${region ? `-${region}` : ""}`
          : "no public holidays";
      };
      return [`${id}: ${words(c.after)} instead of ${words(c.before)}.`];
    }
    default:
      return [
        `${id}: the time zone is ${e(String(c.after ?? "each rep's own"))} instead of ${e(String(c.before ?? "each rep's own"))}.`,
      ];
  }
}

function policyWords(c: AgreementChange): string[] {
  if (c.what === "on reassign")
    return [
      `${reassignWords(c.after as SlaConfig["onReassign"])} (Before: ${reassignWords(c.before as SlaConfig["onReassign"]).replace(/\.$/, "")}.)`,
    ];
  if (c.what === "skipped stages")
    return [`${SKIPPED[String(c.after)] ?? ""} (Before: ${SKIPPED[String(c.before)] ?? ""})`];
  return [`${c.what}: ${valueWords(c.after)} (was ${valueWords(c.before)}).`];
}

function sourceWords(c: AgreementChange): string[] {
  const s = (c.after ?? c.before) as SourceDef & { key: string };
  const it = `${code(s.path)} (${s.kind.replace("_", " ")})`;
  if (c.before === null) return [`Reads ${it} too.`];
  if (c.after === null) return [`No longer reads ${it}.`];
  const keys = c.after as string[];
  return [
    `${code(c.id.slice(c.id.indexOf(" ") + 1))}: ${either(
      keys.map((k) => k.replace(/([A-Z])/g, " $1").toLowerCase()),
      "and",
    )} ${keys.length === 1 ? "changes" : "change"}.`,
  ];
}

function assignWords(c: AgreementChange): string[] {
  if (c.what === "default calendar")
    return [`Owners nobody assigns work on ${valueWords(c.after)} (was ${valueWords(c.before)}).`];
  const [a, b] = [c.before, c.after] as Record<string, string>[];
  return [...new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})])]
    .sort()
    .filter((k) => a?.[k] !== b?.[k])
    .map(
      (k) =>
        `${c.what === "teams" ? "Team" : "Rep"} **${e(k)}**: ${valueWords(b?.[k] ?? null)} calendar (was ${valueWords(a?.[k] ?? null)}).`,
    );
}

const WORDS: Record<Part, Words> = {
  agreement: (c) => [
    c.what === "name"
      ? `The agreement is now called **${e(String(c.after ?? "(no name)"))}** (was ${e(String(c.before ?? "(no name)"))}).`
      : `Times are in **${e(String(c.after))}** instead of ${e(String(c.before))}.`,
  ],
  stage: stageLike("stage"),
  outcome: stageLike("outcome"),
  definition: (c, name) => definitionWords(c, name, (x: Criterion) => criterionMd(x, 1)),
  handoff: handoffWords,
  commitments: (c, name) => commitmentWords(c, name),
  calendar: calendarWords,
  assign: assignWords,
  policy: policyWords,
  source: sourceWords,
};

/** The changes as Markdown: a heading per part, a list item per change; "No change" when there is none. */
export function slaDiffMarkdown(a: SlaConfig, b: SlaConfig, changes: readonly AgreementChange[]): string {
  const labels = new Map(
    [...a.stages, ...a.outcomes, ...b.stages, ...b.outcomes].map((x) => [x.id, x.label]),
  );
  const name = (id: string) => labels.get(id) ?? id;
  const side = (c: SlaConfig) => `${c.name ? `**${e(c.name)}** ` : ""}(${code(c.file)})`;
  const out = [`# What changed in the agreement`, "", `From ${side(a)} to ${side(b)}.`];
  if (changes.length === 0) out.push("", "No change: both files state the same agreement.");
  for (const part of Object.keys(TITLES) as Part[]) {
    const mine = changes.filter((c) => c.part === part);
    if (mine.length === 0) continue;
    out.push("", `## ${TITLES[part]}`, "");
    for (const c of mine) {
      const [first, ...rest] = WORDS[part](c, name, [a, b]);
      if (first !== undefined) out.push(`- ${first}`, ...rest);
    }
  }
  return `${out.join("\n")}\n`;
}

/** The same, as one printable HTML page that looks like `sla render --format html`. */
export function slaDiffHtml(a: SlaConfig, b: SlaConfig, changes: readonly AgreementChange[]): string {
  return markdownPage(slaDiffMarkdown(a, b, changes), `What changed: ${b.name ?? b.file}`);
}
