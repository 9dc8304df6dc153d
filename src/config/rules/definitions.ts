/** SLA rules on the lead definition: defined stages exist, each criterion is one well-formed test. */

import type { DocPath } from "../locate.js";
import { FIELD_TESTS } from "../schema-definitions.js";
import { isObj, list, type Obj, type Report, type RuleContext, str, suggest } from "./context.js";
import { checkWindow } from "./journey.js";

const GROUPS = ["all", "any"] as const;

/** What every criterion check needs to know about the rest of the file. */
interface Scope {
  report: Report;
  engagementTypes: string[] | null;
  hasEngagements: boolean;
  hasCalendars: boolean;
}

/** `definitions:` names stages (or `never`), each with exactly one of all:/any:, and a readable pass clock. */
export function definitionsValid({ root, stageIds, outcomeIds, report }: RuleContext): void {
  if (!isObj(root.definitions)) return;
  const scope = scopeOf(root, report);
  const calendarIds = isObj(root.calendars) ? Object.keys(root.calendars) : [];
  const clash = stageIds.indexOf("never");
  if (clash >= 0)
    report(
      ["stages", clash, "id"],
      'a stage called "never" cannot be defined: definitions.never is the go-nowhere list',
      "give the stage another id, e.g. never_contacted",
    );
  for (const [key, def] of Object.entries(root.definitions)) {
    const path = ["definitions", key];
    if (key === "never") {
      list(def).forEach((c, i) => {
        checkCriterion(scope, [...path, i], c);
      });
      continue;
    }
    if (!stageIds.includes(key))
      report(
        path,
        `unknown stage "${key}"`,
        outcomeIds.includes(key)
          ? `"${key}" is an outcome; a definition says which leads count as entering a stage`
          : `${suggest(key, stageIds, "stages")} (never: lists the go-nowhere leads)`,
        "key",
      );
    if (!isObj(def)) continue;
    const tops = GROUPS.filter((g) => def[g] !== undefined);
    if (tops.length !== 1)
      report(
        path,
        tops.length === 0
          ? `the definition of "${key}" has neither all: nor any:`
          : `the definition of "${key}" has both all: and any:`,
        tops.length === 0
          ? "list its criteria under all: (every one must hold) or any: (one is enough)"
          : "keep one at the top and nest the other inside it: all: [ …, { any: [ … ] } ]",
        "key",
      );
    for (const g of [...GROUPS, "exclude"] as const)
      list(def[g]).forEach((c, i) => {
        checkCriterion(scope, [...path, g, i], c);
      });
    checkPassClock(scope, path, def, calendarIds);
  }
}

function scopeOf(root: Obj, report: Report): Scope {
  const types = Array.isArray(root.engagement_types)
    ? root.engagement_types.filter((t): t is string => typeof t === "string")
    : null;
  const sources = isObj(root.sources) ? root.sources : {};
  return {
    report,
    engagementTypes: types,
    hasEngagements: sources.engagements !== undefined,
    hasCalendars: isObj(root.calendars) && Object.keys(root.calendars).length > 0,
  };
}

/** Marketing's clock: a readable window, and target and calendar only with it. */
function checkPassClock(scope: Scope, path: DocPath, def: Obj, calendarIds: string[]): void {
  const { report } = scope;
  const within = str(def.pass_within);
  if (within !== undefined) checkBusiness(scope, [...path, "pass_within"], within);
  for (const key of ["target", "calendar"] as const)
    if (def[key] !== undefined && within === undefined)
      report(
        [...path, key],
        `${key}: belongs to marketing's pass clock, and this definition has no pass_within:`,
        "add pass_within: 1bd (how soon a lead that meets the definition must be passed), or remove it",
        "key",
      );
  const calendar = str(def.calendar);
  if (calendar !== undefined && !calendarIds.includes(calendar))
    report(
      [...path, "calendar"],
      `unknown calendar "${calendar}"`,
      suggest(calendar, calendarIds, "calendars"),
    );
}

/** A readable window; business time needs a calendar to count on. */
function checkBusiness(scope: Scope, path: DocPath, text: string): void {
  const w = checkWindow(scope.report, path, text);
  if (w && w.unit !== "calendar" && !scope.hasCalendars)
    scope.report(
      path,
      `"${text}" is business time, but no calendar is declared`,
      "add calendars: { standard: { hours: [09:00-17:00] } }, or use calendar time (2d)",
    );
}

/** One criterion: a group, a field with exactly one test, or an engagement rule; then its members. */
function checkCriterion(scope: Scope, path: DocPath, c: unknown): void {
  if (!isObj(c)) return;
  const { report } = scope;
  const groups = GROUPS.filter((g) => c[g] !== undefined);
  const tests = FIELD_TESTS.filter((t) => c[t] !== undefined);
  if (groups.length > 0) {
    if (groups.length > 1)
      report(path, "a group has both all: and any:", "nest one inside the other: all: [ …, { any: [ … ] } ]");
    const stray = ["field", "engagement", "within", "column", ...tests].filter((k) => c[k] !== undefined);
    if (stray.length > 0)
      report(
        [...path, stray[0] as string],
        `a group (${groups[0]}:) takes no ${stray[0]}:`,
        `move it into a criterion of its own inside ${groups[0]}:`,
        "key",
      );
    for (const g of groups)
      for (const [i, x] of list(c[g]).entries()) checkCriterion(scope, [...path, g, i], x);
    return;
  }
  if (c.field !== undefined && c.engagement !== undefined)
    report(
      [...path, "engagement"],
      "a criterion tests a field or counts engagements, not both",
      "split it into two criteria under all:",
      "key",
    );
  else if (c.engagement !== undefined) checkEngagement(scope, path, c, tests);
  else if (c.field !== undefined) checkField(report, path, c, tests);
  else
    report(
      path,
      "a criterion needs field:, engagement:, all: or any:",
      "e.g. { field: title, matches: director } or { engagement: demo_request, within: 30d }",
    );
}

