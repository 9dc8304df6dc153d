/** Lead rows -> typed leads, with junk, duplicate and missing-value findings. */

import { finding } from "../findings.js";
import type { Finding, HistoryEvent, Lead, SourceDef } from "../types.js";
import { cell, hasColumn } from "./columns.js";
import { detach, type Interner } from "./intern.js";
import { isDisposableEmail, isInvalidEmail, isPlaceholderName } from "./junk.js";
import type { StageLookup } from "./stage-lookup.js";
import type { TableRow } from "./table.js";
import type { TimestampParser } from "./timestamps.js";
import { type WideContext, wideEvents } from "./wide.js";

export interface LeadIngest {
  /** Unique leads, sorted by id. */
  leads: Lead[];
  rows: number;
  /** Stage events from date columns on the leads file. */
  events: HistoryEvent[];
  /** Current-status events, to be used for leads without any stage history. */
  statuses: HistoryEvent[];
}

interface Candidate {
  lead: Lead;
  /** The first and last names are placeholders (decided at once: they are not kept). */
  junkName: boolean;
  /** The created-time text when it is missing or not a date, for the finding. */
  badCreated: string | null | undefined;
  /** Hash of the row's cells: with the created time, it picks a duplicate's winner by content. */
  hash: number;
  /** Stage events from the row's date columns, and the findings about them (kept rows only count). */
  wide: HistoryEvent[] | null;
  wideFindings: Finding[] | null;
  /** The lead's current status and when it was reached, when the file has a status column. */
  status: { raw: string; at: string | null } | null;
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
}

function rowHash(cells: readonly string[]): number {
  let h = 0x811c9dc5;
  for (const c of cells) {
    for (let i = 0; i < c.length; i++) h = Math.imul(h ^ c.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x1f, 0x01000193);
  }
  return h >>> 0;
}

/** Of two rows with one id, the one kept: the earliest created, then the smaller content hash (never the file order). */
const keeps = (a: Candidate, b: Candidate) =>
  (a.lead.createdAt ?? Number.POSITIVE_INFINITY) - (b.lead.createdAt ?? Number.POSITIVE_INFINITY) ||
  a.hash - b.hash ||
  a.lead.place.line - b.lead.place.line;

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
 */
export async function ingestLeads(rows: AsyncIterable<TableRow[]>, ctx: LeadsContext): Promise<LeadIngest> {
  const { index, source, parser, findings } = ctx;
  const kept = new Map<string, Candidate>();
  const { values } = ctx;
  let count = 0;
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
      const createdAt = createdText === null ? null : parser.parse(createdText);
      const first = cell(cells, index, "first_name");
      const last = cell(cells, index, "last_name");
      const name = cell(cells, index, "name") ?? ([first, last].filter((p) => p !== null).join(" ") || null);
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
      const wideFindings: Finding[] = [];
      const wide = wideEvents(cells, id, null, place, { ...ctx.wide, findings: wideFindings });
      const raw = cell(cells, index, "stage");
      const candidate: Candidate = {
        lead,
        junkName: isPlaceholderName(first ?? name, last),
        badCreated: createdAt === null ? createdText : undefined,
        hash: rowHash(cells),
        // Most rows have neither: no empty lists kept for a million leads.
        wide: wide.length ? wide : null,
        wideFindings: wideFindings.length ? wideFindings : null,
        status: raw === null ? null : { raw, at: cell(cells, index, "stage_at") },
      };
      const other = kept.get(id);
      if (other) {
        const [winner, loser] = keeps(candidate, other) < 0 ? [candidate, other] : [other, candidate];
        kept.set(id, winner);
        findings.push(
          finding(
            "duplicate_lead",
            loser.lead.place,
            `lead ${id} is also at line ${winner.lead.place.line}, which is kept`,
            { leadId: id, value: id },
          ),
        );
      } else kept.set(id, candidate);
    }
  const sorted = [...kept.values()].sort((a, b) =>
    a.lead.id < b.lead.id ? -1 : a.lead.id > b.lead.id ? 1 : 0,
  );
  const emails = new Map<string, string>();
  const has = (field: string) => hasColumn(index, field);
  const events: HistoryEvent[] = [];
  const statuses: HistoryEvent[] = [];
  for (const c of sorted) {
    for (const e of c.wide ?? []) events.push(e);
    for (const f of c.wideFindings ?? []) findings.push(f);
    const status = c.status && statusEvent(c.lead, c.status, ctx);
    if (status) statuses.push(status);
    if (c.badCreated !== undefined) {
      const what = c.badCreated === null ? "no created time" : `created time "${c.badCreated}" is not a date`;
      findings.push(
        finding("bad_created_time", c.lead.place, what, {
          leadId: c.lead.id,
          ...(c.badCreated === null ? {} : { value: c.badCreated }),
          hint: (c.badCreated && parser.explain?.(c.badCreated)) || parser.accepts,
        }),
      );
    }
    checkLead(c.lead, c.junkName, emails, findings, has);
  }
  return { leads: sorted.map((c) => c.lead), rows: count, events, statuses };
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
  const base = { leadId: lead.id, at, place: lead.place, owner: null, raw: status.raw, reason: null };
  return meaning.kind === "stage"
    ? { kind: "stage", ...base, stage: meaning.id }
    : { kind: "outcome", ...base, outcome: meaning.id };
}

function checkLead(
  lead: Lead,
  junkName: boolean,
  emails: Map<string, string>,
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
  const other = emails.get(key);
  if (other === undefined) emails.set(key, id);
  else
    findings.push(
      finding("duplicate_email", place, `lead ${id} has the same e-mail as lead ${other}`, {
        leadId: id,
        value: lead.email,
      }),
    );
}
