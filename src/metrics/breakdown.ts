/** Breakdowns: the same figures per value of a lead dimension (source, campaign, owner, …). */

import { compareText } from "../errors.js";
import {
  DIMENSION_FIELD,
  DIMENSIONS,
  type Dimension,
  type Journey,
  type Lead,
  type Millis,
  type SlaConfig,
} from "../types.js";
import { type ConversionPart, ConversionTally, type Period } from "./conversion.js";
import type { Breakdown, ConversionGroup, FoldedGroups } from "./types.js";

export { DIMENSIONS, type Dimension } from "../types.js";
export type { Breakdown, ConversionGroup } from "./types.js";

export const NONE = "(none)";

/** A lead's value of a dimension; empty values are grouped as "(none)". */
export function dimensionOf(
  lead: Lead | undefined,
  by: string,
  teams?: ReadonlyMap<string, string>,
  owner?: string | null,
): string {
  // Owner and team: the lead's latest owner (a routing queue at creation is not who worked it).
  if (by === "owner") return owner ?? lead?.owner ?? NONE;
  if (by === "segment") return dimensionOf(lead, "company_size");
  if (by === "team") return ((owner ?? lead?.owner) && teams?.get((owner ?? lead?.owner) as string)) || NONE;
  if (!(DIMENSIONS as readonly string[]).includes(by)) return lead?.extra?.[by] || NONE;
  const v = lead?.[DIMENSION_FIELD[by as Dimension]];
  return typeof v === "string" && v !== "" ? v : NONE;
}

/**
 * Whether a breakdown can be made: a known dimension, `team` (needs a reps file), or a column of
 * the leads file; otherwise the names it could be.
 */
export function checkDimension(by: string, hasReps: boolean, columns: readonly string[]): string | null {
  if ((DIMENSIONS as readonly string[]).includes(by) || by === "segment" || columns.includes(by)) return null;
  if (by === "team") return hasReps ? null : "--by team needs a reps file with a team column (sources.reps)";
  return `--by ${by}: not a dimension (${[...DIMENSIONS, "team", "segment"].join(", ")}) nor a column of the leads file (${columns.join(", ") || "none left unmapped"})`;
}

/** Cohort conversion per value of `by`, lead after lead. */
export class BreakdownTally {
  private readonly groups = new Map<string, { leads: number; tally: ConversionTally }>();

  constructor(
    private readonly by: string,
    private readonly config: SlaConfig,
    private readonly period: Period,
    private readonly asOf: Millis,
    private readonly teams?: ReadonlyMap<string, string>,
  ) {}

  /** One lead's journeys; `owner`: its latest owner. */
  add(lead: Lead | undefined, journeys: readonly Journey[], owner?: string | null): void {
    if (journeys.length === 0) return;
    const g = this.group(dimensionOf(lead, this.by, this.teams, owner));
    g.leads++;
    for (const j of journeys) g.tally.add(j);
  }

  part(): [string, number, ConversionPart][] {
    return [...this.groups].map(([key, g]) => [key, g.leads, g.tally.part()]);
  }

  /** Adds another part's groups (parts share no lead); groups new here come after. */
  merge(part: readonly [string, number, ConversionPart][]): void {
    for (const [key, leads, p] of part) {
      const g = this.group(key);
      g.leads += leads;
      g.tally.merge(p);
    }
  }

  private group(key: string): { leads: number; tally: ConversionTally } {
    let g = this.groups.get(key);
    if (!g) {
      g = { leads: 0, tally: new ConversionTally(this.config, this.period, this.asOf) };
      this.groups.set(key, g);
    }
    return g;
  }

  /** Groups sorted by key ("(none)" last). */
  rows(): ConversionGroup[] {
    return this.fold(null).groups;
  }

  /**
   * The `top` groups with the most leads (ties: by key, so the same data keeps the same groups),
   * listed by key with "(none)" last; the others folded into one group whose figures are theirs
   * added up (groups share no lead, so the sums are exact). `top` null keeps every group.
   */
  fold(top: number | null): Omit<Breakdown, "by"> {
    const all = [...this.groups];
    let kept = all;
    let rest: typeof all = [];
    if (top !== null && all.length > top) {
      const ranked = all.sort(([a, x], [b, y]) => y.leads - x.leads || compareText(a, b));
      kept = ranked.slice(0, top);
      rest = ranked.slice(top);
    }
    let other: FoldedGroups | null = null;
    if (rest.length > 0) {
      const sum = new ConversionTally(this.config, this.period, this.asOf);
      let leads = 0;
      for (const [, g] of rest) {
        sum.absorb(g.tally);
        leads += g.leads;
      }
      other = { groups: rest.length, leads, steps: sum.rows() };
    }
    const groups = kept
      .sort(([a], [b]) => (a === NONE ? 1 : b === NONE ? -1 : compareText(a, b)))
      .map(([key, g]) => ({ key, leads: g.leads, steps: g.tally.rows() }));
    return { top, groups_total: all.length, groups, other };
  }
}

/** Cohort conversion per value of `by`, groups sorted by key ("(none)" last). */
export function conversionBy(
  journeys: readonly Journey[],
  leads: ReadonlyMap<string, Lead>,
  by: string,
  config: SlaConfig,
  period: Period,
  asOf: Millis,
  teams?: ReadonlyMap<string, string>,
  owners?: ReadonlyMap<string, string | null>,
): ConversionGroup[] {
  const byLead = new Map<string, Journey[]>();
  for (const j of journeys) {
    const list = byLead.get(j.leadId);
    if (list) list.push(j);
    else byLead.set(j.leadId, [j]);
  }
  const t = new BreakdownTally(by, config, period, asOf, teams);
  for (const [id, js] of byLead) t.add(leads.get(id), js, owners?.get(id));
  return t.rows();
}
