/** What every event source's rows share: the context they are read in, their lead and time, the row loop. */

import { finding } from "../../findings.js";
import type { TimestampParser } from "../../time/timestamps.js";
import type { Finding, Lead, Place, SourceDef } from "../../types.js";
import type { Batch } from "../batch.js";
import { cell, hasColumn } from "../csv/columns.js";
import type { TableRow } from "../csv/table.js";
import type { Interner } from "../store/intern.js";
import { emailKey } from "./activity-keys.js";

/** The leads by id. */
export interface LeadLookup {
  get(id: string): Lead | undefined;
  values(): Iterable<Lead>;
}

export interface RowContext {
  /** Rep ids and names from the reps file; null without one (then any owner is accepted). */
  reps: ReadonlySet<string> | null;
  index: Record<string, number[]>;
  source: SourceDef;
  parser: TimestampParser;
  leads: LeadLookup;
  /** The canonical name of an owner (a rep's id or name becomes the rep's name). */
  owner: (value: string) => string;
  /** The lead an id in another file means (a lead id, a converted contact's id, 15 vs 18 characters), or null. */
  resolve: (id: string) => string | null;
  findings: Finding[];
  /** Shared copies of repeated values (types, statuses, stage values, reasons). */
  values: Interner;
  /** The ids of the leads with a normalised e-mail (emailKey); absent when no source names leads by e-mail. */
  leadsByEmail?: (email: string) => readonly string[];
  /** The file's header, when this thread read it (names the columns in messages). */
  header?: readonly string[];
  /** A handoff counts activities of any type: an activity without one is kept (untyped_activity), not dropped. */
  untypedCounts?: boolean;
}

/** Lead id and time of a row, or null after recording why the row cannot be used. */
export function keyOf(
  cells: string[],
  place: Place,
  ctx: RowContext,
  what: string,
): { leadId: string; at: number } | null {
  return readKey(cells, place, ctx, what) ? { leadId: key.leadId, at: key.at } : null;
}

/** The last key read by readKey (one object for every row: no allocation on the hot path). */
export const key = { leadId: "", at: 0 };

/** Reads a row's lead id and time into `key`; false after recording why the row cannot be used. */
export function readKey(cells: string[], place: Place, ctx: RowContext, what: string): boolean {
  const id = cell(cells, ctx.index, "lead_id");
  // Exports with no lead id name the lead by e-mail (HubSpot's "Associated Contact Email").
  const email = id === null ? cell(cells, ctx.index, "lead_email") : null;
  const leadId = id ?? email;
  if (leadId === null) {
    const message = hasColumn(ctx.index, "lead_email")
      ? `${what} row without a lead id or e-mail`
      : `${what} row without a lead id`;
    ctx.findings.push(finding("missing_id", place, message));
    return false;
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
    return false;
  }
  const resolved = email === null ? ctx.resolve(leadId) : leadOfEmail(ctx, place, what, email);
  if (resolved === null) {
    if (email === null) unknownLead(ctx, place, what, leadId);
    return false;
  }
  key.leadId = resolved;
  key.at = at;
  return true;
}

/** The finding for a row naming a lead the leads file does not have. */
export function unknownLead(ctx: RowContext, place: Place, what: string, leadId: string): void {
  ctx.findings.push(
    finding("unknown_lead", place, `${what} for lead ${leadId}, which is not in the leads file`, {
      leadId,
      value: leadId,
    }),
  );
}

/** The row with its lead-id cells replaced by one id (for a row naming several leads). */
export function withLead(cells: string[], ctx: RowContext, id: string): string[] {
  const copy = [...cells];
  for (const i of ctx.index.lead_id ?? []) copy[i] = id;
  return copy;
}

/** A finding that a required value is empty (the row is not used). */
export function missing(ctx: RowContext, cells: string[], place: Place, message: string): null {
  ctx.findings.push(
    finding("missing_value", place, message, { leadId: cell(cells, ctx.index, "lead_id") ?? "" }),
  );
  return null;
}

/**
 * How a kind of event source takes its rows, wherever they were tokenized: read here, every row
 * comes as its cells; read on a worker thread (src/parallel/rows.ts), the rows the worker typed
 * come as a batch's columns (batch.ts) and only the others as cells. The same rows give the same
 * events and findings, in file order, either way.
 */
export interface RowReader {
  /** What a row is called in messages: "history", "owner change", "activity". */
  what: string;
  /** One row from its cells. */
  cells(cells: string[], place: Place): void;
  /** A batch a worker typed is about to be read. */
  batch(b: Batch): void;
  /** Row `i` of the batch, of the dataset's lead `lead` (its index). */
  coded(b: Batch, i: number, lead: number): void;
  /** After the last of `rows` rows: what only the whole file gives. */
  finish(rows: number): void;
  /** A typed row's id names no lead (default: unknown_lead); `i`: its row in the batch last given. */
  unknown?(place: Place, id: string, i?: number): void;
}

/** Reads every row of a table here (no worker): each row's cells go to the reader; returns the rows read. */
export async function readHere(
  rows: AsyncIterable<TableRow[]>,
  ctx: RowContext,
  reader: RowReader,
): Promise<number> {
  let count = 0;
  for await (const batch of rows)
    for (const { line, cells } of batch) {
      count++;
      reader.cells(cells, { file: ctx.source.file, line });
    }
  reader.finish(count);
  return count;
}

/** The one lead with this e-mail, or null after a finding: no lead has it, or several do (never a guess). */
export function leadOfEmail(ctx: RowContext, place: Place, what: string, email: string): string | null {
  const ids = ctx.leadsByEmail?.(emailKey(email)) ?? [];
  if (ids.length === 1) return ids[0] as string;
  if (ids.length === 0)
    ctx.findings.push(
      finding("unknown_lead", place, `${what} for e-mail ${email}, which no lead in the leads file has`, {
        value: email,
      }),
    );
  else
    ctx.findings.push(
      finding(
        "ambiguous_email",
        place,
        `${what} for e-mail ${email}, which ${ids.length} leads share (${ids.slice(0, 3).join(", ")})`,
        { value: email },
      ),
    );
  return null;
}
