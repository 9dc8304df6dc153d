/** Cross-field rules of the SLA file, run even when the schema found problems elsewhere. */

/**
 * They read the raw document defensively, so they run even when the schema found problems
 * elsewhere: the user sees every problem at once. Each family of rules has its file in rules/.
 */

import type { Issue } from "../errors.js";
import { formatPath, type Locator } from "./locate.js";
import { calendarsReferenced, calendarsValid, knownTimezone } from "./rules/calendars.js";
import { commitmentsReferenced } from "./rules/commitments.js";
import { isObj, list, type Report, type RuleContext } from "./rules/context.js";
import { definitionCommitment, definitionsValid } from "./rules/definitions.js";
import { engagementSourcesValid, engagementTypesOnce } from "./rules/engagements.js";
import {
  conversionWindow,
  handoffsReachable,
  returnsToStage,
  uniqueIds,
  uniqueMatches,
} from "./rules/journey.js";
import {
  moneyValid,
  opportunityHistoryHasOpportunities,
  opportunityStagesOnce,
} from "./rules/opportunities.js";
import { sourcesOnce } from "./rules/sources.js";

const RULES = [
  uniqueIds,
  uniqueMatches,
  returnsToStage,
  handoffsReachable,
  conversionWindow,
  sourcesOnce,
  knownTimezone,
  calendarsValid,
  calendarsReferenced,
  commitmentsReferenced,
  engagementTypesOnce,
  definitionsValid,
  definitionCommitment,
  engagementSourcesValid,
  moneyValid,
  opportunityStagesOnce,
  opportunityHistoryHasOpportunities,
];

/** Runs every rule over the raw document; returns their issues in rule order. */
export function runRules(root: unknown, file: string, locate: Locator): Issue[] {
  if (!isObj(root)) return [];
  const issues: Issue[] = [];
  const ids = (kind: string) =>
    list(root[kind]).flatMap((s) => (isObj(s) && typeof s.id === "string" ? [s.id] : []));
  const report: Report = (path, message, hint, part = "value") => {
    const pos = locate(path, part);
    issues.push({
      severity: "error",
      file,
      line: pos.line,
      column: pos.column,
      path: formatPath(path),
      message,
      ...(hint ? { hint } : {}),
    });
  };
  const stageIds = ids("stages");
  const complete =
    stageIds.length > 1 &&
    stageIds.length === list(root.stages).length &&
    new Set(stageIds).size === stageIds.length;
  const lastStage = complete ? stageIds[stageIds.length - 1] : undefined;
  const ctx: RuleContext = { root, file, stageIds, lastStage, outcomeIds: ids("outcomes"), report };
  for (const rule of RULES) rule(ctx);
  return issues;
}
