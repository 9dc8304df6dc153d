/** Report -> JSON (schema_version 1): the stable contract CI jobs read. */

import type { Report } from "../metrics/types.js";
import type { Section } from "./table.js";

/** The whole report, or its envelope with only the chosen sections; two-space indent, trailing newline. */
export function renderJson(report: Report, sections: readonly Section[]): string {
  const { conversion, latency, compliance, quality, stages, ...envelope } = report;
  const all = { stages, conversion, latency, compliance, quality };
  const picked: Record<string, unknown> = { ...envelope };
  if (sections.includes("conversion")) picked.stages = stages;
  for (const s of sections) picked[s] = all[s];
  return `${JSON.stringify(picked, null, 2)}\n`;
}
