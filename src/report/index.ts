/** Renderers keyed by --format. */

import type { Report } from "../metrics/types.js";
import { renderJson } from "./json.js";
import type { Style } from "./style.js";
import { renderTable, type Section } from "./table.js";

export const FORMATS = ["table", "json"] as const;
export type Format = (typeof FORMATS)[number];

export function renderReport(
  report: Report,
  format: Format,
  sections: readonly Section[],
  style: Style,
): string {
  return format === "json" ? renderJson(report, sections) : renderTable(report, sections, style);
}

export { makeStyle, type Style } from "./style.js";
export { SECTIONS, type Section } from "./table.js";
