/** The `definitions` section of the JSON contract: the check at each entry, leakage, validity, engagements. */

import type { HandoffRow } from "./handoff-row.js";

/** One reported criterion at one stage: how many entries it failed (an exclusion: held), and why. */
export interface CriterionRow {
  name: string;
  kind: "exclusion" | "fit" | "behaviour" | "group";
  failed: number;
  /** Fit criteria: entries whose lead had no value, a range only partly inside, or a value that could not be read. */
  missing: number;
  partial: number;
  unreadable: number;
}

/** Entries of one group (a source, a campaign, an owner, a week) into a defined stage. */
export interface DefinitionGroupRow {
  key: string;
  entries: number;
  met: number;
  rate: number | null;
  /** The criterion that failed most among this group's not-met entries (ties: the SLA's order). */
  top_failed: string | null;
}

export interface DefinitionStageRow {
  stage: string;
  entries: number;
  backfilled: number;
  met: number;
  not_met: number;
  rate: number | null;
  criteria: CriterionRow[];
  by: { dimension: string; groups: DefinitionGroupRow[] }[];
}

/** Of the decided entries of one group: how many sales accepted, how many converted. */
export interface OutcomeRates {
  entries: number;
  decided: number;
  accepted: number;
  rate: number | null;
  low: number | null;
  high: number | null;
  converted_decided: number;
  converted: number;
  conversion: number | null;
}

export interface ValidityCriterionRow {
  name: string;
  held: OutcomeRates;
  failed: OutcomeRates;
  /** Acceptance rate where it held minus where it failed. */
  difference: number | null;
  /** Held-entries accepted at a rate no higher than failed-entries, both with at least min_sample decided. */
  contradicted: boolean;
}

export interface ValidityRow {
  stage: string;
  /** The stage whose entry means sales accepted, and the stage that counts as converted. */
  accepted_stage: string | null;
  converted_stage: string;
  met: OutcomeRates;
  not_met: OutcomeRates;
  difference: number | null;
  criteria: ValidityCriterionRow[];
}

export interface DefinitionsSection {
  definition: string;
  /** Lead fields are judged as the export shows them: there is no field history. */
  fields_as_of: "export";
  stages: DefinitionStageRow[];
  /** Marketing's clock from first meeting a definition to passing the lead on (stages with pass_within). */
  leakage: (HandoffRow & { stage: string })[];
  validity: ValidityRow[];
  engagements: { leads_with: number; engagements: number; by_type: { type: string; count: number }[] };
}
