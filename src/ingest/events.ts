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
  index: Record<string, number[]>;
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
        hint: (text !== null && ctx.parser.explain?.(text)) || ctx.parser.accepts,
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

/** Runs `build` on every row, collecting what it returns (null: the row became a finding). */
async function eachRow<T>(
  rows: AsyncIterable<TableRow>,
  ctx: RowContext,
  build: (cells: string[], place: Place) => T | null,
): Promise<{ items: T[]; rows: number }> {
  const items: T[] = [];
  let count = 0;
  for await (const { line, cells } of rows) {
    count++;
    const item = build(cells, { file: ctx.source.file, line });
    if (item !== null) items.push(item);
  }
  return { items, rows: count };
}

/** A finding that a required value is empty (the row is not used). */
function missing(ctx: RowContext, cells: string[], place: Place, message: string): null {
  ctx.findings.push(
    finding("missing_value", place, message, { leadId: cell(cells, ctx.index, "lead_id") ?? "" }),
  );
  return null;
}

/** Reads stage history in long form: one row per status change (or owner change). */
export async function ingestHistory(
  rows: AsyncIterable<TableRow>,
  ctx: RowContext,
  lookup: StageLookup,
): Promise<{ events: HistoryEvent[]; rows: number }> {
  const { items, rows: count } = await eachRow(rows, ctx, (cells, place): HistoryEvent | null => {
    const raw = cell(cells, ctx.index, "stage");
    const owner = cell(cells, ctx.index, "owner");
    if (raw === null && owner === null)
      return missing(ctx, cells, place, "history row with neither a stage nor an owner");
    const key = keyOf(cells, place, ctx, "history");
    if (key === null) return null;
    if (raw === null) return { kind: "owner", ...key, place, owner: owner as string };
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
      return null;
    }
    const reason = cell(cells, ctx.index, "reason");
    return meaning.kind === "stage"
      ? { kind: "stage", ...key, place, owner, stage: meaning.id, raw, reason }
      : { kind: "outcome", ...key, place, owner, outcome: meaning.id, raw, reason };
  });
  return { events: items, rows: count };
}

/** Reads activities: one row per touch (call, e-mail, meeting, …). */
export async function ingestActivities(
  rows: AsyncIterable<TableRow>,
  ctx: RowContext,
): Promise<{ activities: Activity[]; rows: number }> {
  const { items, rows: count } = await eachRow(rows, ctx, (cells, place): Activity | null => {
    const type = cell(cells, ctx.index, "type");
    if (type === null) return missing(ctx, cells, place, "activity row without a type");
    const key = keyOf(cells, place, ctx, "activity");
    if (key === null) return null;
    const owner = cell(cells, ctx.index, "owner");
    if (owner !== null && ctx.reps !== null && !ctx.reps.has(owner))
      ctx.findings.push(
        finding("unknown_rep", place, `activity by "${owner}", who is not in the reps file`, {
          leadId: key.leadId,
          value: owner,
        }),
      );
    const [subtype, status] = [cell(cells, ctx.index, "subtype"), cell(cells, ctx.index, "status")];
    return { ...key, owner, type, subtype, status, place };
  });
  return { activities: items, rows: count };
}

/** Reads an owner-change history: one row per reassignment (lead, new owner, time). */
export async function ingestOwnerHistory(
  rows: AsyncIterable<TableRow>,
  ctx: RowContext,
): Promise<{ events: HistoryEvent[]; rows: number }> {
  const { items, rows: count } = await eachRow(rows, ctx, (cells, place): HistoryEvent | null => {
    const owner = cell(cells, ctx.index, "owner");
    if (owner === null) return missing(ctx, cells, place, "owner-change row without a new owner");
    const key = keyOf(cells, place, ctx, "owner change");
    return key === null ? null : { kind: "owner", ...key, place, owner };
  });
  return { events: items, rows: count };
}

export type { RowContext };
