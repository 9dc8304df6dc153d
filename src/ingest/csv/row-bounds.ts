/** A plain row's cell bounds in a byte filter's text, for takers that read a few cells in place. */

/*
 * The trace's takers (lean-stamps.ts, lead-creations.ts) read a plain row's lead id and time where
 * they lie in the filter's text instead of cutting every cell into a string. RowBounds cuts the
 * row as takenCells does (taken-row.ts) and declines what takenCells refuses (a long row, a ragged
 * one, the header again) and what it cannot read in place without doubt: a cell it reads with
 * blanks at its edges (trim() would change it), an unusual delimiter.
 */

import { CLEAN_ROW, type RowShapeOf } from "./taken-row.js";

/** Delimiters that are never part of a time or an id's bounds. */
const DELIMITERS = new Set([",", ";", "\t", "|"]);

/**
 * A character counted blank at a cell's edge: space and every control below it. trim() removes
 * only tab, line breaks, vertical tab, form feed and space of these; counting more only declines
 * more rows (to the typers), never takes one trim() would read otherwise.
 */
const blank = (c: number) => c <= 32;

/** The one column of a field (-1: not mapped); undefined when mapped to several (not read in place). */
export function oneColumn(index: Record<string, number[]>, field: string): number | undefined {
  const cols = index[field] ?? [];
  if (cols.length > 1) return undefined;
  return cols[0] ?? -1;
}

export class RowBounds {
  /** Each cell's start and end in the row last cut. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** The cells read in place (their edges are checked). */
  private readonly read: Int32Array;

  /** `shape`: the table's data rows as takenCells checks them (its width, its header's first cell). */
  constructor(
    private readonly shape: RowShapeOf,
    read: readonly number[],
  ) {
    this.starts = new Int32Array(shape.width);
    this.ends = new Int32Array(shape.width);
    this.read = Int32Array.from(read.filter((c) => c >= 0));
  }

  /** Cuts the plain row s[from, to); false (declined) as described above. */
  cut(s: string, from: number, to: number, delimiter: string): boolean {
    if (to - from >= CLEAN_ROW || !DELIMITERS.has(delimiter)) return false;
    const { starts, ends } = this;
    const width = starts.length;
    let cell = 0;
    let p = from;
    for (;;) {
      let d = s.indexOf(delimiter, p);
      if (d < 0 || d > to) d = to;
      if (cell === width) return false;
      starts[cell] = p;
      ends[cell] = d;
      cell++;
      if (d === to) break;
      p = d + 1;
    }
    if (cell !== width) return false;
    for (let i = 0; i < this.read.length; i++) {
      const c = this.read[i] as number;
      const f = starts[c] as number;
      const e = ends[c] as number;
      if (f < e && (blank(s.charCodeAt(f)) || blank(s.charCodeAt(e - 1)))) return false;
    }
    // A repeated header: the table's checks hand it on (takenCells refuses it too).
    return !this.isHeaderKey(s, starts[0] as number, ends[0] as number);
  }

  /** Whether cell `c` is mapped and not empty. */
  filled(c: number): boolean {
    return c >= 0 && (this.starts[c] as number) < (this.ends[c] as number);
  }

  /**
   * Whether s[f, e), trimmed, is the header's first cell in any case (as takenCells compares it).
   * The first cell is among those read (cut declined blank edges), so the trimming is only a guard.
   */
  private isHeaderKey(s: string, f: number, e: number): boolean {
    while (f < e && blank(s.charCodeAt(f))) f++;
    while (e > f && blank(s.charCodeAt(e - 1))) e--;
    const key = this.shape.firstKey;
    if (e - f !== key.length) return false;
    for (let i = 0; i < key.length; i++) {
      let c = s.charCodeAt(f + i);
      if (c >= 65 && c <= 90) c += 32;
      if (c !== key.charCodeAt(i)) return false;
    }
    return true;
  }
}
