import { describe, expect, it } from "vitest";
import { parseWindow, WINDOW_PATTERN } from "../../../src/config/window.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

describe("parseWindow", () => {
  it.each([
    ["minutes", "30m", 30 * MINUTE],
    ["hours", "4h", 4 * HOUR],
    ["days", "2d", 2 * DAY],
    ["weeks", "1w", 7 * DAY],
    ["a fraction", "1.5h", 90 * MINUTE],
    ["a unit spelled out, after a space", "90 days", 90 * DAY],
    ["singular unit", "1 week", 7 * DAY],
    ["abbreviations", "2 wks", 14 * DAY],
    ["mins", "45 mins", 45 * MINUTE],
    ["minute", "1 minute", MINUTE],
    ["hrs", "3 hrs", 3 * HOUR],
    ["space before the unit", "4 h", 4 * HOUR],
    ["surrounding spaces", " 4h ", 4 * HOUR],
    // A day is 24 elapsed hours, whatever the clocks do at a DST change.
    ["a day is 24 hours", "1d", 24 * HOUR],
    ["zero (valid shape; the rules reject it)", "0h", 0],
    ["rounded to whole milliseconds", "0.0000001m", 0],
  ])("%s: %j -> %i ms", (_name, text, ms) => {
    expect(parseWindow(text)).toEqual({ unit: "calendar", amount: ms });
    expect(WINDOW_PATTERN.test(text)).toBe(true);
  });

  it.each([
    ["business hours, short", "4bh", { unit: "business_hours", amount: 4 * HOUR }],
    ["business hours, spelled out", "4 business hours", { unit: "business_hours", amount: 4 * HOUR }],
    ["one business hour", "1 business hour", { unit: "business_hours", amount: HOUR }],
    ["half a business hour", "0.5bh", { unit: "business_hours", amount: 30 * MINUTE }],
    ["business days, short", "2bd", { unit: "business_days", amount: 2 }],
    ["business days, spelled out", "2 business days", { unit: "business_days", amount: 2 }],
    ["one business day", "1 business day", { unit: "business_days", amount: 1 }],
  ])("%s: %j", (_name, text, expected) => {
    expect(parseWindow(text)).toEqual(expected);
  });

  it("business days are whole: 1.5bd matches the shape but is not a window (the rules explain)", () => {
    expect(WINDOW_PATTERN.test("1.5bd")).toBe(true);
    expect(parseWindow("1.5bd")).toBeNull();
  });

  it.each([
    ["unknown unit", "4x"],
    ["no unit", "4"],
    ["no number", "h"],
    ["empty", ""],
    ["negative", "-1h"],
    ["decimal comma", "1,5h"],
    ["no leading digit", ".5h"],
    ["dangling decimal point", "1.h"],
    ["exponent", "1e3m"],
    ["two units", "4h30m"],
    ["repeated unit", "4hh"],
    ["ISO 8601 duration", "P1D"],
    ["upper-case unit", "4H"],
  ])("%s: %j is not a window", (_name, text) => {
    expect(parseWindow(text)).toBeNull();
    expect(WINDOW_PATTERN.test(text)).toBe(false);
  });
});
