/** Breakdowns: the same figures per value of a lead dimension (source, campaign, owner, …). */

import { compareText } from "../errors.js";
import type { Journey, Lead, Millis, SlaConfig } from "../types.js";
import { computeConversion, type Period } from "./conversion.js";
import type { ConversionStep } from "./types.js";

export const DIMENSIONS = [
  "source",
  "campaign",
  "owner",
  "company",
  "country",
  "title",
  "company_size",
] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const NONE = "(none)";

const FIELD: Record<Dimension, keyof Lead> = {
  source: "source",
  campaign: "campaign",
  owner: "owner",
  company: "company",
  country: "country",
  title: "title",
  company_size: "companySize",
};

/** A lead's value of a dimension; empty values are grouped as "(none)". */
export function dimensionOf(lead: Lead | undefined, by: Dimension): string {
  const v = lead?.[FIELD[by]];
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
