/** `trace` without `--as-of`: every row's time typed, only to find the default as-of. */

/**
 * `trace` without `--as-of` (docs/performance.md, "`trace` of one lead"): the default as-of is the
 * latest stamp of the span's bulk over every kept stamp of every file (span.ts), so every row must
 * be read; but only to know whether it is kept and when. Here each history, owner-history and
 * activity row is typed by the ingest's own row readers (events.ts), against every lead id of the
 * leads file, and only its time goes on: no columns, no grouping, no replay. The rows' findings
 * are let go (the trace shows none).
 *
 * What the leads file adds besides the creations (a status column, date columns per stage,
 * converted contacts, e-mail joins, field-history exports, stage-date files) is not typed here:
 * then the caller reads the whole files instead (null).
 */

import type { Finding, HistoryEvent, Lead, Millis, SlaConfig, SourceDef } from "../types.js";
import { hasColumn } from "./csv/columns.js";
import type { Table, TableRow } from "./csv/table.js";
import { activityRowReader } from "./sources/activities.js";
import { ownerRowReader } from "./sources/owner-history.js";
import type { LeadLookup, RowContext } from "./sources/rows.js";
import { historyRowReader } from "./sources/stage-history.js";
import type { StageLookup } from "./sources/stage-lookup.js";
import type { Interner } from "./store/intern.js";
import { leadLookup } from "./store/lead-index.js";
import { StringIndex } from "./store/string-index.js";

export interface StampsInput {
  sources: SlaConfig["sources"];
  /** The leads file's table (its header decides what the leads add). */
  leadTable: Table;
  /** Every lead id once, and its creation (leadCreations). */
  ids: readonly string[];
  created: readonly (Millis | null)[];
  /** Opens a source whole; its findings are let go. */
  open: (source: SourceDef) => Promise<Table>;
  /** The row context of the ingest for a source, here with every lead and its own findings. */
  context: (source: SourceDef, table: Table, leads: LeadLookup, findings: Finding[]) => RowContext;
  lookup: StageLookup;
  /** Told every stamp of a kept row (the whole read puts the plausible ones in the span). */
  see: (at: Millis) => void;
  /** The leads' resolver (leadResolver) over a lookup. */
  resolverOf: (leads: LeadLookup) => (id: string) => string | null;
}

/** True when the stamps of the data can be read this way (see the file's comment). */
export function stampsReadable(
  input: Pick<StampsInput, "sources" | "leadTable">,
  joinsByEmail: boolean,
): boolean {
  const { index, stageColumns } = input.leadTable;
  return (
    !joinsByEmail &&
    input.sources.stage_dates.length === 0 &&
    !hasColumn(index, "stage") &&
    !hasColumn(index, "converted_contact_id") &&
    Object.keys(stageColumns).length === 0
  );
}

const same = (value: string) => value;

async function each(
  rows: AsyncIterable<TableRow[]>,
  file: string,
  row: (cells: string[], place: { file: string; line: number }) => void,
) {
  for await (const batch of rows) for (const { line, cells } of batch) row(cells, { file, line });
}

/**
 * Hands every stamp the whole read would put in the span to `see`; false when a file has a shape
 * this pass does not type (a field-history export): then nothing can be concluded.
 */
export async function readStamps(input: StampsInput): Promise<boolean> {
  const { sources, ids, created, see } = input;
  // Every lead, as the resolver and the row readers look them up: by id, with no contact.
  const index = new StringIndex(ids.length, (i) => ids[i] as string);
  const leads: Lead[] = ids.map((id, i) => {
    index.add(i);
    return { id, createdAt: created[i] ?? null, convertedContactId: null } as Lead;
  });
  const lookup = leadLookup(index, leads);
  const resolve = input.resolverOf(lookup);
  const contextOf = (source: SourceDef, table: Table): RowContext => ({
    ...input.context(source, table, lookup, []),
    leads: lookup,
    resolve,
    findings: [],
    // Owners and values are not shared out: no row is kept by them, and none is kept here.
    owner: same,
    values: { get: same } as Interner,
  });
  const history = (e: HistoryEvent | null) => {
    if (e) see(e.at);
  };
  if (sources.stage_history) {
    const table = await input.open(sources.stage_history);
    if (hasColumn(table.index, "field")) return false;
    const reader = historyRowReader(contextOf(sources.stage_history, table), input.lookup);
    await each(table.rows, sources.stage_history.file, (cells, place) => history(reader.build(cells, place)));
    reader.finish(history);
  }
  if (sources.owner_history) {
    const table = await input.open(sources.owner_history);
    const reader = ownerRowReader(contextOf(sources.owner_history, table));
    await each(table.rows, sources.owner_history.file, (cells, place) => history(reader(cells, place)));
  }
  for (const source of sources.activities) {
    const table = await input.open(source);
    const reader = activityRowReader(contextOf(source, table));
    await each(table.rows, source.file, (cells, place) => {
      const a = reader(cells, place);
      if (Array.isArray(a)) for (const x of a) see(x.at);
      else if (a) see(a.at);
    });
  }
  return true;
}
