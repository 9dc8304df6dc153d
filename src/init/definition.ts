/** The lead definition's skeleton in a drafted SLA: commented rules over the fit columns the leads file has. */

import { findColumn } from "./detect.js";

const q = (s: string) => JSON.stringify(s);
// Columns that describe the lead's fit, found by name when no canonical field maps them.
const INDUSTRY = /^(industry|sector|vertical|business sector)$/i;
const REVENUE = /^(annual ?revenue|revenue|company revenue|annualrevenue)$/i;
const EMPLOYEES =
  /^(employees|number ?of ?employees|numberofemployees|company ?size|employee ?count|headcount)$/i;
const SCORE = /score/i;

/**
 * Commented lines for `engagement_types:` and `definitions:`, one rule per fit column found
 * (title, size, industry, revenue, score), with the column each reads. Commented because the
 * values are the teams' to agree; uncommented as it is, the file stays valid.
 */
export function definitionSkeleton(header: readonly string[]): string[] {
  const title = findColumn(header, "title");
  const size = header.find((h) => EMPLOYEES.test(h.trim()));
  const industry = header.find((h) => INDUSTRY.test(h.trim()));
  const revenue = header.find((h) => REVENUE.test(h.trim()));
  const score = header.find((h) => SCORE.test(h.trim()));
  const email = findColumn(header, "email");
  const rules = [
    title &&
      `#       - { field: title, matches: "director|vp|vice president|head|chief" }   # column ${q(title)}`,
    size &&
      `#       - { field: ${q(size)}, between: [50, 5000] }   # "1,000-5,000", "50+", "10 to 49" are read as ranges`,
    industry && `#       - { field: ${q(industry)}, in: ["Software", "Financial Services"] }`,
    revenue && `#       - { field: ${q(revenue)}, at_least: 1000000 }   # "$1.2M", "5K" are read`,
    score && `#       - { field: ${q(score)}, at_least: 50 }`,
  ].filter((l): l is string => typeof l === "string");
  if (rules.length === 0 && !email) return [];
  return [
    "# The written lead definition: which leads count as MQLs, in fit (who) and behaviour (what they did).",
    "# Agree the values with sales, uncomment, and the audit judges every MQL against it, names the criterion",
    "# that failed, and starts marketing's own clock when a lead meets it (pass_within). Behaviour rules need",
    "# an engagements export (form fills, page views, demo requests) under sources.engagements.",
    "# definitions:",
    ...(email
      ? [
          "#   never:                      # go-nowhere leads, at every stage",
          `#     - { field: email, email: [free, disposable] }   # column ${q(email)}`,
        ]
      : []),
    "#   mql:",
    "#     all:",
    ...(rules.length ? rules : ["#       - { field: title, present: true }"]),
  ];
}
