/** How other files' rows find their lead: ids (contacts, 15 vs 18 characters), e-mails, and owners by rep. */

import type { LeadIndex } from "../parallel/rows.js";
import type { Lead, Rep, SourceDef } from "../types.js";
import { type LeadKeys, leadKeys } from "./csv/lead-filter.js";
import { emailKey } from "./sources/activity-keys.js";
import type { LeadLookup } from "./sources/rows.js";
import type { Interner } from "./store/intern.js";
import type { StringIndex } from "./store/string-index.js";

/** Salesforce's null id (15 zeros, with or without the AAA suffix): a reference to nothing. */
export const isNullId = (id: string): boolean => id.charCodeAt(0) === 48 && /^0{15}(?:AAA)?$/.test(id);

/**
 * Resolves ids other files use for a lead: the lead id itself, the contact a converted lead became
 * (tasks move to it on conversion), and Salesforce's 15-character ids for 18-character ones and back
 * (15-character ids are case-sensitive: compared exactly).
 */
export function leadResolver(leads: LeadLookup): (id: string) => string | null {
  return idResolver(
    (id) => leads.get(id)?.id,
    (visit) => {
      for (const lead of leads.values()) visit(lead.id, lead.convertedContactId);
    },
  );
}

/**
 * leadResolver over the leads' ids alone: `own` gives the lead's own id string for an id of a lead
 * (one copy per lead, however many rows name it), `each` visits every lead's id and contact.
 */
export function idResolver(
  own: (id: string) => string | undefined,
  each: (visit: (id: string, contact: string | null) => void) => void,
): (id: string) => string | null {
  const byContact = new Map<string, string>();
  const byPrefix = new Map<string, string>();
  each((id, converted) => {
    // Salesforce writes an empty reference as the null id 000000000000000AAA in some exports: no contact.
    const contact = converted && !isNullId(converted) ? converted : null;
    if (contact) byContact.set(contact, id);
    if (id.length === 18) byPrefix.set(id.slice(0, 15), id);
    if (contact?.length === 18) byPrefix.set(contact.slice(0, 15), id);
  });
  return (id) => {
    if (isNullId(id)) return null;
    const lead = own(id);
    if (lead !== undefined) return lead;
    const key = id.length === 18 ? id.slice(0, 15) : id;
    return byContact.get(id) ?? byPrefix.get(key) ?? byContact.get(key) ?? null;
  };
}

/** True when an activities source names leads by e-mail (lead_email mapped in the SLA file or by a preset). */
export const joinsByEmail = (activities: readonly SourceDef[]): boolean =>
  activities.some(
    (s) =>
      s.engagement?.matchBy === "email" ||
      s.engagement?.bridge?.toEmail === true ||
      (s.engagement?.bridge?.fallback ?? null) !== null ||
      s.explicit.includes("lead_email") ||
      (s.columns.lead_email ?? []).some((c) => c !== "lead_email"),
  );

/** The keys a row naming the lead holds (lead-filter.ts): its id, its converted contact, its e-mail when joined by it. */
export function keysOfLead(lead: Lead, byEmail: boolean): LeadKeys {
  const contact = lead.convertedContactId;
  return leadKeys(lead.id, contact && !isNullId(contact) ? contact : null, byEmail ? lead.email : null);
}

/** Lead ids by normalised e-mail, for activities sources that name leads by e-mail. Read before e-mails are let go. */
export function leadsByEmail(leads: readonly Lead[]): Map<string, string[]> {
  const byEmail = new Map<string, string[]>();
  for (const lead of leads) {
    if (!lead.email) continue;
    const key = emailKey(lead.email);
    const ids = byEmail.get(key);
    if (ids) ids.push(lead.id);
    else byEmail.set(key, [lead.id]);
  }
  return byEmail;
}

/** The canonical name of an owner: owners are written as user ids in some files and names in others; the reps file joins them. */
export function ownerNames(reps: readonly Rep[], values: Interner): (value: string) => string {
  const repBy = new Map<string, string>();
  for (const r of reps) for (const k of [r.id, r.name]) if (k) repBy.set(k, r.name ?? r.id);
  return (value: string) => repBy.get(value) ?? values.get(value);
}

/**
 * The dataset's leads by index, for rows read by workers (`idOf`: the id of the lead at an index,
 * undefined past the last). Files sorted by lead ask for the lead after the last one more often
 * than not: that guess saves a look-up in a map of a million ids.
 */
export function leadsByIndex(
  idOf: (index: number) => string | undefined,
  leadIndex: StringIndex,
  resolve: (id: string) => string | null,
): LeadIndex {
  let lastAt = -1;
  return {
    indexOf: (id) => {
      if (idOf(lastAt) === id) return lastAt;
      if (idOf(lastAt + 1) === id) return ++lastAt;
      const own = leadIndex.get(id);
      if (own !== undefined) {
        lastAt = own;
        return own;
      }
      const other = resolve(id);
      return other === null ? -1 : (leadIndex.get(other) as number);
    },
    idOf: (i) => idOf(i) as string,
  };
}
