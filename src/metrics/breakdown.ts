/** Breakdowns: the same figures per value of a lead dimension (source, campaign, owner, …). */

import { compareText } from "../errors.js";
import {
  DIMENSION_FIELD,
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
export function dimensionOf(lead: Lead | undefined, by: Dimension): string {
  const v = lead?.[DIMENSION_FIELD[by]];
  return typeof v === "string" && v !== "" ? v : NONE;
}

export interface ConversionGroup {
  key: string;
  leads: number;
  steps: ConversionStep[];
}

/** Cohort conversion per value of `by`, groups sorted by key ("(none)" last). */
export function conversionBy(
  journeys: readonly Journey[],
  leads: ReadonlyMap<string, Lead>,
  by: Dimension,
  config: SlaConfig,
  period: Period,
  asOf: Millis,
): ConversionGroup[] {
  const groups = new Map<string, Journey[]>();
  for (const j of journeys) {
    const key = dimensionOf(leads.get(j.leadId), by);
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
