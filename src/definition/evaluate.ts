/** Judges one lead against a stage's written definition: where each criterion holds, and the verdict at an instant. */

import type { Clock } from "../time/clock.js";
import type {
  Criterion,
  EmailClass,
  Engagement,
  EngagementCriterion,
  FieldCriterion,
  Lead,
  Millis,
  StageDefinition,
} from "../types.js";
import { emailClasses } from "./email.js";
import {
  ALWAYS,
  complement,
  contains,
  type Intervals,
  intersect,
  NEVER,
  normalise,
  union,
} from "./intervals.js";
import { CANONICAL, type FieldPlace, listKey } from "./lists.js";
import type { LookupRows } from "./lookup-rows.js";
import { place, readRange, type ValueRange } from "./values.js";

/** What the rules need besides the lead: the `in_file` lists (path → lower-cased values) and the lookback clock. */
export interface DefinitionContext {
  lists: ReadonlyMap<string, ReadonlySet<string>>;
  /** Where each field the rules read is held (Dataset.definitionFields); absent: by its name. */
  fields?: Readonly<Record<string, FieldPlace>>;
  /** Counts business lookbacks (`2bd`); calendar lookbacks are plain arithmetic. */
  clock: Clock;
  /** `trace`: the lookup files' key lines, to name the row a looked-up value came from. */
  lookups?: readonly LookupRows[];
}

/** How a fit criterion found the lead's value; only `held` holds (evidence is required). */
export type FieldState = "held" | "failed" | "missing" | "partial" | "unreadable";

export type PartKind = "exclusion" | "fit" | "behaviour" | "group";

/** A criterion reports count: an exclusion (never: or the stage's own) or a direct member of the top rule. */
export interface Part {
  name: string;
  kind: PartKind;
  criterion: Criterion;
}

/** A lead against one stage: where the definition holds, and where each reported part holds. */
export interface Judgement {
  holds: Intervals;
  parts: { holds: Intervals; state: FieldState | null }[];
}

/** The verdict at one instant: met, and the indexes (into parts) of what failed (an exclusion that held counts). */
export interface Verdict {
  met: boolean;
  failed: number[];
}

/** The parts reports count, exclusions first, in the SLA's order. */
export function partsOf(def: StageDefinition): Part[] {
  const kindOf = (c: Criterion): PartKind =>
    c.kind === "field" ? "fit" : c.kind === "engagement" ? "behaviour" : "group";
  return [
    ...def.exclude.map((c) => ({ name: c.name, kind: "exclusion" as const, criterion: c })),
    ...def.rule.of.map((c) => ({ name: c.name, kind: kindOf(c), criterion: c })),
  ];
}

