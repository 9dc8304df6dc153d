/** Reads the SLA's sources into a Dataset: reps and leads first, so events can be checked against them. */

import { stat } from "node:fs/promises";
import { type RowsWorker, startRowsWorker } from "../parallel/rows.js";
import { type RowsKind, workerBudget } from "../parallel/rows-protocol.js";
import {
  allSources,
  type Finding,
  type Lead,
  type Opportunity,
  type Rep,
  type SlaConfig,
  type SourceDef,
} from "../types.js";
import { checkUtf8Ahead } from "./csv/open-csv.js";
import { csvParseTokenizer } from "./csv/reference-csv.js";
import type { Dataset } from "./dataset.js";
import { decideDates } from "./date-scan-files.js";
import { leadResolver, leadsByIndex, ownerNames } from "./lead-join.js";
import {
  dropImplausibleCreations,
  FLOOR,
  finishSpan,
  implausibleFinding,
  plausibility,
} from "./plausible.js";
import { definitionFieldsOf, readEngagements, readLists } from "./read-engagements.js";
import { type Joined, readActivities, readHistory } from "./read-events.js";
import { type LeadsRead, readLeads, WholeRead } from "./read-leads.js";
import { opportunityTimes, readOpportunities } from "./read-opportunities.js";
import { type ContextOf, type IngestOptions, Reading, stampsFirst } from "./reading.js";
import { checkReference, readReference } from "./sources/references.js";
import { ingestReps, repNames } from "./sources/reps.js";
import { buildStageLookup } from "./sources/stage-lookup.js";
import { TimeSpan } from "./span.js";
import { stampsSpan } from "./stamps-span.js";
import type { History } from "./store/history.js";
import { leadLookup } from "./store/lead-index.js";
import { StringIndex } from "./store/string-index.js";

export { isNullId, leadResolver } from "./lead-join.js";
export type { IngestOptions } from "./reading.js";

/**
 * Large stage-history, owner-history and activities files start in worker threads now, while the
 * leads are read here (src/parallel/rows.ts); none for a trace, the reference path, or a given
 * tokenizer or time-stamp parser. `part`: only the histories and activities, or only the engagements.
 */
async function startWorkers(
  config: SlaConfig,
  options: IngestOptions,
  part?: "events" | "engagements",
): Promise<Map<SourceDef, Promise<RowsWorker | null>>> {
  const mode = options.workers ?? "auto";
  const workers = new Map<SourceDef, Promise<RowsWorker | null>>();
  // A trace with --as-of reads only its lead's rows, here; one without reads every stamp first
  // (stamps.ts), which workers can type while the leads are read.
  const traceAsOf = options.onlyLead !== undefined && !stampsFirst(options);
  if (mode === "never" || traceAsOf || options.reference || options.tokenizer || options.timestamps)
    return workers;
  const { stage_history, owner_history, activities, leads } = config.sources;
  const size = await stat(leads.path).then(
    (s) => s.size,
    () => 0,
  );
  const budget = workerBudget(size);
  // A trace's stamps pass reads only each row's lead and time (parallel/stamp-taker.ts).
  const stamps = stampsFirst(options);
  // Engagements move no span: after the stamps pass only the lead's rows are read, filtered, here
  // (a worker would read and hand over every row); a bridged source's rows name vendor ids, read whole.
  const start = (kind: RowsKind, source: SourceDef) =>
    workers.set(
      source,
      startRowsWorker(
        kind,
        source,
        config,
        mode,
        budget,
        options.onProgress,
        stamps && kind !== "engagements",
      ),
    );
  if (part !== "engagements") {
    if (stage_history) start("stage_history", stage_history);
    if (owner_history) start("owner_history", owner_history);
    for (const source of activities) start("activities", source);
  }
  if (part !== "events")
    for (const source of config.sources.engagements ?? [])
      if (!stamps || source.engagement?.bridge) start("engagements", source);
  return workers;
}

/** Stops every worker of the map. */
function stopAll(workers: Map<SourceDef, Promise<RowsWorker | null>>): void {
  for (const w of workers.values()) void w.then((x) => x?.stop());
}

