/**
 * --redact: e-mails, names (leads' and reps') and companies replaced by stable hashes, so a
 * consultant can share a report without the client's personal data. Figures are computed on
 * the real data first (calendars assigned by rep name still apply); only the output is
 * redacted. The same value always gets the same token, so week-over-week reports line up.
 */

import { createHash } from "node:crypto";
import type { Dataset } from "./types.js";

const token = (kind: string, value: string) =>
  `${kind}-${createHash("sha256").update(`${kind}\u0000${value}`).digest("hex").slice(0, 8)}`;

/** A function replacing every personal value of the dataset found in a text. */
export function redactor(d: Dataset): (text: string) => string {
  const map = new Map<string, string>();
  const add = (kind: string, v: string | null | undefined) => {
    if (v && v.length > 1 && !map.has(v)) map.set(v, token(kind, v));
  };
  for (const l of d.leads) {
    add("email", l.email);
    add("name", l.name);
    add("company", l.company);
    add("rep", l.owner);
  }
  for (const r of d.reps) {
    add("rep", r.name);
    add("rep", r.id);
  }
  for (const o of d.history.owners()) add("rep", o);
  for (const o of d.activities.owners()) add("rep", o);
  for (const o of d.activityOwners ?? []) add("rep", o);
  // Longest first, so a full name is replaced before a part of it.
  const known = [...map.keys()].sort((a, b) => b.length - a.length);
  return (text) => {
    const exact = map.get(text);
    if (exact) return exact;
    let out = text;
    for (const k of known) if (out.includes(k)) out = out.split(k).join(map.get(k) as string);
    return out;
  };
}

/** A copy of a value with every string in it (not object keys) passed through `scrub`. */
export function redactDeep<T>(value: T, scrub: (text: string) => string): T {
  if (typeof value === "string") return scrub(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, scrub)) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === "file" ? v : redactDeep(v, scrub);
    return out as T;
  }
  return value;
}
