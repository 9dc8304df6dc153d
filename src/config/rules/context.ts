/** What every SLA rule reads and how it reports, and helpers to read the raw document defensively. */

import { closest } from "../../text.js";
import type { DocPath } from "../locate.js";

export type Obj = Record<string, unknown>;
export type Report = (path: DocPath, message: string, hint?: string, part?: "key" | "value") => void;

export interface RuleContext {
  root: Obj;
  /** The SLA file, as given: sources are relative to its folder. */
  file: string;
  stageIds: string[];
  /** The last declared stage, when every stage has an id (else "last" is not known). */
  lastStage: string | undefined;
  outcomeIds: string[];
  report: Report;
}

export const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
export const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

export const suggest = (value: string, candidates: string[], what: string): string => {
  const guess = closest(value, candidates);
  const known = candidates.length ? `declared ${what}: ${candidates.join(", ")}` : `no ${what} are declared`;
  return guess ? `did you mean "${guess}"? ${known}` : known;
};
