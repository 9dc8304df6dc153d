/** Reads the SLA's sources into a Dataset: reps and leads first, so events can be checked against them. */

import { stat } from "node:fs/promises";
import { finding } from "../findings.js";
import {
  type LeadIndex,
  type RowsWorker,
  readOnWorker,
  startRowsWorker,
  workerTable,
} from "../parallel/rows.js";
import { type RowsKind, workerBudget } from "../parallel/rows-protocol.js";
import { createTimestampParser, type TimestampParser } from "../time/timestamps.js";
import type { Activity, Finding, HistoryEvent, Lead, Place, SlaConfig, SourceDef } from "../types.js";
import { requiredFields } from "./csv/columns.js";
import { filteredLeads, type LeadKeys, leadKeys } from "./csv/lead-filter.js";
import { csvParseTokenizer, fastCsvTokenizer, pointAtSla, readCsvBatches } from "./csv/read-csv.js";
import { type CsvTokenizer, type Progress, UnreadableInput } from "./csv/row.js";
import { openTable, type Table } from "./csv/table.js";
import type { Dataset } from "./dataset.js";
import { decideDates } from "./date-scan.js";
import { type ActivitySink, activitiesReader } from "./sources/activities.js";
import { emailKey } from "./sources/activity-keys.js";
import { ActivityReducer, type ReduceOptions } from "./sources/activity-reduce.js";
import { ingestLeads, type LeadsContext, leadCreations } from "./sources/leads.js";
import { ownerHistoryReader } from "./sources/owner-history.js";
import { checkReference, readReference } from "./sources/references.js";
import { ingestReps, repNames } from "./sources/reps.js";
import { type LeadLookup, type RowContext, type RowReader, readHere } from "./sources/rows.js";
import { ingestStageDates, type WideContext } from "./sources/stage-dates.js";
import { historyReader } from "./sources/stage-history.js";
import { buildStageLookup } from "./sources/stage-lookup.js";
import { TimeSpan } from "./span.js";
import { readStamps, stampsReadable } from "./stamps.js";
import { ActivityRows } from "./store/activity-rows.js";
import { History } from "./store/history.js";
import { Interner } from "./store/intern.js";
import { leadLookup } from "./store/lead-rows.js";
import { StringIndex } from "./store/string-index.js";

export interface IngestOptions {
  /** Told of bytes read per file (for a progress bar). */
  onProgress?: Progress;
  tokenizer?: CsvTokenizer;
  timestamps?: TimestampParser;
  /**
   * The straightforward path: csv-parse and the general time-stamp parser, no fast paths. Same
   * output, slower; tests compare the two byte for byte.
   */
  reference?: boolean;
  /**
   * Keep only the activities that can answer an obligation (memory bound by leads, not by the
   * activities file; see activity-reduce.ts), and those that must be kept whole.
   */
  compact?: ReduceOptions;
  /**
   * Let go of every lead's e-mail and name once the lead checks have read them (the lead
   * `compact.keepLead` keeps them): only redaction and trace read them later. A million leads'
   * e-mails and names are about 100 MB.
   */
  dropContacts?: boolean;
  /**
   * Read large stage-history, owner-history and activities files in worker threads while the leads are read
   * (src/parallel/rows.ts): `auto` (the default) for files of 8 MB or more, `always` (tests), `never`.
   * The reference path and a given tokenizer or time-stamp parser never use them.
   */
  workers?: "auto" | "always" | "never";
  /**
   * `trace` with an as-of given: the history, owner-history and activities files hand on only
   * the rows that may name this lead (lead-filter.ts), on the main thread. Every whole-file
   * decision is taken before (encoding, date layout) or from files read whole (the leads file:
   * plausibility, ids, e-mails). Without `compact.asOf`, the data's span (the default as-of)
   * comes from a pass over every row's stamp (stamps.ts), or every file is read whole.
   */
  onlyLead?: string;
}

/** Salesforce's null id (15 zeros, with or without the AAA suffix): a reference to nothing. */
export const isNullId = (id: string): boolean => id.charCodeAt(0) === 48 && /^0{15}(?:AAA)?$/.test(id);

/**
 * Resolves ids other files use for a lead: the lead id itself, the contact a converted lead became
 * (tasks move to it on conversion), and Salesforce's 15-character ids for 18-character ones and back
 * (15-character ids are case-sensitive: compared exactly).
 */
