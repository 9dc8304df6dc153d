/** Renderers keyed by --format. */

import type { Report } from "../metrics/types.js";
import { singleCsv } from "./csv.js";
import { renderHtml } from "./html.js";
import { jsonChunks, renderJson } from "./json.js";
import { renderMarkdown } from "./markdown.js";
import type { Style } from "./style.js";
import { renderTable, type Section } from "./table.js";

export const FORMATS = ["table", "json", "md", "csv", "html"] as const;
export type Format = (typeof FORMATS)[number];

export function renderReport(
  report: Report,
  format: Format,
  sections: readonly Section[],
  style: Style,
): string {
  if (format === "json") return renderJson(report, sections);
  if (format === "md") return renderMarkdown(report, sections, style.businessDay);
  if (format === "csv") return singleCsv(report, sections);
  if (format === "html") return renderHtml(report, sections, style.businessDay);
  return renderTable(report, sections, style);
}

/** renderReport in pieces: JSON as it is made (a report with 300k groups is not one string). */
export function streamReport(
  report: Report,
  format: Format,
  sections: readonly Section[],
  style: Style,
): Iterable<string> {
  return format === "json" ? jsonChunks(report, sections) : [renderReport(report, format, sections, style)];
}

export { renderCsvFiles } from "./csv.js";
export { businessDayHours, DEFAULT_WIDTH, makeStyle, type Style } from "./style.js";
export { SECTIONS, type Section } from "./table.js";
export { checkLines } from "./tables/commitments.js";
