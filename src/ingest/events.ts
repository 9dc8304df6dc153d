/** Stage-history and activity rows -> typed events; unusable rows become findings. */

import { finding } from "../findings.js";
import type { TimestampParser } from "../time/timestamps.js";
import type { Activity, Finding, HistoryEvent, Lead, Place, SourceDef } from "../types.js";
import { activityType, leadOfEmail, typeColumns, untypedWarning } from "./activity-keys.js";
import { cell, hasColumn } from "./columns.js";
import type { Interner } from "./intern.js";
import type { StageLookup } from "./stage-lookup.js";
import type { TableRow } from "./table.js";

/** The leads by id. */
export interface LeadLookup {
  get(id: string): Lead | undefined;
  values(): Iterable<Lead>;
}

interface RowContext {
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
function keyOf(
  cells: string[],
  place: Place,
  ctx: RowContext,
  what: string,
): { leadId: string; at: number } | null {
  return readKey(cells, place, ctx, what) ? { leadId: key.leadId, at: key.at } : null;
}

/** The last key read by readKey (one object for every row: no allocation on the hot path). */
const key = { leadId: "", at: 0 };

/** Reads a row's lead id and time into `key`; false after recording why the row cannot be used. */
function readKey(cells: string[], place: Place, ctx: RowContext, what: string): boolean {
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
function withLead(cells: string[], ctx: RowContext, id: string): string[] {
  const copy = [...cells];
  for (const i of ctx.index.lead_id ?? []) copy[i] = id;
  return copy;
}

/**
 * Runs `build` on every row, collecting what it returns (null: the row became a finding), or
 * handing each item to `sink` as it comes, so nothing is collected.
 */
async function eachRow<T>(
  rows: AsyncIterable<TableRow[]>,
  ctx: RowContext,
  build: (cells: string[], place: Place) => T | T[] | null,
  sink?: (item: T) => void,
): Promise<{ items: T[]; rows: number }> {
  const items: T[] = [];
  const take = sink ?? ((item: T) => void items.push(item));
  let count = 0;
  for await (const batch of rows)
    for (const { line, cells } of batch) {
      count++;
      const item = build(cells, { file: ctx.source.file, line });
      if (Array.isArray(item)) for (const x of item) take(x);
      else if (item !== null) take(item);
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

/** A stage or outcome event for a raw value, or null after an unknown_stage finding. */
function stageEvent(
  raw: string,
  key: { leadId: string; at: number },
  place: Place,
  owner: string | null,
  reason: string | null,
  ctx: RowContext,
  lookup: StageLookup,
): HistoryEvent | null {
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
  const { leadId, at } = key;
  const value = ctx.values.get(raw);
  const why = reason === null ? null : ctx.values.get(reason);
  return meaning.kind === "stage"
    ? { kind: "stage", leadId, at, place, owner, stage: meaning.id, raw: value, reason: why }
    : { kind: "outcome", leadId, at, place, owner, outcome: meaning.id, raw: value, reason: why };
}

// Field-history exports (Salesforce LeadHistory): which Field values mean status and owner changes.
const STATUS_FIELDS = new Set(["status", "lead status"]);
/** True when a field-history row's Field names the status (its values are stages); the folded Field value. */
export const isStatusField = (field: string): boolean => STATUS_FIELDS.has(field);
const OWNER_FIELDS = new Set(["owner", "lead owner", "owner (lead)"]);
// A Salesforce user or queue id (005…, 00G…), 15 or 18 characters: the owner row Salesforce logs twice.
const SF_OWNER_ID = /^00[5G][A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?$/;

/**
 * Reads stage history in long form: one row per status change (or owner change). With a
 * `field` column (Salesforce LeadHistory) a row changes the field it names: Status rows give
 * stages (the first row's old value is the status the lead was created in, which is never
 * logged), Owner rows give reassignments; other fields are noted and not used.
 */
/** Reads one history row at a time (`build`), then the events only the whole file gives (`finish`). */
export interface HistoryRowReader {
  build: (cells: string[], place: Place) => HistoryEvent | null;
  /** The owner and status each lead was created with (field-history exports), once every row is read. */
  finish: (emit: (e: HistoryEvent) => void) => void;
}

/**
 * The rows of stage history in long form: one row per status change (or owner change). With a
 * `field` column (Salesforce LeadHistory) a row changes the field it names: Status rows give
 * stages (the first row's old value is the status the lead was created in, which is never
 * logged), Owner rows give reassignments; other fields are noted and not used.
 */
export function historyRowReader(ctx: RowContext, lookup: StageLookup): HistoryRowReader {
  const fieldShape = hasColumn(ctx.index, "field");
  const initial = new Map<string, { at: number; raw: string; place: Place }>();
  const initialOwner = new Map<string, { at: number; owner: string; place: Place }>();
  const build = (cells: string[], place: Place): HistoryEvent | null => {
    const raw = cell(cells, ctx.index, "stage");
    const owner = cell(cells, ctx.index, "owner");
    if (fieldShape) {
      const field = (cell(cells, ctx.index, "field") ?? "").toLowerCase().replace(/\.$/, "");
      const isStatus = STATUS_FIELDS.has(field);
      if (!isStatus && !OWNER_FIELDS.has(field)) {
        ctx.findings.push(
          finding("other_field", place, `history of "${field || "(empty)"}", not of the status or owner`, {
            value: field,
          }),
        );
        return null;
      }
      if (raw === null) return missing(ctx, cells, place, `${field} change without a new value`);
      const key = keyOf(cells, place, ctx, "history");
      if (key === null) return null;
      if (!isStatus) {
        if (SF_OWNER_ID.test(raw)) {
          ctx.findings.push(
            finding("owner_id_row", place, `owner change to id ${raw}`, { leadId: key.leadId }),
          );
          return null;
        }
        const was = cell(cells, ctx.index, "old_value");
        const firstOwner = initialOwner.get(key.leadId);
        if (was !== null && !SF_OWNER_ID.test(was) && (!firstOwner || key.at < firstOwner.at))
          initialOwner.set(key.leadId, { at: key.at, owner: was, place });
        return { kind: "owner", ...key, place, owner: ctx.owner(raw) };
      }
      const old = cell(cells, ctx.index, "old_value");
      const first = initial.get(key.leadId);
      if (old !== null && (!first || key.at < first.at))
        initial.set(key.leadId, { at: key.at, raw: old, place });
      return stageEvent(raw, key, place, null, null, ctx, lookup);
    }
    if (raw === null && owner === null)
      return missing(ctx, cells, place, "history row with neither a stage nor an owner");
    if (!readKey(cells, place, ctx, "history")) return null;
    if (raw === null)
      return { kind: "owner", leadId: key.leadId, at: key.at, place, owner: ctx.owner(owner as string) };
    return stageEvent(
      raw,
      key,
      place,
      owner === null ? null : ctx.owner(owner),
      cell(cells, ctx.index, "reason"),
      ctx,
      lookup,
    );
  };
  const finish = (emit: (e: HistoryEvent) => void) => {
    // The owner each lead was created with: the old value of its first owner change (the leads file
    // holds the owner at export time). Logged at the creation instant, before any change.
    for (const [leadId, first] of initialOwner) {
      const at = Math.min(ctx.leads.get(leadId)?.createdAt ?? first.at, first.at);
      emit({ kind: "owner", leadId, at, place: first.place, owner: ctx.owner(first.owner) });
    }
    // The status each lead was created in: the old value of its first status change, at its creation.
    for (const [leadId, first] of initial) {
      const at = ctx.leads.get(leadId)?.createdAt ?? first.at;
      const event = stageEvent(
        first.raw,
        { leadId, at: Math.min(at, first.at) },
        first.place,
        null,
        null,
        ctx,
        lookup,
      );
      if (event) emit(event);
    }
  };
  return { build, finish };
}

/** Reads stage history in long form (historyRowReader), every row of the file. */
export async function ingestHistory(
  rows: AsyncIterable<TableRow[]>,
  ctx: RowContext,
  lookup: StageLookup,
  /** Given: each event goes to it as it is made, and none is collected. */
  sink?: (e: HistoryEvent) => void,
): Promise<{ events: HistoryEvent[]; rows: number }> {
  const reader = historyRowReader(ctx, lookup);
  const { items, rows: count } = await eachRow(rows, ctx, reader.build, sink);
  reader.finish(sink ?? ((e: HistoryEvent) => void items.push(e)));
  return { events: items, rows: count };
}

/** An activity of the lead and time in `k` (no closure per row: this runs for every row). */
function activityOf(
  k: { leadId: string; at: number },
  owner: string | null,
  type: string,
  subtype: string | null,
  status: string | null,
  place: Place,
): Activity {
  return { leadId: k.leadId, at: k.at, owner, type, subtype, status, place };
}

/** An unknown_rep finding when the owner of an activity is not in the reps file (`place` is copied: it may be reused). */
export function checkActivityRep(ctx: RowContext, owner: string | null, leadId: string, place: Place): void {
  if (owner !== null && ctx.reps !== null && !ctx.reps.has(owner))
    ctx.findings.push(
      finding(
        "unknown_rep",
        { file: place.file, line: place.line },
        `activity by "${owner}", who is not in the reps file`,
        {
          leadId,
          value: owner,
        },
      ),
    );
}

/** The type an activity without one is kept under (untypedCounts). */
const UNTYPED = "(no type)";

/** Reads one activity row: one touch (call, e-mail, meeting, …), of one lead or several. */
export function activityRowReader(
  ctx: RowContext,
  /** Counts the rows not used for want of a type (untypedWarning). */
  tally: { untyped: number } = { untyped: 0 },
): (cells: string[], place: Place) => Activity | Activity[] | null {
  const tried = typeColumns(ctx);
  return (cells, place) => {
    let rawType = activityType(cells, ctx.index);
    if (rawType === null && ctx.untypedCounts) {
      // No handoff asks for a type: the row can still answer one; say so, keep it.
      ctx.findings.push(
        finding("untyped_activity", place, `activity row without a type (${tried} empty)`, {
          leadId: cell(cells, ctx.index, "lead_id") ?? "",
        }),
      );
      rawType = UNTYPED;
    }
    if (rawType === null) {
      tally.untyped++;
      ctx.findings.push(
        finding("missing_value", place, `activity row without a type (${tried} empty)`, {
          leadId: cell(cells, ctx.index, "lead_id") ?? "",
          hint: `map type: to a column that holds it, or give a constant (type: "=call") when the file holds one kind`,
        }),
      );
      return null;
    }
    const type = ctx.values.get(rawType);
    const rawOwner = cell(cells, ctx.index, "owner");
    const owner = rawOwner === null ? null : ctx.owner(rawOwner);
    const rawSubtype = cell(cells, ctx.index, "subtype");
    const rawStatus = cell(cells, ctx.index, "status");
    const subtype = rawSubtype === null ? null : ctx.values.get(rawSubtype);
    const status = rawStatus === null ? null : ctx.values.get(rawStatus);
    let out: Activity | Activity[] | null;
    const idText = cell(cells, ctx.index, "lead_id") ?? "";
    if (idText.indexOf(";") < 0) {
      out = readKey(cells, place, ctx, "activity")
        ? activityOf(key, owner, type, subtype, status, place)
        : null;
    } else {
      // One activity can name several leads ("3401;3402" in HubSpot): it is a touch of each.
      const ids = idText
        .split(";")
        .map((x) => x.trim())
        .filter((x) => x !== "");
      const keys = (ids.length > 1 ? ids : [null]).map((id) =>
        keyOf(id === null ? cells : withLead(cells, ctx, id), place, ctx, "activity"),
      );
      const list = keys
        .filter((k) => k !== null)
        .map((k) => activityOf(k, owner, type, subtype, status, place));
      out = list.length > 0 ? list : null;
    }
    const first = out === null ? null : Array.isArray(out) ? out[0] : out;
    if (first) checkActivityRep(ctx, owner, first.leadId, place);
    return out;
  };
}

/** Reads activities: one row per touch (call, e-mail, meeting, …). */
export async function ingestActivities(
  rows: AsyncIterable<TableRow[]>,
  ctx: RowContext,
  /** Given: each activity goes to it as it is read, and none is collected. */
  sink?: (a: Activity) => void,
): Promise<{ activities: Activity[]; rows: number }> {
  const tally = { untyped: 0 };
  const { items, rows: count } = await eachRow(rows, ctx, activityRowReader(ctx, tally), sink);
  untypedWarning(ctx, tally.untyped, count);
  return { activities: items, rows: count };
}

/** Reads one owner-change row: lead, new owner, time. */
export function ownerRowReader(ctx: RowContext): (cells: string[], place: Place) => HistoryEvent | null {
  return (cells, place) => {
    const owner = cell(cells, ctx.index, "owner");
    if (owner === null) return missing(ctx, cells, place, "owner-change row without a new owner");
    const key = keyOf(cells, place, ctx, "owner change");
    return key === null ? null : { kind: "owner", ...key, place, owner: ctx.owner(owner) };
  };
}

/** Reads an owner-change history: one row per reassignment (lead, new owner, time). */
export async function ingestOwnerHistory(
  rows: AsyncIterable<TableRow[]>,
  ctx: RowContext,
  sink?: (e: HistoryEvent) => void,
): Promise<{ events: HistoryEvent[]; rows: number }> {
  const { items, rows: count } = await eachRow(rows, ctx, ownerRowReader(ctx), sink);
  return { events: items, rows: count };
}

export type { RowContext };
