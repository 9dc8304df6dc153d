/** Lead rows -> typed leads, with junk, duplicate and missing-value findings. */

import { finding } from "../../findings.js";
import { Column } from "../../paged.js";
import type { TimestampParser } from "../../time/timestamps.js";
import type { Finding, HistoryEvent, Lead, Millis, SourceDef } from "../../types.js";
import { cell, hasColumn } from "../csv/columns.js";
import type { TableRow } from "../csv/table.js";
import { detach, type Interner } from "../store/intern.js";
import { StringIndex } from "../store/string-index.js";
import { isDisposableEmail, isInvalidEmail, isPlaceholderName, testRecordReason } from "./junk.js";
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

function rowHash(cells: readonly string[]): number {
  let h = 0x811c9dc5;
  for (const c of cells) {
    for (let i = 0; i < c.length; i++) h = Math.imul(h ^ c.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x1f, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Of two rows with one id, the one kept: the earliest created, then the smaller content hash
 * (never the file order), then the earlier line.
 */
function keeps(a: Lead, hashA: number, b: Lead, hashB: number): number {
  return (
    (a.createdAt ?? Number.POSITIVE_INFINITY) - (b.createdAt ?? Number.POSITIVE_INFINITY) ||
    hashA - hashB ||
    a.place.line - b.place.line
  );
}

/** The instant every lead is created at in a status-only snapshot without a created_at column, else null. */
const snapshotOf = (snapshotAt: Millis | null | undefined, index: Record<string, number[]>): Millis | null =>
  snapshotAt != null && !hasColumn(index, "created_at") ? snapshotAt : null;

/** A lead row's creation: the snapshot's instant, else its created_at text typed (null: none, or not a date). */
const createdOf = (text: string | null, snapshotAt: Millis | null, parser: TimestampParser): Millis | null =>
  snapshotAt ?? (text === null ? null : parser.parse(text));

export interface LeadCreations {
  /** Each id once, in the order of its first row. */
  ids: string[];
  /** Each id's creation as its kept row has it (keeps: the earliest of its rows'; null when none has one). */
  created: (Millis | null)[];
  /** The rows of the id asked for, as read (ingestLeads reads them for its contact and e-mail). */
  rows: TableRow[];
}

/**
 * `trace` (docs/performance.md): every lead row tokenized, but only its id and created_at typed,
 * as ingestLeads types them, for the plausibility ceiling; the rows of lead `id` are kept whole.
 */
export async function leadCreations(
  rows: AsyncIterable<TableRow[]>,
  ctx: Pick<LeadsContext, "index" | "parser" | "snapshotAt">,
  id: string,
): Promise<LeadCreations> {
  const { index, parser } = ctx;
  const snapshotAt = snapshotOf(ctx.snapshotAt, index);
  const ids: string[] = [];
  const created: (Millis | null)[] = [];
  const own: TableRow[] = [];
  for await (const batch of rows)
    for (const row of batch) {
      const rowId = cell(row.cells, index, "id");
      if (rowId === null) continue;
      if (rowId === id) own.push(row);
      ids.push(detach(rowId));
      created.push(createdOf(cell(row.cells, index, "created_at"), snapshotAt, parser));
    }
  // Of rows sharing an id the earliest created is kept (keeps), a row without a creation last.
  const byId = new StringIndex(ids.length, (i) => ids[i] as string);
  const kept: (Millis | null)[] = [];
  const distinct: string[] = [];
  const slot = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const first = byId.add(i);
    const at = created[i] as Millis | null;
    if (first === undefined) {
      slot[i] = kept.length;
      kept.push(at);
      distinct.push(ids[i] as string);
    } else {
      const k = slot[first] as number;
      const before = kept[k] as Millis | null;
      if (at !== null && (before === null || at < before)) kept[k] = at;
    }
  }
  return { ids: distinct, created: kept, rows: own };
}

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
  const { index, source, parser, findings } = ctx;
  const { values } = ctx;
  /** Rows with an id, in file order, and per row: content hash, placeholder name, findings so far. */
  const read: Lead[] = [];
  const hashes = new Column(false);
  const junk = new Column(false);
  const findAt = new Column(false);
  const notes = new Map<number, RowNotes>();
  const wideForm = Object.keys(ctx.wide.stageColumns).length > 0;
  let count = 0;
  const snapshotAt = snapshotOf(ctx.snapshotAt, index);
  for await (const batch of rows)
    for (const { line, cells } of batch) {
      count++;
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
      // Kept for every lead: repeated values shared, the others copied out of the file's text
      // (no closure per row: this runs a million times).
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
      if (ctx.extra.length)
        lead.extra = Object.fromEntries(
          ctx.extra.flatMap(([h, i]) =>
            cells[i]?.trim() ? [[h, values.get((cells[i] as string).trim())]] : [],
          ),
        );
      const i = read.length;
      read.push(lead);
      hashes.set(i, rowHash(cells));
      junk.set(i, isPlaceholderName(first ?? name, last) ? 1 : 0);
      findAt.set(i, findings.length);
      // Date columns per stage (HubSpot's "Became a … Date"), when the file has any.
      const wideFindings: Finding[] = wideForm ? [] : NO_ROWS;
      const wide = wideForm
        ? wideEvents(cells, id, null, place, { ...ctx.wide, findings: wideFindings })
        : NO_ROWS;
      const raw = cell(cells, index, "stage");
      if (createdAt === null || wide.length || wideFindings.length || raw !== null) {
        const note: RowNotes = {};
        if (createdAt === null) note.badCreated = createdText;
        if (wide.length) note.wide = wide;
        if (wideFindings.length) note.wideFindings = wideFindings;
        if (raw !== null) note.status = { raw, at: cell(cells, index, "stage_at") };
        notes.set(i, note);
      }
    }
  const kept = keptRows(read, hashes, findAt, findings);
  const emails = new EmailOwners(kept.length);
  const has = (field: string) => hasColumn(index, field);
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
  return { leads, rows: count, events, statuses };
}

/**
 * The rows kept, one per id, in id order. Every other row of an id is a `duplicate_lead` finding,
 * put where reading that row would have put it: rows of one id are compared in file order, the
 * later row against the one kept so far, so the result never depends on the file's row order.
 */
function keptRows(read: Lead[], hashes: Column, findAt: Column, findings: Finding[]): number[] {
  const hash = (i: number) => hashes.get(i) >>> 0;
  const order = Array.from(read, (_, i) => i).sort((a, b) => {
    const x = (read[a] as Lead).id;
    const y = (read[b] as Lead).id;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  const kept: number[] = [];
  const dups: { row: number; finding: Finding }[] = [];
  for (let g = 0; g < order.length; ) {
    let winner = order[g] as number;
    const id = (read[winner] as Lead).id;
    let next = g + 1;
    for (; next < order.length && (read[order[next] as number] as Lead).id === id; next++) {
      const row = order[next] as number;
      const other = winner;
      const newer = keeps(read[row] as Lead, hash(row), read[other] as Lead, hash(other)) < 0;
      winner = newer ? row : other;
      const loser = newer ? other : row;
      dups.push({
        row,
        finding: finding(
          "duplicate_lead",
          (read[loser] as Lead).place,
          `lead ${id} is also at line ${(read[winner] as Lead).place.line}, which is kept`,
          { leadId: id, value: id },
        ),
      });
    }
    kept.push(winner);
    g = next;
  }
  if (dups.length > 0) {
    // Each finding goes where it was made: after the findings made before its row was read.
    dups.sort((a, b) => a.row - b.row);
    const merged: Finding[] = [];
    let k = 0;
    for (let f = 0; f <= findings.length; f++) {
      for (; k < dups.length && findAt.get((dups[k] as { row: number }).row) === f; k++)
        merged.push((dups[k] as { finding: Finding }).finding);
      if (f < findings.length) merged.push(findings[f] as Finding);
    }
    findings.length = 0;
    for (const f of merged) findings.push(f);
  }
  return kept;
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

/** The first lead (in id order) with each e-mail, compared ignoring case. */
class EmailOwners {
  private readonly keys: string[] = [];
  private readonly ids: string[] = [];
  private readonly index: StringIndex;
  constructor(capacity: number) {
    this.index = new StringIndex(capacity, (i) => this.keys[i] as string);
  }

  /** The id of the lead that had `key` first, or undefined when lead `id` is the first. */
  owner(key: string, id: string): string | undefined {
    const i = this.keys.length;
    this.keys.push(key);
    this.ids.push(id);
    const first = this.index.add(i);
    if (first === undefined) return undefined;
    this.keys.pop();
    this.ids.pop();
    return this.ids[first];
  }
}

function checkLead(
  lead: Lead,
  junkName: boolean,
  emails: EmailOwners,
  findings: Finding[],
  has: (field: string) => boolean,
): void {
  const { place, id } = lead;
  // An export without an owner or source column says nothing about any lead's owner or source.
  if (lead.owner === null && has("owner"))
    findings.push(finding("missing_owner", place, `lead ${id} has no owner`, { leadId: id }));
  if (lead.source === null && has("source"))
    findings.push(finding("missing_source", place, `lead ${id} has no source`, { leadId: id }));
  if (junkName)
    findings.push(
      finding("junk_name", place, `lead ${id} is named "${lead.name}"`, {
        leadId: id,
        value: lead.name ?? "",
      }),
    );
  else {
    // A placeholder name is already junk_name ("test test"); other test records are named here.
    const test = testRecordReason(lead.name, lead.email, lead.company);
    if (test !== null)
      findings.push(
        finding("test_record", place, `lead ${id} looks like a test record: ${test}`, { leadId: id }),
      );
  }
  if (lead.email === null) return;
  if (isInvalidEmail(lead.email)) {
    findings.push(
      finding("invalid_email", place, `lead ${id} has e-mail "${lead.email}"`, {
        leadId: id,
        value: lead.email,
      }),
    );
    return;
  }
  if (isDisposableEmail(lead.email))
    findings.push(
      finding("disposable_email", place, `lead ${id} has e-mail "${lead.email}"`, {
        leadId: id,
        value: lead.email,
      }),
    );
  const key = lead.email.toLowerCase();
  const other = emails.owner(key, id);
  if (other !== undefined)
    findings.push(
      finding("duplicate_email", place, `lead ${id} has the same e-mail as lead ${other}`, {
        leadId: id,
        value: lead.email,
      }),
    );
}
