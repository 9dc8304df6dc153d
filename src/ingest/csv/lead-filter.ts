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

import { Transform, type TransformCallback } from "node:stream";
import type { LeadCreations } from "../sources/leads.js";
import { cell } from "./columns.js";
import { fieldEnd, breaks as lineBreaks } from "./fast-csv.js";
import type { Table, TableRow } from "./table.js";

const LF = 10;
const CR = 13;
const QUOTE = 34;
/** A row longer than this stops the filtering (everything after is handed on). */
const MAX_HELD = 1 << 20;

export interface LeadKeys {
  /** Strings one of which any row naming the lead holds (as bytes read as Latin-1). */
  keys: string[];
  /** Compare without case (an e-mail is a key): rows with non-ASCII bytes are kept too. */
  caseless: boolean;
}

/** The keys of a lead: its id and contact id (each cut to 15 characters), and its e-mail when joined by it. */
export function leadKeys(id: string, contact: string | null, email: string | null): LeadKeys {
  const latin1 = (s: string) => Buffer.from(s, "utf8").toString("latin1");
  const keys = [id, ...(contact ? [contact] : [])].map((k) => latin1(k.slice(0, 15)));
  if (email !== null && email.trim() !== "") keys.push(latin1(email.trim().toLowerCase()).toLowerCase());
  const caseless = email !== null && email.trim() !== "";
  return { keys: (caseless ? keys.map((k) => k.toLowerCase()) : keys).filter((k) => k !== ""), caseless };
}

/** Cursor on the next match of a pattern at or after a position (searched again only once passed). */
class Next {
  private at = -2;
  constructor(private readonly find: (from: number) => number) {}
  from(i: number): number {
    if (this.at !== -1 && this.at < i) this.at = this.find(i);
    return this.at < 0 ? Number.POSITIVE_INFINITY : this.at;
  }
}

const LETTER = /[A-Za-z]/g;
const ALNUM = /[A-Za-z0-9]/g;
const HIGH = /[\u0080-\u00ff]/g;
const regexFrom = (re: RegExp, s: string) => (from: number) => {
  re.lastIndex = from;
  const m = re.exec(s);
  return m ? m.index : -1;
};

