/** Each lead's id and creation alone, from every row of the leads file: `trace`'s first pass (read-leads.ts). */

import type { TimestampParser } from "../../time/timestamps.js";
import type { Millis } from "../../types.js";
import { cell, hasColumn } from "../csv/columns.js";
import type { TableRow } from "../csv/table.js";
import { detach } from "../store/intern.js";
import { StringIndex } from "../store/string-index.js";

/** The instant every lead is created at in a status-only snapshot without a created_at column, else null. */
export const snapshotOf = (
  snapshotAt: Millis | null | undefined,
  index: Record<string, number[]>,
): Millis | null => (snapshotAt != null && !hasColumn(index, "created_at") ? snapshotAt : null);

/** A lead row's creation: the snapshot's instant, else its created_at text typed (null: none, or not a date). */
export const createdOf = (
  text: string | null,
  snapshotAt: Millis | null,
  parser: TimestampParser,
): Millis | null => snapshotAt ?? (text === null ? null : parser.parse(text));

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
  ctx: { index: Record<string, number[]>; parser: TimestampParser; snapshotAt?: Millis | null },
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