/** Streams every source file of the SLA and returns typed rows plus the findings about them. */
export async function readDataset(given: SlaConfig, options: IngestOptions = {}): Promise<Dataset> {
  // Every file's encoding is decided from all its bytes before it is read: the checks go on at once.
  void checkUtf8Ahead(allSources(given).flatMap((s) => (s.encoding ? [] : [s.path])));
  // Date layouts are decided per column before any row is typed (date-scan.ts); exit 2 when they cannot be.
  // The workers of the histories and activities start once their files are decided, while the
  // others are (the engagements' UTF-8 check, the longest, goes on meanwhile).
  let early: Promise<Map<SourceDef, Promise<RowsWorker | null>>> | null = null;
  const dates = options.timestamps
    ? { config: given, findings: [] }
    : await decideDates(
        given,
        options.tokenizer ?? (options.reference ? csvParseTokenizer : undefined),
        (decided) => {
          early = startWorkers(decided, options, "events");
        },
      ).catch(async (err) => {
        stopAll(await (early ?? new Map()));
        throw err;
      });
  const config = dates.config;
  const workers = new Map([
    ...(await (early ?? startWorkers(config, options, "events"))),
    ...(await startWorkers(config, options, "engagements")),
  ]);
  // A read takes a worker out of the map when it consumes it (a trace's stamps pass): all are stopped.
  const started = [...workers.values()];
  try {
    return await read(config, options, workers, [...dates.findings]).catch(async (err) => {
      // A trace whose data this pass cannot give the span of (stamps.ts): every file read whole,
      // by workers of its own (the stamps pass's read only leads and times).
      if (!(err instanceof WholeRead)) throw err;
      const { onlyLead: _, ...whole } = options;
      if (stampsFirst(options)) stopAll(workers);
      const again = stampsFirst(options) ? await startWorkers(config, whole) : workers;
      if (again !== workers) started.push(...again.values());
      return read(config, whole, again, dates.findings);
    });
  } finally {
    await Promise.all(started.map((w) => w.then((x) => x?.stop())));
  }
}

/** One read of every source, in the order the checks need: reps, leads, references, history, activities. */
async function read(
  config: SlaConfig,
  options: IngestOptions,
  workers: Map<SourceDef, Promise<RowsWorker | null>>,
  findings: Finding[],
): Promise<Dataset> {
  const r = new Reading(config, options, workers, findings);
  try {
    return await readAll(r);
  } finally {
    r.stop();
  }
}

/** The steps of one read (read). */
async function readAll(r: Reading): Promise<Dataset> {
  const { config, findings } = r;
  const reps = await readReps(r);
  const lookup = buildStageLookup(config);
  const leads = await readLeads(r, lookup);
  // The lead fields the definitions name must be the leads file's (exit 2 before any other file is read).
  const definitionFields = config.definitions
    ? definitionFieldsOf(config.definitions, config.sources.leads, leads.headers, config.file, leads.looked)
    : null;
  const j = await join(r, leads, reps);
  const { sorted, traced } = leads;
  // Placeholder and typo dates (0001-01-01, 9999-12-31, 2062 for 2026) must not become the as-of.
  const { plausible, ceiling } = plausibility(traced ? traced.all.created : sorted.map((l) => l.createdAt));
  const implausible = implausibleFinding(
    new Set([config.sources.leads.file, ...config.sources.stage_dates.map((d) => d.file)]),
  );
  // Every kept stamp counts towards the span; a far outlier moves neither the period nor the as-of.
  const span = new TimeSpan(FLOOR, ceiling);
  const stampsRead = stampsSpan(r, lookup, j, plausible, ceiling);
  const history = await readHistory(r, lookup, j);
  // Rows with implausible time stamps are left out now; their findings follow the activities' own.
  const eventFindings: Finding[] = [];
  history.group(plausible, (e) => eventFindings.push(implausible(e)));
  const activities = await readActivities(r, j, { span, plausible, implausible, history });
  for (const f of [eventFindings, activities.findings].flat()) findings.push(f);
  const { kept, owners } = activities.finish();
  const engagements = config.sources.engagements?.length ? await readEngagements(r, j) : null;
  const lists = config.definitions ? await readLists(r) : null;
  const opportunities = config.sources.opportunities?.length ? await readOpportunities(r, j) : null;
  const stamps = await stampsRead;
  dropImplausibleCreations(sorted, plausible, findings);
  seeTimes(span, sorted, history, opportunities ?? []);
  const { earliest, latest } = finishSpan(stamps ?? span, sorted, history, findings);
  r.countDropped();
  return {
    leads: sorted,
    extraColumns: [...leads.extra.map(([h]) => h), ...leads.looked],
    reps,
    history,
    activities: kept,
    ...(owners ? { activityOwners: owners } : {}),
    ...(engagements ? { engagements: engagements.rows, engagementRows: engagements.counts } : {}),
    ...(definitionFields ? { definitionFields } : {}),
    ...(leads.lookupRows.length > 0 ? { lookupRows: leads.lookupRows } : {}),
    ...(lists ? { lists } : {}),
    ...(opportunities ? { opportunities } : {}),
    findings,
    earliest,
    latest,
    rowCounts: r.rowCounts,
    usedRows: r.usedRows,
    columns: r.columns,
  };
}

