/** SLA rules on the journey: unique stage and outcome ids and values, recycling, handoffs, windows. */

import { slug } from "../../report/tabular.js";
import { normalizeValue } from "../../text.js";
import { type DocPath, formatPath } from "../locate.js";
import { parseWindow, windowYears } from "../window.js";
import { isObj, list, type Report, type RuleContext, str, suggest } from "./context.js";

/** Stage and outcome ids are unique across both lists. */
export function uniqueIds({ root, report }: RuleContext): void {
  const seen = new Map<string, string>();
  for (const kind of ["stages", "outcomes"] as const) {
    list(root[kind]).forEach((item, i) => {
      const id = isObj(item) ? str(item.id) : undefined;
      if (id === undefined) return;
      const first = seen.get(id);
      if (first)
        report(
          [kind, i, "id"],
          `id "${id}" is declared twice (first at ${first})`,
          "give each stage and outcome its own id",
        );
      else seen.set(id, formatPath([kind, i]));
    });
  }
  const handoffs = new Map<string, string>();
  list(root.handoffs).forEach((h, i) => {
    const id = isObj(h) ? str(h.id) : undefined;
    if (id === undefined) return;
    // `--format csv --out DIR` writes compliance-<slug>.csv per handoff: two ids, one slug, one lost table.
    const name = slug(id);
    const first = handoffs.get(name);
    if (first === id)
      report(["handoffs", i, "id"], `handoff id "${id}" is used twice`, "give each handoff its own id");
    else if (first !== undefined)
      report(
        ["handoffs", i, "id"],
        `handoff ids "${first}" and "${id}" make the same file name (compliance-${name}.csv)`,
        "- and _ both become - in file names: make the ids differ in a letter or digit",
      );
    else handoffs.set(name, id);
  });
}

/** A raw CRM value means one step only; otherwise a row could mean two stages. */
export function uniqueMatches({ root, report }: RuleContext): void {
  const seen = new Map<string, string>();
  for (const kind of ["stages", "outcomes"] as const) {
    list(root[kind]).forEach((item, i) => {
      if (!isObj(item)) return;
      list(item.matches).forEach((value, j) => {
        if (typeof value !== "string") return;
        const key = normalizeValue(value);
        const owner = `${kind}[${i}]${typeof item.id === "string" ? ` (${item.id})` : ""}`;
        const first = seen.get(key);
        if (first && first !== owner)
          report(
            [kind, i, "matches", j],
            `"${value}" already means ${first}`,
            "a raw value may appear under one stage or outcome only",
          );
        else seen.set(key, owner);
      });
    });
  }
}

/** Recycling returns to a declared stage, before the last (the last stage ends a journey: a win). */
export function returnsToStage({ root, stageIds, lastStage: last, report }: RuleContext): void {
  list(root.outcomes).forEach((o, i) => {
    const target = isObj(o) ? str(o.returns_to) : undefined;
    if (target !== undefined && !stageIds.includes(target))
      report(["outcomes", i, "returns_to"], `unknown stage "${target}"`, suggest(target, stageIds, "stages"));
    else if (target !== undefined && target === last)
      report(
        ["outcomes", i, "returns_to"],
        `"${target}" is the last stage: reaching it ends a journey, so every recycle would count as a win`,
        `return to an earlier stage (${stageIds.slice(0, -1).join(", ")})`,
      );
  });
}

/** Each handoff starts at a stage and can be answered: by a later stage, an outcome, or an activity. */
export function handoffsReachable({ root, stageIds, lastStage, outcomeIds, report }: RuleContext): void {
  list(root.handoffs).forEach((h, i) => {
    if (!isObj(h)) return;
    const from = str(h.from);
    if (from !== undefined && !stageIds.includes(from)) {
      const hint = outcomeIds.includes(from)
        ? `"${from}" is an outcome; a clock starts when a journey enters a stage`
        : suggest(from, stageIds, "stages");
      report(["handoffs", i, "from"], `unknown stage "${from}"`, hint);
    }
    const fromIndex = from === undefined ? -1 : stageIds.indexOf(from);
    if (from !== undefined && from === lastStage)
      report(
        ["handoffs", i, "from"],
        `"${from}" is the last stage: reaching it ends the journey, so this handoff can never be answered`,
        `start the clock at an earlier stage (${stageIds.slice(0, -1).join(", ") || "none"})`,
      );
    list(h.to).forEach((t, j) => {
      if (typeof t !== "string") return;
      if (!stageIds.includes(t) && !outcomeIds.includes(t)) {
        report(
          ["handoffs", i, "to", j],
          `unknown stage or outcome "${t}"`,
          suggest(t, [...stageIds, ...outcomeIds], "stages and outcomes"),
        );
      } else if (fromIndex >= 0 && stageIds.includes(t) && stageIds.indexOf(t) <= fromIndex) {
        report(
          ["handoffs", i, "to", j],
          `"${t}" does not come after "${from}", so entering it can never answer this handoff`,
          `list stages after "${from}" in the waterfall (${stageIds.slice(fromIndex + 1).join(", ") || "none"}) or outcomes`,
        );
      }
    });
    if (list(h.to).length === 0 && h.activity === undefined)
      report(
        h.to === undefined ? ["handoffs", i] : ["handoffs", i, "to"],
        h.to === undefined
          ? "this handoff can never be answered: it has neither `to` nor `activity`"
          : "this handoff can never be answered: `to` is empty and it has no `activity`",
        "add `to: [stage, …]` or `activity: {types: [call, email]}`",
      );
    const within = str(h.within);
    if (within !== undefined) checkWindow(report, ["handoffs", i, "within"], within);
  });
}

export function conversionWindow({ root, report }: RuleContext): void {
  const w = isObj(root.conversion) ? str(root.conversion.window) : undefined;
  if (w === undefined) return;
  const parsed = checkWindow(report, ["conversion", "window"], w);
  if (parsed && parsed.unit !== "calendar")
    report(
      ["conversion", "window"],
      `a conversion window is calendar time, not "${w}"`,
      "write it in days or weeks, e.g. 90d",
    );
}

/** A zero window, one over five years, or business days that are not whole, is an error; returns the parsed window. */
export function checkWindow(report: Report, path: DocPath, text: string) {
  const w = parseWindow(text);
  if (w?.amount === 0)
    report(path, `window "${text}" is zero`, "a window must be longer than zero, e.g. 30m");
  else if (w && windowYears(w) > MAX_WINDOW_YEARS)
    report(
      path,
      `window "${text}" is over ${MAX_WINDOW_YEARS} years`,
      "a window that long is a typo: check the number and the unit (30m, 4h, 2d, 12bh, 2bd)",
    );
  if (w === null && /b(usiness\s*)?d/.test(text))
    report(
      path,
      `"${text}": business days are counted whole`,
      "write 1bd, 2bd, … or use business hours, e.g. 12bh",
    );
  return w;
}

const MAX_WINDOW_YEARS = 5;
