/** Amounts as exports write them, read in one decimal mark decided per column (issue 21, item 4). */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AmountColumnTally, decideDecimalMark, markOf, readAmount } from "../../../src/money/amounts.js";

describe("readAmount", () => {
  it.each([
    // text, decimal mark, value, currency
    ["$22,700.00", ".", 22700, "$"], // Zoho's Potentials.csv shape
    ["1054", ".", 1054, null], // Maven's close_value
    ["15000.5", ".", 15000.5, null], // Salesforce API: plain, point
    ["1.200,50 €", ",", 1200.5, "EUR"],
    ["1 200,50 €", ",", 1200.5, "EUR"], // French grouping with a no-break space
    ["1\u202f200,50\u00a0€", ",", 1200.5, "EUR"], // narrow no-break space, as Intl writes fr-FR
    ["CHF 1'250.00", ".", 1250, "CHF"],
    ["USD 1,200", ".", 1200, "USD"],
    ["1,200 usd", ".", 1200, "USD"],
    ["R$ 1.200,50", ",", 1200.5, "BRL"],
    ["US$5K", ".", 5000, "USD"],
    ["£1.2M", ".", 1_200_000, "GBP"],
    ["(1,200.00)", ".", -1200, null], // accounting negative
    ["-$300", ".", -300, "$"],
    ["$-300", ".", -300, "$"],
    ["−45,5", ",", -45.5, null], // U+2212 minus
    ["0", ".", 0, null],
  ] as const)("%s in %s → %d %s", (text, mark, value, currency) => {
    expect(readAmount(text, mark)).toEqual({ value, currency });
  });

  it.each([
    ["1,200.50", ","], // point-decimal text in a comma column
    ["1.2.3", "."],
    ["12,34,567", "."], // Indian lakh grouping is not read (no silent guess)
    ["abc", "."],
    ["$", "."],
    ["1,200.", "."],
    ["12 apples", "."],
  ] as const)("%s in %s is no amount", (text, mark) => {
    expect(readAmount(text, mark)).toBeNull();
  });
});

describe("markOf", () => {
  it.each([
    ["1200", "none"],
    ["1,200", "either"], // a thousand two hundred, or one and a fifth
    ["1.200", "either"],
    ["1,5", ","],
    ["1200.50", "."],
    ["1,200,000", "."], // two groups: the comma groups, so the point is the decimal mark
    ["1.200.000", ","],
    ["1.200,50", ","],
    ["1,200.50", "."],
    ["1,2,3", "invalid"],
  ] as const)("%s → %s", (digits, mark) => {
    expect(markOf(digits)).toBe(mark);
  });
});

const tally = (...cells: string[]) => {
  const t = new AmountColumnTally();
  cells.forEach((c, i) => {
    t.add(c, i + 2);
  });
  return t;
};

describe("decideDecimalMark: once per column, from all its values", () => {
  it("one value that reads only one way decides the column, and the ambiguous ones follow it", () => {
    // "1,200" alone is ambiguous; "$22,700.00" can only be point-decimal: the column is "." → 1200.
    const d = decideDecimalMark(tally("1,200", "$22,700.00", "300"));
    expect(d).toMatchObject({ kind: "decided", mark: ".", by: "values" });
    expect(d.kind === "decided" && d.evidence).toEqual([{ line: 3, text: "$22,700.00" }]);
    expect(readAmount("1,200", ".")?.value).toBe(1200);
  });

  it("a comma column: 1.200 is a thousand two hundred because 7,5 settles it", () => {
    const d = decideDecimalMark(tally("1.200", "7,5"));
    expect(d).toMatchObject({ kind: "decided", mark: "," });
    expect(readAmount("1.200", ",")?.value).toBe(1200);
  });

  it("a column whose every marked value reads both ways is refused, unless declared", () => {
    const t = tally("1,200", "4,500", "900");
    expect(decideDecimalMark(t)).toEqual({
      kind: "refused",
      why: "ambiguous",
      examples: [
        { line: 2, text: "1,200" },
        { line: 3, text: "4,500" },
      ],
    });
    expect(decideDecimalMark(t, ",")).toMatchObject({ kind: "decided", mark: ",", by: "declared" });
  });

  it("values of both kinds are refused as a conflict, quoting both", () => {
    const d = decideDecimalMark(tally("1,5", "2.75"));
    expect(d).toEqual({
      kind: "refused",
      why: "conflict",
      examples: [
        { line: 3, text: "2.75" },
        { line: 2, text: "1,5" },
      ],
    });
  });

  it("a column without marks reads the same either way", () => {
    expect(decideDecimalMark(tally("1054", "4514", "$50"))).toMatchObject({
      kind: "decided",
      by: "no marks",
    });
  });

  it("the same values in any order decide the same", () => {
    const cells = ["1,200", "$22,700.00", "300", "45", "(1,000.00)", "n/a"];
    fc.assert(
      fc.property(
        fc.shuffledSubarray(cells, { minLength: cells.length, maxLength: cells.length }),
        (order) => {
          const a = decideDecimalMark(tally(...order));
          return a.kind === "decided" && a.mark === ".";
        },
      ),
    );
  });

  it("any amount written with grouping in either mark reads back to its value", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000_000_00 }),
        fc.constantFrom<"." | ",">(".", ","),
        (cents, mark) => {
          const group = mark === "." ? "," : ".";
          const whole = Math.floor(cents / 100)
            .toString()
            .replace(/\B(?=(\d{3})+(?!\d))/g, group);
          const text = `${whole}${mark}${String(cents % 100).padStart(2, "0")}`;
          return readAmount(text, mark)?.value === cents / 100;
        },
      ),
    );
  });
});
