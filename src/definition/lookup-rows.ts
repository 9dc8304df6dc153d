/** Where a lookup's (`sources.lookups`) rows are, so that `trace` names the row a lead's value came from. */

import type { Lead, Place } from "../types.js";
import type { FieldPlace } from "./lists.js";

/** One lookup file as joined: the lead's key field, the columns it adds, and each key's line. */
export interface LookupRows {
  /** The lookup file, named as the sources are (the leads row's place names its file the same way). */
  file: string;
  /** `on:` as the SLA file writes it, and where a lead holds it. */
  on: string;
  key: FieldPlace;
  /** The headers it adds to the leads' fields. */
  columns: readonly string[];
  /** Each key's row (its line in the file). */
  lineOf: ReadonlyMap<string, number>;
}

/**
 * Where a lead's value of a field came from when a lookup holds the field: the lookup's row, or
 * the key no row has (the lead's value is then empty); null when no lookup holds it, or the lead
 * has no key (nothing was looked up).
 */
export function lookupOrigin(
  lookups: readonly LookupRows[],
  lead: Lead,
  field: string,
  fields?: Readonly<Record<string, FieldPlace>>,
): { place: Place } | { file: string; on: string; key: string } | null {
  const at = fields?.[field];
  const header = at === undefined ? field : "extra" in at ? at.extra : null;
  const l = header === null ? undefined : lookups.find((x) => x.columns.includes(header));
  if (l === undefined) return null;
  // Read as joinLookups reads it (read-lookups.ts): the lead's value as held, untrimmed.
  const raw =
    "lead" in l.key ? (lead as unknown as Record<string, unknown>)[l.key.lead] : lead.extra?.[l.key.extra];
  if (typeof raw !== "string") return null;
  const line = l.lineOf.get(raw);
  return line === undefined ? { file: l.file, on: l.on, key: raw } : { place: { file: l.file, line } };
}
