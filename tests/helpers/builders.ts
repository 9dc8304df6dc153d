/** Builders with sensible defaults: an SLA from YAML, leads, events and activities in memory. */

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseSlaConfig } from "../../src/config/parse.js";
import { formatIssue } from "../../src/errors.js";
import type { Dataset } from "../../src/ingest/dataset.js";
import { ActivityRows } from "../../src/ingest/store/activity-rows.js";
import { History } from "../../src/ingest/store/history.js";
import type { Activity, HistoryEvent, Lead, Rep, SlaConfig } from "../../src/types.js";

export const ZONE = "UTC";
/** 2026-01-05 (a Monday) 00:00 UTC. */
export const T0 = Date.UTC(2026, 0, 5);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The waterfall used by most tests: inquiry → mql → sal → sql → won, outcomes recycled/disqualified/lost. */
export const BASE_SLA = `version: 1
timezone: UTC
stages:
  - { id: inquiry, matches: [New] }
  - { id: mql, matches: [MQL] }
  - { id: sal, matches: [SAL] }
  - { id: sql, matches: [SQL] }
  - { id: won, matches: [Won] }
outcomes:
  - { id: recycled, matches: [Recycled], returns_to: inquiry }
  - { id: disqualified, matches: [Disqualified] }
  - { id: lost, matches: [Lost] }
sources:
  leads: { file: leads.csv }
  stage_history: { file: history.csv }
  activities: { file: activities.csv }
`;

/**
 * Writes sla.yaml into `dir`: BASE_SLA's stages and outcomes, one MQL-response handoff, and the
 * `sources:` block given (YAML lines indented by two); returns its path.
 */
export function writeSlaWith(dir: string, sources: string): string {
  const file = join(dir, "sla.yaml");
  writeFileSync(
    file,
    `${BASE_SLA.replace(/sources:[\s\S]*$/, "")}handoffs:
  - { id: mql-response, from: mql, to: [sal, recycled, disqualified], within: 1d, target: 0.9 }
sources:
${sources}`,
  );
  return file;
}

/** An SLA config from BASE_SLA plus extra top-level YAML (handoffs, policies, conversion). */
export function sla(extra = ""): SlaConfig {
  const { config, issues } = parseSlaConfig(`${BASE_SLA}${extra}`, "sla.yaml");
  if (!config) throw new Error(`test SLA is invalid:\n${issues.map(formatIssue).join("\n")}`);
  return config;
}

/** The example and the preset fixtures (Salesforce, HubSpot, Excel exports): SLA files that audit. */
export const EXAMPLE_AND_PRESETS = [
  "sla.example.yaml",
  "tests/fixtures/presets/salesforce-api/sla.yaml",
  "tests/fixtures/presets/salesforce-report/sla.yaml",
  "tests/fixtures/presets/salesforce-report-eu/sla.yaml",
  "tests/fixtures/presets/excel-utf16/sla.yaml",
  "tests/fixtures/presets/hubspot/sla-contacts.yaml",
  "tests/fixtures/presets/hubspot/sla-contacts-legacy.yaml",
];

/** The SLA config of a file on disk (an example or a fixture); throws with its issues when invalid. */
export function slaFile(file: string): SlaConfig {
  const { config, issues } = parseSlaConfig(readFileSync(file, "utf8"), file);
  if (!config) throw new Error(`${file} is invalid:\n${issues.map(formatIssue).join("\n")}`);
  return config;
}

export function lead(id: string, createdAt: number | null = T0, extra: Partial<Lead> = {}): Lead {
  return {
    id,
    place: { file: "leads.csv", line: 2 },
    createdAt,
    owner: "Ann",
    source: "Web",
    campaign: null,
    company: null,
    email: null,
    name: null,
    title: null,
    companySize: null,
    country: null,
    convertedContactId: null,
    ...extra,
  };
}

let line = 1;

/** A stage-history row meaning stage or outcome `id` (by the raw value of BASE_SLA). */
export function stage(
  leadId: string,
  id: string,
  at: number,
  owner: string | null = null,
  reason: string | null = null,
): HistoryEvent {
  const place = { file: "history.csv", line: ++line };
  const outcomes = ["recycled", "disqualified", "lost"];
  const raw =
    {
      inquiry: "New",
      mql: "MQL",
      sal: "SAL",
      sql: "SQL",
      won: "Won",
      recycled: "Recycled",
      disqualified: "Disqualified",
      lost: "Lost",
    }[id] ?? id;
  if (outcomes.includes(id)) return { kind: "outcome", leadId, at, place, owner, outcome: id, raw, reason };
  return { kind: "stage", leadId, at, place, owner, stage: id, raw, reason };
}

export function reassign(leadId: string, owner: string, at: number): HistoryEvent {
  return { kind: "owner", leadId, at, place: { file: "history.csv", line: ++line }, owner };
}

export function activity(
  leadId: string,
  type: string,
  at: number,
  owner: string | null = "Ann",
  status: string | null = null,
): Activity {
  return { leadId, type, subtype: null, status, at, owner, place: { file: "activities.csv", line: ++line } };
}

/** A dataset of the given rows; earliest/latest from the rows, as ingest computes them. */
/** A rep of the reps file. */
export function rep(id: string, extra: Partial<Rep> = {}): Rep {
  return {
    id,
    name: null,
    team: null,
    timezone: null,
    calendar: null,
    place: { file: "reps.csv", line: ++line },
    ...extra,
  };
}

export function dataset(
  leads: Lead[],
  events: HistoryEvent[] = [],
  activities: Activity[] = [],
  reps: Rep[] = [],
): Dataset {
  const times = [
    ...leads.flatMap((l) => (l.createdAt === null ? [] : [l.createdAt])),
    ...events.map((e) => e.at),
    ...activities.map((a) => a.at),
  ];
  const sorted = [...leads].sort((a, b) => (a.id < b.id ? -1 : 1));
  return {
    leads: sorted,
    reps,
    history: History.of(sorted, events),
    activities: ActivityRows.of(sorted, activities),
    findings: [],
    earliest: times.length ? Math.min(...times) : null,
    latest: times.length ? Math.max(...times) : null,
    rowCounts: {
      "leads.csv": leads.length,
      "history.csv": events.length,
      "activities.csv": activities.length,
    },
  };
}
