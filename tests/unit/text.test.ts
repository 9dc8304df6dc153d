import { describe, expect, it } from "vitest";
import { closest, detach, editDistance, normalizeValue, quoteList } from "../../src/text.js";

describe("editDistance", () => {
  it.each([
    ["both empty", "", "", 0],
    ["equal", "same", "same", 0],
    ["from empty", "", "abc", 3],
    ["to empty", "abc", "", 3],
    ["case is ignored", "MQL", "mql", 0],
    ["one substitution", "sal", "sql", 1],
    ["one insertion", "matche", "matches", 1],
    ["two insertions", "handof", "handoffs", 2],
    ["one deletion", "mqll", "mql", 1],
    ["classic", "kitten", "sitting", 3],
    ["an adjacent transposition counts 1", "ab", "ba", 1],
    ["a transposition inside a word counts 1", "abcd", "acbd", 1],
    ["a typo'd time zone", "Europe/Berlni", "Europe/Berlin", 1],
    ["two transpositions", "abcd", "badc", 2],
    // Optimal string alignment: a transposed pair is not edited again (true Damerau gives 2).
    ["no edit inside a transposed pair", "ca", "abc", 3],
  ])("%s: %j -> %j = %i", (_name, a, b, d) => {
    expect(editDistance(a, b)).toBe(d);
    expect(editDistance(b, a)).toBe(d);
  });
});

describe("closest", () => {
  const stages = ["inquiry", "mql", "sal", "sql"];
  it.each<[string, string, string[], string | undefined]>([
    ["one typo", "mqll", stages, "mql"],
    ["case differs", "INQUIRY", stages, "inquiry"],
    ["a transposition", "iqnuiry", stages, "inquiry"],
    ["an exact match", "sal", stages, "sal"],
    ["a tie goes to the first in code-unit order", "sxl", ["sql", "sal"], "sal"],
    ["the tie-break ignores candidate order", "sxl", ["sal", "sql"], "sal"],
    ["nothing close", "xyz", stages, undefined],
    ["1 edit of a 4-letter word is close enough", "mqlx", ["mql"], "mql"],
    ["2 edits of a 4-letter word are too far (limit: a third of the longer)", "mqxy", ["mql"], undefined],
    ["at most 4 edits, even for long words", "abcdefghijklmnop", ["abcdefghijklXXXXX"], undefined],
    ["4 edits of a 12-letter word is close enough", "abcdefghijkl", ["abcdefghXXXX"], "abcdefghXXXX"],
    ["no candidates", "mql", [], undefined],
    ["a time zone", "Europe/Berlinn", Intl.supportedValuesOf("timeZone"), "Europe/Berlin"],
    ["a header", "created_at", ["lead_id", "createdat", "owner"], "createdat"],
  ])("%s: %j", (_name, value, candidates, expected) => {
    expect(closest(value, candidates)).toBe(expected);
  });

  it("accepts any iterable", () => {
    expect(closest("sall", new Set(["sal", "sql"]))).toBe("sal");
  });
});

describe("normalizeValue", () => {
  it.each([
    ["trimmed", "  MQL  ", "mql"],
    ["inner spaces folded", "Marketing   Qualified", "marketing qualified"],
    ["tabs, newlines and no-break spaces fold too", "\tOpen -\u00a0Not  Contacted\n", "open - not contacted"],
    ["lower case", "Closed Won", "closed won"],
    ["non-ASCII lower case", "ÉTÉ", "été"],
    ["punctuation kept", "Open - Not Contacted", "open - not contacted"],
    ["empty stays empty", "   ", ""],
  ])("%s: %j -> %j", (_name, value, expected) => {
    expect(normalizeValue(value)).toBe(expected);
  });
});

describe("quoteList", () => {
  it.each<[string, string[], string | undefined, string]>([
    ["none", [], undefined, ""],
    ["one", ["a"], undefined, '"a"'],
    ["two", ["a", "b"], undefined, '"a" or "b"'],
    ["three", ["a", "b", "c"], undefined, '"a", "b" or "c"'],
    ["another joiner", ["a", "b", "c"], "and", '"a", "b" and "c"'],
  ])("%s", (_name, values, joiner, expected) => {
    expect(quoteList(values, joiner)).toBe(expected);
  });
});

describe("detach", () => {
  it("gives the same text, short, long, beyond the scratch buffer, non-ASCII or ill-formed", () => {
    const parent = `${"x".repeat(20)}jordan.das@helixhealth.com,Zoë Ångström-Łukasiewicz 😀,${"y".repeat(20_000)}`;
    const values = [
      parent.slice(20, 46), // an e-mail cut from a chunk
      parent.slice(47, 78), // non-ASCII, an astral character
      parent.slice(0, 12), // short: returned as it is
      parent.slice(79, 79 + 4096), // at the scratch buffer's limit
      parent.slice(79, 79 + 15_000), // beyond it
      `ab${"\uD800"}cdefghijklmnop`, // a lone surrogate
    ];
    for (const v of values) expect(detach(v)).toBe(v);
    // One value after another through the same buffer: none is overwritten by the next.
    const out = values.map(detach);
    expect(out).toEqual(values);
  });
});
