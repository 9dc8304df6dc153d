/** Cross-field rules of the SLA file, run even when the schema found problems elsewhere. */

/**
 * Cross-field rules of the SLA file. They read the raw document defensively, so they run
 * even when the schema found problems elsewhere: the user sees every problem at once.
 */

import { posix } from "node:path";
import type { Issue } from "../errors.js";
import { slug } from "../report/tabular.js";
import { closest, normalizeValue } from "../text.js";
import { isZone } from "../time/format.js";
import { isKnownCountry, knownRegions } from "../time/holidays.js";
import { type DocPath, formatPath, type Locator } from "./locate.js";
import { parseWindow, windowYears } from "./window.js";

type Obj = Record<string, unknown>;
type Report = (path: DocPath, message: string, hint?: string, part?: "key" | "value") => void;

interface RuleContext {
  root: Obj;
  /** The SLA file, as given: sources are relative to its folder. */
  file: string;
  stageIds: string[];
  /** The last declared stage, when every stage has an id (else "last" is not known). */
  lastStage: string | undefined;
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

/** Recycling returns to a declared stage, before the last (the last stage ends a journey: a win). */
function returnsToStage({ root, stageIds, lastStage: last, report }: RuleContext): void {
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
function handoffsReachable({ root, stageIds, lastStage, outcomeIds, report }: RuleContext): void {
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

function conversionWindow({ root, report }: RuleContext): void {
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
function checkWindow(report: Report, path: DocPath, text: string) {
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

/** The SLA file's sources by kind: a path listed twice in one kind would count its rows twice. */
function sourcesOnce({ root, file, report }: RuleContext): void {
  const sources = isObj(root.sources) ? root.sources : {};
  const base = posix.dirname(file.replaceAll("\\", "/"));
  for (const [kind, value] of Object.entries(sources)) {
    const many = Array.isArray(value);
    const seen = new Map<string, number>();
    (many ? value : [value]).forEach((s, i) => {
      const path = isObj(s) ? str(s.file) : undefined;
      if (path === undefined) return;
      const p = path.replaceAll("\\", "/");
      const key = posix.normalize(posix.isAbsolute(p) ? p : posix.join(base, p));
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else
        report(
          many ? ["sources", kind, i, "file"] : ["sources", kind, "file"],
          `"${path}" is already listed under sources.${kind}[${first}]: its rows would count twice`,
          "list each file once",
        );
    });
  }
}

function checkZone(report: Report, path: DocPath, zone: string | undefined): void {
  if (zone === undefined || isZone(zone)) return;
  const guess = closest(zone, Intl.supportedValuesOf("timeZone"));
  report(
    path,
    `unknown time zone "${zone}"`,
    guess
      ? `did you mean "${guess}"? use an IANA name such as Europe/Berlin`
      : "use an IANA name such as America/New_York or Europe/Berlin",
  );
}

function knownTimezone({ root, report }: RuleContext): void {
  checkZone(report, ["timezone"], str(root.timezone));
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Calendars: known zones and countries, working windows in order without overlap. */
function calendarsValid({ root, report }: RuleContext): void {
  if (!isObj(root.calendars)) return;
  for (const [id, cal] of Object.entries(root.calendars)) {
    if (!isObj(cal)) continue;
    checkZone(report, ["calendars", id, "timezone"], str(cal.timezone));
    const windows = list(cal.hours).flatMap((h, i) =>
      typeof h === "string" && /^\d\d:\d\d-\d\d:\d\d$/.test(h)
        ? [{ i, start: minutes(h.slice(0, 5)), end: minutes(h.slice(6)) }]
        : [],
    );
    for (const w of windows)
      if (w.end <= w.start)
        report(
          ["calendars", id, "hours", w.i],
          "a working window must end after it starts",
          "split a night shift at midnight: [22:00-24:00, 00:00-06:00]",
        );
    const sorted = windows.filter((w) => w.end > w.start).sort((a, b) => a.start - b.start);
    for (let k = 1; k < sorted.length; k++) {
      const prev = sorted[k - 1];
      const cur = sorted[k];
      if (prev && cur && cur.start < prev.end)
        report(
          ["calendars", id, "hours", cur.i],
          "working windows overlap",
          "list each working window once, e.g. [09:00-12:00, 13:00-17:00]",
        );
    }
    checkHolidays(report, id, isObj(cal.holidays) ? cal.holidays : {});
  }
}

function checkHolidays(report: Report, id: string, holidays: Obj): void {
  const country = str(holidays.country);
  const region = str(holidays.region);
  const path = ["calendars", id, "holidays"];
  if (country !== undefined && !isKnownCountry(country))
    report(
      [...path, "country"],
      `unknown country "${country}"`,
      "use an ISO 3166 country code, e.g. US, GB, DE",
    );
  else if (country !== undefined && region !== undefined) {
    const regions = knownRegions(country);
    if (!regions.includes(region.toUpperCase()))
      report(
        [...path, "region"],
        `unknown region "${region}" of ${country}`,
        suggest(region, regions, "regions"),
      );
  }
  if (region !== undefined && country === undefined)
    report([...path, "region"], "a region needs a country", "add country: next to region:");
}

/** Every calendar named elsewhere exists; business windows need a calendar. */
function calendarsReferenced({ root, report }: RuleContext): void {
  const ids = isObj(root.calendars) ? Object.keys(root.calendars) : [];
  const check = (path: DocPath, id: unknown) => {
    if (typeof id === "string" && !ids.includes(id))
      report(path, `unknown calendar "${id}"`, suggest(id, ids, "calendars"));
  };
  check(["default_calendar"], root.default_calendar);
  const assign = isObj(root.assign) ? root.assign : {};
  for (const kind of ["teams", "reps"] as const)
    if (isObj(assign[kind]))
      for (const [k, v] of Object.entries(assign[kind] as Obj)) check(["assign", kind, k], v);
  list(root.handoffs).forEach((h, i) => {
    if (!isObj(h)) return;
    check(["handoffs", i, "calendar"], h.calendar);
    const w = typeof h.within === "string" ? parseWindow(h.within) : null;
    if (w && w.unit !== "calendar" && ids.length === 0)
      report(
        ["handoffs", i, "within"],
        `"${h.within}" is business time, but no calendar is declared`,
        "add calendars: { standard: { hours: [09:00-17:00] } }, or use calendar time (4h)",
      );
  });
}

/** Commitments name declared stages, handoffs and outcomes. */
function commitmentsReferenced({ root, stageIds, outcomeIds, report }: RuleContext): void {
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
