/** Which time stamps are plausible (placeholder and typo dates are not), and the findings about dates far off. */

import { finding } from "../findings.js";
import type { Finding, Lead, Place } from "../types.js";
import type { TimeSpan } from "./span.js";
import type { History } from "./store/history.js";

const YEAR = 366 * 86_400_000;
export const FLOOR = Date.UTC(1990, 0, 1);

/**
 * Time stamps from 1990 to a year after the newest plausible lead creation. That creation is
 * found by walking up from the median creation while consecutive creations are less than a
 * year apart, so placeholder dates (9999-12-31, 2062 for 2026) are outliers however many there are.
 */
export function plausibility(creations: readonly (number | null)[]): {
  plausible: (t: number) => boolean;
  ceiling: number;
} {
  // Into a typed array as they come (pushing a million numbers, or a filter's callback per value,
  // took longer than the sort).
  const all = new Float64Array(creations.length);
  let n = 0;
  for (let i = 0; i < creations.length; i++) {
    const t = creations[i];
    if (t != null && t >= FLOOR) all[n++] = t;
  }
  if (n === 0) return { plausible: (t) => t >= FLOOR, ceiling: Number.POSITIVE_INFINITY };
  // The walk needs the creations in order from the median up only: the median is selected, and
  // only those at or above it are sorted (a typed array sorts natively). Copies of the median
  // below its rank add gaps of zero, so the walk ends on the same creation.
  const median = select(all.subarray(0, n), (n - 1) >> 1);
  const upper = new Float64Array(n);
  let m = 0;
  for (let i = 0; i < n; i++) if ((all[i] as number) >= median) upper[m++] = all[i] as number;
  const sorted = upper.subarray(0, m).sort();
  let top = 0;
  while (top + 1 < m && (sorted[top + 1] as number) - (sorted[top] as number) <= YEAR) top++;
  const ceiling = (sorted[top] as number) + YEAR;
  return { plausible: (t) => t >= FLOOR && t <= ceiling, ceiling };
}

/** The value of rank `k` (0: the least) in `a`, which it reorders (Hoare's selection). */
export function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const t = a[i] as number;
        a[i++] = a[j] as number;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k] as number;
  }
  return a[k] as number;
}

/** The finding for an implausible stamp: a stage date of the leads or stage-date files, else a row's time stamp. */
export function implausibleFinding(wideFiles: ReadonlySet<string>) {
  return (x: { at: number; place: Place; leadId: string }): Finding => {
    const when = new Date(x.at).toISOString().slice(0, 10);
    return wideFiles.has(x.place.file)
      ? finding("bad_stage_date", x.place, `stage date ${when} is implausible`, {
          leadId: x.leadId,
          value: when,
        })
      : finding("implausible_date", x.place, `time stamp ${when} is implausible`, {
          leadId: x.leadId,
          value: when,
        });
  };
}

/** Leads created at an implausible time lose it, with a finding each. */
export function dropImplausibleCreations(
  leads: Iterable<Lead>,
  plausible: (t: number) => boolean,
  findings: Finding[],
): void {
  for (const lead of leads)
    if (lead.createdAt !== null && !plausible(lead.createdAt)) {
      findings.push(
        finding(
          "bad_created_time",
          lead.place,
          `created ${new Date(lead.createdAt).toISOString().slice(0, 10)}, an implausible date`,
          { leadId: lead.id },
        ),
      );
      lead.createdAt = null;
    }
}

/**
 * The data's span (earliest and latest) once every stamp is seen, and an outlier_date finding for
 * each creation, history row and activity day far from its bulk.
 */
export function finishSpan(
  span: TimeSpan,
  leads: readonly Lead[],
  history: History,
  findings: Finding[],
): { earliest: number | null; latest: number | null } {
  const { earliest, latest, inBulk, outlierDays } = span.finish();
  const far = (t: number, place: Place, more = "") =>
    finding(
      "outlier_date",
      place,
      `${new Date(t).toISOString().slice(0, 10)}${more} is far from the rest of the data (${new Date(earliest ?? t).toISOString().slice(0, 10)} to ${new Date(latest ?? t).toISOString().slice(0, 10)})`,
      { value: new Date(t).toISOString().slice(0, 10) },
    );
  for (const lead of leads)
    if (lead.createdAt !== null && !inBulk(lead.createdAt)) findings.push(far(lead.createdAt, lead.place));
  history.eachTime((t, _lead, row) => {
    if (!inBulk(t)) findings.push(far(t, history.row(row).place));
  });
  for (const d of outlierDays)
    findings.push(far(d.at, d.place, d.count > 1 ? ` (and ${d.count - 1} more that day)` : ""));
  return { earliest, latest };
}
