/** One shared copy of each distinct value of a low-cardinality column. */

/**
 * One shared copy of each distinct value of a low-cardinality column (owners, types, statuses,
 * stage values, reasons). Cells are cut from the text of a whole chunk of the file; a value kept
 * as it is would keep that chunk alive, so the first copy of each value is made afresh.
 */

import { detach } from "../../text.js";

export { detach };

/** Distinct values kept at most; beyond, each value is returned as a copy of its own (they are not repeats). */
const LIMIT = 100_000;

export class Interner {
  private readonly values = new Map<string, string>();

  get(value: string): string {
    const known = this.values.get(value);
    if (known !== undefined) return known;
    if (this.values.size >= LIMIT) return detach(value);
    const own = detach(value);
    this.values.set(own, own);
    return own;
  }
}
