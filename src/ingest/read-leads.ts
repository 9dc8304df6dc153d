/** The leads step of a read: the leads file whole, or for `trace` only the rows that may name the traced lead. */

import type { LookupRows } from "../definition/lookup-rows.js";
import { definitionFields } from "../definition/walk.js";
import type { Finding, HistoryEvent, Lead, SourceDef } from "../types.js";
import { filterable, filteredLeads, leadKeys, type TracedLeads } from "./csv/lead-filter.js";
import { lookCsv } from "./csv/open-csv.js";
import { fastCsvTokenizer } from "./csv/read-csv.js";
import type { Table } from "./csv/table.js";
import { joinsByEmail, keysOfLead, leadsByEmail } from "./lead-join.js";
import { extraOf, joinLookups } from "./read-lookups.js";
import { type Reading, stampsFirst } from "./reading.js";
import { CreationsTaker, leadCreations } from "./sources/lead-creations.js";
import { ingestLeads, type LeadIngest, type LeadsContext } from "./sources/leads.js";
import type { WideContext } from "./sources/stage-dates.js";
import type { StageLookup } from "./sources/stage-lookup.js";
import { stampsReadable } from "./stamps.js";
import { Interner } from "./store/intern.js";

/** Thrown by a trace's read (onlyLead) that must read every file whole after all (index.ts reads again). */
export class WholeRead extends Error {}

/** What the leads step hands on to the rest of the read. */
export interface LeadsRead {
  /** Unique leads, sorted by id. */
  sorted: Lead[];
  events: HistoryEvent[];
  statuses: LeadIngest["statuses"];
  /** Each unmapped header of the leads file and its first column. */
  extra: [string, number][];
  /** The columns `sources.lookups` files added to the leads' extra fields. */
  looked: string[];
  /** Each lookup file's key lines, for `trace` (read-lookups.ts). */
  lookupRows: LookupRows[];
  /** The leads file's header and the looked-up columns: the headers a definition may name. */
  headers: string[];
  /** One shared copy of each repeated value (owners, sources, types, statuses, …) across the files. */
  values: Interner;
  /** Lead ids by normalised e-mail, when an activities source joins by e-mail. */
  byEmail: Map<string, string[]> | null;
  /** trace: every lead's id and creation, and the filtered leads table. */
  traced: TracedLeads | null;
  leadTable: Table;
}

/** How a file with stage date columns is read (the leads file, stage-date files). */
export const wideContext = (r: Reading, source: SourceDef, table: Table): WideContext => ({
  config: r.config,
  source,
  header: table.header,
  stageColumns: table.stageColumns,
  parser: r.parserFor(source),
  findings: r.findings,
});

function leadsContext(
  r: Reading,
  lookup: StageLookup,
  table: Table,
  values: Interner,
  notes: Finding[],
): LeadsContext {
  const source = r.config.sources.leads;
  return {
    values,
    index: table.index,
    extra: extraOf(table),
    wide: { ...wideContext(r, source, table), findings: notes },
    source,
    parser: r.parserFor(source),
    findings: notes,
    lookup,
    snapshotAt: r.config.snapshotAt,
  };
}

/**
 * trace: every lead's creation (for the ceiling) from a pass that types nothing else, then in full
 * only the rows that may hold the lead's keys (lead-filter.ts, filteredLeads); null otherwise.
 */
async function tracedLeads(
  r: Reading,
  lookup: StageLookup,
  byEmailJoin: boolean,
): Promise<TracedLeads | null> {
  const { options, config } = r;
  const leads = config.sources.leads;
  if (options.onlyLead === undefined || r.tokenizer !== fastCsvTokenizer) return null;
  // The pass over every row types most rows' ids and creations from the filter's text (lead-creations.ts).
  const taker = new CreationsTaker();
  const look = await lookCsv(leads.path, leads.file, { encoding: leads.encoding ?? null }).catch(() => null);
  const filtered =
    look?.encoding === "utf8" &&
    filterable(leadKeys(options.onlyLead, null, null), leads.delimiter ?? look.delimiter);
  return filteredLeads(options.onlyLead, {
    open: (lead, final) =>
      final
        ? r.openAs(leads, lead, r.findings, undefined)
        : lead
          ? r.openAs(leads, lead, [], undefined)
          : r.openAs(leads, undefined, [], options.onProgress, taker),
    creations: (table, id) =>
      leadCreations(
        table.rows,
        { index: table.index, parser: r.parserFor(leads), snapshotAt: config.snapshotAt },
        id,
        { taker, header: table.header, columns: leads.columns },
      ),
    keysOf: async (table, rows) => {
      const { leads: found } = await ingestLeads(
        (async function* () {
          yield rows;
        })(),
        leadsContext(r, lookup, table, new Interner(), []),
      );
      return found[0] ? keysOfLead(found[0], byEmailJoin) : null;
    },
    filtered,
    keys: (lead) => r.filterAhead(lead),
  });
}

/** Reads the leads file (filtered for a trace), sets the traced lead's keys, lets contacts go when asked. */
export async function readLeads(r: Reading, lookup: StageLookup): Promise<LeadsRead> {
  const { options, config } = r;
  const { sources } = config;
  const byEmailJoin = joinsByEmail([
    ...sources.activities,
    ...(sources.engagements ?? []),
    ...(sources.opportunities ?? []),
  ]);
  const traced = await tracedLeads(r, lookup, byEmailJoin);
  const leadTable = traced ? r.adopt(sources.leads, traced.table) : await r.open(sources.leads);
  const values = new Interner();
  const ctx = leadsContext(r, lookup, leadTable, values, r.findings);
  const { leads: sorted, events, statuses, rows } = await ingestLeads(leadTable.rows, ctx);
  r.count(sources.leads, rows);
  const { added: looked, rows: lookupRows } = await joinLookups(r, sorted, leadTable, values);
  const byEmail = byEmailJoin ? leadsByEmail(sorted) : null;
  // Without an as-of, the rows are read filtered only when a stamps pass gives the span (stamps.ts).
  const first = stampsFirst(options);
  if (traced && first && !stampsReadable({ sources, leadTable }, byEmailJoin)) throw new WholeRead();
  if (options.onlyLead !== undefined && (!first || traced)) {
    const lead = sorted.find((l) => l.id === options.onlyLead);
    r.only = lead ? keysOfLead(lead, byEmailJoin) : leadKeys(options.onlyLead, null, null);
  }
  if (options.dropContacts) {
    // Unless a lead definition reads them (`field: email`, `field: name`).
    const read = new Set(definitionFields(config.definitions).map((f) => f.field));
    for (const lead of sorted)
      if (lead.id !== options.compact?.keepLead) {
        if (!read.has("email")) lead.email = null;
        if (!read.has("name")) lead.name = null;
      }
  }
  const headers = [...leadTable.header, ...looked];
  return {
    sorted,
    events,
    statuses,
    extra: ctx.extra,
    looked,
    lookupRows,
    headers,
    values,
    byEmail,
    traced,
    leadTable,
  };
}
