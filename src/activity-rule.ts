/** Which logged activities answer a handoff: shared by ingest (which keeps only those) and metrics. */

import type { Activity, ActivityRule } from "./types.js";

const matches = (values: string[], value: string | null) =>
  values.length === 0 || (value !== null && values.some((v) => v.toLowerCase() === value.toLowerCase()));

/** True when an activity's type, subtype and status are all ones the rule counts. */
export function qualifies(a: Activity, rule: ActivityRule): boolean {
  return matches(rule.types, a.type) && matches(rule.subtypes, a.subtype) && matches(rule.statuses, a.status);
}
