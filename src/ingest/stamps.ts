/** `trace` without `--as-of`: every row's time typed, only to find the default as-of. */

/**
 * `trace` without `--as-of` (docs/performance.md, "`trace` of one lead"): the default as-of is the
 * latest stamp of the span's bulk over every kept stamp of every file (span.ts), so every row must
 * be read; but only to know whether it is kept and when. Here each history, owner-history and
 * activity row is typed by the ingest's own row readers (events.ts), against every lead id of the
 * leads file, and only its time goes on: no columns, no grouping, no replay. The rows' findings
 * are let go (the trace shows none). The opportunities' instants count too: the caller reads
 * them joined against every lead (allLeads). Engagements move no span and are not read here.
 *
 * What the leads file adds besides the creations (a status column, date columns per stage,
 * converted contacts and opportunities, e-mail joins, field-history exports, stage-date files) is
 * not typed here: then the caller reads the whole files instead (null).
 */

import { type LeadIndex, readOnWorker, type TakenWorker } from "../parallel/rows.js";
import type { Finding, HistoryEvent, Millis, Place, SlaConfig, SourceDef } from "../types.js";
import { hasColumn } from "./csv/columns.js";
import type { Table } from "./csv/table.js";
import { idResolver, leadsByIndex } from "./lead-join.js";
import { activityRowReader } from "./sources/activities.js";
import { ownerRowReader } from "./sources/owner-history.js";
import { type LeadLookup, type RowContext, type RowReader, readHere } from "./sources/rows.js";
import { historyRowReader } from "./sources/stage-history.js";
import type { StageLookup } from "./sources/stage-lookup.js";
import type { Interner } from "./store/intern.js";
import { LeadsOfIds } from "./store/lead-index.js";
import type { StringIndex } from "./store/string-index.js";

export interface StampsInput {
  sources: SlaConfig["sources"];
  /** The leads file's table (its header decides what the leads add). */
  leadTable: Table;
  /** Every lead id once, its creation (NaN: none), and each id's number (leadCreations). */
  ids: readonly string[];
  created: readonly number[];
  index: StringIndex;
  /** Opens a source whole; its findings are let go. */
  open: (source: SourceDef) => Promise<Table>;
  /** A worker already reading the source (src/parallel/rows.ts), taken for this pass; null: read it here. */
  onWorker?: (source: SourceDef) => Promise<TakenWorker | null>;
  /** The row context of the ingest for a source, here with every lead and its own findings. */
  context: (
    source: SourceDef,
    index: Record<string, number[]>,
    header: string[],
    leads: LeadLookup,
    findings: Finding[],
  ) => RowContext;
  lookup: StageLookup;
  /** Told every stamp of a kept row (the whole read puts the plausible ones in the span). */
  see: (at: Millis) => void;
  /** Told every lead, once the files are read: the opportunities' instants join them (index.ts). */
  allLeads?: (all: AllLeads) => Promise<void>;
}

/** Every lead of the leads file as this pass knows them: id and creation, no contact. */
export interface AllLeads {
  index: StringIndex;
  lookup: LeadLookup;
  byIndex: LeadIndex;
  resolve: (id: string) => string | null;
}

/** True when the stamps of the data can be read this way (see the file's comment). */
export function stampsReadable(
  input: Pick<StampsInput, "sources" | "leadTable">,
  joinsByEmail: boolean,
): boolean {
  const { index, stageColumns } = input.leadTable;
  // Opportunities join leads by their converted opportunity too (read-opportunities.ts), not typed here.
  const opportunities = (input.sources.opportunities ?? []).length > 0;
  return (
    !joinsByEmail &&
    !(opportunities && hasColumn(index, "converted_opportunity_id")) &&
    input.sources.stage_dates.length === 0 &&
    !hasColumn(index, "stage") &&
    !hasColumn(index, "converted_contact_id") &&
    Object.keys(stageColumns).length === 0
  );
}

const same = (value: string) => value;

/**
 * Hands every stamp the whole read would put in the span to `see`; false when a file has a shape
 * this pass does not type (a field-history export): then nothing can be concluded.
 */
export async function readStamps(input: StampsInput): Promise<boolean> {
  const { sources, ids, created, see, index } = input;
  // Every lead, as the resolver and the row readers look them up: by id, with no contact.
  const lookup = new LeadsOfIds(ids, created, index);
  const resolve = idResolver(
    (id) => lookup.own(id),
    (visit) => {
      for (const id of ids) visit(id, null);
    },
  );
  const byIndex = leadsByIndex((i) => ids[i], index, resolve);
  const contextOf = (source: SourceDef, columns: Record<string, number[]>, header: string[]): RowContext => ({
    ...input.context(source, columns, header, lookup, []),
    leads: lookup,
    resolve,
    findings: [],
    // Owners and values are not shared out: no row is kept by them, and none is kept here.
    owner: same,
    values: { get: same } as Interner,
  });
  /**
   * A source's stamps: from the batches of the worker reading it (the rows it typed are rows the
   * ingest keeps, once their lead is known), else every row here; false for a field-history export.
   */
  const pass = async (source: SourceDef, reader: (ctx: RowContext) => StampReader, fieldShape = false) => {
    const taken = await input.onWorker?.(source);
    if (taken) {
      const ctx = contextOf(source, taken.index, taken.header);
      await readOnWorker(taken.worker, ctx, byIndex, stampsOf(reader(ctx), see));
      return true;
    }
    const table = await input.open(source);
    if (fieldShape && hasColumn(table.index, "field")) return false;
    const ctx = contextOf(source, table.index, table.header);
    await readHere(table.rows, ctx, stampsOf(reader(ctx), see));
    return true;
  };
  if (
    sources.stage_history &&
    !(await pass(sources.stage_history, (ctx) => historyRowReader(ctx, input.lookup), true))
  )
    return false;
  if (sources.owner_history) await pass(sources.owner_history, (ctx) => ({ build: ownerRowReader(ctx) }));
  for (const source of sources.activities) await pass(source, (ctx) => ({ build: activityRowReader(ctx) }));
  await input.allLeads?.({ index, lookup, byIndex, resolve });
  return true;
}

/** The ingest's reader of one kind of row (cells to events or activities), and what only the whole file gives. */
interface StampReader {
  build: (cells: string[], place: Place) => { at: Millis } | { at: Millis }[] | null;
  finish?: (emit: (e: HistoryEvent) => void) => void;
}

/** A RowReader (sources/rows.ts) that tells `see` the stamp of every row the ingest would keep. */
function stampsOf(reader: StampReader, see: (at: Millis) => void): RowReader {
  const one = (x: { at: Millis } | null) => {
    if (x) see(x.at);
  };
  return {
    what: "row",
    cells: (cells, place) => {
      const out = reader.build(cells, place);
      if (Array.isArray(out)) for (const x of out) see(x.at);
      else one(out);
    },
    batch: () => {},
    coded: (b, i) => see(b.at[i] as number),
    finish: () => reader.finish?.(one),
  };
}