/** The leads' creations, the history's instants and the opportunities' count towards the data's span. */
function seeTimes(
  span: TimeSpan,
  leads: readonly Lead[],
  history: History,
  opportunities: readonly Opportunity[],
) {
  for (const lead of leads) if (lead.createdAt !== null) span.see(lead.createdAt);
  history.eachTime((t) => span.see(t));
  for (const t of opportunityTimes(opportunities)) span.see(t);
}

async function readReps(r: Reading): Promise<Rep[]> {
  const source = r.config.sources.reps;
  if (!source) return [];
  const table = await r.open(source);
  const { reps, rows } = await ingestReps(table.rows, table.index, source, r.config, r.findings);
  r.count(source, rows);
  r.use(source.file, reps.length);
  return reps;
}

/**
 * The leads by id and index, the references checked against them, owners made canonical, and how
 * every other file's rows find their lead and their context.
 */
async function join(r: Reading, leads: LeadsRead, reps: Rep[]): Promise<Joined> {
  const { config, findings } = r;
  const { sorted, byEmail, values } = leads;
  // Leads are kept in id order; history rows and activities name them by their index in it.
  const leadIndex = new StringIndex(sorted.length, (i) => (sorted[i] as Lead).id);
  for (let i = 0; i < sorted.length; i++) leadIndex.add(i);
  const lookup = leadLookup(leadIndex, sorted);
  for (const ref of config.references) {
    const table = await r.open(ref.source);
    const { values: listed, rows } = await readReference(table);
    r.count(ref.source, rows);
    r.use(ref.source.file, rows);
    checkReference(lookup.values(), ref.field, listed, ref.source.file, findings);
  }
  const known = config.sources.reps ? repNames(reps) : null;
  const resolve = leadResolver(lookup);
  const owner = ownerNames(reps, values);
  for (const lead of lookup.values()) if (lead.owner !== null) lead.owner = owner(lead.owner);
  // An activity without a type is kept when a handoff counts activities of any type (it can answer it).
  const untypedCounts = config.handoffs.some(
    (h) => h.activity !== null && h.activity !== undefined && h.activity.types.length === 0,
  );
  const contextOf: ContextOf = (source, index, header) => ({
    ...(header ? { header } : {}),
    ...(byEmail ? { leadsByEmail: (email: string) => byEmail.get(email) ?? [] } : {}),
    reps: known,
    index,
    source,
    parser: r.parserFor(source),
    leads: lookup,
    resolve,
    owner,
    findings,
    values,
    untypedCounts,
  });
  return {
    leads,
    leadIndex,
    lookup,
    resolve,
    byIndex: leadsByIndex((i) => sorted[i]?.id, leadIndex, resolve),
    contextOf,
  };
}
