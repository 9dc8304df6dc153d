/**
 * The plausibility ceiling (src/ingest/plausible.ts): a year after the newest creation reached by
 * walking up from the median creation while consecutive creations are less than a year apart. It
 * selects the median and sorts only what is above it; a plain sort of everything, walked the same
 * way, must give the same ceiling for any creations (repeats, placeholders, none).
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FLOOR, plausibility, select } from "../../../src/ingest/plausible.js";

const YEAR = 366 * 86_400_000;
const DAY = 86_400_000;

/** The ceiling by the definition: every creation sorted, walked up from the lower median. */
function reference(creations: (number | null)[]): number {
  const sorted = creations.filter((t): t is number => t !== null && t >= FLOOR).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.POSITIVE_INFINITY;
  let top = (sorted.length - 1) >> 1;
  while (top + 1 < sorted.length && (sorted[top + 1] as number) - (sorted[top] as number) <= YEAR) top++;
  return (sorted[top] as number) + YEAR;
}

const JAN_2026 = Date.UTC(2026, 0, 1);

// Creations of a funnel (days around 2026, often the same day), with placeholders and typos far off.
const creation = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 900 }).map((d) => JAN_2026 + d * DAY) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 5 }).map((d) => JAN_2026 + d * DAY) },
  { weight: 1, arbitrary: fc.constantFrom(Date.UTC(9999, 11, 31), Date.UTC(2062, 4, 1), Date.UTC(1, 0, 1)) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 40 }).map((y) => Date.UTC(2027 + y, 0, 1)) },
  { weight: 1, arbitrary: fc.constantFrom(null, Number.NaN, FLOOR, FLOOR - 1) },
);

describe("the plausibility ceiling", () => {
  it("is the ceiling of a full sort walked from the median, for any creations", () => {
    fc.assert(
      fc.property(fc.array(creation, { maxLength: 300 }), (creations) => {
        expect(plausibility(creations).ceiling).toBe(reference(creations));
      }),
      { numRuns: 2000 },
    );
  });

  it("worked by hand: the walk stops at a gap over a year and leaves the placeholder out", () => {
    // Sorted: 1 Jan, 1 Feb, 1 Mar 2026 (the median), 1 Jan 2027 (306 days on), 1 Jun 2028 (517 days
    // on: over a year, the walk stops at 1 Jan 2027), 31 Dec 9999. Ceiling: 1 Jan 2027 + 366 days.
    const c = [
      Date.UTC(9999, 11, 31),
      Date.UTC(2026, 2, 1),
      Date.UTC(2028, 5, 1),
      Date.UTC(2026, 0, 1),
      Date.UTC(2027, 0, 1),
      Date.UTC(2026, 1, 1),
    ];
    const { ceiling, plausible } = plausibility(c);
    expect(ceiling).toBe(Date.UTC(2027, 0, 1) + YEAR);
    expect(plausible(Date.UTC(2027, 11, 31))).toBe(true);
    expect(plausible(Date.UTC(2028, 5, 1))).toBe(false);
    expect(plausible(FLOOR - 1)).toBe(false);
  });

  it("selects the value of each rank, whatever the order and repeats", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -5, max: 5 }), { minLength: 1, maxLength: 60 }),
        fc.nat(),
        (xs, r) => {
          const k = r % xs.length;
          const sorted = [...xs].sort((a, b) => a - b);
          expect(select(Float64Array.from(xs), k)).toBe(sorted[k]);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