/** The filter over a text the delimiter `delimiter` cuts into cells. Null: cannot filter (the delimiter is not ASCII). */
export function leadRowFilter(lead: LeadKeys, delimiter: string): Transform | null {
  const delim = delimiter.charCodeAt(0);
  if (delimiter.length !== 1 || delim >= 128 || delim === QUOTE || delim === LF || delim === CR) return null;
  // A key with a quote is written with it doubled (""): not as the key's bytes.
  if (lead.keys.some((k) => k.includes('"'))) return null;
  let held: Buffer = Buffer.alloc(0);
  /** No row has been handed on yet (the first is the header). */
  let first = true;
  let off = false;
  /** The previous row may not be an ordinary data row (the header counts as one). */
  let prevOdd = true;
  /** The last byte handed on was a CR (a following LF would join it). */
  let lastCr = false;

  const run = (buf: Buffer, final: boolean): Buffer => {
    const s = buf.toString("latin1");
    const t = lead.caseless ? s.toLowerCase() : s;
    const n = s.length;
    const out: Buffer[] = [];
    const keys = lead.keys.map((k) => ({ k, next: new Next((from) => t.indexOf(k, from)) }));
    const nl = new Next((from) => s.indexOf("\n", from));
    const quote = new Next((from) => s.indexOf('"', from));
    const cr = new Next((from) => s.indexOf("\r", from));
    const letter = new Next(regexFrom(LETTER, s));
    const alnum = new Next(regexFrom(ALNUM, s));
    const high = new Next(regexFrom(HIGH, s));
    const delimNext = new Next((from) => s.indexOf(delimiter, from));
    let keptFrom = -1;
    const flushKept = (to: number) => {
      if (keptFrom >= 0 && to > keptFrom) {
        out.push(buf.subarray(keptFrom, to));
        const last = buf[to - 1];
        lastCr = last === CR;
      }
      keptFrom = -1;
    };
    const emitBreaks = (count: number) => {
      if (count <= 0) return;
      out.push(Buffer.from(lastCr ? `\r\n${"\n".repeat(count - 1)}` : "\n".repeat(count)));
      lastCr = false;
    };
    let dropped = 0;
    /** Whether a row [from, end) cut as cells from c0s..c0e (first cell's text) and rest is surely ordinary data. */
    const surelyData = (c0s: number, c0e: number, restFrom: number, end: number): boolean => {
      if (restFrom < 0) return false; // one cell
      let i = c0s;
      while (i < c0e && (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9)) i++;
      const c = i < c0e ? s.charCodeAt(i) : 0;
      const isLetter = (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
      // A first cell opening with a letter is no number and no footer word (grand, sub, total, copyright, confidential, generated).
      if (isLetter && "gGsStTcC".indexOf(String.fromCharCode(c)) < 0) return true;
      // A first cell with text, and a later cell with a letter (no number): rowShape says DATA.
      return alnum.from(c0s) < c0e && letter.from(restFrom) < end;
    };
    let p = 0;
    while (p < n) {
      const rowStart = p;
      const c0 = s.charCodeAt(p);
      if (c0 === LF || c0 === CR) {
        if (c0 === CR && p + 1 === n && !final) break;
        p += c0 === CR && s.charCodeAt(p + 1) === LF ? 2 : 1;
        // An empty line: handed on with the rows around it, or counted as a dropped row's break.
        if (keptFrom < 0) dropped++;
        continue;
      }
      let end = -1;
      let breaks = 0;
      let c0s = p;
      let c0e = -1;
      let restFrom = -1;
      const lf = nl.from(p);
      if (quote.from(p) > lf && cr.from(p) > lf) {
        // A plain row: no quote, no CR before its LF.
        if (lf === Number.POSITIVE_INFINITY) {
          if (!final) break;
          end = n;
        } else {
          end = lf + 1;
          breaks = 1;
        }
        const contentEnd = lf === Number.POSITIVE_INFINITY ? n : lf;
        const d = delimNext.from(p);
        c0e = d < contentEnd ? d : contentEnd;
        restFrom = d < contentEnd ? d + 1 : -1;
      } else {
        // Cell by cell, as Scanner.scan cuts them.
        let i = p;
        let cell = 0;
        let incomplete = false;
        for (;;) {
          let cs = i;
          if (i < n && s.charCodeAt(i) === QUOTE) {
            cs = i + 1;
            let from = i + 1;
            for (;;) {
              const q = s.indexOf('"', from);
              if (q < 0 || (q + 1 === n && !final)) {
                incomplete = true;
                break;
              }
              breaks += lineBreaks(s, from, q);
              if (s.charCodeAt(q + 1) === QUOTE) {
                from = q + 2;
                continue;
              }
              i = q + 1;
              break;
            }
            if (incomplete) break;
          }
          // An unquoted field, or text glued to a closing quote ("abc"def: one cell), runs to a delimiter or the row's end.
          const after = i < n ? s.charCodeAt(i) : -1;
          if (i === cs || (after >= 0 && after !== delim && after !== LF && after !== CR)) {
            const e = fieldEnd(s, i, delim);
            if (e === n && !final) {
              incomplete = true;
              break;
            }
            i = e;
          }
          const ce = i;
          if (cell === 0) {
            c0s = cs;
            c0e = ce;
          }
          cell++;
          if (i >= n) break;
          const c = s.charCodeAt(i);
          if (c === delim) {
            i++;
            if (cell === 1) restFrom = i;
            if (i === n) {
              if (!final) incomplete = true;
              break;
            }
          } else {
            if (c === CR && i + 1 === n && !final) {
              incomplete = true;
              break;
            }
            i += c === CR && s.charCodeAt(i + 1) === LF ? 2 : 1;
            breaks++;
            break;
          }
        }
        if (incomplete) break;
        end = i;
      }
      const contentEnd = end;
      const data = surelyData(c0s, c0e, restFrom, contentEnd);
      let keep = first || prevOdd || !data;
      first = false;
      if (!keep && lead.caseless && high.from(rowStart) < end) keep = true;
      if (!keep)
        for (const key of keys)
          if (key.next.from(rowStart) + key.k.length <= end) {
            keep = true;
            break;
          }
      prevOdd = !data;
      if (keep) {
        if (keptFrom < 0) {
          emitBreaks(dropped);
          dropped = 0;
          keptFrom = rowStart;
        }
      } else {
        flushKept(rowStart);
        dropped += breaks;
      }
      p = end;
    }
    flushKept(p);
    emitBreaks(dropped);
    held = buf.subarray(p);
    return out.length === 1 ? (out[0] as Buffer) : Buffer.concat(out);
  };

  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      if (off) return done(null, chunk);
      const buf = held.length ? Buffer.concat([held, chunk]) : chunk;
      const out = run(buf, false);
      if (held.length > MAX_HELD) {
        // A row this long: no more filtering; what is held and all after it are handed on.
        off = true;
        const rest = held;
        held = Buffer.alloc(0);
        return done(null, Buffer.concat([out, rest]));
      }
      done(null, out.length ? out : undefined);
    },
    flush(done: TransformCallback) {
      if (!off && held.length) {
        const out = run(held, true);
        held = Buffer.alloc(0);
        return done(null, out.length ? out : undefined);
      }
      done();
    },
  });
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
 * The leads file for `trace` (docs/performance.md): one pass over every row types only ids and
 * creations (for the ceiling) and keeps the lead's own rows, whose kept row gives its keys (id,
 * contact, e-mail); a second hands on the rows holding a key, whose leads may take the lead's ids
 * or e-mail (leadResolver, leadsByEmail); the table returned holds those and every row of their
 * ids, so the rows sharing an id are chosen between as the whole read does. Null: read the file
 * whole (no such lead, so the trace names the closest id; a key the filter cannot look for; more
 * than MAX_NEAR such leads).
 */
