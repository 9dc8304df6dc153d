/** Schema-valid `sources.engagements` entries -> how their rows become engagements (EngagementMapping). */

import { isAbsolute, join } from "node:path";
import type { EngagementBridge, EngagementMapping, EngagementTypeRule } from "../types.js";
import type { RawEngagementSource } from "./schema.js";
import type { RawTypeRule, RawTypeValues } from "./schema-definitions.js";

type Scalar = string | number | boolean;

/** The pair's cells joined as ingest joins them (Pardot `type` + `type_name`). */
export const PAIR_SEPARATOR = "\u0000";

/** True when the source's type is two columns read together (`columns: { type: [type, type_name] }`). */
export const isPairSource = (raw: RawEngagementSource): boolean =>
  Array.isArray(raw.columns?.type) && raw.columns.type.length === 2;

const scalarText = (v: Scalar) => String(v).trim();

/**
 * Raw values as ingest compares them. For a pair source a flat list of two scalars is one pair
 * (`[4, Form]`) and a list of lists is several; otherwise a list is several single values.
 */
export function rawValues(v: RawTypeValues, pair: boolean): string[] {
  if (!Array.isArray(v)) return [scalarText(v)];
  if (pair && v.length === 2 && v.every((x) => !Array.isArray(x)))
    return [(v as Scalar[]).map(scalarText).join(PAIR_SEPARATOR)];
  return v.map((x) => (Array.isArray(x) ? x.map(scalarText).join(PAIR_SEPARATOR) : scalarText(x)));
}

const isRuleObject = (r: RawTypeRule): r is Extract<RawTypeRule, { values: RawTypeValues }> =>
  r !== null && typeof r === "object" && !Array.isArray(r);

/**
 * The mapping of one engagements source. Without `types:` a raw value that spells an engagement
 * type (ignoring case, as ingest compares) means that type.
 */
export function engagementMapping(
  raw: RawEngagementSource,
  engagementTypes: string[],
  baseDir = "",
): EngagementMapping {
  const pair = isPairSource(raw);
  const rules: EngagementTypeRule[] = [];
  let ignore: string[] = [];
  if (raw.type === undefined && raw.types === undefined)
    for (const type of engagementTypes)
      rules.push({ type, values: [type], detailIn: [], detailContains: null });
  for (const [type, rule] of Object.entries(raw.types ?? {})) {
    if (type === "ignore") {
      ignore = rawValues(isRuleObject(rule) ? rule.values : rule, pair);
      continue;
    }
    rules.push(
      isRuleObject(rule)
        ? {
            type,
            values: rawValues(rule.values, pair),
            detailIn: (rule.detail ?? []).map(scalarText),
            detailContains: rule.detail_contains ?? null,
          }
        : { type, values: rawValues(rule, pair), detailIn: [], detailContains: null },
    );
  }
  // A Salesforce campaign member counts when its status is a response (`Sent` is no engagement).
  const given = raw.where ?? (raw.preset === "salesforce" ? { HasResponded: "true" } : {});
  const where = Object.fromEntries(
    Object.entries(given).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map(scalarText)]),
  );
  return {
    fixedType: raw.type ?? null,
    rules,
    ignore,
    timezone: raw.timezone ?? null,
    matchBy: raw.columns?.lead_email !== undefined && raw.columns.lead_id === undefined ? "email" : "id",
    dateOnly: raw.date_only ?? "end_of_day",
    where,
    nullValue: raw.null_value ?? (raw.preset === "marketo" ? "null" : null),
    epoch: raw.epoch ?? null,
    typePair: pair,
    ...bridgeOf(raw, baseDir),
  };
}

/** `to:` naming this header matches the leads' e-mails rather than their ids. */
export const isEmailHeader = (h: string) => /^e-?mail( address)?$/i.test(h.trim());

/** `lead_key:`, its file joined to the SLA file's folder as sources are; nothing without one. */
function bridgeOf(raw: RawEngagementSource, baseDir: string): { bridge?: EngagementBridge } {
  const k = raw.lead_key;
  if (k === undefined) return {};
  const bridge: EngagementBridge = {
    file: k.file,
    path: isAbsolute(k.file) ? k.file : join(baseDir, k.file),
    from: k.from,
    to: k.to,
    toEmail: isEmailHeader(k.to),
    fallback: k.fallback ?? null,
  };
  return { bridge };
}
