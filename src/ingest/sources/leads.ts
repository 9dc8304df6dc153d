/** Lead rows -> typed leads, with junk, duplicate and missing-value findings. */

import { finding } from "../../findings.js";
import { Column } from "../../paged.js";
import type { TimestampParser } from "../../time/timestamps.js";
import type { Finding, HistoryEvent, Lead, Millis, Place, SourceDef } from "../../types.js";
import { cell, hasColumn } from "../csv/columns.js";
import type { TableRow } from "../csv/table.js";
import { detach, type Interner } from "../store/intern.js";
import { isPlaceholderName } from "./junk.js";
import { checkLead, EmailOwners, keptRows, rowHash } from "./lead-checks.js";
import { createdOf, snapshotOf } from "./lead-creations.js";
import { type WideContext, wideEvents } from "./stage-dates.js";
import type { StageLookup } from "./stage-lookup.js";
import { checkVariants } from "./variants.js";

export interface LeadIngest {
  /** Unique leads, sorted by id. */
  leads: Lead[];
  rows: number;
  /** Stage events from date columns on the leads file. */
  events: HistoryEvent[];
  /** Current-status events, to be used for leads without any stage history. */
  statuses: HistoryEvent[];
}

/** What a lead row needs after reading besides the lead, when it has any of it (most rows have none). */
interface RowNotes {
  /** The created-time text when it is missing or not a date, for the finding. */
  badCreated?: string | null;
  /** Stage events from the row's date columns, and the findings about them (kept rows only count). */
  wide?: HistoryEvent[];
  wideFindings?: Finding[];
  /** The lead's current status and when it was reached, when the file has a status column. */
  status?: { raw: string; at: string | null };
}

export interface LeadsContext {
  /** Shared copies of repeated values (owners, sources, campaigns, …), for the whole dataset. */
  values: Interner;
  index: Record<string, number[]>;
  /** Unmapped columns kept per lead: header and index. */
  extra: [string, number][];
  wide: WideContext;
  source: SourceDef;
  parser: TimestampParser;
  findings: Finding[];
  lookup: StageLookup;
  /**
   * A status-only snapshot (SLA `snapshot_at`) whose file has no created_at column: every lead is
   * created, and holds its status, at this instant.
   */
  snapshotAt?: Millis | null;
}

/** No events or findings (read only: shared by every row of a file without date columns). */
const NO_ROWS: never[] = [];

/** A field's value, one shared copy per distinct value. */
function shared(
  values: Interner,
  cells: string[],
  index: Record<string, number[]>,
  field: string,
): string | null {
  const v = cell(cells, index, field);
  return v === null ? null : values.get(v);
}

/** A field's value copied out of the file's text. */
const own = (v: string | null) => (v === null ? null : detach(v));

/**
 * Reads every lead row. Of rows sharing an id one is kept, chosen by content so that row order
 * never matters; the others are `duplicate_lead` findings. Lead checks run on the kept rows, by id.
 *
 * A million rows: what each row needs besides its lead is kept in columns (content hash, whether
 * its name is a placeholder, where its findings go), and rows sharing an id are found by sorting
 * (the leads are sorted by id anyway), not with a map of a million ids.
 */
export async function ingestLeads(rows: AsyncIterable<TableRow[]>, ctx: LeadsContext): Promise<LeadIngest> {
  const read = await readLeadRows(rows, ctx);
  return { ...keepLeads(read, ctx), rows: read.count };
}

/** Every lead row with an id, in file order, and per row what the checks need later. */
interface LeadRows {
  read: Lead[];
  /** Per row: content hash, placeholder name, findings so far. */
  hashes: Column;
  junk: Column;
  findAt: Column;
  notes: Map<number, RowNotes>;
  count: number;
}

/** The lead a row gives: repeated values shared, the others copied out of the file's text (no closure per row). */
function leadOf(
  cells: string[],
  ctx: LeadsContext,
  id: string,
  place: Place,
  createdAt: Millis | null,
  name: string | null,
): Lead {
  const { index, values } = ctx;
  const lead: Lead = {
    id: detach(id),
    place,
    createdAt,
    owner: shared(values, cells, index, "owner"),
    source: shared(values, cells, index, "source"),
    campaign: shared(values, cells, index, "campaign"),
    // Companies repeat in a B2B funnel (several contacts at one account): shared too.
    company: shared(values, cells, index, "company"),
    email: own(cell(cells, index, "email")),
    name: own(name),
    title: shared(values, cells, index, "title"),
    companySize: shared(values, cells, index, "company_size"),
    country: shared(values, cells, index, "country"),
    convertedContactId: own(cell(cells, index, "converted_contact_id")),
  };
  const opportunity = own(cell(cells, index, "converted_opportunity_id"));
  if (opportunity !== null) lead.convertedOpportunityId = opportunity;
  if (ctx.extra.length)
    lead.extra = Object.fromEntries(
      ctx.extra.flatMap(([h, i]) => (cells[i]?.trim() ? [[h, values.get((cells[i] as string).trim())]] : [])),
    );
  return lead;
}

