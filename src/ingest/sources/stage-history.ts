/** Stage history in long form (one row per status or owner change, or Salesforce's LeadHistory) -> events. */

import { finding } from "../../findings.js";
import type { HistoryEvent, Place } from "../../types.js";
import { type Batch, EMPTY, NONE, perText, TEXTS, type Typer } from "../batch.js";
import { cell, hasColumn } from "../csv/columns.js";
import { type History, OUTCOME, OWNER, STAGE } from "../store/history.js";
import { key, keyOf, missing, type RowContext, type RowReader, readKey } from "./rows.js";
import type { StageLookup } from "./stage-lookup.js";

/** A stage or outcome event for a raw value, or null after an unknown_stage finding. */
export function stageEvent(
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
  const initial: Initial = { status: new Map(), owner: new Map() };
  const build = (cells: string[], place: Place): HistoryEvent | null => {
    const raw = cell(cells, ctx.index, "stage");
    if (fieldShape) return fieldRow(cells, place, raw, ctx, lookup, initial);
    const owner = cell(cells, ctx.index, "owner");
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
  return { build, finish: (emit) => createdWith(initial, ctx, lookup, emit) };
}

/** Each lead's first logged change's old value: the owner and the status it was created with. */
interface Initial {
  status: Map<string, { at: number; raw: string; place: Place }>;
  owner: Map<string, { at: number; owner: string; place: Place }>;
}

/** A field-history row (Salesforce LeadHistory): a status or owner change, or a finding. */
function fieldRow(
  cells: string[],
  place: Place,
  raw: string | null,
  ctx: RowContext,
  lookup: StageLookup,
  initial: Initial,
): HistoryEvent | null {
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
      ctx.findings.push(finding("owner_id_row", place, `owner change to id ${raw}`, { leadId: key.leadId }));
      return null;
    }
    const was = cell(cells, ctx.index, "old_value");
    const firstOwner = initial.owner.get(key.leadId);
    if (was !== null && !SF_OWNER_ID.test(was) && (!firstOwner || key.at < firstOwner.at))
      initial.owner.set(key.leadId, { at: key.at, owner: was, place });
    return { kind: "owner", ...key, place, owner: ctx.owner(raw) };
  }
  const old = cell(cells, ctx.index, "old_value");
  const first = initial.status.get(key.leadId);
  if (old !== null && (!first || key.at < first.at))
    initial.status.set(key.leadId, { at: key.at, raw: old, place });
  return stageEvent(raw, key, place, null, null, ctx, lookup);
}

/** The events only the whole file gives: the owner and status each lead was created with. */
function createdWith(
  initial: Initial,
  ctx: RowContext,
  lookup: StageLookup,
  emit: (e: HistoryEvent) => void,
): void {
  // The owner each lead was created with: the old value of its first owner change (the leads file
  // holds the owner at export time). Logged at the creation instant, before any change.
  for (const [leadId, first] of initial.owner) {
    const at = Math.min(ctx.leads.get(leadId)?.createdAt ?? first.at, first.at);
    emit({ kind: "owner", leadId, at, place: first.place, owner: ctx.owner(first.owner) });
  }
  // The status each lead was created in: the old value of its first status change, at its creation.
  for (const [leadId, first] of initial.status) {
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
}

/** History rows with a lead id, a time, and a declared stage value or an owner. */
export function historyTyper(index: Record<string, number[]>, lookup: StageLookup): Typer {
  return (cells, at, line, out) => {
    const id = cell(cells, index, "lead_id");
    const raw = cell(cells, index, "stage");
    const owner = cell(cells, index, "owner");
    if (id === null || (raw === null && owner === null)) return false;
    if (raw !== null && lookup.meaning(raw) === undefined) return false;
    const reason = raw === null ? null : cell(cells, index, "reason");
    out.push(id, at, line, raw, owner, reason, null);
    return true;
  };
}

/**
 * The history file's RowReader: rows a worker typed go straight into the history's columns (no
 * object per row), the others through `keep` as historyRowReader makes them.
 */
export function historyReader(
  ctx: RowContext,
  lookup: StageLookup,
  history: History,
  keep: (e: HistoryEvent) => void,
): RowReader {
  const reader = historyRowReader(ctx, lookup);
  let file = NONE;
  // Per batch, per distinct text: its id as a stage value (the shared copy), as an owner, as a
  // reason, and what the stage value means (kind and stage or outcome id).
  let raw: (k: number) => number = () => NONE;
  let who: (k: number) => number = () => NONE;
  let kind: (k: number) => number = () => NONE;
  let meaning: (k: number) => number = () => NONE;
  const meant = (t: string) => {
    const m = lookup.meaning(t);
    if (m === undefined) throw new Error(`a reading worker passed the undeclared stage value "${t}"`);
    return m;
  };
  return {
    what: "history",
    cells: (cells, place) => {
      const e = reader.build(cells, place);
      if (e !== null) keep(e);
    },
    batch: (b: Batch) => {
      if (file === NONE) file = history.textId(ctx.source.file);
      raw = perText(b.texts, NONE, (t) => history.textId(ctx.values.get(t)));
      who = perText(b.texts, NONE, (t) => history.textId(ctx.owner(t)));
      kind = perText(b.texts, NONE, (t) => (meant(t).kind === "stage" ? STAGE : OUTCOME));
      meaning = perText(b.texts, NONE, (t) => history.textId(meant(t).id));
    },
    coded: (b, i, lead) => {
      const j = i * TEXTS;
      const value = b.text[j] as number;
      const owner = who(b.text[j + 1] as number);
      const at = b.at[i] as number;
      const line = b.line[i] as number;
      if (value === EMPTY) history.pushCoded(lead, at, file, line, OWNER, NONE, NONE, NONE, owner);
      else
        history.pushCoded(
          lead,
          at,
          file,
          line,
          kind(value),
          meaning(value),
          raw(value),
          raw(b.text[j + 2] as number),
          owner,
        );
    },
    finish: () => reader.finish(keep),
  };
}
