/** Schema-valid `definitions:` -> the typed lead definitions: criteria named, windows read, list files joined. */

import { isAbsolute, join } from "node:path";
import type {
  Criterion,
  FieldTest,
  GroupCriterion,
  LeadDefinitions,
  Span,
  StageDefinition,
} from "../types.js";
import type { DocPath, Locator } from "./locate.js";
import type { RawCriterion, RawSla, RawStageDefinition } from "./schema.js";
import { parseWindow } from "./window.js";

/** A window as the SLA writes it and what the clock makes of it (the rules refused unreadable ones). */
export const toSpan = (text: string): Span => ({
  text: text.trim(),
  ...(parseWindow(text) ?? { unit: "calendar", amount: 0 }),
});

const nowhere: Locator = () => ({ line: 0, column: 0 });

/** The typed definitions, stages in waterfall order; null when the SLA has no `definitions:`. */
export function normalizeDefinitions(
  raw: RawSla,
  baseDir: string,
  locate: Locator = nowhere,
): LeadDefinitions | null {
  const defs = raw.definitions as
    | (Record<string, RawStageDefinition | RawCriterion[] | undefined> & {
        never?: RawCriterion[];
      })
    | undefined;
  if (!defs) return null;
  const read = (c: RawCriterion, path: DocPath): Criterion => toCriterion(c, path, baseDir, locate);
  const stages: StageDefinition[] = [];
  for (const { id } of raw.stages) {
    const d = defs[id] as RawStageDefinition | undefined;
    if (!d || id === "never") continue;
    const top = d.all ? "all" : "any";
    const path = ["definitions", id];
    const pos = locate([...path, top], "key");
    const rule: GroupCriterion = {
      kind: top,
      name: `the ${id} definition`,
      line: pos.line,
      column: pos.column,
      of: (d[top] ?? []).map((c, i) => read(c, [...path, top, i])),
    };
    const exclude = [
      ...(defs.never ?? []).map((c, i) => read(c, ["definitions", "never", i])),
      ...(d.exclude ?? []).map((c, i) => read(c, [...path, "exclude", i])),
    ];
    uniqueNames([...exclude, ...rule.of]);
    stages.push({
      stage: id,
      rule,
      exclude,
      passWithin: d.pass_within ? toSpan(d.pass_within) : null,
      passTarget: d.target ?? null,
      passCalendar: d.calendar ?? null,
    });
  }
  const never = (defs.never ?? []).map((c, i) => read(c, ["definitions", "never", i]));
  uniqueNames(never);
  return { engagementTypes: raw.engagement_types ?? [], stages, never };
}

function toCriterion(c: RawCriterion, path: DocPath, baseDir: string, locate: Locator): Criterion {
  const { line, column } = locate(path);
  const name = c.name?.trim() || criterionName(c);
  const group = c.all ? "all" : c.any ? "any" : null;
  if (group) {
    const of = (c[group] ?? []).map((x, i) => toCriterion(x, [...path, group, i], baseDir, locate));
    return { kind: group, name, line, column, of };
  }
  if (c.engagement !== undefined)
    return {
      kind: "engagement",
      name,
      line,
      column,
      types: typeList(c.engagement),
      atLeast: c.at_least ?? 1,
      within: c.within ? toSpan(c.within) : null,
    };
  return {
    kind: "field",
    name,
    line,
    column,
    field: c.field ?? "",
    test: fieldTest(c, baseDir),
    negated: c.not_matches !== undefined || c.not_in !== undefined,
  };
}

const typeList = (t: string | string[]) => (Array.isArray(t) ? t : [t]);
const texts = (xs: (string | number)[]) => xs.map((x) => String(x).trim());

function fieldTest(c: RawCriterion, baseDir: string): FieldTest {
  const pattern = c.matches ?? c.not_matches;
  if (pattern !== undefined) return { kind: "matches", pattern };
  const values = c.in ?? c.not_in;
  if (values !== undefined) return { kind: "in", values: texts(values) };
  if (c.in_file !== undefined)
    return {
      kind: "in_file",
      file: isAbsolute(c.in_file) ? c.in_file : join(baseDir, c.in_file),
      path: isAbsolute(c.in_file) ? c.in_file : join(baseDir, c.in_file),
      column: c.column ?? null,
    };
  if (c.between) return { kind: "range", min: c.between[0], max: c.between[1] };
  if (c.at_least !== undefined) return { kind: "range", min: c.at_least, max: null };
  if (c.at_most !== undefined) return { kind: "range", min: null, max: c.at_most };
  if (c.email) return { kind: "email", classes: c.email };
  return { kind: "present" };
}

/** A short plain name written from the rule: `title matches vp|director`, `≥3 pricing_view in 14d`. */
export function criterionName(c: RawCriterion): string {
  if (c.all || c.any) {
    const kind = c.all ? "all" : "any";
    return `${kind} of (${(c.all ?? c.any ?? []).map((x) => x.name?.trim() || criterionName(x)).join("; ")})`;
  }
  if (c.engagement !== undefined) {
    const n = c.at_least ?? 1;
    const types = typeList(c.engagement).join("|");
    return `${n > 1 ? `≥${n} ` : ""}${types} ${c.within ? `in ${c.within.trim()}` : "ever"}`;
  }
  const f = c.field ?? "";
  if (c.matches !== undefined) return `${f} matches ${c.matches}`;
  if (c.not_matches !== undefined) return `${f} does not match ${c.not_matches}`;
  if (c.in !== undefined) return `${f} in ${texts(c.in).join(", ")}`;
  if (c.not_in !== undefined) return `${f} not in ${texts(c.not_in).join(", ")}`;
  if (c.in_file !== undefined) return `${f} in ${c.in_file}${c.column ? ` (${c.column})` : ""}`;
  if (c.between) return `${f} ${c.between[0]}–${c.between[1]}`;
  if (c.at_least !== undefined) return `${f} ≥ ${c.at_least}`;
  if (c.at_most !== undefined) return `${f} ≤ ${c.at_most}`;
  if (c.email) return `${f === "email" ? "e-mail" : f} ${c.email.join("|")}`;
  return `${f} present`;
}

/** Names are unique within a stage: a repeated one gets " (2)", " (3)", … in document order. */
function uniqueNames(criteria: Criterion[]): void {
  const seen = new Map<string, number>();
  const visit = (c: Criterion) => {
    const n = (seen.get(c.name) ?? 0) + 1;
    seen.set(c.name, n);
    if (n > 1) {
      let k = n;
      while (seen.has(`${c.name} (${k})`)) k++;
      const base = c.name;
      c.name = `${base} (${k})`;
      seen.set(c.name, 1);
      seen.set(base, k);
    }
    if (c.kind === "all" || c.kind === "any") for (const x of c.of) visit(x);
  };
  for (const c of criteria) visit(c);
}
