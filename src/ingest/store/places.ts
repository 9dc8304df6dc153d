/** Where each row was read (file and line) in two bytes a row: the low bits of the line, the rest by runs of rows. */

import { Codes, type Page } from "../../paged.js";

/** Places as they cross to another thread (Places.share). */
export interface SharedPlaces {
  low: Page[];
  /** Per run: its first row, its file code, the high bits of its lines. */
  runs: number[];
}

const BITS = 15;
const LOW = (1 << BITS) - 1;

/**
 * The file code and line of rows 0, 1, 2, … set in order. Rows come file after file and line
 * after line, so a row keeps the line's low 15 bits (a Codes column stays two bytes) and a run
 * starts where the file or the line's high bits change: a few hundred runs for ten million rows.
 * Rows in any other order stay exact (more runs).
 */
export class Places {
  private low = new Codes();
  private runs: number[] = [];
  /** The run the last lookup found: rows are mostly read in order. */
  private last = 0;

  static over(s: SharedPlaces): Places {
    const p = new Places();
    p.low = Codes.adopt(s.low);
    p.runs = s.runs;
    return p;
  }

  share(): SharedPlaces {
    return { low: this.low.share(), runs: this.runs };
  }

  set(i: number, file: number, line: number): void {
    const high = Math.floor(line / (LOW + 1));
    const r = this.runs;
    const k = r.length - 3;
    if (k < 0 || r[k + 1] !== file || r[k + 2] !== high) r.push(i, file, high);
    this.low.set(i, line & LOW);
  }

  fileOf(i: number): number {
    return this.runs[this.runOf(i) + 1] as number;
  }

  lineOf(i: number): number {
    return (this.runs[this.runOf(i) + 2] as number) * (LOW + 1) + this.low.get(i);
  }

  /** The index in `runs` of the run holding row i. */
  private runOf(i: number): number {
    const r = this.runs;
    const k = this.last;
    if ((r[k] as number) <= i && (k + 3 >= r.length || (r[k + 3] as number) > i)) return k;
    let lo = 0;
    let hi = r.length / 3 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((r[mid * 3] as number) <= i) lo = mid;
      else hi = mid - 1;
    }
    this.last = lo * 3;
    return this.last;
  }
}
