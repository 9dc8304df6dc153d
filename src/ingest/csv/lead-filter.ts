/** The byte-level row prefilter of `trace`: hands on only the rows that may name the traced lead. */

/**
 * A byte-level prefilter for `trace` (docs/performance.md, "`trace` of one lead"): of a UTF-8 CSV
 * stream it hands on only the rows that may name the traced lead, so the tokenizer, the table
 * checks and the typing see a few rows instead of millions. It is a superset filter: a row is
 * dropped only when it surely cannot change what is read for the lead.
 *
 * - **Rows as the tokenizer cuts them** (fast-csv.ts): a row ends at CRLF, LF or a lone CR outside
 *   quotes; a quote opens a quoted field only at a field's start; `""` inside one is a quote. Quote
 *   state is tracked from the start of the file, so a quoted multi-line cell is one row. Structure
 *   bytes are ASCII, and no byte of a multi-byte UTF-8 character is, so bytes read as Latin-1 cut
 *   the same rows as the decoded text.
 * - **Same line numbers.** A dropped row is replaced by as many line breaks as it held (empty
 *   lines are skipped by the tokenizer and counted), so every kept row starts on its own line.
 * - **Kept:** the first row (the header: table.ts takes the first row); every row holding
 *   one of the keys (the lead's id or its 15-character prefix, its contact's, its e-mail), compared
 *   without case when an e-mail is a key, and then every row with a byte past ASCII too (Unicode
 *   case mapping is not byte for byte); every row that may not be an ordinary data row (footer.ts
 *   holds footers, totals and one-cell rows until the next data row), and the row after each, so
 *   the table sees the same data row before and after each of them.
 * - **Long rows.** A row not finished within 1 MiB turns the filter off for the rest of the file:
 *   everything from there is handed on (the tokenizer then judges it, e.g. too long).
 */

import { readSync } from "node:fs";
import { open } from "node:fs/promises";
import type { LeadCreations } from "../sources/lead-creations.js";
import { cell } from "./columns.js";
import { type DrainingTaker, type LeadKeys, RowFilter, sameKeys } from "./row-filter.js";
import type { Table, TableRow } from "./table.js";

export type { DrainingTaker, LeadKeys } from "./row-filter.js";

const LF = 10;
const CR = 13;
const QUOTE = 34;
/** A row longer than this stops the filtering (everything after is handed on). */
const MAX_HELD = 1 << 20;

/** The keys of a lead: its id and contact id (each cut to 15 characters), and its e-mail when joined by it. */
export function leadKeys(id: string, contact: string | null, email: string | null): LeadKeys {
  const latin1 = (s: string) => Buffer.from(s, "utf8").toString("latin1");
  const keys = [id, ...(contact ? [contact] : [])].map((k) => latin1(k.slice(0, 15)));
  if (email !== null && email.trim() !== "") keys.push(latin1(email.trim().toLowerCase()).toLowerCase());
  const caseless = email !== null && email.trim() !== "";
  return { keys: (caseless ? keys.map((k) => k.toLowerCase()) : keys).filter((k) => k !== ""), caseless };
}

/** False when the filter cannot apply (a delimiter that is not ASCII, a key with a quote: the file doubles it). */
export function filterable(lead: LeadKeys, delimiter: string): boolean {
  const delim = delimiter.charCodeAt(0);
  if (delimiter.length !== 1 || delim >= 128 || delim === QUOTE || delim === LF || delim === CR) return false;
  return !lead.keys.some((k) => k.includes('"'));
}

/**
 * Bytes read at a time, into one buffer used again (a new buffer per read costs its page faults),
 * each read behind room for the unfinished row of the chunk before. With a taker, 64 KB: its batch
 * (16,383 rows, sent when 4,096 short of full) should not fill within a chunk (stamp-taker.ts: the
 * rows after go the slow way), it starts once the header is read (row-filter.ts), and the chunk's
 * text stays a regular object (128 KB and more: one mapping each, twice the system time).
 */
const READ = 1 << 20;
const TAKER_READ = 1 << 16;

/**
 * The bytes of the file at `path` the filter hands on (filterable must be true), so what is handed
 * on is copied out of the read buffers; with a taker, the rows it takes are dropped too, and it
 * drains after each chunk, before the chunk's rows go on. Each buffer holds the unfinished row
 * (at most MAX_HELD bytes, else the filter is off) before the bytes read after it.
 */
