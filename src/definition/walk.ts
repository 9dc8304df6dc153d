/** Walks a lead definition's criteria: every criterion, and the lead fields and engagement types they name. */

import type { Criterion, LeadDefinitions, StageDefinition } from "../types.js";

/** Every criterion of a stage's definition, exclusions first, depth first. */
export function* criteriaOf(def: StageDefinition): Generator<Criterion> {
  const stack: Criterion[] = [...def.exclude, def.rule].reverse();
  while (stack.length > 0) {
    const c = stack.pop() as Criterion;
    yield c;
    if (c.kind === "all" || c.kind === "any")
      for (let i = c.of.length - 1; i >= 0; i--) stack.push(c.of[i] as Criterion);
  }
}

/** The lead fields the definitions read (canonical names or leads-file headers), sorted, with where each is first named. */
export function definitionFields(
  defs: LeadDefinitions | null,
): { field: string; line: number; column: number }[] {
  const seen = new Map<string, { field: string; line: number; column: number }>();
  for (const d of defs?.stages ?? [])
    for (const c of criteriaOf(d))
      if (c.kind === "field" && !seen.has(c.field))
        seen.set(c.field, { field: c.field, line: c.line, column: c.column });
  return [...seen.values()].sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}

/** The files `in_file` tests name (paths as the SLA resolves them), sorted and unique. */
export function listFiles(
  defs: LeadDefinitions | null,
): { file: string; path: string; column: string | null }[] {
  const seen = new Map<string, { file: string; path: string; column: string | null }>();
  for (const d of defs?.stages ?? [])
    for (const c of criteriaOf(d))
      if (c.kind === "field" && c.test.kind === "in_file") {
        const key = `${c.test.path}\u0000${c.test.column ?? ""}`;
        if (!seen.has(key)) seen.set(key, { file: c.test.file, path: c.test.path, column: c.test.column });
      }
  return [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}

/** The engagement types the behaviour rules name, sorted. */
export function ruleTypes(defs: LeadDefinitions | null): string[] {
  const types = new Set<string>();
  for (const d of defs?.stages ?? [])
    for (const c of criteriaOf(d)) if (c.kind === "engagement") for (const t of c.types) types.add(t);
  return [...types].sort();
}
