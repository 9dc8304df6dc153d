/** SLA rules on engagement sources: one way to the lead and to the type, types that are declared. */

import { isEmailHeader } from "../engagements.js";
import type { DocPath } from "../locate.js";
import { checkZone } from "./calendars.js";
import { isObj, list, type Obj, type RuleContext, str } from "./context.js";
import { checkType } from "./definitions.js";

/** `engagement_types:` lists each type once. */
export function engagementTypesOnce({ root, report }: RuleContext): void {
  const seen = new Set<string>();
  list(root.engagement_types).forEach((t, i) => {
    if (typeof t !== "string") return;
    if (seen.has(t))
      report(["engagement_types", i], `engagement type "${t}" is listed twice`, "list each type once");
    seen.add(t);
  });
}

/** Each engagements source names its lead one way, its type one way, and only declared types. */
export function engagementSourcesValid({ root, report }: RuleContext): void {
  const sources = isObj(root.sources) ? root.sources : {};
  const value = sources.engagements;
  if (value === undefined) return;
  const types = Array.isArray(root.engagement_types)
    ? root.engagement_types.filter((t): t is string => typeof t === "string")
    : null;
  if (types === null)
    report(
      ["sources", "engagements"],
      "engagement sources map raw values to engagement types, and no engagement_types: are declared",
      "add engagement_types: [form_fill, demo_request, …] at the top of the file",
      "key",
    );
  const many = Array.isArray(value);
  (many ? value : [value]).forEach((s, i) => {
    if (!isObj(s)) return;
    const path = many ? ["sources", "engagements", i] : ["sources", "engagements"];
    checkSource({ report, engagementTypes: types ?? [] }, path, s, types !== null);
  });
}

function checkSource(
  scope: { report: RuleContext["report"]; engagementTypes: string[] },
  path: DocPath,
  s: Obj,
  typesDeclared: boolean,
): void {
  const { report } = scope;
  const columns = isObj(s.columns) ? s.columns : {};
  // With lead_key:, lead_email: is the row's own e-mail, tried when the bridge maps the id to no lead.
  if (columns.lead_id !== undefined && columns.lead_email !== undefined && !isObj(s.lead_key))
    report(
      [...path, "columns", "lead_email"],
      "a source names its lead by id or by e-mail, not both (unless lead_key: bridges the id)",
      "keep lead_id: (matched to the leads' ids) or lead_email: (matched to their e-mails, ignoring case)",
      "key",
    );
  const typeColumn = columns.type;
  if (Array.isArray(typeColumn) && typeColumn.length > 2)
    report(
      [...path, "columns", "type"],
      `a type is one header or a pair of two, not ${typeColumn.length}`,
      "write type: Activity Type, or a pair: type: [type, type_name]",
    );
  const fixed = str(s.type);
  if (fixed !== undefined && typeColumn !== undefined)
    report(
      [...path, "type"],
      "type: gives every row one type, and columns.type reads it from a column: choose one",
      "remove type: to map the column's values with types:, or remove columns.type",
      "key",
    );
  if (fixed !== undefined && s.types !== undefined)
    report(
      [...path, "types"],
      "types: maps a type column's values, and type: gives every row one type",
      "remove types:, or remove type: and name the column in columns.type",
      "key",
    );
  if (fixed !== undefined && typesDeclared) checkType(scope, [...path, "type"], fixed);
  checkZone(report, [...path, "timezone"], str(s.timezone));
  checkLeadKey(report, path, s, columns);
  const pair = Array.isArray(typeColumn) && typeColumn.length === 2;
  if (!isObj(s.types)) return;
  for (const [type, rule] of Object.entries(s.types)) {
    if (type !== "ignore" && typesDeclared)
      checkType({ ...scope, report: keyReport(report) }, [...path, "types", type], type);
    const values = isObj(rule) ? rule.values : rule;
    const at = isObj(rule) ? [...path, "types", type, "values"] : [...path, "types", type];
    checkValues(report, at, values, pair);
  }
}

/** Reports at the key (a `types:` entry's name) rather than at its value. */
const keyReport =
  (report: RuleContext["report"]): RuleContext["report"] =>
  (path, message, hint) =>
    report(path, message, hint, "key");

/** A pair source's values are pairs; a one-column source's are single values. */
function checkValues(report: RuleContext["report"], path: DocPath, values: unknown, pair: boolean): void {
  const nested = Array.isArray(values) && values.some(Array.isArray);
  const flatPair = Array.isArray(values) && values.length === 2 && !nested;
  if (pair && !nested && !flatPair)
    report(
      path,
      "this source's type is a pair of columns: write each raw value as a pair",
      "e.g. [4, Form], or a list of pairs: [[4, Form], [4, Landing Page]]",
    );
  else if (!pair && nested)
    report(
      path,
      "a pair of values needs a pair of type columns",
      "name both columns: columns: { type: [type, type_name] }, or list single values",
    );
}

/** `lead_key:` bridges the id in the lead column: a source matched by e-mail has none; to: email needs no fallback. */
function checkLeadKey(report: RuleContext["report"], path: DocPath, s: Obj, columns: Obj): void {
  if (!isObj(s.lead_key)) return;
  if (columns.lead_email !== undefined && columns.lead_id === undefined)
    report(
      [...path, "lead_key"],
      "lead_key: maps the vendor id of columns.lead_id, and this source names its lead by e-mail",
      "map lead_id: to the vendor's id column (leadId, prospect_id), or remove lead_key:",
      "key",
    );
  const to = str(s.lead_key.to);
  if (to !== undefined && isEmailHeader(to) && s.lead_key.fallback !== undefined)
    report(
      [...path, "lead_key", "fallback"],
      `to: ${to} already matches the leads by e-mail; fallback: is for a to: column of lead ids`,
      "remove fallback:, or set to: to the bridge's lead id column (sfdcLeadId, crm_lead_fid)",
      "key",
    );
}
