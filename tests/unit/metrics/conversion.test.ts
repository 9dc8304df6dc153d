import { describe, expect, it } from "vitest";
import { computeAudit } from "../../../src/metrics/index.js";
import type { ConversionStep } from "../../../src/metrics/types.js";
import { sla } from "../../helpers/builders.js";
import { AS_OF, funnel } from "./fixture.js";

function steps(extra = ""): Record<string, ConversionStep> {
  const { report } = computeAudit(funnel(), sla(extra), { asOf: AS_OF });
  return Object.fromEntries(report.conversion.steps.map((s) => [`${s.from}>${s.to}`, s]));
}

const pick = (s: ConversionStep | undefined) =>
  s && {
    entered: s.entered,
    converted: s.converted,
    in_flight: s.in_flight,
    skipped: s.skipped,
    decided: s.decided,
    rate: s.rate,
    rate_basis: s.rate_basis,
  };

// With no window a journey that has not converted yet may still: the headline is over every
// journey entered (in flight counted as not converted yet), never over the decided ones only.
describe("cohort conversion (fixture.ts, no window)", () => {
  it("inquiry → mql: 7 entered; L1 L2 L3 L5 L6 L7 converted; L4 open, so in flight; rate 6/7", () => {
    expect(pick(steps()["inquiry>mql"])).toEqual({
      entered: 7,
      converted: 6,
      in_flight: 1,
      skipped: 0,
      decided: 6,
      rate: 0.8571, // 6 / 7
      rate_basis: "entered",
    });
  });

  it("mql → sal under backfill: L3's skip counts as reached; L6, L7 in flight; rate 3 / 6 = 0.5", () => {
    // entered L1 L2 L3 L5 L6 L7 = 6; converted L1, L3 (backfilled), L5 = 3; L2 ended unconverted; L6, L7 open.
    expect(pick(steps()["mql>sal"])).toEqual({
      entered: 6,
      converted: 3,
      in_flight: 2,
      skipped: 1,
      decided: 4,
      rate: 0.5, // 3 / 6 (3 / 4 decided would hide the 2 in flight)
      rate_basis: "entered",
    });
  });

  it("mql → sal under strict: L3's skip does not count; rate 2 / 6 = 0.3333", () => {
    expect(pick(steps("skipped_stages: strict\n")["mql>sal"])).toEqual({
      entered: 6,
      converted: 2,
      in_flight: 2,
      skipped: 1,
      decided: 4,
      rate: 0.3333, // 2 / 6
      rate_basis: "entered",
    });
  });

  it("mql → sal under eligible: L3 leaves the denominator; rate 2 / (6 - 1) = 0.4", () => {
    expect(pick(steps("skipped_stages: eligible\n")["mql>sal"])).toEqual({
      entered: 6,
      converted: 2,
      in_flight: 2,
      skipped: 1,
      decided: 3,
      rate: 0.4, // 2 / (6 entered - 1 skipped out)
      rate_basis: "entered",
    });
  });

  it("sal → sql under backfill: L1 (in flight), L3 (backfilled sal, converted), L5 (converted): 2 / 3", () => {
    expect(pick(steps()["sal>sql"])).toEqual({
      entered: 3,
      converted: 2,
      in_flight: 1,
      skipped: 0,
      decided: 2,
      rate: 0.6667, // 2 / 3: was 100% (2 / 2 decided) with one of three in flight
      rate_basis: "entered",
    });
  });

  it("inquiry → won (first → last): only L5 won; L2 ended; the five open journeys are in flight: 1 / 7", () => {
    expect(pick(steps()["inquiry>won"])).toEqual({
      entered: 7,
      converted: 1,
      in_flight: 5,
      skipped: 0,
      decided: 2,
      rate: 0.1429, // 1 / 7
      rate_basis: "entered",
    });
  });

  it("the median time of a step is over real entries only: inquiry → mql 24, 24, 24, 48, 192, 216 h → 36 h", () => {
    // L3's 48 h, L7's 192 h and L6's 216 h; sorted 24 24 24 48 192 216, median (24 + 48) / 2 = 36.
    expect(steps()["inquiry>mql"]?.median_hours).toBe(36);
  });
});

describe("cohort conversion with a window of 2 days", () => {
  const s = () => steps("conversion: { window: 2d }\n");
  it("inquiry → mql: L6 and L7 reached mql after the window; L4's window closed: 4 / 7", () => {
    // L1 L2 L5 at 24 h, L3 at 48 h (the boundary counts); L6 216 h, L7 192 h are late; L4 never.
    expect(pick(s()["inquiry>mql"])).toEqual({
      entered: 7,
      converted: 4,
      in_flight: 0,
      skipped: 0,
      decided: 7,
      rate: 0.5714, // 4 / 7 decided: all 7 are, so over decided
      rate_basis: "decided",
    });
    expect(s()["inquiry>mql"]?.mature).toBe(true);
  });
  it("mql → sal: L6 entered mql at 216 h, its window is open at as-of (240 h): in flight, cohort not mature", () => {
    // L7's window (192 + 48 = 240) closed exactly at as-of: decided, not converted.
    expect(pick(s()["mql>sal"])).toEqual({
      entered: 6,
      converted: 3,
      in_flight: 1,
      skipped: 1,
      decided: 5,
      rate: 0.6, // 3 / 5 decided: 5 of 6 decided (at least half), so over decided
      rate_basis: "decided",
    });
    expect(s()["mql>sal"]?.mature).toBe(false);
  });
});

describe("a windowed step whose journeys are mostly undecided", () => {
  it("mql → sal with a 30-day window at 240 h: every window is open, so the rate is over entered, not 100%", () => {
    // Windows of 30 d are all open at as-of (240 h): L2 ended unconverted (decided); L1, L3
    // (backfilled sal), L5 converted (decided); L6, L7 open (in flight). Decided 4 of 6 ≥ half:
    // over decided, 3 / 4. Strict: L3 is skipped, not converted; still decided 4 of 6: 2 / 4.
    expect(pick(steps("conversion: { window: 30d }\n")["mql>sal"])).toMatchObject({
      decided: 4,
      rate: 0.75,
      rate_basis: "decided",
    });
    // inquiry → won: L5 won, L2 ended: decided 2 of 7 < half, so 1 / 7 over entered (was 1 / 2).
    const won = steps("conversion: { window: 30d }\n")["inquiry>won"];
    expect(pick(won)).toMatchObject({ decided: 2, rate: 0.1429, rate_basis: "entered" });
    expect(won?.decided_share).toBe(0.2857); // 2 / 7
  });
});

describe("the period picks the cohort", () => {
  it("only journeys that entered `from` inside the period are members", () => {
    const { report } = computeAudit(funnel(), sla(), {
      asOf: AS_OF,
      from: AS_OF - 3 * 86_400_000,
      to: AS_OF,
    });
    const step = report.conversion.steps.find((x) => x.from === "mql");
    // Only L6 (216 h) and L7 (192 h) entered mql in the last 3 days (from 168 h).
    expect(step?.entered).toBe(2);
  });
});
