/** --redact: e-mails, names and companies in the output replaced by keyed tokens. */

/**
 * --redact: e-mails, names (leads' and reps') and companies replaced by keyed tokens, so a
 * consultant can share a report without the client's personal data. Figures are computed on
 * the real data first (calendars assigned by rep name still apply); only the output is
 * redacted. Three layers, in this order, on every text of the output:
 * 1. the dictionary: every e-mail, name, company and rep the dataset holds, as whole values
 *    (never inside a longer word: a company "ea" leaves "linear" alone);
 * 2. patterns: any other e-mail address or phone number, wherever it stands (a free-text
 *    reason, a group of `--by` on an unmapped column, a finding's value);
 * 3. cuts: a value clipped at ingest (`… (N characters cut) …`) has lost its middle, so the
 *    dictionary cannot see a name cut in two: the part of a known value, and the word, that
 *    touch each side of the cut are replaced too.
 * A token is the kind and 64 bits of HMAC-SHA-256 under the run's key: without the key, a token
 * cannot be matched against a list of names; with the same key, the same value always gets
 * the same token, so week-over-week reports line up. The key is passed in (the CLI owns it).
 */

import { createHmac } from "node:crypto";
import type { Dataset } from "../ingest/dataset.js";

/** `kind-` and 16 hex digits (64 bits): about 3e-8 odds of any collision among a million values. */
export function redactToken(key: string, kind: string, value: string): string {
  return `${kind}-${createHmac("sha256", key).update(`${kind}\u0000${value}`).digest("hex").slice(0, 16)}`;
}

/** A function replacing every personal value of the dataset, and any e-mail or phone, in a text. */
export function redactor(d: Dataset, key: string): (text: string) => string {
  const map = new Map<string, string>();
  const add = (kind: string, v: string | null | undefined) => {
    if (v && v.length > 1 && !map.has(v)) map.set(v, redactToken(key, kind, v));
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
  let ends: KnownEnds | undefined;
  const dictionary = (text: string) => {
    let out = text;
    for (const k of known) if (out.includes(k)) out = replaceWhole(out, k, map.get(k) as string);
    return out;
  };
  return (text) => {
    const exact = map.get(text);
    if (exact) return exact;
    if (!text.includes(CUT_MARK)) return scrubPatterns(dictionary(text), key);
    ends ??= knownEnds(known);
    return text
      .split(CUT)
      .map((part, i, parts) => {
        // Odd parts are the markers themselves; the parts beside one lost their other half.
        if (i % 2 === 1) return part;
        const cutBefore = i > 0;
        const cutAfter = i < parts.length - 1;
        return scrubPatterns(dictionary(trimCutEnds(part, cutBefore, cutAfter, ends as KnownEnds)), key);
      })
      .join("");
  };
}

/**
 * `text` with every whole occurrence of `value` replaced: one not inside a longer word, so a
 * company named "ea" replaces "ea" and "EA Inc" but leaves "linear" alone. Where the value starts
 * or ends with a letter or digit, the character beside it must not be one.
 */
export function replaceWhole(text: string, value: string, token: string): string {
  const edgeStart = WORD_START.test(value);
  const edgeEnd = WORD_END.test(value);
  let out = "";
  let from = 0;
  for (let at = text.indexOf(value); at !== -1; at = text.indexOf(value, at + 1)) {
    if (at < from) continue;
    const end = at + value.length;
    if (edgeStart && WORD_END.test(text.slice(Math.max(0, at - 2), at))) continue;
    if (edgeEnd && WORD_START.test(text.slice(end, end + 2))) continue;
    out += text.slice(from, at) + token;
    from = end;
  }
  return from === 0 ? text : out + text.slice(from);
}

// A letter, digit or combining mark (of any script) next to a value makes it part of a longer word.
const WORD_END = /[\p{L}\p{N}\p{M}]$/u;
const WORD_START = /^[\p{L}\p{N}\p{M}]/u;

// `clip` in src/text.ts writes this marker where it cut a value.
const CUT_MARK = " characters cut) …";
const CUT = /(… \(\d+ characters cut\) …)/;

/** Any e-mail address and any phone number in a text, replaced by their tokens. */
export function scrubPatterns(text: string, key: string): string {
  return text
    .replace(EMAIL, (m) => redactToken(key, "email", m))
    .replace(PHONE, (m) => (isPhone(m) ? redactToken(key, "phone", m.replace(/\D/g, "")) : m));
}

const EMAIL = /[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+/g;
// A run of digits with separators, not inside a word or an id (L-000006, 2026-W20, a hex token).
const PHONE =
  /(?<![\w.+\-/:])(?:\+|\(\d)[\d\s().-]{5,}\d(?![\w/:])|(?<![\w.+\-/:])\d[\d\s().-]{5,}\d(?![\w/:])/g;

/**
 * A phone: 7 to 15 digits (E.164 allows 15) written as one: a leading +, an area code in
 * parentheses, or three groups or more (555 123 4567, 06.12.34.56.78). A date (2026-01-05,
 * 05.01.2026), a count or a plain run of digits (a numeric record id) is not one.
 */
function isPhone(m: string): boolean {
  const digits = m.replace(/\D/g, "").length;
  if (digits < 7 || digits > 15) return false;
  if (/^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(m.trim())) return false;
  if (m.startsWith("+") || m.includes("(")) return true;
  return m.trim().split(/[\s().-]+/).length >= 3;
}

/** Known values sorted, and reversed then sorted: a prefix and a suffix are found by bisection. */
interface KnownEnds {
  forward: string[];
  backward: string[];
}

function knownEnds(known: readonly string[]): KnownEnds {
  const reverse = (s: string) => [...s].reverse().join("");
  return { forward: [...known].sort(), backward: known.map(reverse).sort() };
}

/** Whether some sorted value starts with `prefix`. */
function startsSome(sorted: readonly string[], prefix: string): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as string) < prefix) lo = mid + 1;
    else hi = mid;
  }
  return sorted[lo]?.startsWith(prefix) ?? false;
}

/**
 * A part of a clipped text without what touches the cut (the marker says a cut is there): the longest tail of the
 * part that begins a known value (a name cut after "Jo"), else the word cut in two (an e-mail
 * cut after "jo.smi"); the same, mirrored, at the start of a part after a cut.
 */
function trimCutEnds(part: string, cutBefore: boolean, cutAfter: boolean, ends: KnownEnds): string {
  let out = part;
  if (cutAfter) {
    let at = out.search(/\S*$/);
    for (let i = 0; i < at; i++)
      if (startsSome(ends.forward, out.slice(i))) {
        at = Math.min(at, i);
        break;
      }
    out = out.slice(0, at);
  }
  if (cutBefore) {
    const back = [...out].reverse().join("");
    let at = back.search(/\S*$/);
    for (let i = 0; i < at; i++)
      if (startsSome(ends.backward, back.slice(i))) {
        at = Math.min(at, i);
        break;
      }
    out = [...back.slice(0, at)].reverse().join("");
  }
  return out;
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
