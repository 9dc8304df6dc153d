import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { place, readNumber, readRange } from "../../../src/definition/values.js";

const INF = Number.POSITIVE_INFINITY;

describe("readRange: sizes and amounts as people type them", () => {
  it.each([
    ["10000", 10000, 10000],
    ["1,000-5,000", 1000, 5000],
    ["1.000 - 5.000.000", 1, 5000000], // a lone dot is a decimal point; three groups are thousands
    ["10 to 49", 10, 49],
    ["between 10 and 49", 10, 49],
    ["50+", 50, INF],
    ["over 10,000 employees", 10000, INF],
    ["<10", 0, 10],
    ["up to 50", 0, 50],
    ["5K", 5000, 5000],
    ["$1.2M", 1200000, 1200000],
    ["1.200,50 €", 1200.5, 1200.5],
    ["$1,200.50", 1200.5, 1200.5],
    ["$1-5M", 1000000, 5000000], // the scale written once applies to both ends
    ["5K-10K", 5000, 10000],
    ["1 M€", 1000000, 1000000],
    ["USD 250k", 250000, 250000],
    ["201-500 employees", 201, 500],
    ["1,5", 1.5, 1.5],
  ])("%s → [%d, %d]", (text, min, max) => {
    expect(readRange(text)).toEqual({ min, max });
  });

  it.each(["lots", "", "n/a", "50-10", "5 zillion", "--"])("%s is unreadable", (text) => {
    expect(readRange(text)).toBeNull();
  });

  it("a plain integer reads as itself (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (n) => {
        expect(readRange(String(n))).toEqual({ min: n, max: n });
        expect(readRange(n.toLocaleString("en-US"))).toEqual({ min: n, max: n });
      }),
    );
  });

  it("readNumber says whether a scale was written", () => {
    expect(readNumber("5K")).toEqual({ value: 5000, scaled: true });
    expect(readNumber("5")).toEqual({ value: 5, scaled: false });
  });
});

describe("place: a range against a test's bounds", () => {
  it("inside only when entirely within; a range straddling a bound is partial", () => {
    expect(place({ min: 1000, max: 5000 }, 50, 5000)).toBe("inside");
    expect(place({ min: 10, max: 49 }, 50, 5000)).toBe("outside");
    expect(place({ min: 50, max: INF }, 50, 5000)).toBe("partial");
    expect(place({ min: 50, max: INF }, 50, null)).toBe("inside");
    expect(place({ min: 5001, max: 10000 }, 50, 5000)).toBe("outside");
    expect(place({ min: 40, max: 60 }, 50, null)).toBe("partial");
  });
});
