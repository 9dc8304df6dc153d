/** Reads the SLA's sources into a Dataset: leads first (so events can be checked against them). */

import type { Dataset, Finding, SlaConfig, SourceDef } from "../types.js";
import { ingestActivities, ingestHistory, type RowContext } from "./events.js";
import { ingestLeads } from "./leads.js";
import { type CsvTokenizer, csvParseTokenizer, readCsvRows } from "./read-csv.js";
import { buildStageLookup } from "./stage-lookup.js";
import { openTable } from "./table.js";
import { createTimestampParser, type TimestampParser } from "./timestamps.js";

export interface IngestOptions {
  tokenizer?: CsvTokenizer;
  timestamps?: TimestampParser;
}

const REQUIRED = {
  leads: ["id", "created_at"],
  stage_history: ["lead_id", "stage", "at"],
  activities: ["lead_id", "type", "at"],
} as const;

/** Streams every source file of the SLA and returns typed rows plus the findings about them. */
export async function readDataset(config: SlaConfig, options: IngestOptions = {}): Promise<Dataset> {
  const tokenizer = options.tokenizer ?? csvParseTokenizer;
  const parser = options.timestamps ?? createTimestampParser(config.timezone);
  const findings: Finding[] = [];
  const open = (source: SourceDef) =>
    openTable(source, readCsvRows(source.path, source.file, tokenizer), REQUIRED[source.kind], findings);

  const leadSource = config.sources.leads;
  const leadTable = await open(leadSource);
  const { leads, rows: leadRows } = await ingestLeads(
    leadTable.rows,
    leadTable.index,
    leadSource,
    parser,
    findings,
  );
  const rowCounts: Record<string, number> = { [leadSource.file]: leadRows };

  const context = (source: SourceDef, index: Record<string, number>): RowContext => ({
    index,
    source,
    parser,
    leads,
    findings,
  });
  const history = config.sources.stage_history;
  let events: Dataset["events"] = [];
  if (history) {
    const table = await open(history);
    const result = await ingestHistory(table.rows, context(history, table.index), buildStageLookup(config));
    events = result.events;
    rowCounts[history.file] = (rowCounts[history.file] ?? 0) + result.rows;
  }
  const acts = config.sources.activities;
  let activities: Dataset["activities"] = [];
  if (acts) {
    const table = await open(acts);
    const result = await ingestActivities(table.rows, context(acts, table.index));
    activities = result.activities;
    rowCounts[acts.file] = (rowCounts[acts.file] ?? 0) + result.rows;
  }

  let earliest: number | null = null;
  let latest: number | null = null;
  const see = (t: number | null) => {
    if (t === null) return;
    if (earliest === null || t < earliest) earliest = t;
    if (latest === null || t > latest) latest = t;
  };
  const sorted = [...leads.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const lead of sorted) see(lead.createdAt);
  for (const e of events) see(e.at);
  for (const a of activities) see(a.at);
  return { leads: sorted, events, activities, findings, earliest, latest, rowCounts };
}