function checkField(report: Report, path: DocPath, c: Obj, tests: string[]): void {
  const field = String(c.field);
  if (tests.length === 0)
    report(path, `the criterion on "${field}" has no test`, `add one of ${FIELD_TESTS.join(", ")}`);
  else if (tests.length > 1)
    report(
      [...path, tests[1] as string],
      `a criterion has one test, and this one has ${tests.length}: ${tests.join(", ")}`,
      tests.length === 2 && tests.includes("at_least") && tests.includes("at_most")
        ? `write between: [${String(c.at_least)}, ${String(c.at_most)}]`
        : "split it into criteria under all: (each must hold) or any: (one is enough)",
      "key",
    );
  for (const key of ["matches", "not_matches"] as const) {
    const pattern = str(c[key]);
    if (pattern === undefined) continue;
    try {
      new RegExp(pattern, "i");
    } catch (err) {
      const why =
        err instanceof Error ? err.message.replace(/^Invalid regular expression: \/.*\/\w*: /, "") : "";
      report(
        [...path, key],
        `"${pattern}" is not a regular expression: ${why}`,
        "escape ( ) [ ] { } . * + ? \\ | with a backslash to match them as text",
      );
    }
  }
  const between = c.between;
  if (Array.isArray(between) && typeof between[0] === "number" && typeof between[1] === "number")
    if (between[0] > between[1])
      report(
        [...path, "between"],
        `between: [${between[0]}, ${between[1]}] is empty: ${between[0]} is more than ${between[1]}`,
        `write the lower bound first: [${between[1]}, ${between[0]}]`,
      );
  if (c.column !== undefined && c.in_file === undefined)
    report(
      [...path, "column"],
      "column: names a column of an in_file: list",
      "add in_file: <file.csv>",
      "key",
    );
  if (c.within !== undefined)
    report(
      [...path, "within"],
      "within: is a lookback for engagements; a field's value is as exported",
      "remove within:, or count engagements: { engagement: <type>, within: 30d }",
      "key",
    );
}

function checkEngagement(scope: Scope, path: DocPath, c: Obj, tests: string[]): void {
  const { report } = scope;
  const foreign = tests.filter((t) => t !== "at_least");
  if (foreign.length > 0)
    report(
      [...path, foreign[0] as string],
      `${foreign[0]}: tests a field; an engagement rule takes at_least: and within:`,
      "put the field test in a criterion of its own under all:",
      "key",
    );
  const atLeast = c.at_least;
  if (typeof atLeast === "number" && (atLeast < 1 || !Number.isInteger(atLeast)))
    report(
      [...path, "at_least"],
      `at_least: ${atLeast} engagements: a count is a whole number, 1 or more`,
      "write at_least: 1 (the default) or more",
    );
  const types = typeof c.engagement === "string" ? [c.engagement] : list(c.engagement);
  types.forEach((t, j) => {
    if (typeof t !== "string") return;
    const at = typeof c.engagement === "string" ? [...path, "engagement"] : [...path, "engagement", j];
    checkType(scope, at, t);
  });
  const within = str(c.within);
  if (within !== undefined) checkBusiness(scope, [...path, "within"], within);
  if (!scope.hasEngagements)
    report(
      [...path, "engagement"],
      "this rule counts engagements, and no engagements source is declared",
      "add sources.engagements: { file: engagements.csv, columns: { lead_id: …, at: …, type: … } }",
      "key",
    );
}

/** An engagement type named in a rule or a source is one of `engagement_types:`. */
export function checkType(
  scope: Pick<Scope, "report" | "engagementTypes">,
  path: DocPath,
  type: string,
): void {
  const known = scope.engagementTypes;
  if (known === null)
    scope.report(
      path,
      `unknown engagement type "${type}"`,
      `declare the types first: engagement_types: [${type}, …]`,
    );
  else if (!known.includes(type))
    scope.report(path, `unknown engagement type "${type}"`, suggest(type, known, "engagement types"));
}

/** `commitments.marketing.definition:` judges the definition of the commitments' MQL stage. */
export function definitionCommitment({ root, stageIds, report }: RuleContext): void {
  const c = isObj(root.commitments) ? root.commitments : {};
  const marketing = isObj(c.marketing) ? c.marketing : {};
  if (marketing.definition === undefined) return;
  const mql = str(marketing.mql_stage) ?? (stageIds.includes("mql") ? "mql" : stageIds[1]);
  const defs = isObj(root.definitions) ? root.definitions : {};
  if (mql !== undefined && !isObj(defs[mql]))
    report(
      ["commitments", "marketing", "definition"],
      `there is no definition of "${mql}" to judge`,
      `add definitions: { ${mql}: { all: [ … ] } }, or remove definition:`,
      "key",
    );
}
