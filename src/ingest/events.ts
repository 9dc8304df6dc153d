/** Stage-history and activity rows -> typed events; unusable rows become findings. */

import { finding } from "../findings.js";
import type { Activity, Finding, HistoryEvent, Lead, Place, SourceDef } from "../types.js";
import { cell } from "./columns.js";
import type { StageLookup } from "./stage-lookup.js";
import type { TableRow } from "./table.js";
import type { TimestampParser } from "./timestamps.js";

interface RowContext {
  /** Rep ids and names from the reps file; null without one (then any owner is accepted). */
  reps: ReadonlySet<string> | null;
  index: Record<string, number>;
  source: SourceDef;
  parser: TimestampParser;
  leads: ReadonlyMap<string, Lead>;
  findings: Finding[];
}

/** Lead id and time of a row, or null after recording why the row cannot be used. */
function keyOf(
  cells: string[],
  place: Place,
  ctx: RowContext,
  what: string,
): { leadId: string; at: number } | null {
  const leadId = cell(cells, ctx.index, "lead_id");
  if (leadId === null) {
    ctx.findings.push(finding("missing_id", place, `${what} row without a lead id`));
    return null;
  }
  const text = cell(cells, ctx.index, "at");
  const at = text === null ? null : ctx.parser.parse(text);
  if (at === null) {
    const message =
      text === null ? `${what} row without a time stamp` : `${what} time "${text}" is not a date`;
    ctx.findings.push(
      finding("bad_timestamp", place, message, {
        leadId,
        ...(text === null ? {} : { value: text }),
        hint: ctx.parser.accepts,
      }),
    );
    return null;
  }
  if (!ctx.leads.has(leadId)) {
    ctx.findings.push(
      finding("unknown_lead", place, `${what} for lead ${leadId}, which is not in the leads file`, {
        leadId,
        value: leadId,
      }),
    );
    return null;
  }
  return { leadId, at };
}

/** Reads stage history in long form: one row per status change (or owner change). */
export async function ingestHistory(
  rows: AsyncIterable<TableRow>,
  ctx: RowContext,
  lookup: StageLookup,
): Promise<{ events: HistoryEvent[]; rows: number }> {
  const events: HistoryEvent[] = [];
  let count = 0;
  for await (const { line, cells } of rows) {
    count++;
    const place = { file: ctx.source.file, line };
    const raw = cell(cells, ctx.index, "stage");
    const owner = cell(cells, ctx.index, "owner");
    if (raw === null && owner === null) {
      ctx.findings.push(
        finding("missing_value", place, "history row with neither a stage nor an owner", {
          leadId: cell(cells, ctx.index, "lead_id") ?? "",
        }),
      );
      continue;
    }
    const key = keyOf(cells, place, ctx, "history");
    if (key === null) continue;
    if (raw === null) {
      events.push({ kind: "owner", ...key, place, owner: owner as string });
      continue;
    }
    const meaning = lookup.meaning(raw);
    if (meaning === undefined) {
      const guess = lookup.suggest(raw);
      ctx.findings.push(
        finding("unknown_stage", place, `"${raw}" is not declared under any stage or outcome`, {
          leadId: key.leadId,
          value: raw,
          hint: guess
            ? `did you mean "${guess}"? otherwise add "${raw}" to the matches: of the stage it means`
            : `add "${raw}" to the matches: of the stage or outcome it means`,
        }),
      );
      continue;
    }
    const reason = cell(cells, ctx.index, "reason");
    if (meaning.kind === "stage")
      events.push({ kind: "stage", ...key, place, owner, stage: meaning.id, raw, reason });
    else events.push({ kind: "outcome", ...key, place, owner, outcome: meaning.id, raw, reason });
  }
  return { events, rows: count };
}

/** Reads activities: one row per touch (call, e-mail, meeting, …). */
export async function ingestActivities(
  rows: AsyncIterable<TableRow>,
  ctx: RowContext,
): Promise<{ activities: Activity[]; rows: number }> {
  const activities: Activity[] = [];
  let count = 0;
  for await (const { line, cells } of rows) {
    count++;
    const place = { file: ctx.source.file, line };
    const type = cell(cells, ctx.index, "type");
    if (type === null) {
      ctx.findings.push(
        finding("missing_value", place, "activity row without a type", {
          leadId: cell(cells, ctx.index, "lead_id") ?? "",
        }),
      );
      continue;
    }
    const key = keyOf(cells, place, ctx, "activity");
    if (key === null) continue;
    const owner = cell(cells, ctx.index, "owner");
    if (owner !== null && ctx.reps !== null && !ctx.reps.has(owner))
      ctx.findings.push(
        finding("unknown_rep", place, `activity by "${owner}", who is not in the reps file`, {
          leadId: key.leadId,
          value: owner,
        }),
      );
    activities.push({
      ...key,
      owner,
      type,
      subtype: cell(cells, ctx.index, "subtype"),
      status: cell(cells, ctx.index, "status"),
      place,
    });
  }
  return { activities, rows: count };
}

/** Reads an owner-change history: one row per reassignment (lead, new owner, time). */
export async function ingestOwnerHistory(
  rows: AsyncIterable<TableRow>,
  ctx: RowContext,
): Promise<{ events: HistoryEvent[]; rows: number }> {
  const events: HistoryEvent[] = [];
  let count = 0;
  for await (const { line, cells } of rows) {
    count++;
    const place = { file: ctx.source.file, line };
    const owner = cell(cells, ctx.index, "owner");
    if (owner === null) {
      ctx.findings.push(
        finding("missing_value", place, "owner-change row without a new owner", {
          leadId: cell(cells, ctx.index, "lead_id") ?? "",
        }),
      );
      continue;
    }
    const key = keyOf(cells, place, ctx, "owner change");
    if (key !== null) events.push({ kind: "owner", ...key, place, owner });
  }
  return { events, rows: count };
}

export type { RowContext };
