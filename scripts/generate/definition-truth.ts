/** What the lead definition of sla.example.yaml finds in the generated engagements: the manifest's classes. */

/** Lead ids and MQL entries of one class of the planted truth. */
export interface TruthClass {
  leadIds: string[];
  entries: number;
}

/** What the definition in sla.example.yaml finds in the generated data (see scripts/generate/engagements.ts). */
export interface DefinitionTruth {
  badgeScans: TruthClass;
  recycledSoon: TruthClass;
  tooSmall: TruthClass;
  consultants: TruthClass;
  competitors: TruthClass;
  studentsInterns: TruthClass;
  passedLate: TruthClass;
  neverPassed: TruthClass;
  /** MQL entries of clean fit leads with intent just before the MQL: met, and marketing's clock met. */
  passedOnTime: TruthClass;
  /** MQL rows (as walked, before the replay) of leads with planted data problems: not met. */
  dataProblems: TruthClass;
}

export type TruthKind = keyof DefinitionTruth;

export const TRUTH_KINDS: readonly TruthKind[] = [
  "badgeScans",
  "passedLate",
  "neverPassed",
  "competitors",
  "studentsInterns",
  "tooSmall",
  "consultants",
  "recycledSoon",
  "passedOnTime",
  "dataProblems",
];

/** Every class empty. */
export function newTruth(): DefinitionTruth {
  return Object.fromEntries(
    TRUTH_KINDS.map((k) => [k, { leadIds: [], entries: 0 }]),
  ) as unknown as DefinitionTruth;
}
