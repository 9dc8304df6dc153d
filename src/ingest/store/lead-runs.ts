/** Each row's lead once the rows are grouped: runs of consecutive rows of one lead, where files come lead by lead. */

import { Column, type Page } from "../../paged.js";

/** The rows' leads as they cross to another thread: the column's pages, or the runs. */
export type SharedLeads = Page[] | { firsts: Int32Array; leads: Int32Array };

/**
 * Runs of rows of one lead: run k covers rows firsts[k] … firsts[k + 1] − 1, of lead leads[k].
 * Exports list a lead's rows together (one run a lead: 8 bytes a lead instead of 4 a row).
 */
export class LeadRuns {
  /** The run the last lookup found: rows are mostly read in order. */
  private last = 0;

  constructor(
    private readonly firsts: Int32Array,
    private readonly leads: Int32Array,
  ) {}

  get(i: number): number {
    let k = this.last;
    // In reading order, the row is in the last run found or the next.
    if (!this.holds(k, i)) {
      k = this.holds(k + 1, i) ? k + 1 : this.search(i);
      this.last = k;
    }
    return this.leads[k] as number;
  }

  private holds(k: number, i: number): boolean {
    const f = this.firsts;
    return k < f.length && (f[k] as number) <= i && (k + 1 >= f.length || (f[k + 1] as number) > i);
  }

  private search(i: number): number {
    const f = this.firsts;
    let lo = 0;
    let hi = f.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((f[mid] as number) <= i) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  shared(): SharedLeads {
    return { firsts: this.firsts, leads: this.leads };
  }
}

/** The leads of rows 0 … n − 1 as runs when they take less than the column, else the column. */
export function compactLeads(column: Column, n: number): Column | LeadRuns {
  let runs = 0;
  for (let i = 0; i < n; i++) if (i === 0 || column.get(i) !== column.get(i - 1)) runs++;
  if (runs * 2 >= n) return column;
  const firsts = new Int32Array(new SharedArrayBuffer(runs * 4));
  const leads = new Int32Array(new SharedArrayBuffer(runs * 4));
  for (let i = 0, k = -1; i < n; i++) {
    const l = column.get(i);
    if (k >= 0 && l === leads[k]) continue;
    k++;
    firsts[k] = i;
    leads[k] = l;
  }
  return new LeadRuns(firsts, leads);
}

/** The rows' leads to share (share()); `over` reads them in the other thread. */
export const shareLeads = (leads: Column | LeadRuns): SharedLeads =>
  leads instanceof LeadRuns ? leads.shared() : leads.share();

export const leadsOver = (s: SharedLeads): Column | LeadRuns =>
  Array.isArray(s) ? Column.over(false, s) : new LeadRuns(s.firsts, s.leads);
