/**
 * One shared copy of each distinct value of a low-cardinality column (owners, types, statuses,
 * stage values, reasons). Cells are cut from the text of a whole chunk of the file; a value kept
 * as it is would keep that chunk alive, so the first copy of each value is made afresh.
 */

/** Distinct values kept at most; beyond, values are returned as they are (they are not repeats). */
const LIMIT = 100_000;

export class Interner {
  private readonly values = new Map<string, string>();

  get(value: string): string {
    const known = this.values.get(value);
    if (known !== undefined) return known;
    if (this.values.size >= LIMIT) return value;
    const own = detach(value);
    this.values.set(own, own);
    return own;
  }
}

/**
 * A copy of a string that shares no memory with the text it was cut from. V8 copies short slices
 * anyway; a longer one points into its parent, so the copy is cut from a new, small parent.
 */
export function detach(value: string): string {
  return value.length < 13 ? value : ` ${value}`.slice(1);
}