/** What a row needs after reading besides its lead (most rows: nothing): a bad creation, stage dates, a status. */
function notesOf(
  cells: string[],
  ctx: LeadsContext,
  id: string,
  place: Place,
  createdText: string | null,
  createdAt: Millis | null,
  /** The file has date columns per stage (HubSpot's "Became a … Date"). */
  wideForm: boolean,
): RowNotes | null {
  const wideFindings: Finding[] = wideForm ? [] : NO_ROWS;
  const wide = wideForm
    ? wideEvents(cells, id, null, place, { ...ctx.wide, findings: wideFindings })
    : NO_ROWS;
  const raw = cell(cells, ctx.index, "stage");
  if (createdAt !== null && !wide.length && !wideFindings.length && raw === null) return null;
  const note: RowNotes = {};
  if (createdAt === null) note.badCreated = createdText;
  if (wide.length) note.wide = wide;
  if (wideFindings.length) note.wideFindings = wideFindings;
  if (raw !== null) note.status = { raw, at: cell(cells, ctx.index, "stage_at") };
  return note;
}

async function readLeadRows(rows: AsyncIterable<TableRow[]>, ctx: LeadsContext): Promise<LeadRows> {
  const { index, source, parser, findings } = ctx;
  const out: LeadRows = {
    read: [],
    hashes: new Column(false),
    junk: new Column(false),
    findAt: new Column(false),
    notes: new Map(),
    count: 0,
  };
  const snapshotAt = snapshotOf(ctx.snapshotAt, index);
  const wideForm = Object.keys(ctx.wide.stageColumns).length > 0;
  for await (const batch of rows)
    for (const { line, cells } of batch) {
      out.count++;
      const place = { file: source.file, line };
      const id = cell(cells, index, "id");
      if (id === null) {
        findings.push(finding("missing_id", place, "lead row without an id"));
        continue;
      }
      const createdText = cell(cells, index, "created_at");
      const createdAt = createdOf(createdText, snapshotAt, parser);
      const first = cell(cells, index, "first_name");
      const last = cell(cells, index, "last_name");
      const name =
        cell(cells, index, "name") ??
        (first !== null && last !== null ? `${first} ${last}` : (first ?? last));
      const i = out.read.length;
      out.read.push(leadOf(cells, ctx, id, place, createdAt, name));
      out.hashes.set(i, rowHash(cells));
      out.junk.set(i, isPlaceholderName(first ?? name, last) ? 1 : 0);
      out.findAt.set(i, findings.length);
      const note = notesOf(cells, ctx, id, place, createdText, createdAt, wideForm);
      if (note) out.notes.set(i, note);
    }
  return out;
}

/** One lead per id (keptRows), its notes turned into events and findings, every kept lead checked. */
function keepLeads(rows: LeadRows, ctx: LeadsContext): Omit<LeadIngest, "rows"> {
  const { read, notes, junk } = rows;
  const { findings, parser } = ctx;
  const kept = keptRows(read, rows.hashes, rows.findAt, findings);
  const emails = new EmailOwners(kept.length);
  const has = (field: string) => hasColumn(ctx.index, field);
  const events: HistoryEvent[] = [];
  const statuses: HistoryEvent[] = [];
  for (const i of kept) {
    const lead = read[i] as Lead;
    const note = notes.get(i);
    for (const e of note?.wide ?? []) events.push(e);
    for (const f of note?.wideFindings ?? []) findings.push(f);
    const status = note?.status && statusEvent(lead, note.status, ctx);
    if (status) statuses.push(status);
    const badCreated = note?.badCreated;
    if (badCreated !== undefined) {
      const what = badCreated === null ? "no created time" : `created time "${badCreated}" is not a date`;
      findings.push(
        finding("bad_created_time", lead.place, what, {
          leadId: lead.id,
          ...(badCreated === null ? {} : { value: badCreated }),
          hint: (badCreated && parser.explain?.(badCreated)) || parser.accepts,
        }),
      );
    }
    checkLead(lead, junk.get(i) === 1, emails, findings, has);
  }
  const leads = kept.map((i) => read[i] as Lead);
  checkVariants(leads, ["source", "campaign"], findings);
  return { leads, events, statuses };
}

/**
 * A lead's current status as an event at `stage_at` (else its creation): the whole history of a
 * lead exported without one. Unknown values and unreadable times are findings; the lead still counts.
 */
function statusEvent(
  lead: Lead,
  status: { raw: string; at: string | null },
  ctx: LeadsContext,
): HistoryEvent | null {
  const meaning = ctx.lookup.meaning(status.raw);
  if (meaning === undefined) {
    const guess = ctx.lookup.suggest(status.raw);
    ctx.findings.push(
      finding("unknown_status", lead.place, `lead ${lead.id}'s status "${status.raw}" is not declared`, {
        leadId: lead.id,
        value: status.raw,
        hint: guess
          ? `did you mean "${guess}"? otherwise add "${status.raw}" to the matches: of the stage it means`
          : `add "${status.raw}" to the matches: of the stage or outcome it means`,
      }),
    );
    return null;
  }
  const parsed = status.at === null ? null : ctx.parser.parse(status.at);
  const at = parsed ?? lead.createdAt;
  if (at === null) return null;
  // A status past the first stage with no date of its own is placed at the creation: its step
  // times read 0. Say so, with the column to map (a report export's "Last Status Change").
  if (parsed === null && !ctx.snapshotAt && !(meaning.kind === "stage" && meaning.id === ctx.lookup.first))
    ctx.findings.push(
      finding("status_at_creation", lead.place, `lead ${lead.id}'s status "${status.raw}" has no date`, {
        leadId: lead.id,
        value: status.raw,
      }),
    );
  const base = { leadId: lead.id, at, place: lead.place, owner: null, raw: status.raw, reason: null };
  return meaning.kind === "stage"
    ? { kind: "stage", ...base, stage: meaning.id }
    : { kind: "outcome", ...base, outcome: meaning.id };
}