export async function* filteredBytes(
  path: string,
  lead: LeadKeys,
  delimiter: string,
  taker: DrainingTaker | null,
  onRead: (bytes: number) => void,
): AsyncGenerator<Buffer> {
  const rows = new RowFilter(lead, delimiter, taker);
  const handle = await open(path, "r");
  const size = taker ? TAKER_READ : READ;
  const buf = Buffer.allocUnsafe(MAX_HELD + size);
  let position = 0;
  let held = 0;
  let off = false;
  try {
    for (;;) {
      // Read at once: a read through the thread pool costs about 45 µs of hand-over, a 64 KB copy
      // from the page cache 15 µs (170 MB in 64 KB reads: 160-185 ms against 45-55 ms).
      const bytesRead = readSync(handle.fd, buf, MAX_HELD, size, position);
      position += bytesRead;
      onRead(bytesRead);
      const chunk = buf.subarray(MAX_HELD - held, MAX_HELD + bytesRead);
      if (bytesRead === 0) {
        const last = !off && held > 0 ? rows.run(chunk, true) : null;
        await taker?.drain(true);
        if (last && last.length > 0) yield Buffer.from(last);
        return;
      }
      held = 0;
      // A row longer than MAX_HELD stopped the filtering: everything from there is handed on.
      if (off) {
        yield Buffer.from(chunk);
        continue;
      }
      const out = rows.run(chunk, false);
      const unfinished = rows.held;
      rows.held = Buffer.alloc(0);
      await taker?.drain(false);
      if (unfinished.length > MAX_HELD) {
        off = true;
        yield Buffer.concat([out, unfinished]);
        continue;
      }
      if (out.length > 0) yield out.buffer === buf.buffer ? Buffer.from(out) : out;
      // The unfinished row goes just before where the next read lands.
      held = unfinished.length;
      const from = unfinished.byteOffset - buf.byteOffset;
      buf.copyWithin(MAX_HELD - held, from, from + held);
    }
  } finally {
    await handle.close();
  }
}

/**
 * The ids of the table's rows (those holding the id: those holding the lead's keys when they are
 * the same); the rows whose id is `id` go to `own` when given.
 */
async function idsOf(table: Table, id: string, own: TableRow[] | null): Promise<Set<string>> {
  const ids = new Set<string>();
  for await (const batch of table.rows)
    for (const row of batch) {
      const v = cell(row.cells, table.index, "id");
      if (v !== null) ids.add(v);
      if (own && v === id) own.push(row);
    }
  return ids;
}

/** Leads whose rows hold one of the traced lead's keys, more than this: the leads file is read whole. */
const MAX_NEAR = 64;

/** The leads file of a trace, filtered (see filteredLeads). */
export interface TracedLeads {
  /** The rows that may hold the traced lead's keys or the id of a lead whose row does. */
  table: Table;
  /** Every id and its creation (leadCreations): the ceiling and the data's span are taken from all of them. */
  all: Omit<LeadCreations, "rows">;
}

/**
 * The leads file for `trace` (docs/performance.md): the lead's own rows give its keys (id,
 * contact, e-mail), found by a pass filtered for its id (or, when the file is not read filtered,
 * by the pass over every row); the rows holding a key name the leads that may take the lead's ids
 * or e-mail (leadResolver, leadsByEmail), and the table returned holds those and every row of
 * their ids, so the rows sharing an id are chosen between as the whole read does. One pass over
 * every row types only ids and creations (for the ceiling), while the other files are filtered for
 * the keys (`keys`). Null: read the file whole (no such lead, so the trace names the closest id; a
 * key the filter cannot look for; more than MAX_NEAR such leads).
 */
export async function filteredLeads(
  id: string,
  read: {
    /** The leads table, filtered to `lead` when given; `final`: the one ingested (its findings count). */
    open: (lead: LeadKeys | undefined, final: boolean) => Promise<Table>;
    creations: (table: Table, id: string) => Promise<LeadCreations>;
    /** The keys of the lead these rows (all of its rows) make. */
    keysOf: (table: Table, rows: TableRow[]) => Promise<LeadKeys | null>;
    /**
     * Whether the file is read filtered (UTF-8, the fast tokenizer): then the lead's rows are found
     * first, by a filtered pass, and `keys` is told them before the pass over every lead.
     */
    filtered: boolean;
    /** Told the lead's keys (the other files are filtered for them meanwhile). */
    keys?: (lead: LeadKeys) => void;
  },
): Promise<TracedLeads | null> {
  const idKeys = leadKeys(id, null, null);
  const rows: TableRow[] = [];
  let every: Omit<LeadCreations, "rows"> | null = null;
  let near: Set<string> | null = null;
  let keys: LeadKeys | null;
  if (read.filtered) {
    const own = await read.open(idKeys, false);
    near = await idsOf(own, id, rows);
    keys = rows.length > 0 ? await read.keysOf(own, rows) : null;
  } else {
    // Not filtered, every pass parses every row: the lead's rows come from the pass over every lead.
    const whole = await read.open(undefined, false);
    const { rows: own, ...all } = await read.creations(whole, id);
    every = all;
    keys = own.length > 0 ? await read.keysOf(whole, own) : null;
  }
  if (keys === null || keys.keys.some((k) => k.includes('"'))) return null;
  const ids = near && sameKeys(keys, idKeys) ? near : await idsOf(await read.open(keys, false), id, null);
  if (ids.size > MAX_NEAR) return null;
  const latin1 = (k: string) => Buffer.from(k, "utf8").toString("latin1");
  const more = [...ids].map((k) => (keys.caseless ? latin1(k).toLowerCase() : latin1(k)));
  const all: LeadKeys = {
    keys: [...keys.keys, ...more.filter((k) => !keys.keys.includes(k))],
    caseless: keys.caseless,
  };
  if (all.keys.some((k) => k.includes('"'))) return null;
  // A filtered table is certain now: the other files are filtered meanwhile, for the lead's keys.
  read.keys?.(keys);
  if (every === null) {
    const { rows: _, ...creations } = await read.creations(await read.open(undefined, false), id);
    every = creations;
  }
  return { table: await read.open(all, true), all: every };
}
