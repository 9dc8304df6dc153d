/** Numbers with decimals are grouped like counts, so one column never mixes "10823.24" and "28,658". */

import { describe, expect, it } from "vitest";
import { count, decimal } from "../../../src/text.js";

describe("decimal", () => {
  it("groups the whole part and keeps two decimals", () => {
    expect(decimal(10823.244)).toBe("10,823.24");
    expect(decimal(1234567.5)).toBe("1,234,567.50");
    expect(decimal(806.9)).toBe("806.90");
    expect(decimal(-1234.5)).toBe("-1,234.50");
    expect(decimal(-0.5)).toBe("-0.50");
  });
  it("groups as count does for the whole part (random values)", () => {
    for (let i = 1; i < 2000; i++) {
      const x = (i * 7919.37) % 10_000_000;
      const [whole, cents] = x.toFixed(2).split(".");
      expect(decimal(x)).toBe(`${count(Number(whole))}.${cents}`);
    }
  });
});