/** The lead's engagement instants by type, each sorted. */
export function instantsByType(engagements: readonly Engagement[]): Map<string, Millis[]> {
  const out = new Map<string, Millis[]>();
  for (const e of engagements) {
    const list = out.get(e.type);
    if (list) list.push(e.at);
    else out.set(e.type, [e.at]);
  }
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

/** A lead's value of a field: where ingest found it, else a canonical field, or a column of the leads file kept in `extra`. */
export function fieldValue(
  lead: Lead,
  field: string,
  fields?: Readonly<Record<string, FieldPlace>>,
): string | null {
  const at = fields?.[field];
  if (at !== undefined) {
    const raw = "lead" in at ? (lead as unknown as Record<string, unknown>)[at.lead] : lead.extra?.[at.extra];
    const t = typeof raw === "string" ? raw.trim() : "";
    return t === "" ? null : t;
  }
  const canonical = CANONICAL[field];
  // A canonical name the leads source does not map may still be a column's header ("company_size").
  const v = (canonical ? (lead[canonical] as string | null) : null) ?? lead.extra?.[field] ?? null;
  if (v === null) return null;
  const t = v.trim();
  return t === "" ? null : t;
}

/**
 * Compiles a stage's definition once; the result judges one lead at a time. The top rule's set
 * is its members' (the parts after the exclusions) combined. With `withParts` false only `holds`
 * is wanted (parts come back empty): an `all:` rule stops at the first fit member that fails, or
 * a fit exclusion that holds, before any behaviour rule is counted.
 */
export function judge(
  def: StageDefinition,
  ctx: DefinitionContext,
): (lead: Lead, byType: ReadonlyMap<string, readonly Millis[]>, withParts?: boolean) => Judgement {
  const parts = partsOf(def);
  const field = fieldTester(ctx);
  const all = def.rule.kind === "all";
  // Fit parts first: their verdict may settle `holds` without the engagements.
  const visit = parts.map((_, i) => i).sort((a, b) => fitFirst(parts[a]) - fitFirst(parts[b]));
  return (lead, byType, withParts = true) => {
    const judged: Judgement["parts"] = new Array(parts.length);
    for (const i of visit) {
      const c = (parts[i] as Part).criterion;
      const state = c.kind === "field" ? field(c, lead) : null;
      const holds =
        state === null ? holdingSet(c, lead, byType, ctx, field) : state === "held" ? ALWAYS : NEVER;
      judged[i] = { holds, state };
      if (withParts || state === null) continue;
      const excluded = (parts[i] as Part).kind === "exclusion";
      if (excluded ? state === "held" : all && state !== "held") return { holds: NEVER, parts: [] };
    }
    let excluded = NEVER;
    let rule = all ? ALWAYS : NEVER;
    parts.forEach((p, i) => {
      const h = (judged[i] as Judgement["parts"][number]).holds;
      if (p.kind === "exclusion") excluded = union(excluded, h);
      else rule = all ? intersect(rule, h) : union(rule, h);
    });
    return { holds: intersect(rule, complement(excluded)), parts: withParts ? judged : [] };
  };
}

const fitFirst = (p: Part | undefined) => (p?.criterion.kind === "field" ? 0 : 1);

/** Where one criterion holds for a lead (a group: its members' sets combined). */
export function holdingSet(
  c: Criterion,
  lead: Lead,
  byType: ReadonlyMap<string, readonly Millis[]>,
  ctx: DefinitionContext,
  field: FieldTester,
): Intervals {
  if (c.kind === "field") return field(c, lead) === "held" ? ALWAYS : NEVER;
  if (c.kind === "engagement") return behaviourSet(c, byType, ctx.clock);
  const sets = c.of.map((m) => holdingSet(m, lead, byType, ctx, field));
  if (c.kind === "all") return sets.reduce(intersect, ALWAYS);
  return sets.reduce(union, NEVER);
}

/** The verdict at instant t. */
export function verdictAt(parts: readonly Part[], j: Judgement, t: Millis): Verdict {
  const failed: number[] = [];
  parts.forEach((p, i) => {
    const held = contains((j.parts[i] as Judgement["parts"][number]).holds, t);
    if (p.kind === "exclusion" ? held : !held) failed.push(i);
  });
  return { met: contains(j.holds, t), failed };
}

/** A fit criterion's test of one lead, with the regular expressions and ranges read once per distinct text. */
export type FieldTester = (c: FieldCriterion, lead: Lead) => FieldState;

export function fieldTester(ctx: DefinitionContext): FieldTester {
  const regexes = new Map<string, RegExp>();
  const ranges = new Map<string, ValueRange | null>();
  const regex = (pattern: string) => {
    let re = regexes.get(pattern);
    if (re === undefined) {
      re = new RegExp(pattern, "iu");
      regexes.set(pattern, re);
    }
    return re;
  };
  const range = (v: string) => {
    if (!ranges.has(v)) ranges.set(v, readRange(v));
    return ranges.get(v) ?? null;
  };
  return (c, lead) => {
    const v = fieldValue(lead, c.field, ctx.fields);
    if (v === null) return c.negated ? "held" : "missing";
    const t = c.test;
    if (t.kind === "range") {
      const r = range(v);
      if (r === null) return "unreadable";
      const where = place(r, t.min, t.max);
      if (where === "partial") return "partial";
      return (where === "inside") !== c.negated ? "held" : "failed";
    }
    const hit =
      t.kind === "matches"
        ? regex(t.pattern).test(v)
        : t.kind === "in"
          ? t.values.some((x) => x.trim().toLowerCase() === v.toLowerCase())
          : t.kind === "in_file"
            ? (ctx.lists.get(listKey(t.path, t.column))?.has(v.toLowerCase()) ?? false)
            : t.kind === "email"
              ? hasClass(emailClasses(v), t.classes)
              : true;
    return hit !== c.negated ? "held" : "failed";
  };
}

const hasClass = (classes: ReadonlySet<EmailClass>, wanted: readonly EmailClass[]) =>
  wanted.some((k) => classes.has(k));

/**
 * Where "at least n engagements of these types in [t − within, t]" holds: for the sorted instants
 * e, the union over i of [e(i+n−1), end(e(i))], end being e + within on the lookback's clock
 * (t − within ≤ e ⟺ t ≤ e + within, for a clock that never runs backwards). Without `within`,
 * from the n-th engagement on.
 */
export function behaviourSet(
  c: EngagementCriterion,
  byType: ReadonlyMap<string, readonly Millis[]>,
  clock: Clock,
): Intervals {
  const times: Millis[] = [];
  for (const type of c.types) for (const t of byType.get(type) ?? []) times.push(t);
  if (times.length < c.atLeast) return NEVER;
  if (c.types.length > 1) times.sort((a, b) => a - b);
  const n = c.atLeast;
  const w = c.within;
  if (w === null) return [[times[n - 1] as Millis, Number.POSITIVE_INFINITY]];
  const end = lookbackEnd(c, clock);
  const list: [Millis, Millis][] = [];
  for (let i = 0; i + n - 1 < times.length; i++)
    list.push([times[i + n - 1] as Millis, end(times[i] as Millis)]);
  return normalise(list);
}

/** The last instant an engagement at t still counts for a behaviour rule with a lookback: t + within on its clock. */
export function lookbackEnd(c: EngagementCriterion, clock: Clock): (t: Millis) => Millis {
  const w = c.within;
  if (w === null) return () => Number.POSITIVE_INFINITY;
  return (t) => (w.unit === "calendar" ? t + w.amount : clock.deadline(t, w));
}
