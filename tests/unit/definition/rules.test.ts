/** Each kind of fit rule, and a verdict that changes as engagements age out of the lookback. */
import { describe, expect, it } from "vitest";
import { instantsByType, judge, partsOf, verdictAt } from "../../../src/definition/evaluate.js";
import { calendarClock } from "../../../src/time/clock.js";
import type { Criterion, FieldTest, Lead, StageDefinition } from "../../../src/types.js";
import { DAY, lead } from "../../helpers/builders.js";

const at = { line: 1, column: 1 };
const stageOf = (...of: Criterion[]): StageDefinition => ({
  stage: "mql",
  rule: { ...at, kind: "all", name: "mql", of },
  exclude: [],
  passWithin: null,
  passTarget: null,
  passCalendar: null,
});
const field = (f: string, test: FieldTest, negated = false): Criterion => ({
  ...at,
  kind: "field",
  name: f,
  field: f,
  test,
  negated,
});
const ctx = { lists: new Map(), clock: calendarClock };
const holds = (c: Criterion, l: Lead) => {
  const def = stageOf(c);
  return verdictAt(partsOf(def), judge(def, ctx)(l, new Map()), 0).met;
};

describe("each fit rule kind", () => {
  it.each([
    // [rule, lead fields, holds]
    [
      "in: case and spaces ignored",
      field("country", { kind: "in", values: ["US", "Canada"] }),
      { country: " us " },
      true,
    ],
    ["in: another value", field("country", { kind: "in", values: ["US"] }), { country: "DE" }, false],
    [
      "not_in: a value outside the list",
      field("country", { kind: "in", values: ["KP"] }, true),
      { country: "US" },
      true,
    ],
    [
      "not_in: an empty value is not in the list",
      field("country", { kind: "in", values: ["KP"] }, true),
      { country: null },
      true,
    ],
    [
      "not_matches",
      field("title", { kind: "matches", pattern: "student" }, true),
      { title: "Student" },
      false,
    ],
    ["present: filled", field("company", { kind: "present" }), { company: "Acme" }, true],
    ["present: blank", field("company", { kind: "present" }), { company: "  " }, false],
    [
      "at_most 50: 11-50",
      field("company_size", { kind: "range", min: null, max: 50 }),
      { companySize: "11-50" },
      true,
    ],
    [
      "at_most 50: 51-200",
      field("company_size", { kind: "range", min: null, max: 50 }),
      { companySize: "51-200" },
      false,
    ],
    [
      "at_least 1M: $1.2M",
      field("company_size", { kind: "range", min: 1e6, max: null }),
      { companySize: "$1.2M" },
      true,
    ],
    [
      "between 50..5000: 50+ is partial",
      field("company_size", { kind: "range", min: 50, max: 5000 }),
      { companySize: "50+" },
      false,
    ],
    ["email role", field("email", { kind: "email", classes: ["role"] }), { email: "info@acme.io" }, true],
    [
      "email business: a free address is not",
      field("email", { kind: "email", classes: ["business"] }),
      { email: "x@gmail.com" },
      false,
    ],
  ] as const)("%s", (_name, c, fields, expected) => {
    expect(holds(c as Criterion, lead("L", 0, fields as Partial<Lead>))).toBe(expected);
  });
});

describe("a verdict that changes over the lead's life", () => {
  // Two webinars (day 0 and day 10) and "at least 2 within 14 days": held on [10d, 14d] only.
  const def = stageOf({
    ...at,
    kind: "engagement",
    name: "2 webinars in 14d",
    types: ["webinar"],
    atLeast: 2,
    within: { unit: "calendar", amount: 14 * DAY, text: "14d" },
  });
  const eng = (t: number) => ({ leadId: "L", type: "webinar", at: t, place: { file: "e.csv", line: 2 } });
  const j = judge(def, ctx)(lead("L", 0), instantsByType([eng(0), eng(10 * DAY)]));
  it("not met on day 9, met from day 10 to day 14, not met after: the first webinar aged out", () => {
    expect(j.holds).toEqual([[10 * DAY, 14 * DAY]]);
    const met = (t: number) => verdictAt(partsOf(def), j, t).met;
    expect([met(9 * DAY), met(10 * DAY), met(14 * DAY), met(14 * DAY + 1)]).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });
});
