/** Why a figure moved: the per-group tallies of an audit, and the movers section built from two of them. */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeAudit } from "../../../src/metrics/index.js";
import { journeyLeads } from "../../../src/metrics/journey-leads.js";
import { groupTalliesProblem, moversSection } from "../../../src/metrics/movers.js";
import { loadBucket, OpenIntervals } from "../../../src/metrics/movers-groups.js";
import type { DimensionGroups, GroupTallies, GroupTriple } from "../../../src/metrics/movers-types.js";
import { DAY, dataset, HOUR, lead, MINUTE, sla, stage, T0 } from "../../helpers/builders.js";

// T0 is Monday 2026-01-05 00:00 UTC; the office calendar works Monday to Friday, 09:00-17:00 UTC.
const SLA = `calendars:
  office: { hours: ["09:00-17:00"] }
handoffs:
  - { id: mql-response, from: mql, to: [sal], within: 1d, target: 0.9 }
`;

/**
 *   A1 Web, Ann: mql Mon 10:00, sal Mon 12:00 (met).      Ann has nothing open at 10:00: load 0.
 *   A2 Web, Ann: mql Mon 11:00, sal Tue 13:00 (late).     A1 open (10:00-12:00): load 1.
 *   A3 Ads, Bob: mql Sat 03:00, no answer (missed).       After hours, weekend; Bob: load 0.
 *   A4 Ads, Ann: mql Mon 11:30, sal Mon 11:45 (met).      A1 (to 12:00) and A2 (to its deadline
 *                                                          Tue 11:00) open: load 2, bucket 2-3.
 */
function fixture(shuffled = false) {
  const at = (d: number, h: number, m = 0) => T0 + d * DAY + h * HOUR + m * MINUTE;
  const leads = [
    lead("A1"),
    lead("A2"),
    lead("A3", T0, { owner: "Bob", source: "Ads" }),
    lead("A4", T0, { source: "Ads" }),
  ];
  const events = [
    stage("A1", "mql", at(0, 10)),
    stage("A1", "sal", at(0, 12)),
    stage("A2", "mql", at(0, 11)),
    stage("A2", "sal", at(1, 13)),
    stage("A3", "mql", at(5, 3)),
    stage("A4", "mql", at(0, 11, 30)),
    stage("A4", "sal", at(0, 11, 45)),
  ];
  // Shuffled: the leads and the history rows in another order (the lines they cite aside, the same data).
  const order = <T>(list: T[]) =>
    shuffled ? ([list[2], list[0], ...list.slice(3).reverse(), list[1]] as T[]) : list;
  return computeAudit(dataset(order(leads), order(events)), sla(SLA), { asOf: T0 + 10 * DAY, groups: true })
    .report;
}

describe("group tallies", () => {
  it("counts each decided obligation in its group of every dimension", () => {
    expect(fixture().group_tallies?.handoffs[0]).toEqual({
      id: "mql-response",
      groups: {
        source: [
          ["Ads", 2, 1],
          ["Web", 2, 1],
        ],
        owner: [
          ["Ann", 3, 2],
          ["Bob", 1, 0],
        ],
        hour: [
          ["03", 1, 0],
          ["10", 1, 1],
          ["11", 2, 1],
        ],
        after_hours: [
          ["after hours", 1, 0],
          ["business hours", 3, 2],
        ],
        weekend: [
          ["weekday", 3, 2],
          ["weekend", 1, 0],
        ],
        load: [
          ["0", 2, 1],
          ["1", 1, 0],
          ["2-3", 1, 1],
        ],
      },
    });
  });

  it("shuffled input rows give the same tallies (the movers section is a function of them)", () => {
    expect(fixture(true).group_tallies).toEqual(fixture().group_tallies);
  });

  it("counts the decided journeys of a step: mql → sal, A3 still in flight (no window)", () => {
    const step = fixture().group_tallies?.steps.find((s) => s.from === "mql" && s.to === "sal");
    expect(step?.groups.source).toEqual([
      ["Ads", 1, 1],
      ["Web", 2, 2],
    ]);
  });

  it("buckets load 0, 1, 2-3, 4-7, 8+ and counts open intervals at an instant", () => {
    expect([0, 1, 2, 3, 4, 7, 8, 50].map(loadBucket)).toEqual([
      "0",
      "1",
      "2-3",
      "2-3",
      "4-7",
      "4-7",
      "8+",
      "8+",
    ]);
    const open = new OpenIntervals();
    open.add("Ann", 10, 20);
    open.add("Ann", 15, 30);
    open.add("Ann", 40, 40); // zero length: never open
    // At 15: [10,20) open, the one entering at 15 not yet. At 20: only [15,30). At 40: none.
    expect([15, 20, 40].map((t) => open.openAt("Ann", t))).toEqual([1, 1, 0]);
  });

  it("counts open intervals across parts: two threads' parts merged count as one list", () => {
    // Ann [10,20) and [15,30) in one part, [12,40) in another; Bob [5,50) in the second only.
    const a = new OpenIntervals();
    a.add("Ann", 15, 30);
    a.add("Ann", 10, 20);
    const b = new OpenIntervals();
    b.add("Ann", 12, 40);
    b.add("Bob", 5, 50);
    const merged = new OpenIntervals();
    merged.merge(a.part());
    merged.merge(b.part());
    // Ann at 13: [10,20), [12,40) = 2; at 16: all three = 3; at 25: [15,30), [12,40) = 2; at 35: 1.
    expect([13, 16, 25, 35].map((t) => merged.openAt("Ann", t))).toEqual([2, 3, 2, 1]);
    expect([5, 6, 50].map((t) => merged.openAt("Bob", t))).toEqual([0, 1, 0]);
    expect(merged.openAt("Cy", 16)).toBe(0);
  });
});

