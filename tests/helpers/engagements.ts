/** SLA configs for the engagement fixtures (tests/fixtures/engagements/): the leads from YAML, the engagements source built. */

import { join } from "node:path";
import { parseSlaConfig } from "../../src/config/parse.js";
import { formatIssue } from "../../src/errors.js";
import { plainSource } from "../../src/ingest/csv/columns.js";
import type { EngagementMapping, EngagementTypeRule, SlaConfig, SourceDef } from "../../src/types.js";

export const ENGAGEMENTS = join(import.meta.dirname, "..", "fixtures", "engagements");

/** The instant every fixture's facts are computed against: 2026-05-04T10:00:00Z. */
export const T = Date.UTC(2026, 4, 4, 10);
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** An SLA over a fixture folder's leads.csv (Data Loader's Lead, or HubSpot's contacts with `hubspot`). */
export function fixtureSla(folder: string, zone = "UTC", hubspot = false): SlaConfig {
  const dir = join(ENGAGEMENTS, folder);
  const leads = hubspot
    ? "{ file: leads.csv, columns: { id: Record ID, created_at: Create Date, email: Email, stage: Lifecycle Stage } }"
    : "{ file: leads.csv, columns: { id: Id, created_at: CreatedDate, email: Email, stage: Status, company: Company } }";
  const yaml = `version: 1
timezone: ${zone}
stages:
  - { id: lead, matches: [Open - Not Contacted, Lead] }
  - { id: mql, matches: [Working - Contacted, Marketing Qualified Lead] }
outcomes:
  - { id: closed, matches: [Closed - Not Converted] }
sources:
  leads: ${leads}
`;
  const file = join(dir, "sla.yaml");
  const { config, issues } = parseSlaConfig(yaml, file);
  if (!config) throw new Error(issues.map(formatIssue).join("\n"));
  return config;
}

/** A rule as `types:` writes it: values, and optionally a detail condition. */
export const rule = (
  type: string,
  values: (string | number)[],
  detail: { in?: string[]; contains?: string } = {},
): EngagementTypeRule => ({
  type,
  values: values.map(String),
  detailIn: detail.in ?? [],
  detailContains: detail.contains ?? null,
});

/** An engagements source over a file of `dir` (absolute), mapped with `columns` (field -> headers). */
export function engagementSource(
  dir: string,
  file: string,
  columns: Record<string, string[]>,
  mapping: Partial<EngagementMapping>,
  index = 0,
): SourceDef {
  return {
    ...plainSource("engagements", join(dir, file)),
    columns,
    explicit: Object.keys(columns),
    declared: { line: 20 + index, column: 13, path: `sources.engagements[${index}].file` },
    engagement: {
      fixedType: null,
      rules: [],
      ignore: [],
      timezone: null,
      matchBy: "id",
      dateOnly: "start_of_day",
      where: {},
      nullValue: null,
      epoch: null,
      ...mapping,
    },
  };
}

/** The config with these engagements sources. */
export const withEngagements = (config: SlaConfig, ...sources: SourceDef[]): SlaConfig => ({
  ...config,
  sources: { ...config.sources, engagements: sources },
});