export function leadResolver(leads: LeadLookup): (id: string) => string | null {
  const byContact = new Map<string, string>();
  const byPrefix = new Map<string, string>();
  for (const lead of leads.values()) {
    // Salesforce writes an empty reference as the null id 000000000000000AAA in some exports: no contact.
    const contact =
      lead.convertedContactId && !isNullId(lead.convertedContactId) ? lead.convertedContactId : null;
    if (contact) byContact.set(contact, lead.id);
    for (const id of [lead.id, contact]) if (id && id.length === 18) byPrefix.set(id.slice(0, 15), lead.id);
  }
  return (id) => {
    if (isNullId(id)) return null;
    // The lead's own id string: one copy per lead, however many rows name it.
    const lead = leads.get(id);
    if (lead) return lead.id;
    const key = id.length === 18 ? id.slice(0, 15) : id;
    return byContact.get(id) ?? byPrefix.get(key) ?? byContact.get(key) ?? null;
  };
}

/** True when an activities source names leads by e-mail (lead_email mapped in the SLA file or by a preset). */
const joinsByEmail = (activities: readonly SourceDef[]): boolean =>
  activities.some(
    (s) => s.explicit.includes("lead_email") || (s.columns.lead_email ?? []).some((c) => c !== "lead_email"),
  );

/** The keys a row naming the lead holds (lead-filter.ts): its id, its converted contact, its e-mail when joined by it. */
function keysOfLead(lead: Lead, byEmail: boolean): LeadKeys {
  const contact = lead.convertedContactId;
  return leadKeys(lead.id, contact && !isNullId(contact) ? contact : null, byEmail ? lead.email : null);
}

/** Lead ids by normalised e-mail, for activities sources that name leads by e-mail. Read before e-mails are let go. */
function leadsByEmail(leads: readonly Lead[]): Map<string, string[]> {
  const byEmail = new Map<string, string[]>();
  for (const lead of leads) {
    if (!lead.email) continue;
    const key = emailKey(lead.email);
    const ids = byEmail.get(key);
    if (ids) ids.push(lead.id);
    else byEmail.set(key, [lead.id]);
  }
  return byEmail;
}

const YEAR = 366 * 86_400_000;
const FLOOR = Date.UTC(1990, 0, 1);

/**
 * Time stamps from 1990 to a year after the newest plausible lead creation. That creation is
 * found by walking up from the median creation while consecutive creations are less than a
 * year apart, so placeholder dates (9999-12-31, 2062 for 2026) are outliers however many there are.
 */
function plausibility(creations: Iterable<number | null>): {
  plausible: (t: number) => boolean;
  ceiling: number;
} {
  const created: number[] = [];
  for (const t of creations) if (t !== null && t >= FLOOR) created.push(t);
  created.sort((a, b) => a - b);
  let top = (created.length - 1) >> 1;
  while (top + 1 < created.length && (created[top + 1] as number) - (created[top] as number) <= YEAR) top++;
  const ceiling = created.length ? (created[top] as number) + YEAR : Number.POSITIVE_INFINITY;
  return { plausible: (t) => t >= FLOOR && t <= ceiling, ceiling };
}

const meaningOf = (e: HistoryEvent) =>
  e.kind === "stage" ? e.stage : e.kind === "outcome" ? e.outcome : "owner";
const eventRaw = (e: HistoryEvent) => (e.kind === "owner" ? e.owner : e.raw);

/** Thrown by a trace's read (onlyLead) that must read every file whole after all. */
class WholeRead extends Error {}