/**
 * The earlier period's audit for the movers replays only the leads that may have a journey by its
 * as-of (AuditOptions.onlyGroups). As of Thursday T0 + 3 d, a 1-day window:
 *   B1 created Mon, mql Tue 10:00, sal Tue 11:00: met.            Ann has nothing open: load 0.
 *   B2 created Sat (after as-of) but mql Tue 10:30 before it: the creation moves back to the mql;
 *      no answer, deadline Wed 10:30 passed: missed.              B1 open (10:00-11:00): load 1.
 *   B3 created Sat, mql Sun: nothing by as-of, no journey.       Not replayed.
 *   B4 creation time unreadable, mql Tue 09:00: not used.        Not replayed.
 */
describe("the earlier period's replay (onlyGroups)", () => {
  const at = (d: number, h: number, m = 0) => T0 + d * DAY + h * HOUR + m * MINUTE;
  const data = () =>
    dataset(
      [lead("B1"), lead("B2", at(5, 9)), lead("B3", at(5, 9)), lead("B4", null)],
      [
        stage("B1", "mql", at(1, 10)),
        stage("B1", "sal", at(1, 11)),
        stage("B2", "mql", at(1, 10, 30)),
        stage("B3", "mql", at(6, 9)),
        stage("B4", "mql", at(1, 9)),
      ],
    );
  const options = { asOf: at(3, 0), from: T0, to: at(3, 0), groups: true, keep: "report" as const };

  it("names the leads with a possible journey by as-of: B1 (created before), B2 (history before)", () => {
    expect([...journeyLeads(data(), options.asOf)]).toEqual([1, 1, 0, 0]);
  });

  it("gives the group tallies of the whole replay, which are the hand-counted ones", () => {
    const config = sla(SLA);
    const whole = computeAudit(data(), config, options).report.group_tallies;
    const only = computeAudit(data(), config, { ...options, onlyGroups: true }).report.group_tallies;
    expect(only).toEqual(whole);
    expect(whole?.handoffs[0]?.groups.source).toEqual([["Web", 2, 1]]);
    expect(whole?.handoffs[0]?.groups.load).toEqual([
      ["0", 1, 1],
      ["1", 1, 0],
    ]);
  });
});

const groups = (source: GroupTriple[]): DimensionGroups => ({
  source,
  owner: [["Ann", source.reduce((s, x) => s + x[1], 0), source.reduce((s, x) => s + x[2], 0)]],
  hour: [],
  after_hours: [],
  weekend: [],
  load: [],
});
const tallies = (source: GroupTriple[]): GroupTallies => ({
  handoffs: [{ id: "h", groups: groups(source) }],
  steps: [],
});
const PERIOD = { as_of: "2026-01-31T00:00:00Z", from: "2026-01-01T00:00:00Z", to: "2026-01-31T00:00:00Z" };

