/** A column of instants in four bytes a row while they are whole seconds near the first, eight from the first that is not. */

import { Column, type Page } from "../../paged.js";
import type { Millis } from "../../types.js";

/** Times as they cross to another thread (Times.share). */
export interface SharedTimes {
  /** The first row's second: each row keeps its own second minus this one. */
  base: number;
  /** Whole seconds from `base` (Int32 pages), or null once a time needed its milliseconds. */
  seconds: Page[] | null;
  /** The instants as they are (Float64 pages), once a time was not a whole second near `base`. */
  millis: Page[] | null;
}

const SPAN = 2 ** 31;

/**
 * Instants of rows 0, 1, 2, … set in order. Exports give seconds: a row keeps its second minus
 * the first row's, in 32 bits (68 years either side). The first time with milliseconds, or
 * further away, turns the column into 64-bit instants (once, every row so far copied): a file
 * that has sub-second times keeps them exactly.
 */
export class Times {
  private base = Number.NaN;
  private seconds: Column | null = new Column(false);
  private millis: Column | null = null;

  static over(s: SharedTimes): Times {
    const t = new Times();
    t.base = s.base;
    t.seconds = s.seconds ? Column.over(false, s.seconds) : null;
    t.millis = s.millis ? Column.over(true, s.millis) : null;
    return t;
  }

  share(): SharedTimes {
    return { base: this.base, seconds: this.seconds?.share() ?? null, millis: this.millis?.share() ?? null };
  }

  get(i: number): Millis {
    const s = this.seconds;
    return s ? (s.get(i) + this.base) * 1000 : (this.millis as Column).get(i);
  }

  /** Sets row i, the next row (i = rows set so far). */
  set(i: number, at: Millis): void {
    const s = this.seconds;
    if (s === null) {
      (this.millis as Column).set(i, at);
      return;
    }
    if (Number.isNaN(this.base) && Number.isFinite(at)) this.base = Math.floor(at / 1000);
    const d = at / 1000 - this.base;
    if (Number.isInteger(d) && d >= -SPAN && d < SPAN) {
      s.set(i, d);
      return;
    }
    const millis = new Column(true);
    for (let j = 0; j < i; j++) millis.set(j, this.get(j));
    millis.set(i, at);
    this.millis = millis;
    this.seconds = null;
  }
}
