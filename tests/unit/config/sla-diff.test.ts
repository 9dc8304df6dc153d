/** `sla diff` on the example SLA with one thing changed at a time: the words say exactly that change. */

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { diffAgreements } from "../../../src/config/diff.js";
import { parseSlaConfig } from "../../../src/config/parse.js";
import { slaDiffHtml, slaDiffMarkdown } from "../../../src/report/sla-diff.js";
import type { SlaConfig } from "../../../src/types.js";
import { edit } from "../../helpers/edit.js";

const BASE = readFileSync("sla.example.yaml", "utf8");

function parse(text: string, file: string): SlaConfig {
  const { config, issues } = parseSlaConfig(text, file);
  if (!config) throw new Error(issues.map((i) => i.message).join("\n"));
  return config;
}

/** The change lines (list items and their nested lines) of the diff from the example to `text`. */
function changed(text: string): string[] {
  const a = parse(BASE, "old.yaml");
  const b = parse(text, "new.yaml");
  const md = slaDiffMarkdown(a, b, diffAgreements(a, b));
  return md.split("\n").filter((l) => /^ *- |^## /.test(l));
}

describe("sla diff: one change each", () => {
  it.each([
    [
      "a window",
      edit(BASE, "within: 4bh", "within: 8bh"),
      [
        "## Who acts, by when",
        "- **first-touch**: answered within **eight business hours** instead of **four business hours**.",
      ],
    ],
    [
      "a target",
      edit(BASE, "target: 0.75", "target: 0.85"),
      [
        "## Who acts, by when",
        "- **sql-to-opportunity**: the goal is **85%** of leads answered in time instead of **75%**.",
      ],
    ],
    [
      "a stage's raw values",
      edit(BASE, 'matches: ["Sales Qualified"]', 'matches: ["Sales Qualified", "SQL"]'),
      ["## Stages", "- **Sales qualified** (`sql`): raw values added: `SQL`."],
    ],
    [
      "listed holidays",
      edit(BASE, 'dates: ["2026-08-14"]', 'dates: ["2026-08-14", "2026-11-27"]'),
      ["## Calendars", "- **us-office**: holidays added: `2026-11-27`."],
    ],
    [
      "business hours",
      edit(BASE, '"09:00-12:00", "13:00-17:00"', '"08:00-12:00", "13:00-17:00"'),
      [
        "## Calendars",
        "- **us-office**: hours 08:00–12:00, 13:00–17:00 instead of 09:00–12:00, 13:00–17:00.",
      ],
    ],
    [
      "a commitment",
      edit(BASE, "mqls: 30", "mqls: 40"),
      ["## Commitments", "- Marketing delivers at least **40** MQLs every period (was **30**)."],
    ],
    [
      "a policy",
      edit(BASE, "on_reassign: restart", "on_reassign: keep"),
      [
        "## Policies",
        "- When a lead changes owner before anyone answered it, the time keeps running for the new owner. (Before: When a lead changes owner before anyone answered it, the new owner gets the full time again.)",
      ],
    ],
    [
      "a criterion removed",
      edit(BASE, "      - { name: Not a consultant, field: title, not_matches: consultant }\n", ""),
      ["## Lead definition", "- **Marketing qualified**: the criterion **Not a consultant** is removed."],
    ],
    [
      "a holiday calendar",
      edit(BASE, "country: US", "country: CA"),
      ["## Calendars", "- **us-office**: the public holidays of CA instead of the public holidays of US."],
    ],
    [
      "a source",
      edit(BASE, "file: examples/acme/activities.csv", "file: examples/acme/activities-2026.csv"),
      [
        "## Sources (the files read)",
        "- No longer reads `examples/acme/activities.csv` (activities).",
        "- Reads `examples/acme/activities-2026.csv` (activities) too.",
      ],
    ],
    [
      "a criterion added",
      edit(
        BASE,
        "      - { name: Not a consultant, field: title, not_matches: consultant }\n",
        "      - { name: Not a consultant, field: title, not_matches: consultant }\n      - { name: Has a phone, field: phone, present: true }\n",
      ),
      [
        "## Lead definition",
        "- **Marketing qualified**: a new criterion:",
        "  - **Has a phone**: **phone** is filled in",
      ],
    ],
  ])("%s", (_what, text, lines) => {
    expect(changed(text)).toEqual(lines);
  });

  it("a criterion changed shows it before and after, in sla render's words", () => {
    const lines = changed(edit(BASE, "at_least: 11 }", "at_least: 51 }"));
    expect(lines.slice(1)).toEqual([
      "- **Marketing qualified**: the criterion **Company of 11 or more** changes:",
      "  - before:",
      "    - **Company of 11 or more**: **company_size** is at least 11",
      "  - after:",
      "    - **Company of 11 or more**: **company_size** is at least 51",
    ]);
  });

  it("reformatting (flow style, comments, key order) is no change", () => {
    const text = edit(
      BASE,
      "within: 4bh\n    target: 0.8",
      "target: 0.80 # the same\n    within: 4bh",
    ).replace(/^# .*\n/gm, "");
    const a = parse(BASE, "old.yaml");
    const b = parse(text, "new.yaml");
    expect(diffAgreements(a, b)).toEqual([]);
    expect(slaDiffMarkdown(a, b, [])).toContain("No change: both files state the same agreement.");
  });

  it("html is the same words on sla render's page", () => {
    const a = parse(BASE, "old.yaml");
    const b = parse(edit(BASE, "within: 4bh", "within: 8bh"), "new.yaml");
    const page = slaDiffHtml(a, b, diffAgreements(a, b));
    expect(page).toContain(
      "<strong>first-touch</strong>: answered within <strong>eight business hours</strong>",
    );
    expect(page).toContain("Content-Security-Policy");
  });
});
