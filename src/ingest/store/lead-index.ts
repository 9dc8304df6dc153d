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

/**
 * The leads of a trace's stamps pass (stamps.ts), known by id and creation alone (NaN: none): a
 * Lead is made only for an id a row reader asks about. A million made up front took half a
 * second, and their copying by the young collections about as much again.
 */
export class LeadsOfIds implements LeadLookup {
  private readonly made: (Lead | undefined)[] = [];

  constructor(
    readonly ids: readonly string[],
    private readonly created: readonly number[],
    readonly index: IdLookup,
  ) {}

  at(i: number): Lead {
    let lead = this.made[i];
    if (lead === undefined) {
      const at = this.created[i] as number;
      lead = {
        id: this.ids[i] as string,
        createdAt: Number.isNaN(at) ? null : at,
        convertedContactId: null,
      } as Lead;
      this.made[i] = lead;
    }
    return lead;
  }

  get(id: string): Lead | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.at(i);
  }

  *values(): Iterable<Lead> {
    for (let i = 0; i < this.ids.length; i++) yield this.at(i);
  }

  /** The lead's own id string for an id of a lead (idResolver's `own`). */
  own(id: string): string | undefined {
    const i = this.index.get(id);
    return i === undefined ? undefined : this.ids[i];
  }
}
