/** The lead definition as people read it, shared by the terminal tables and the plain ones: names, notes, the summary line. */

import type { DefinitionStageRow, DefinitionsSection } from "../metrics/definition-types.js";
import type { Report } from "../metrics/types.js";
import { count, pct } from "./format.js";

/** The dimensions the groups are reported by, in this order (any other after them). */
const DIMENSIONS = ["source", "campaign", "owner", "week"];

/** Where an exclusion failed an entry it is named so: "never: free mail". */
export const criterionName = (c: { name: string; kind: string }) =>
  c.kind === "exclusion" ? `never: ${c.name}` : c.name;

/** The sentence every format says under the per-criterion validity table. */
export const CONTRADICTED =
  "contradicted: entries where the criterion held were accepted at a rate no higher than entries where it failed (an exclusion: no lower), each side with at least the minimum sample decided";

/** A validity row's criteria named as the check names them ("never: …" for an exclusion). */
export const validityNames = (d: DefinitionsSection, v: { stage: string; criteria: { name: string }[] }) => {
  const checked = d.stages.find((s) => s.stage === v.stage)?.criteria ?? [];
  // Both lists hold the stage's criteria in the SLA's order.
  return v.criteria.map((c, i) => {
    const same = checked[i];
    return same?.name === c.name ? criterionName(same) : c.name;
  });
};

/** Every dimension the stages were grouped by, in DIMENSIONS order. */
export function dimensionsOf(stages: readonly DefinitionStageRow[]): string[] {
  const all = [...new Set(stages.flatMap((s) => s.by.map((b) => b.dimension)))];
  const rank = (x: string) => (DIMENSIONS.includes(x) ? DIMENSIONS.indexOf(x) : DIMENSIONS.length);
  return all.sort((a, b) => rank(a) - rank(b));
}

/** Groups a page or a comment shows per stage and dimension; the CSV and JSON keep them all. */
export const SHOWN_GROUPS = 10;

/** "mql 70.0% of 120 entries met the definition": the check in one line, for a report's summary. */
export function definitionSummary(r: Report): string | null {
  const stages = r.definitions?.stages ?? [];
  if (stages.length === 0) return null;
  const parts = stages.map((s) => `${s.stage} ${pct(s.rate)} of ${count(s.entries)} entries`);
  return `Lead definition met by ${parts.join(", ")}`;
}
