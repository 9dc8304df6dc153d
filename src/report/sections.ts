/** The report's sections, in the order every format shows them. */

export type Section =
  | "conversion"
  | "latency"
  | "compliance"
  | "commitments"
  | "definitions"
  | "money"
  | "quality";
export const SECTIONS: readonly Section[] = [
  "conversion",
  "latency",
  "compliance",
  "commitments",
  "definitions",
  "money",
  "quality",
];
