/** Source and campaign values differing only by case or spacing: one finding per group. */

/**
 * Source and campaign values that differ only by case or spacing (`Google`, `google`,
 * `Google  Ads`): one finding per group listing its spellings and their lead counts. They are not
 * merged: a breakdown by source counts each spelling apart, as the CRM holds them. (Spaces around
 * a value are trimmed when any value is read, so ` Google ` is `Google` everywhere.)
 */

import { finding } from "../../findings.js";
import type { Finding, Lead } from "../../types.js";

type Field = "source" | "campaign";

/** A spelling's group: lower case, runs of white space as one space. */
const fold = (v: string) => v.toLowerCase().replace(/\s+/g, " ");

/** Pushes a `value_variants` finding per group of spellings of one value, for each field. */
export function checkVariants(leads: readonly Lead[], fields: readonly Field[], findings: Finding[]): void {
  for (const field of fields) {
    // Distinct values first (a few hundred at most), their leads counted; then grouped by spelling.
    const counts = new Map<string, { n: number; first: Lead }>();
    for (const lead of leads) {
      const v = lead[field];
      if (v === null) continue;
      const c = counts.get(v);
      if (c) c.n++;
      else counts.set(v, { n: 1, first: lead });
    }
    const groups = new Map<string, [string, { n: number; first: Lead }][]>();
    for (const entry of counts) {
      const key = fold(entry[0]);
      const g = groups.get(key);
      if (g) g.push(entry);
      else groups.set(key, [entry]);
    }
    const found = [...groups.values()].filter((g) => g.length > 1);
    for (const g of found.sort((a, b) => (fold(a[0]?.[0] ?? "") < fold(b[0]?.[0] ?? "") ? -1 : 1))) {
      // Most leads first, then by text: the same order whatever the file's row order.
      g.sort(([x, a], [y, b]) => b.n - a.n || (x < y ? -1 : x > y ? 1 : 0));
      const list = g.map(([v, c]) => `"${v}" (${c.n})`).join(", ");
      const [, second] = g[1] as [string, { first: Lead }];
      findings.push(
        finding(
          "value_variants",
          second.first.place,
          `${field} ${list}: one value spelled ${g.length} ways, counted apart in breakdowns by ${field}`,
          { value: g[0]?.[0] ?? "" },
        ),
      );
    }
  }
}
