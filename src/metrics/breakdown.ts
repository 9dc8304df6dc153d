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
import { computeConversion, type Period } from "./conversion.js";
import type { ConversionStep } from "./types.js";

export { DIMENSIONS, type Dimension } from "../types.js";

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

export interface ConversionGroup {
  key: string;
  leads: number;
  steps: ConversionStep[];
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
  const groups = new Map<string, Journey[]>();
  for (const j of journeys) {
    const key = dimensionOf(leads.get(j.leadId), by, teams, owners?.get(j.leadId));
    const list = groups.get(key);
    if (list) list.push(j);
    else groups.set(key, [j]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a === NONE ? 1 : b === NONE ? -1 : compareText(a, b)))
    .map(([key, js]) => ({
      key,
      leads: new Set(js.map((j) => j.leadId)).size,
      steps: computeConversion(js, config, period, asOf),
    }));
}
