/**
 * Issue 16, "wrong figures with no error": rules that can never be met, windows that are typos,
 * a file listed twice, handoff ids that share a table's file name.
 */
import { describe, expect, it } from "vitest";
import { parseSlaConfig } from "../src/config/parse.js";
import { formatIssue, sortIssues } from "../src/errors.js";

const FILE = "cfg/sla.yaml";

/** Three stages, an outcome, a handoff; the line numbers below refer to it. */
const BASE = `version: 1
timezone: UTC
stages:
  - { id: inquiry, matches: [New] }
  - { id: mql, matches: [MQL] }
  - { id: sal, matches: [SAL] }
outcomes:
  - { id: recycled, matches: [Recycled], returns_to: inquiry }
handoffs:
  - id: mql-response
    from: mql
    to: [sal]
    within: 1d
    target: 0.9
calendars:
  standard: { hours: [09:00-17:00] }
sources:
  leads: { file: leads.csv }
  activities:
    - { file: calls.csv }
    - { file: emails.csv }
`;

function edit(text: string, from: string, to: string): string {
  const out = text.replace(from, to);
  if (out === text) throw new Error(`test setup: ${from} not found`);
  return out;
}

const errors = (text: string) => sortIssues(parseSlaConfig(text, FILE).issues).map(formatIssue);

describe("SLA rules that can never be met are refused at their line", () => {
  it("accepts the base file", () => {
    expect(errors(BASE)).toEqual([]);
  });

  it.each<[string, string, string[]]>([
    [
      "a handoff with `to: []` and no activity",
      edit(BASE, "to: [sal]", "to: []"),
      [
        "cfg/sla.yaml:12:9  error  handoffs[0].to: this handoff can never be answered: `to` is empty and it has no `activity`\n    hint: add `to: [stage, …]` or `activity: {types: [call, email]}`",
      ],
    ],
    [
      // sal is the last stage: entering it ends the journey, so nothing can answer after it.
      "a handoff from the last stage (with an activity)",
      edit(BASE, "from: mql\n    to: [sal]", "from: sal\n    activity: { types: [call] }"),
      [
        'cfg/sla.yaml:11:11  error  handoffs[0].from: "sal" is the last stage: reaching it ends the journey, so this handoff can never be answered\n    hint: start the clock at an earlier stage (inquiry, mql)',
      ],
    ],
    [
      "returns_to the last stage",
      edit(BASE, "returns_to: inquiry", "returns_to: sal"),
      [
        'cfg/sla.yaml:8:54  error  outcomes[0].returns_to: "sal" is the last stage: reaching it ends a journey, so every recycle would count as a win\n    hint: return to an earlier stage (inquiry, mql)',
      ],
    ],
  ])("%s", (_name, text, expected) => {
    expect(errors(text)).toEqual(expected);
  });
});

describe("a window over five years is a typo, refused at its line", () => {
  const HINT = "a window that long is a typo: check the number and the unit (30m, 4h, 2d, 12bh, 2bd)";
  it.each([
    ["100000bd", 'window "100000bd" is over 5 years'],
    ["99999999bh", 'window "99999999bh" is over 5 years'],
    // 5 × 365.25 = 1826.25 days: 1827d is over, 1826d is not.
    ["1827d", 'window "1827d" is over 5 years'],
    ["261w", 'window "261w" is over 5 years'], // 261 × 7 = 1827 days
    ["43831bh", 'window "43831bh" is over 5 years'], // 1826.25 days × 24 = 43830 hours
  ])("within: %s", (w, message) => {
    expect(errors(edit(BASE, "within: 1d", `within: ${w}`))).toEqual([
      `cfg/sla.yaml:13:13  error  handoffs[0].within: ${message}\n    hint: ${HINT}`,
    ]);
  });

  it.each(["1826d", "260w", "1826bd", "43830bh"])("within: %s (five years or less) is accepted", (w) => {
    expect(errors(edit(BASE, "within: 1d", `within: ${w}`))).toEqual([]);
  });

  it("a conversion window over five years too", () => {
    expect(errors(`${BASE}conversion: { window: 2000d }\n`)).toEqual([
      `cfg/sla.yaml:22:23  error  conversion.window: window "2000d" is over 5 years\n    hint: ${HINT}`,
    ]);
  });
});

describe("one file listed twice in a kind of source is refused", () => {
  it.each([
    ["the same name", "emails.csv", "calls.csv"],
    ["./ and a folder that comes back", "emails.csv", "./x/../calls.csv"],
  ])("%s", (_name, from, to) => {
    expect(errors(edit(BASE, from, to))).toEqual([
      `cfg/sla.yaml:21:15  error  sources.activities[1].file: "${to}" is already listed under sources.activities[0]: its rows would count twice\n    hint: list each file once`,
    ]);
  });

  it("stage and owner history may share LeadHistory.csv (Salesforce exports both in one file)", () => {
    const text = edit(
      BASE,
      "  activities:",
      "  stage_history: { file: LeadHistory.csv }\n  owner_history: { file: LeadHistory.csv }\n  activities:",
    );
    expect(errors(text)).toEqual([]);
  });
});

describe("handoff ids that name the same CSV file are refused", () => {
  const two = (a: string, b: string) =>
    edit(
      BASE,
      "calendars:",
      `  - { id: ${b}, from: mql, to: [sal], within: 2d, target: 0.5 }\ncalendars:`,
    ).replace("id: mql-response", `id: ${a}`);
  it("first_touch and first-touch both write compliance-first-touch.csv", () => {
    expect(errors(two("first_touch", "first-touch"))).toEqual([
      'cfg/sla.yaml:15:11  error  handoffs[1].id: handoff ids "first_touch" and "first-touch" make the same file name (compliance-first-touch.csv)\n    hint: - and _ both become - in file names: make the ids differ in a letter or digit',
    ]);
  });
  it("the same id twice keeps its own message", () => {
    expect(errors(two("a", "a"))).toEqual([
      'cfg/sla.yaml:15:11  error  handoffs[1].id: handoff id "a" is used twice\n    hint: give each handoff its own id',
    ]);
  });
});
