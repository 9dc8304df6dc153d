/** Stage dates in wide form (one column per stage) -> stage events. */

/**
 * Wide form: one column per stage (or outcome) holding the date it was reached, on the leads
 * file (HubSpot's "Became a … Date", Olist's won_date) or on another file keyed by lead id.
 * Each non-empty date cell becomes a stage event at that instant, its raw value the header.
 */

import { finding } from "../../findings.js";
import type { TimestampParser } from "../../time/timestamps.js";
import type { Finding, HistoryEvent, Place, SlaConfig, SourceDef } from "../../types.js";
import { cell } from "../csv/columns.js";
import type { TableRow } from "../csv/table.js";

export interface WideContext {
  config: SlaConfig;
  source: SourceDef;
  header: readonly string[];
  stageColumns: Record<string, number[]>;
  parser: TimestampParser;
  findings: Finding[];
}

/** The stage events of one row's date columns; an unreadable date is a finding, the rest of the row counts. */
export function wideEvents(
  cells: readonly string[],
  leadId: string,
  owner: string | null,
  place: Place,
  ctx: WideContext,
): HistoryEvent[] {
  const out: HistoryEvent[] = [];
  for (const [id, columns] of Object.entries(ctx.stageColumns)) {
    for (const i of columns) {
      const text = cells[i]?.trim() ?? "";
      if (text === "") continue;
      const at = ctx.parser.parse(text);
      const raw = ctx.header[i] ?? id;
      if (at === null) {
        ctx.findings.push(
          finding("bad_stage_date", place, `"${raw}" is "${text}", not a date`, {
            leadId,
            value: text,
            hint: ctx.parser.explain?.(text) || ctx.parser.accepts,
          }),
        );
        continue;
      }
      const isStage = ctx.config.stages.some((s) => s.id === id);
      out.push(
        isStage
          ? { kind: "stage", leadId, at, place, owner, stage: id, raw, reason: null }
          : { kind: "outcome", leadId, at, place, owner, outcome: id, raw, reason: null },
      );
      break; // the first readable column of a stage wins
    }
  }
  return out;
}

/** Reads another wide file: lead id, optional owner, and the stage date columns. */
export async function ingestStageDates(
  rows: AsyncIterable<TableRow[]>,
  index: Record<string, number[]>,
  ctx: WideContext,
  leads: { has(id: string): boolean },
): Promise<{ events: HistoryEvent[]; rows: number }> {
  const events: HistoryEvent[] = [];
  let count = 0;
  for await (const batch of rows)
    for (const { line, cells } of batch) {
      count++;
      const place = { file: ctx.source.file, line };
      const leadId = cell(cells, index, "lead_id");
      if (leadId === null) {
        ctx.findings.push(finding("missing_id", place, "stage-date row without a lead id"));
        continue;
      }
      if (!leads.has(leadId)) {
        ctx.findings.push(
          finding("unknown_lead", place, `stage dates for lead ${leadId}, which is not in the leads file`, {
            leadId,
            value: leadId,
          }),
        );
        continue;
      }
      events.push(...wideEvents(cells, leadId, cell(cells, index, "owner"), place, ctx));
    }
  return { events, rows: count };
}
