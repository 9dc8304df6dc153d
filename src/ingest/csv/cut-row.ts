/** The byte filter's cut of a row cell by cell (row-filter.ts), as fast-csv.ts's Scanner.scan cuts it. */

import { fieldEnd, breaks as lineBreaks } from "./fast-csv.js";

const LF = 10;
const CR = 13;
const QUOTE = 34;

/** A row cut: where it ends, its line breaks, its first cell's text [c0s, c0e), where the cells after the first start (-1: one cell). */
export interface CutRow {
  end: number;
  breaks: number;
  c0s: number;
  c0e: number;
  restFrom: number;
}

/**
 * Cuts the row of `s` at `p` cell by cell, quotes and all, into `into`; false when its end is not in
 * the text yet (`final`: the text is the file's end).
 */
export function cutRow(s: string, p: number, final: boolean, delim: number, into: CutRow): boolean {
  const n = s.length;
  let i = p;
  let cell = 0;
  let breaks = 0;
  let restFrom = -1;
  for (;;) {
    let cs = i;
    if (i < n && s.charCodeAt(i) === QUOTE) {
      cs = i + 1;
      let from = i + 1;
      for (;;) {
        const q = s.indexOf('"', from);
        if (q < 0 || (q + 1 === n && !final)) return false;
        breaks += lineBreaks(s, from, q);
        if (s.charCodeAt(q + 1) === QUOTE) {
          from = q + 2;
          continue;
        }
        i = q + 1;
        break;
      }
    }
    // An unquoted field, or text glued to a closing quote ("abc"def: one cell), runs to a delimiter or the row's end.
    const after = i < n ? s.charCodeAt(i) : -1;
    if (i === cs || (after >= 0 && after !== delim && after !== LF && after !== CR)) {
      const e = fieldEnd(s, i, delim);
      if (e === n && !final) return false;
      i = e;
    }
    if (cell === 0) {
      into.c0s = cs;
      into.c0e = i;
    }
    cell++;
    if (i >= n) break;
    const c = s.charCodeAt(i);
    if (c === delim) {
      i++;
      if (cell === 1) restFrom = i;
      if (i === n) {
        if (!final) return false;
        break;
      }
    } else {
      if (c === CR && i + 1 === n && !final) return false;
      i += c === CR && s.charCodeAt(i + 1) === LF ? 2 : 1;
      breaks++;
      break;
    }
  }
  into.end = i;
  into.breaks = breaks;
  into.restFrom = restFrom;
  return true;
}
