/** The report as plain tables (raw values, no colour): one source for the Markdown, CSV and HTML reports. */

// So they always show the same rows and columns. Each section's tables are built in tabular/.

import type { Report } from "../metrics/types.js";
import type { Section } from "./table.js";
import { commitmentsTables } from "./tabular/commitments.js";
import { complianceTables } from "./tabular/compliance.js";
import { conversionTables } from "./tabular/conversion.js";
import { definitionsTables } from "./tabular/definitions.js";
import { latencyTables } from "./tabular/latency.js";
import { moneyTables } from "./tabular/money.js";
import { baselineTables, qualityTables } from "./tabular/quality.js";
import type { Tabular } from "./tabular/shape.js";

export { type Cell, slug, type Tabular } from "./tabular/shape.js";

/** Each section's heading in the Markdown and HTML reports. */
export const SECTION_TITLES: Record<Section, string> = {
  conversion: "Conversion",
  latency: "Handoff SLAs",
  compliance: "Rep follow-up compliance",
  commitments: "Who kept their word",
  definitions: "Lead definition",
  money: "Pipeline and revenue",
  quality: "Data quality",
};

const BUILD: Record<Section, (r: Report) => Tabular[]> = {
  conversion: conversionTables,
  latency: latencyTables,
  compliance: complianceTables,
  commitments: commitmentsTables,
  definitions: definitionsTables,
  money: moneyTables,
  quality: qualityTables,
};

/** The chosen sections as plain tables, in section order (the week-over-week table first). */
export function reportTables(report: Report, sections: readonly Section[]): Tabular[] {
  return [...baselineTables(report), ...sections.flatMap((s) => BUILD[s](report))];
}
