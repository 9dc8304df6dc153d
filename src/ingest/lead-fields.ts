/** The lead fields definitions and lookups name: a canonical field's Lead property, or a leads-file header (Lead.extra). */

import { CANONICAL } from "../definition/lists.js";
import type { Lead, SourceDef } from "../types.js";

/**
 * Where a lead holds the field a name means: a canonical field's Lead property, a header the
 * leads source maps to a canonical field (read there, not kept twice), or any other header
 * (Lead.extra, a lookup's columns among them); null when it is none of them.
 */
export function leadFieldAt(
  name: string,
  leads: SourceDef,
  header: readonly string[],
): { lead: keyof Lead } | { extra: string } | null {
  const canonical = CANONICAL[name];
  if (canonical) return { lead: canonical };
  const fold = (h: string) => h.trim().toLowerCase();
  const at = header.includes(name) ? name : header.find((h) => fold(h) === fold(name));
  if (at === undefined) return null;
  const mapped = Object.entries(leads.columns).find(
    ([f, names]) => CANONICAL[f] && names.some((n) => fold(n) === fold(at)),
  );
  return mapped ? { lead: CANONICAL[mapped[0]] as keyof Lead } : { extra: at };
}
