/** The written lead definition and the engagements it counts, in the agreement's plain words. */

import type { Criterion, FieldTest, SlaConfig, SourceDef, StageDefinition } from "../types.js";
import { code, either, windowWords } from "./agreement-words.js";
import { escapeMd as e } from "./markdown.js";

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const PAIR = "\u0000";
/** A raw type value as written (a pair `4 + Form`). */
const raw = (v: string) => code(v.split(PAIR).join(" + "));

const EMAIL: Record<string, string> = {
  free: "free (webmail)",
  disposable: "disposable",
  role: "role (info@, sales@)",
  invalid: "invalid",
  business: "business",
};

function testWords(field: string, t: FieldTest, negated: boolean): string {
  const f = `**${e(field)}**`;
  switch (t.kind) {
    case "matches":
      return `${f} ${negated ? "does not match" : "matches"} ${code(t.pattern)} (a pattern, ignoring case)`;
    case "in":
      return `${f} is ${negated ? "none" : "one"} of ${either(t.values.map(code))} (ignoring case)`;
    case "in_file":
      return `${f} is listed in ${code(t.file)}${t.column ? ` (column ${code(t.column)})` : " (its first column)"}`;
    case "range":
      if (t.min !== null && t.max !== null)
        return `${f} is between ${t.min} and ${t.max} (a range such as 10-49 must lie entirely inside)`;
      return t.min !== null ? `${f} is at least ${t.min}` : `${f} is at most ${t.max}`;
    case "email":
      return `${f} is a ${either(t.classes.map((c) => EMAIL[c] ?? c))} address`;
    case "present":
      return `${f} is filled in`;
  }
}

/** One criterion as a list item (groups as nested lists), its report name in bold. */
export function criterionMd(c: Criterion, depth: number): string[] {
  const pad = "  ".repeat(depth);
  const name = `**${e(c.name)}**`;
  if (c.kind === "all" || c.kind === "any")
    return [
      `${pad}- ${name}: ${c.kind === "all" ? "all" : "any"} of:`,
      ...c.of.flatMap((x) => criterionMd(x, depth + 1)),
    ];
  if (c.kind === "engagement") {
    const what = `${c.atLeast === 1 ? "at least one" : `at least ${c.atLeast}`} ${either(c.types.map(code))} engagement${c.atLeast === 1 ? "" : "s"}`;
    return [
      `${pad}- ${name}: ${what} ${c.within ? `in the ${windowWords(c.within)} before` : "at any time before"}`,
    ];
  }
  if (c.kind === "field") return [`${pad}- ${name}: ${testWords(c.field, c.test, c.negated)}`];
  return [];
}

/** Marketing's own clock for a stage, in one sentence; nothing when the stage has none. */
function passClock(d: StageDefinition, label: string, defaultCalendar: string | null): string[] {
  if (!d.passWithin) return [];
  const business = d.passWithin.unit !== "calendar";
  const calendar = d.passCalendar ?? defaultCalendar;
  const where = !business
    ? "counted around the clock"
    : `working time on the ${e(calendar ?? "default")} calendar`;
  const goal = d.passTarget === null ? "" : ` The goal: **${pct(d.passTarget)}** passed in time.`;
  return [
    "",
    `Marketing passes a lead on as **${e(label)}** within **${windowWords(d.passWithin)}** (${where}) of the moment it first meets this definition.${goal}`,
  ];
}

/** Per defined stage: the criteria, the go-nowhere list, marketing's pass clock. Nothing without definitions. */
export function definitionsMd(c: SlaConfig, name: (id: string) => string): string[] {
  const d = c.definitions;
  if (!d) return [];
  const never = d.never ?? [];
  const out = ["", "## Which leads count (the written definitions)", ""];
  out.push(
    "Each entry into a defined stage is checked at the moment it happens: lead fields as exported, engagements before that moment.",
  );
  if (never.length)
    out.push(
      "",
      "Leads that never count, at any stage (go-nowhere):",
      "",
      ...never.flatMap((x) => criterionMd(x, 0)),
    );
  for (const s of d.stages) {
    const label = name(s.stage);
    const own = s.exclude.slice(never.length);
    out.push(
      "",
      `### ${e(label)}`,
      "",
      `A lead counts as **${e(label)}** when ${s.rule.kind === "all" ? "all" : "any"} of:`,
      "",
      ...s.rule.of.flatMap((x) => criterionMd(x, 0)),
    );
    if (own.length)
      out.push(
        "",
        `and none of${never.length ? " (besides the go-nowhere list)" : ""}:`,
        "",
        ...own.flatMap((x) => criterionMd(x, 0)),
      );
    out.push(...passClock(s, label, c.defaultCalendar));
  }
  return out;
}

/** How one source's rows become engagements, as list items. */
function sourceMd(s: SourceDef): string[] {
  const m = s.engagement;
  if (!m) return [];
  const lead =
    m.matchBy === "email"
      ? `the e-mail in ${either((s.columns.lead_email ?? []).map(code))}`
      : `the lead id in ${either((s.columns.lead_id ?? []).map(code))}`;
  const out = [
    `From ${code(s.file)} (the lead: ${lead}; the time: ${either((s.columns.at ?? []).map(code))}):`,
    "",
  ];
  if (m.fixedType) out.push(`- every row is a **${e(m.fixedType)}**`);
  const column = (s.columns.type ?? []).map(code).join(m.typePair ? " + " : " or ");
  for (const r of m.rules) {
    const conditions = [
      r.detailIn.length ? `with the detail ${either(r.detailIn.map(code))}` : "",
      r.detailContains !== null ? `whose detail contains ${code(r.detailContains)}` : "",
    ].filter(Boolean);
    out.push(
      `- **${e(r.type)}**: ${column} is ${either(r.values.map(raw))}${conditions.length ? `, ${conditions.join(" and ")}` : ""}`,
    );
  }
  if (m.ignore.length) out.push(`- not engagements (left out): ${m.ignore.map(raw).join(", ")}`);
  for (const [col, values] of Object.entries(m.where))
    out.push(`- only rows whose ${code(col)} is ${either(values.map(code))}`);
  return out;
}

/** The engagement types and which raw values each source maps to them; nothing without engagements. */
export function engagementsMd(c: SlaConfig): string[] {
  const sources = c.sources.engagements ?? [];
  const types = c.definitions?.engagementTypes ?? [];
  if (sources.length === 0 && types.length === 0) return [];
  const out = ["", "## Engagements (what the behaviour rules count)", ""];
  if (types.length) out.push(`Engagement types: ${types.map((t) => `**${e(t)}**`).join(", ")}.`);
  for (const s of sources) out.push("", ...sourceMd(s));
  return out;
}
