/** Leads by id: the index a LeadRows is made with, and the look-up the row readers use. */

import type { Lead } from "../../types.js";
import type { LeadLookup } from "../sources/rows.js";
import type { IdLookup } from "./string-index.js";

/** What a LeadRows of these leads (sorted by id) is made with: id -> index, count, index -> id. */
export function leadKeys(
  leads: readonly { id: string }[],
): [Map<string, number>, number, (index: number) => string] {
  return [new Map(leads.map((l, i) => [l.id, i])), leads.length, (i) => leads[i]?.id ?? ""];
}

/**
 * The leads by id, through their index (`leads[index.get(id)]`). Files list a lead's rows together
 * more often than not: the last id asked is answered again without a look-up.
 */
export function leadLookup(index: IdLookup, leads: readonly Lead[]): LeadLookup {
  let askedId = "";
  let asked: Lead | undefined;
  return {
    get: (id) => {
      if (id === askedId) return asked;
      const i = index.get(id);
      askedId = id;
      asked = i === undefined ? undefined : leads[i];
      return asked;
    },
    values: () => leads,
  };
}
