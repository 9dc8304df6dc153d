/**
 * Cross-field rules of the SLA file. They read the raw document defensively, so they run
 * even when the schema found problems elsewhere: the user sees every problem at once.
 */

import type { Issue } from "../errors.js";
import { closest, normalizeValue } from "../text.js";
import { type DocPath, formatPath, type Locator } from "./locate.js";
import { parseWindow } from "./window.js";

type Obj = Record<string, unknown>;
type Report = (path: DocPath, message: string, hint?: string, part?: "key" | "value") => void;

interface RuleContext {
  root: Obj;
  stageIds: string[];
  outcomeIds: string[];
  report: Report;
}

const isObj = (v: unknown): v is Obj => v !== null && typeof v === "object" && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

const suggest = (value: string, candidates: string[], what: string): string => {
  const guess = closest(value, candidates);
  const known = candidates.length ? `declared ${what}: ${candidates.join(", ")}` : `no ${what} are declared`;
  return guess ? `did you mean "${guess}"? ${known}` : known;
};

/** Stage and outcome ids are unique across both lists. */
function uniqueIds({ root, report }: RuleContext): void {
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
  const handoffs = new Set<string>();
  list(root.handoffs).forEach((h, i) => {
    const id = isObj(h) ? str(h.id) : undefined;
    if (id === undefined) return;
    if (handoffs.has(id))
      report(["handoffs", i, "id"], `handoff id "${id}" is used twice`, "give each handoff its own id");
    handoffs.add(id);
  });
}

/** A raw CRM value means one step only; otherwise a row could mean two stages. */
function uniqueMatches({ root, report }: RuleContext): void {
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

/** Recycling returns to a declared stage. */
function returnsToStage({ root, stageIds, report }: RuleContext): void {
  list(root.outcomes).forEach((o, i) => {
    const target = isObj(o) ? str(o.returns_to) : undefined;
    if (target !== undefined && !stageIds.includes(target))
      report(["outcomes", i, "returns_to"], `unknown stage "${target}"`, suggest(target, stageIds, "stages"));
  });
}

/** Each handoff starts at a stage and can be answered: by a later stage, an outcome, or an activity. */
function handoffsReachable({ root, stageIds, outcomeIds, report }: RuleContext): void {
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
    if (h.to === undefined && h.activity === undefined)
      report(
        ["handoffs", i],
        "this handoff can never be answered: it has neither `to` nor `activity`",
        "add `to: [stage, …]` or `activity: {types: [call, email]}`",
      );
    const within = str(h.within);
    if (within !== undefined && parseWindow(within) === 0)
      report(
        ["handoffs", i, "within"],
        `window "${within}" is zero`,
        "a window must be longer than zero, e.g. 30m",
      );
  });
}

function conversionWindow({ root, report }: RuleContext): void {
  const w = isObj(root.conversion) ? str(root.conversion.window) : undefined;
  if (w !== undefined && parseWindow(w) === 0)
    report(["conversion", "window"], `window "${w}" is zero`, "use a positive window, e.g. 90d");
}

function knownTimezone({ root, report }: RuleContext): void {
  const zone = str(root.timezone);
  if (zone === undefined) return;
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
  } catch {
    const guess = closest(zone, Intl.supportedValuesOf("timeZone"));
    report(
      ["timezone"],
      `unknown time zone "${zone}"`,
      guess
        ? `did you mean "${guess}"? use an IANA name such as Europe/Berlin`
        : "use an IANA name such as America/New_York or Europe/Berlin",
    );
  }
}

const RULES = [uniqueIds, uniqueMatches, returnsToStage, handoffsReachable, conversionWindow, knownTimezone];

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
  const ctx: RuleContext = { root, stageIds: ids("stages"), outcomeIds: ids("outcomes"), report };
  for (const rule of RULES) rule(ctx);
  return issues;
}
