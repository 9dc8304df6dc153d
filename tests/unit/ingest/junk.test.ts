import { describe, expect, it } from "vitest";
import {
  isInvalidEmail,
  isPlaceholderName,
  PLACEHOLDERS,
  testRecordReason,
} from "../../../src/ingest/sources/junk.js";
import { checkVariants } from "../../../src/ingest/sources/variants.js";
import type { Finding } from "../../../src/types.js";
import { lead, T0 } from "../../helpers/builders.js";

describe("isPlaceholderName", () => {
  it.each<[string, string | null, string | null]>([
    ["Test Test", "Test", "Test"],
    ["first name only", "test", null],
    ["last name only, upper case", null, "TEST"],
    ["a placeholder full name", "John", "Doe"],
    ["a placeholder full name in one field", "john doe", null],
    ["Jane Doe", "Jane", "Doe"],
    ["Mickey Mouse", "Mickey", "Mouse"],
    ["every part a placeholder", "Test", "N/A"],
    ["keyboard mash with spaces", "  asdf ", "  "],
    ["single letters", "x", "x"],
    ["punctuation", "-", null],
    ["no name", "No Name", null],
    ["no name, split", "no", "name"],
    ["null", "Null", "Null"],
  ])("%s is a placeholder", (_name, first, last) => {
    expect(isPlaceholderName(first, last)).toBe(true);
  });

  it.each<[string, string | null, string | null]>([
    ["a real name", "Priya", "Raman"],
    ["a real last name after a placeholder first name", "Test", "Smith"],
    ["a name that contains a placeholder", "Testa", "Rossi"],
    ["part of a placeholder pair", "Donald", "Trump"],
    ["Mary Jane", "Mary", "Jane"],
    ["short real names", "Na", "Li"],
    ["both missing (not junk: nothing to judge)", null, null],
    ["both blank", "", " "],
  ])("%s is not a placeholder", (_name, first, last) => {
    expect(isPlaceholderName(first, last)).toBe(false);
  });
});

describe("isPlaceholderName against the plain rule", () => {
  // The rule as first written (lists and a regular expression per call); the fast one must agree.
  const plain = (first: string | null, last: string | null) => {
    const parts = [first, last].map((p) => (p ?? "").trim().toLowerCase()).filter((p) => p !== "");
    if (parts.length === 0) return false;
    if (PLACEHOLDERS.has(parts.join(" "))) return true;
    if (parts.some((p) => /[<>]/.test(p))) return true;
    return parts.every((p) => PLACEHOLDERS.has(p));
  };
  const pieces = [
    ...[null, "", " ", "Test", " TEST ", "N/A", "John", "Doe", "john doe", "Mickey", "Mouse"],
    ...["mickey mouse", "x", "No", "Name", "no name", "Priya", "<b>", "Ann>", "-", "Null"],
    ...["Bartholomew-Fitzgerald", "Testtesttesttest", "Mickey Mouse", "  donald  ", "duck"],
  ];
  it("gives the same answer for every pair of pieces", () => {
    let placeholders = 0;
    for (const a of pieces)
      for (const b of pieces) {
        const want = plain(a, b);
        if (want) placeholders++;
        expect(isPlaceholderName(a, b), `${a} / ${b}`).toBe(want);
      }
    // Both answers are exercised.
    expect(placeholders).toBeGreaterThan(50);
    expect(placeholders).toBeLessThan(pieces.length ** 2 - 50);
  });
});

describe("isInvalidEmail", () => {
  it.each([
    ["plain", "ann@example.com"],
    ["upper case", "ANN@EXAMPLE.COM"],
    ["surrounding spaces", " ann@example.com "],
    ["sub-domains and a plus tag", "a.b+tag@sub.example.co.uk"],
    ["an apostrophe", "o'brien@example.ie"],
    ["a long top-level domain", "ann@example.museum"],
    ["a punycode domain", "ann@xn--bcher-kva.example"],
  ])("%s is deliverable: %j", (_name, email) => {
    expect(isInvalidEmail(email)).toBe(false);
  });

  it.each([
    ["no @", "annexample.com"],
    ["two @", "ann@@example.com"],
    ["no local part", "@example.com"],
    ["no domain", "ann@"],
    ["no dot in the domain", "ann@example"],
    ["intranet host", "ann@localhost"],
    ["domain starts with a dot", "ann@.com"],
    ["empty label", "ann@example..com"],
    ["trailing dot", "ann@example.com."],
    ["one-letter top-level domain", "ann@example.c"],
    ["numeric top-level domain", "ann@example.123"],
    ["a space in the local part", "ann @example.com"],
    ["a space in the domain", "ann@exa mple.com"],
    ["empty", ""],
  ])("%s is invalid: %j", (_name, email) => {
    expect(isInvalidEmail(email)).toBe(true);
  });
});

describe("testRecordReason", () => {
  it.each([
    ["Test User", null, null, 'name "Test User"'],
    ["test test", null, null, 'name "test test"'],
    ["Lead Test", null, null, 'name "Lead Test"'],
    ["Maya Chen", "test@test.com", null, 'e-mail "test@test.com"'],
    ["Sam Reed", "test@example.com", null, 'e-mail "test@example.com"'],
    ["Sam Reed", "sam@shop.test", null, 'e-mail "sam@shop.test"'],
    ["Sam Reed", "sam@acme.com", "Test", 'company "Test"'],
    // Not test records: a surname Test, an address at example.com, a company that starts with Test.
    ["Anna Test", "anna@acme.com", "Acme", null],
    ["Ana Lopez", "ana@example.com", "Fabrikam", null],
    // A reserved .example domain is what synthetic data uses for every address: not a test mark alone.
    ["Ana Lopez", "ana.lopez@fabrikam.example", "Fabrikam", null],
    ["Ana Lopez", "testimonials@acme.com", "Testo GmbH", null],
    [null, null, null, null],
  ])("%s / %s / %s: %s", (name, email, company, want) =>
    expect(testRecordReason(name, email, company)).toBe(want),
  );
});

describe("checkVariants", () => {
  it("lists spellings that differ by case or inner spacing, with lead counts, one finding per group", () => {
    const at = (line: number) => ({ place: { file: "leads.csv", line } });
    const leads = [
      lead("L1", T0, { source: "Google", ...at(2) }),
      lead("L2", T0, { source: "google", ...at(3) }),
      lead("L3", T0, { source: "Google", ...at(4) }),
      lead("L4", T0, { source: "Paid  Social", campaign: "Q1", ...at(5) }),
      lead("L5", T0, { source: "Paid Social", campaign: "q1", ...at(6) }),
      lead("L6", T0, { source: "Referral", ...at(7) }),
    ];
    const findings: Finding[] = [];
    checkVariants(leads, ["source", "campaign"], findings);
    expect(findings.map((f) => f.message)).toEqual([
      // Google: L1 and L3 (2), google: L2 (1); Paid Social: L5 (1), "Paid  Social": L4 (1), by text.
      'source "Google" (2), "google" (1): one value spelled 2 ways, counted apart in breakdowns by source',
      'source "Paid  Social" (1), "Paid Social" (1): one value spelled 2 ways, counted apart in breakdowns by source',
      'campaign "Q1" (1), "q1" (1): one value spelled 2 ways, counted apart in breakdowns by campaign',
    ]);
    // The place is the first lead with the group's second spelling.
    // Google's second spelling "google" is first at line 3; "Paid Social" at line 6 (L5), "q1" at line 6.
    expect(findings.map((f) => f.place.line)).toEqual([3, 6, 6]);
  });
});
