/** SLA rule on commitments: they name declared stages, handoffs and outcomes. */

import { isObj, list, type RuleContext, str, suggest } from "./context.js";

/** Commitments name declared stages, handoffs and outcomes. */
export function commitmentsReferenced({ root, stageIds, outcomeIds, report }: RuleContext): void {
  if (!isObj(root.commitments)) return;
  const c = root.commitments;
  const marketing = isObj(c.marketing) ? c.marketing : {};
  for (const key of ["mql_stage", "accepted_stage"] as const) {
    const v = str(marketing[key]);
    if (v !== undefined && !stageIds.includes(v))
      report(["commitments", "marketing", key], `unknown stage "${v}"`, suggest(v, stageIds, "stages"));
  }
  const mql = str(marketing.mql_stage) ?? (stageIds.includes("mql") ? "mql" : stageIds[1]);
  const accepted = str(marketing.accepted_stage);
  if (mql && accepted && stageIds.includes(accepted) && stageIds.indexOf(accepted) <= stageIds.indexOf(mql))
    report(
      ["commitments", "marketing", "accepted_stage"],
      `"${accepted}" does not come after "${mql}"`,
      "name the stage sales enters when it accepts an MQL, e.g. sal",
    );
  const sales = isObj(c.sales) ? c.sales : {};
  const handoffIds = list(root.handoffs).flatMap((h) => (isObj(h) && typeof h.id === "string" ? [h.id] : []));
  list(sales.handoffs).forEach((h, i) => {
    if (typeof h === "string" && !handoffIds.includes(h))
      report(
        ["commitments", "sales", "handoffs", i],
        `unknown handoff "${h}"`,
        suggest(h, handoffIds, "handoffs"),
      );
  });
  list(sales.reason_outcomes).forEach((o, i) => {
    if (typeof o === "string" && !outcomeIds.includes(o))
      report(
        ["commitments", "sales", "reason_outcomes", i],
        `unknown outcome "${o}"`,
        suggest(o, outcomeIds, "outcomes"),
      );
  });
}
