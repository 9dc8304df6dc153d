/** Report -> terminal tables (tables/common.ts draws them); colour only through the Style passed in. */

import type { Report } from "../metrics/types.js";
import { count, shortIso } from "./format.js";
import type { Section } from "./sections.js";
import { SECTIONS } from "./sections.js";
import type { Style } from "./style.js";
import { baselineTable, checkList, commitmentsTable, feedbackTable } from "./tables/commitments.js";
import { definitionsTables } from "./tables/definitions.js";
import { breakdownTable, conversionTable, stagesTable } from "./tables/funnel.js";
import { moneyTablesText } from "./tables/money.js";
import { qualityTable } from "./tables/quality.js";
import { complianceTables, latencyTable } from "./tables/sla.js";
import { trendsTable } from "./tables/trends.js";
import { displayWidth, wrap } from "./width.js";

export { SECTIONS, type Section } from "./sections.js";

/**
 * The chosen sections the report has: the lead definition's only when the SLA defines one (or
 * engagements were read), money only when it names opportunities.
 */
export const presentSections = (r: Report, sections: readonly Section[]): Section[] =>
  sections.filter(
    (s) => (s !== "definitions" || r.definitions !== undefined) && (s !== "money" || r.money !== undefined),
  );

/** What bh, bd and bm mean, once at the top, when a shown table counts business time. */
function units(r: Report, sections: readonly Section[], style: Style): string[] {
  const timed = sections.includes("latency") || sections.includes("compliance");
  // Marketing's pass clocks are handoffs too, shown with the lead definition.
  const passes = sections.includes("definitions") ? (r.definitions?.leakage ?? []) : [];
  const clocks = [...(timed ? r.latency.handoffs : []), ...passes];
  if (!clocks.some((h) => h.clock === "business")) return [];
  const day = style.businessDay === null ? "" : ` (a business day is ${style.businessDay} business hours)`;
  return [
    `units: bm, bh, bd = business minutes, hours, days: working time on ${clocks.some((h) => h.calendar !== null) ? "the calendar the handoff names, else " : ""}the lead owner's calendar${day}; m, h, d = calendar time`,
  ];
}

/** Parts on one line joined by " · " when it fits, else one line each. */
const fitLine = (parts: string[], style: Style) =>
  displayWidth(parts.join(" · ")) <= style.width ? [parts.join(" · ")] : parts;

function header(r: Report, sections: readonly Section[], style: Style): string {
  const files = r.inputs.files.map(
    (f) => `${f.file} (${count(f.rows)} rows${f.not_used ? `, ${count(f.not_used)} not used` : ""})`,
  );
  // One line when it fits, else one file a line.
  const inputs = `inputs: ${files.join(", ")}`;
  const inputLines =
    displayWidth(inputs) <= style.width ? [inputs] : ["inputs:", ...files.map((f) => `  ${f}`)];
  const warning = r.coverage.warning;
  return [
    ...(warning ? [style.chalk.bold.red(`WARNING: ${warning}`), ""] : []),
    style.chalk.bold(`funnel-audit · ${r.sla.name ?? r.sla.file}`),
    `figures rest on ${r.coverage.line}`,
    ...(r.snapshot
      ? [
          `a snapshot at ${shortIso(r.snapshot.at)} ${r.sla.timezone}: each lead's status then; no latency, no period`,
        ]
      : fitLine(
          [
            `as of ${shortIso(r.as_of)} ${r.sla.timezone}`,
            `period ${shortIso(r.period.from)} → ${shortIso(r.period.to)}`,
          ],
          style,
        )),
    ...inputLines,
    `${count(r.inputs.leads)} leads, ${count(r.inputs.journeys)} journeys`,
    ...units(r, sections, style),
  ]
    .map((line) => wrap(line, style.width, "  "))
    .join("\n");
}

const RENDER: Record<Section, (r: Report, s: Style) => string> = {
  conversion: (r, s) =>
    [stagesTable(r, s), conversionTable(r, s), breakdownTable(r, s), trendsTable(r, s)]
      .filter(Boolean)
      .join("\n\n"),
  latency: (r, s) => latencyTable(r, s, r.confidence.min_sample),
  compliance: (r, s) => complianceTables(r, s, r.confidence.min_sample),
  commitments: (r, s) => `${commitmentsTable(r, s)}\n\n${feedbackTable(r, s)}`,
  definitions: definitionsTables,
  money: moneyTablesText,
  quality: qualityTable,
};

/** The report's chosen sections as terminal tables, under a header; the whole audit ends with its targets. */
export function renderTable(report: Report, sections: readonly Section[], style: Style): string {
  const parts = [
    header(report, sections, style),
    baselineTable(report, style),
    ...sections.map((s) => RENDER[s](report, style)),
  ].filter(Boolean);
  if (sections.length === SECTIONS.length) parts.push(checkList(report, style));
  return `${parts.join("\n\n")}\n`;
}