/** Streams every source file of the SLA and returns typed rows plus the findings about them. */
export async function readDataset(given: SlaConfig, options: IngestOptions = {}): Promise<Dataset> {
  // Date layouts are decided per column before any row is typed (date-scan.ts); exit 2 when they cannot be.
  const dates = options.timestamps
    ? { config: given, findings: [] }
    : await decideDates(given, options.tokenizer ?? (options.reference ? csvParseTokenizer : undefined));
  const config = dates.config;
  const mode = options.workers ?? "auto";
  const workers = new Map<SourceDef, Promise<RowsWorker | null>>();
  if (
    mode !== "never" &&
    options.onlyLead === undefined &&
    !options.reference &&
    !options.tokenizer &&
    !options.timestamps
  ) {
    const { stage_history, owner_history, activities, leads } = config.sources;
    const budget = workerBudget(
      await stat(leads.path).then(
        (s) => s.size,
        () => 0,
      ),
    );
    const start = (kind: RowsKind, source: SourceDef) =>
      workers.set(source, startRowsWorker(kind, source, config, mode, budget, options.onProgress));
    if (stage_history) start("stage_history", stage_history);
    if (owner_history) start("owner_history", owner_history);
    for (const source of activities) start("activities", source);
  }
  try {
    return await read(config, options, workers, [...dates.findings]).catch((err) => {
      // A trace whose data this pass cannot give the span of (stamps.ts): every file read whole.
      if (!(err instanceof WholeRead)) throw err;
      const { onlyLead: _, ...whole } = options;
      return read(config, whole, workers, dates.findings);
    });
  } finally {
    await Promise.all([...workers.values()].map((w) => w.then((x) => x?.stop())));
  }
}

