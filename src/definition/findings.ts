/** Findings about the lead fields a definition reads: sizes and amounts that cannot be read as a number. */

import { finding } from "../findings.js";
import type { Finding, Lead, LeadDefinitions } from "../types.js";
import { fieldValue } from "./evaluate.js";
import type { FieldPlace } from "./lists.js";
import { readRange } from "./values.js";
import { criteriaOf } from "./walk.js";

/**
 * One finding per lead and field compared with a range whose value cannot be read (`lots`,
 * `5 zillion`), at the lead's row.
 */
export function unreadableValues(
  defs: LeadDefinitions | null,
  leads: readonly Lead[],
  places?: Readonly<Record<string, FieldPlace>>,
): Finding[] {
  const fields = new Set<string>();
  for (const d of defs?.stages ?? [])
    for (const c of criteriaOf(d)) if (c.kind === "field" && c.test.kind === "range") fields.add(c.field);
  if (fields.size === 0) return [];
  const readable = new Map<string, boolean>();
  const out: Finding[] = [];
  for (const lead of leads)
    for (const field of [...fields].sort()) {
      const v = fieldValue(lead, field, places);
      if (v === null) continue;
      let ok = readable.get(v);
      if (ok === undefined) {
        ok = readRange(v) !== null;
        readable.set(v, ok);
      }
      if (ok) continue;
      out.push(
        finding("definition_value_unreadable", lead.place, `${field} "${v}" is not a number or a range`, {
          value: v,
          leadId: lead.id,
        }),
      );
    }
  return out;
}
