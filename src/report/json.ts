/** Report -> JSON (schema_version 1): the stable contract CI jobs read (docs/json-contract.md). */

import type { Report } from "../metrics/types.js";
import { inertJson } from "../text.js";
import type { Section } from "./table.js";

const ENVELOPE = [
  "schema_version",
  "sla",
  "as_of",
  "period",
  "confidence",
  "snapshot",
  "coverage",
  "inputs",
  "baseline",
] as const;
const KEYS: Record<Section, (keyof Report)[]> = {
  conversion: ["stages", "conversion", "trends"],
  latency: ["latency"],
  compliance: ["compliance"],
  commitments: ["commitments", "feedback"],
  quality: ["quality"],
};

/** The envelope, the chosen sections in report order, and the check; two-space indent, trailing newline. */
export function renderJson(report: Report, sections: readonly Section[]): string {
  const wanted = new Set<keyof Report>([...ENVELOPE, ...sections.flatMap((s) => KEYS[s]), "check"]);
  const picked = Object.fromEntries(Object.entries(report).filter(([k]) => wanted.has(k as keyof Report)));
  return `${inertJson(JSON.stringify(picked, null, 2))}\n`;
}