async function read(
  config: SlaConfig,
  options: IngestOptions,
  workers: Map<SourceDef, Promise<RowsWorker | null>>,
  findings: Finding[],
): Promise<Dataset> {
  const tokenizer = options.tokenizer ?? (options.reference ? csvParseTokenizer : fastCsvTokenizer);
  const rowCounts: Record<string, number> = {};
  const count = (source: SourceDef, rows: number) => {
    rowCounts[source.file] = (rowCounts[source.file] ?? 0) + rows;
  };
  // Rows that entered the dataset where no kept row says so later (coverage.ts counts the others).
  const usedRows: Record<string, number> = {};
  const use = (file: string, rows = 1) => {
    usedRows[file] = (usedRows[file] ?? 0) + rows;
  };
  const atSla = (source: SourceDef) => (err: unknown) => {
    throw err instanceof UnreadableInput ? pointAtSla(err, source, config.file) : err;
  };
  // The headers each file's fields were read from, for messages that name a column.
  const columns: Record<string, Record<string, string[]>> = {};
  const mapped = (source: SourceDef, index: Record<string, number[]>, header: readonly string[]) => {
    columns[source.file] = Object.fromEntries(
      Object.entries(index).map(([field, at]) => [field, at.map((i) => header[i] as string)]),
    );
  };
  // Footer and totals rows are rows of their file too, not handed on by the table: counted once read.
  const opened: [SourceDef, Table][] = [];
  // The traced lead's keys, once the leads are read (filtered: history, owner history, activities).
  let only: LeadKeys | undefined;
  /** A table of the source (only the rows that may hold `lead`'s keys, when given); `notes` receive its findings. */
  const openAs = (source: SourceDef, lead?: LeadKeys, notes = findings, progress = options.onProgress) =>
    openTable(
      source,
      readCsvBatches(source.path, source.file, tokenizer, source.delimiter, progress, {
        encoding: source.encoding ?? null,
        findings: notes,
        ...(lead ? { lead } : {}),
      }),
      requiredFields(source, config),
      notes,
    ).catch(atSla(source));
  const open = (source: SourceDef, lead?: LeadKeys): Promise<Table> =>
    openAs(source, lead).then((table) => {
      opened.push([source, table]);
      mapped(source, table.index, table.header);
      return table;
    });
  /** Reads a source's rows with its reader: on its worker once the worker's table is open, else here; counts them. */
  const readRows = async (source: SourceDef, reader: (ctx: RowContext) => RowReader): Promise<void> => {
    const w = await workers.get(source);
    const table = w ? await workerTable(w, source).catch(atSla(source)) : null;
    if (w && table) {
      mapped(source, table.index, table.header);
      const ctx = context(source, table.index, table.header);
      count(source, await readOnWorker(w, ctx, byIndex, reader(ctx)));
    } else {
      const table = await open(source, only);
      const ctx = context(source, table.index, table.header);
      count(source, await readHere(table.rows, ctx, reader(ctx)));
    }
  };
  // Each source reads its time stamps with its own date_format (or ISO and unambiguous formats).
  const parsers = new Map<string, TimestampParser>();
  const parserFor = (source: SourceDef): TimestampParser => {
    if (options.timestamps) return options.timestamps;
    const key = `${source.dateFormat}\u0000${source.dateFormatDeclared}`;
    let p = parsers.get(key);
    if (!p) {
      p = createTimestampParser(
        config.timezone,
        source.dateFormat,
        source.dateFormatDeclared,
        !options.reference,
      );
      parsers.set(key, p);
    }
    return p;
  };
  const { sources } = config;

  let reps: Dataset["reps"] = [];
  if (sources.reps) {
    const table = await open(sources.reps);
    const result = await ingestReps(table.rows, table.index, sources.reps, config, findings);
    reps = result.reps;
    count(sources.reps, result.rows);
    use(sources.reps.file, reps.length);
  }
  const lookup = buildStageLookup(config);
  const wide = (source: SourceDef, table: Table): WideContext => ({
    config,
    source,
    header: table.header,
    stageColumns: table.stageColumns,
    parser: parserFor(source),
    findings,
  });
  // Each unmapped header's first column, from one pass (indexOf per header is quadratic: a file
  // of 150k columns took 30 s).
  const extraOf = (table: Table) => {
    const firstAt = new Map<string, number>();
    table.header.forEach((h, i) => {
      if (!firstAt.has(h)) firstAt.set(h, i);
    });
    return table.unmapped.map((h): [string, number] => [h, firstAt.get(h) as number]);
  };
  const leadsContext = (table: Table, values: Interner, notes: Finding[]): LeadsContext => ({
    values,
    index: table.index,
    extra: extraOf(table),
    wide: { ...wide(sources.leads, table), findings: notes },
    source: sources.leads,
    parser: parserFor(sources.leads),
    findings: notes,
    lookup,
    snapshotAt: config.snapshotAt,
  });
  const byEmailJoin = joinsByEmail(sources.activities);
  // trace: every lead's creation (for the ceiling) from a pass that types nothing else, then in
  // full only the rows that may hold the lead's keys (lead-filter.ts, filteredLeads).
  const traced =
    options.onlyLead !== undefined && tokenizer === fastCsvTokenizer
      ? await filteredLeads(options.onlyLead, {
          open: (lead, final) =>
            final
              ? openAs(sources.leads, lead, findings, undefined)
              : openAs(sources.leads, lead, [], lead ? undefined : options.onProgress),
          creations: (table, id) =>
            leadCreations(
              table.rows,
              { index: table.index, parser: parserFor(sources.leads), snapshotAt: config.snapshotAt },
              id,
            ),
          keysOf: async (table, rows) => {
            const { leads } = await ingestLeads(
              (async function* () {
                yield rows;
              })(),
              leadsContext(table, new Interner(), []),
            );
            return leads[0] ? keysOfLead(leads[0], byEmailJoin) : null;
          },
        })
      : null;
  const leadTable = traced?.table ?? (await open(sources.leads));
  if (traced) {
    opened.push([sources.leads, leadTable]);
    mapped(sources.leads, leadTable.index, leadTable.header);
  }
  // One shared copy of each repeated value (owners, sources, types, statuses, …) across the files.
  const values = new Interner();
  const leadsCtx = leadsContext(leadTable, values, findings);
  const extra = leadsCtx.extra;
  const {
    leads: sorted,
    events: leadEvents,
    statuses,
    rows: leadRows,
  } = await ingestLeads(leadTable.rows, leadsCtx);
  count(sources.leads, leadRows);
  const byEmail = byEmailJoin ? leadsByEmail(sorted) : null;
  // Without an as-of, the rows are read filtered only when a stamps pass gives the span (stamps.ts).
  const stampsFirst = options.onlyLead !== undefined && options.compact?.asOf === undefined;
  if (traced && stampsFirst && !stampsReadable({ sources, leadTable }, byEmailJoin)) throw new WholeRead();
  if (options.onlyLead !== undefined && (!stampsFirst || traced)) {
    const lead = sorted.find((l) => l.id === options.onlyLead);
    only = lead ? keysOfLead(lead, byEmailJoin) : leadKeys(options.onlyLead, null, null);
  }
  if (options.dropContacts)
    for (const lead of sorted)
      if (lead.id !== options.compact?.keepLead) {
        lead.email = null;
        lead.name = null;
      }
  // Leads are kept in id order; history rows and activities name them by their index in it.
  const leadIndex = new StringIndex(sorted.length, (i) => (sorted[i] as Lead).id);
  for (let i = 0; i < sorted.length; i++) leadIndex.add(i);
  const leads = leadLookup(leadIndex, sorted);

  for (const ref of config.references) {
    const table = await open(ref.source);
    const { values, rows } = await readReference(table);
    count(ref.source, rows);
    use(ref.source.file, rows);
    checkReference(leads.values(), ref.field, values, ref.source.file, findings);
  }

  const known = sources.reps ? repNames(reps) : null;
  const resolve = leadResolver(leads);
  // Owners are written as user ids in some files and names in others: the reps file joins them.
  const repBy = new Map<string, string>();
  for (const r of reps) for (const k of [r.id, r.name]) if (k) repBy.set(k, r.name ?? r.id);
  const owner = (value: string) => repBy.get(value) ?? values.get(value);
  for (const lead of leads.values()) if (lead.owner !== null) lead.owner = owner(lead.owner);
  // Rows read by workers name leads by index. Files sorted by lead ask for the lead after the last
  // one more often than not: that guess saves a look-up in a map of a million ids.
  let lastAt = -1;
  const byIndex: LeadIndex = {
    indexOf: (id) => {
      if (sorted[lastAt]?.id === id) return lastAt;
      if (sorted[lastAt + 1]?.id === id) return ++lastAt;
      const own = leadIndex.get(id);
      if (own !== undefined) {
        lastAt = own;
        return own;
      }
      const other = resolve(id);
      return other === null ? -1 : (leadIndex.get(other) as number);
    },
    idOf: (i) => (sorted[i] as Lead).id,
  };
  // An activity without a type is kept when a handoff counts activities of any type (it can answer it).
  const untypedCounts = config.handoffs.some(
    (h) => h.activity !== null && h.activity !== undefined && h.activity.types.length === 0,
  );
  const context = (source: SourceDef, index: Record<string, number[]>, header?: string[]): RowContext => ({
    ...(header ? { header } : {}),
    ...(byEmail ? { leadsByEmail: (email: string) => byEmail.get(email) ?? [] } : {}),
    reps: known,
    index,
    source,
    parser: parserFor(source),
    leads,
    resolve,
    owner,
    findings,
    values,
    untypedCounts,
  });
  const history = new History(leadIndex, sorted.length, (i) => (sorted[i] as Lead).id);
  const keep = (e: HistoryEvent) => history.push(e);
  if (sources.stage_history)
    await readRows(sources.stage_history, (ctx) => historyReader(ctx, lookup, history, keep));
  if (sources.owner_history)
    await readRows(sources.owner_history, (ctx) => ownerHistoryReader(ctx, history, keep));
  for (const source of sources.stage_dates) {
    const table = await open(source);
    const result = await ingestStageDates(table.rows, table.index, wide(source, table), leadIndex);
    for (const e of result.events) keep(e);
    count(source, result.rows);
  }
  // A lead's current status stands in for its history only when it has none (no history row, no date column).
  for (const e of leadEvents) keep(e);
  const last = history.lastStageRows(sorted.length);
  for (const status of statuses) {
    const row = last[leadIndex.get(status.leadId) ?? -1] ?? -1;
    if (row < 0) keep(status);
    else if (history.meaningOf(row) !== meaningOf(status))
      findings.push(
        finding(
          "status_superseded",
          status.place,
          `lead ${status.leadId}'s status "${eventRaw(status)}" is not used: its history ends in ${history.meaningOf(row)}`,
          {
            leadId: status.leadId,
            value: eventRaw(status),
          },
        ),
      );
  }
  // Placeholder and typo dates (0001-01-01, 9999-12-31, 2062 for 2026) must not become the as-of.
  const { plausible, ceiling } = plausibility(
    traced ? traced.all.created : Array.from(leads.values(), (l) => l.createdAt),
  );
  const wideFiles = new Set([sources.leads.file, ...sources.stage_dates.map((d) => d.file)]);
  const implausible = (x: { at: number; place: Place; leadId: string }): Finding => {
    const when = new Date(x.at).toISOString().slice(0, 10);
    return wideFiles.has(x.place.file)
      ? finding("bad_stage_date", x.place, `stage date ${when} is implausible`, {
          leadId: x.leadId,
          value: when,
        })
      : finding("implausible_date", x.place, `time stamp ${when} is implausible`, {
          leadId: x.leadId,
          value: when,
        });
  };
  // Every kept stamp counts towards the span; a far outlier moves neither the period nor the as-of.
  const span = new TimeSpan(FLOOR, ceiling);
  // trace without --as-of: the data's span from every row's stamp, typed by the ingest's readers.
  const stamps = traced && stampsFirst ? new TimeSpan(FLOOR, ceiling) : null;
  if (traced && stamps) {
    for (const t of traced.all.created) if (t !== null && plausible(t)) stamps.see(t);
    const read = await readStamps({
      sources,
      leadTable,
      ...traced.all,
      open: (source) => openAs(source, undefined, [], undefined),
      context: (source, table, all, notes) => ({
        ...context(source, table.index, table.header),
        leads: all,
        findings: notes,
      }),
      lookup,
      see: (t) => {
        if (plausible(t)) stamps.see(t);
      },
      resolverOf: leadResolver,
    });
    if (!read) throw new WholeRead();
  }

  // Activities stream through: the implausible ones become findings, the rest are kept (all of
  // them, or with options.compact only those that can answer an obligation).
  // Rows with implausible time stamps are left out now; their findings follow the activities' own.
  const eventFindings: Finding[] = [];
  history.group(plausible, (e) => eventFindings.push(implausible(e)));
  const rules = config.handoffs.flatMap((h) => (h.activity ? [h.activity] : []));
  const reducer = options.compact
    ? new ActivityReducer(rules, sorted, leadIndex, history, options.compact)
    : null;
  const activities = reducer
    ? null
    : new ActivityRows(leadIndex, sorted.length, (i) => (sorted[i] as Lead).id);
  const activityFindings: Finding[] = [];
  // A reused object (activitiesFromWorker) is copied where it is kept: a finding, the full list.
  const own = (a: Activity, reused: boolean | undefined) => (reused ? { ...a, place: { ...a.place } } : a);
  // A row naming several leads (HubSpot's "Associated Contact IDs": 3401;3402) gives an activity
  // per lead, one after another: the row is used once.
  let usedFile = "";
  let usedLine = -1;
  const take: ActivitySink = (a, lead, reused) => {
    if (!plausible(a.at)) activityFindings.push(implausible(own(a, reused)));
    else {
      span.see(a.at, a.place);
      if (a.place.line !== usedLine || a.place.file !== usedFile) {
        use(a.place.file);
        usedFile = a.place.file;
        usedLine = a.place.line;
      }
      if (reducer) reducer.add(a, lead);
      else activities?.push(own(a, reused));
    }
  };
  for (const source of sources.activities)
    await readRows(source, (ctx) => activitiesReader(ctx, byIndex.idOf, take));

  for (const f of eventFindings) findings.push(f);
  for (const f of activityFindings) findings.push(f);
  activities?.group(() => true);
  const usedActivities = reducer ? reducer.result() : (activities as ActivityRows);
  for (const lead of leads.values())
    if (lead.createdAt !== null && !plausible(lead.createdAt)) {
      findings.push(
        finding(
          "bad_created_time",
          lead.place,
          `created ${new Date(lead.createdAt).toISOString().slice(0, 10)}, an implausible date`,
          { leadId: lead.id },
        ),
      );
      lead.createdAt = null;
    }

  for (const lead of sorted) if (lead.createdAt !== null) span.see(lead.createdAt);
  history.eachTime((t) => span.see(t));
  const { earliest, latest, inBulk, outlierDays } = (stamps ?? span).finish();
  const far = (t: number, place: Place, more = "") =>
    finding(
      "outlier_date",
      place,
      `${new Date(t).toISOString().slice(0, 10)}${more} is far from the rest of the data (${new Date(earliest ?? t).toISOString().slice(0, 10)} to ${new Date(latest ?? t).toISOString().slice(0, 10)})`,
      { value: new Date(t).toISOString().slice(0, 10) },
    );
  for (const lead of sorted)
    if (lead.createdAt !== null && !inBulk(lead.createdAt)) findings.push(far(lead.createdAt, lead.place));
  history.eachTime((t, _lead, row) => {
    if (!inBulk(t)) findings.push(far(t, history.row(row).place));
  });
  for (const d of outlierDays)
    findings.push(far(d.at, d.place, d.count > 1 ? ` (and ${d.count - 1} more that day)` : ""));
  for (const [source, table] of opened) count(source, table.dropped());
  return {
    leads: sorted,
    extraColumns: extra.map(([h]) => h),
    reps,
    history,
    activities: usedActivities,
    ...(reducer ? { activityOwners: [...reducer.owners].sort() } : {}),
    findings,
    earliest,
    latest,
    rowCounts,
    usedRows,
    columns,
  };
}
