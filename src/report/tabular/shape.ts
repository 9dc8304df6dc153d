/** The plain table every text format renders: raw cells, no colour, one id per table. */

import type { Section } from "../sections.js";

export type Cell = string | number | boolean | null;

export interface Tabular {
  /** File-name-safe id: "conversion", "compliance-first-touch". */
  id: string;
  section: Section;
  title: string;
  note: string;
  head: string[];
  rows: Cell[][];
  /** Columns holding shares (0..1), shown as percentages in text formats. */
  shares: number[];
}

/** The file-name part of an id: lower-case letters and digits, dashes between (rules.ts refuses two handoffs with one). */
export const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
