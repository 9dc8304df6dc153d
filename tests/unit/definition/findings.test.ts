import { describe, expect, it } from "vitest";
import { unreadableValues } from "../../../src/definition/findings.js";
import type { LeadDefinitions } from "../../../src/types.js";
import { lead } from "../../helpers/builders.js";

const at = { line: 1, column: 1 };
const defs: LeadDefinitions = {
  engagementTypes: [],
  stages: [
    {
      stage: "mql",
      rule: {
        ...at,
        kind: "all",
        name: "mql",
        of: [
          {
            ...at,
            kind: "field",
            name: "size",
            field: "company_size",
            test: { kind: "range", min: 50, max: null },
            negated: false,
          },
          // A second rule on the same field: still one finding per lead.
          {
            ...at,
            kind: "field",
            name: "size2",
            field: "company_size",
            test: { kind: "range", min: null, max: 5000 },
            negated: false,
          },
          {
            ...at,
            kind: "field",
            name: "title",
            field: "title",
            test: { kind: "matches", pattern: "x" },
            negated: false,
          },
        ],
      },
      exclude: [],
      passWithin: null,
      passTarget: null,
      passCalendar: null,
    },
  ],
};

describe("unreadableValues", () => {
  it("one warning per lead whose size cannot be read, at its row; empty and readable values none", () => {
    const leads = [
      lead("A", 0, { companySize: "lots", place: { file: "leads.csv", line: 2 } }),
      lead("B", 0, { companySize: "1,000-5,000", place: { file: "leads.csv", line: 3 } }),
      lead("C", 0, { companySize: null, place: { file: "leads.csv", line: 4 } }),
      lead("D", 0, { companySize: "5 zillion", title: "lots", place: { file: "leads.csv", line: 5 } }),
    ];
    const found = unreadableValues(defs, leads);
    expect(found.map((f) => [f.code, f.severity, f.place.line, f.value])).toEqual([
      ["definition_value_unreadable", "warning", 2, "lots"],
      ["definition_value_unreadable", "warning", 5, "5 zillion"],
    ]);
  });
  it("no definition, no finding", () => {
    expect(unreadableValues(null, [lead("A", 0, { companySize: "lots" })])).toEqual([]);
  });
});
