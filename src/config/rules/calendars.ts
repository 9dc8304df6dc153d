/** SLA rules on time: known zones, valid calendars and holidays, every calendar named exists. */

import { closest } from "../../text.js";
import { isZone } from "../../time/format.js";
import { isKnownCountry, knownRegions } from "../../time/holidays.js";
import type { DocPath } from "../locate.js";
import { parseWindow } from "../window.js";
import { isObj, list, type Obj, type Report, type RuleContext, str, suggest } from "./context.js";

export function checkZone(report: Report, path: DocPath, zone: string | undefined): void {
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

export function knownTimezone({ root, report }: RuleContext): void {
  checkZone(report, ["timezone"], str(root.timezone));
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Calendars: known zones and countries, working windows in order without overlap. */
export function calendarsValid({ root, report }: RuleContext): void {
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
export function calendarsReferenced({ root, report }: RuleContext): void {
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