describe("movers section", () => {
  it("names the groups that moved compliance most, with both periods' counts; mix + performance = change", () => {
    // shift-share.test.ts's mix case: A 72/80 → 18/20, B 10/20 → 40/80; Δ = −0.24, all mix.
    const before = tallies([
      ["A", 80, 72],
      ["B", 20, 10],
    ]);
    const after = tallies([
      ["A", 20, 18],
      ["B", 80, 40],
    ]);
    const [figure] = moversSection(after, before, "baseline", PERIOD).figures;
    expect(figure).toMatchObject({ figure: "h compliance", delta: -0.24 });
    const source = figure?.splits.find((s) => s.dimension === "source");
    expect(source).toMatchObject({ mix: -0.24, performance: 0, groups: 2 });
    expect(source?.top.map((g) => [g.group, g.before.decided, g.after.decided, g.contribution])).toEqual([
      ["B", 20, 80, -0.192],
      ["A", 80, 20, -0.048],
    ]);
    // One owner: no mix to speak of, the whole change is that group's performance.
    expect(figure?.splits.find((s) => s.dimension === "owner")).toMatchObject({ mix: 0, performance: -0.24 });
    // An empty dimension (no group in either period) has no split.
    expect(figure?.splits.map((s) => s.dimension)).toEqual(["source", "owner"]);
  });

  it("prints parts that add up to the printed change (0.1 point), on random tallies", () => {
    const rows = fc.uniqueArray(
      fc.tuple(fc.constantFrom("a", "b", "c", "d", "e", "f", "g"), fc.nat(30), fc.nat(30)),
      { selector: (t) => t[0], maxLength: 7 },
    );
    const triple = ([g, x, y]: [string, number, number]): GroupTriple => [g, Math.max(x, y), Math.min(x, y)];
    fc.assert(
      fc.property(rows, rows, (b, a) => {
        const [f] = moversSection(tallies(a.map(triple)), tallies(b.map(triple)), "baseline", PERIOD).figures;
        // In thousandths (what 0.1 point is), as every format prints them: mix + performance = change.
        const k = (x: number | null) => Math.round((x ?? 0) * 1000);
        for (const s of f?.splits ?? []) expect(k(s.mix) + k(s.performance)).toBe(k(f?.delta ?? null));
        for (const g of f?.splits.flatMap((s) => s.top) ?? [])
          expect(k(g.mix) + k(g.performance)).toBe(k(g.contribution));
      }),
    );
  });

  it("is the same section whatever the order of the groups", () => {
    const rows: GroupTriple[] = [
      ["x", 7, 3],
      ["y", 11, 10],
      ["z", 5, 1],
    ];
    const a = moversSection(
      tallies(rows),
      tallies([
        ["y", 4, 1],
        ["z", 9, 9],
      ]),
      "baseline",
      PERIOD,
    );
    const b = moversSection(
      tallies([...rows].reverse()),
      tallies([
        ["z", 9, 9],
        ["y", 4, 1],
      ]),
      "baseline",
      PERIOD,
    );
    expect(b).toEqual(a);
  });

  it("an audit against itself moved nothing", () => {
    const r = fixture();
    const t = r.group_tallies as GroupTallies;
    const section = moversSection(t, t, "previous period", PERIOD);
    expect(section.figures.map((f) => f.delta)).toEqual(
      section.figures.map((f) => (f.before.decided ? 0 : null)),
    );
    // Same shares and rates: every part of every split is 0 (the handoff has 4 decided obligations).
    expect(section.figures[0]?.splits).toHaveLength(6);
    for (const s of section.figures.flatMap((f) => f.splits)) {
      expect([s.mix, s.performance]).toEqual([0, 0]);
      for (const g of s.top) expect([g.mix, g.performance]).toEqual([0, 0]);
    }
  });

  it("refuses a baseline without group tallies with a sentence", () => {
    expect(groupTalliesProblem({ schema_version: 1 })).toMatch(/no group_tallies/);
    expect(groupTalliesProblem({ group_tallies: { handoffs: [{ groups: {} }], steps: [] } })).toMatch(
      /not whole/,
    );
    expect(groupTalliesProblem(fixture())).toBeNull();
  });
});

describe("group tallies are counted only when asked for", () => {
  it("a report for the terminal (no --movers, not JSON) carries none; the figures are the same", () => {
    const leads = [lead("A1", T0)];
    const without = computeAudit(dataset(leads), sla(SLA), { asOf: T0 + 10 * DAY }).report;
    const withGroups = computeAudit(dataset(leads), sla(SLA), { asOf: T0 + 10 * DAY, groups: true }).report;
    expect(without.group_tallies).toBeUndefined();
    expect(withGroups.group_tallies).toBeDefined();
    const { group_tallies: _, ...rest } = withGroups;
    expect(without).toEqual(rest);
  });
});
