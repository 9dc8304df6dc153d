import { describe, expect, it } from "vitest";
import { isInvalidEmail, isPlaceholderName } from "../../../src/ingest/junk.js";

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