export async function filteredLeads(
  id: string,
  read: {
    /** The leads table, filtered to `lead` when given; `final`: the one ingested (its findings count). */
    open: (lead: LeadKeys | undefined, final: boolean) => Promise<Table>;
    creations: (table: Table, id: string) => Promise<LeadCreations>;
    /** The keys of the lead these rows (all of its rows) make. */
    keysOf: (table: Table, rows: TableRow[]) => Promise<LeadKeys | null>;
  },
): Promise<TracedLeads | null> {
  const whole = await read.open(undefined, false);
  const { ids: allIds, created, rows } = await read.creations(whole, id);
  const keys = rows.length > 0 ? await read.keysOf(whole, rows) : null;
  if (keys === null || keys.keys.some((k) => k.includes('"'))) return null;
  const near = await read.open(keys, false);
  const ids = new Set<string>();
  for await (const batch of near.rows)
    for (const row of batch) {
      const v = cell(row.cells, near.index, "id");
      if (v !== null) ids.add(v);
    }
  if (ids.size > MAX_NEAR) return null;
  const latin1 = (k: string) => Buffer.from(k, "utf8").toString("latin1");
  const more = [...ids].map((k) => (keys.caseless ? latin1(k).toLowerCase() : latin1(k)));
  const all: LeadKeys = {
    keys: [...keys.keys, ...more.filter((k) => !keys.keys.includes(k))],
    caseless: keys.caseless,
  };
  if (all.keys.some((k) => k.includes('"'))) return null;
  return { table: await read.open(all, true), all: { ids: allIds, created } };
}
