import { describe, expect, it } from "vitest";
import { type Comparison, compareAgreements } from "../../../src/compare/index.js";
import type { Dataset } from "../../../src/ingest/dataset.js";
import type { SlaConfig } from "../../../src/types.js";
import { dataset, HOUR, lead, sla, stage, T0 } from "../../helpers/builders.js";

const h = (n: number) => T0 + n * HOUR;
const handoff = (within: string, extra = "") =>
  `handoffs:\n  - { id: mql-response, from: mql, to: [sal], within: ${within}, target: 0.6${extra} }\n`;

const run = (d: Dataset, current: SlaConfig, proposed: SlaConfig, asOf: number): Comparison =>
  compareAgreements(
    { current: { config: current, dataset: d }, proposed: { config: proposed, dataset: d }, differs: [] },
    { asOf },
    (id) => `funnel-audit trace ${id} --sla proposed.yaml`,
  );

const flips = (c: Comparison) =>
  c.changes.transitions.map((t) => `${t.handoff} ${t.from}→${t.to} ${t.obligations}`);

describe("compare: only the window changes (4h → 8h)", () => {
  // Each lead becomes an MQL at hour 0 (L6 at hour 93) and is accepted (sal) after the delay below.
  //   L1 + 2h: met under both        L2 + 4h: met under both (the 4h deadline itself is met)
  //   L3 + 5h: late → met             L4 + 8h: late → met (the 8h deadline itself is met)
  //   L5 + 9h: late under both        L6 no answer, mql at 93h, as-of 100h: current deadline 97 < 100
  //                                    → missed; proposed deadline 101 > 100 → pending
  //   L7 no answer, mql at 0: missed under both (deadlines 4 and 8 < as-of 100).
  // So the flips are exactly L3 and L4 (answered in (4h, 8h]) and L6 (as-of between the deadlines).
  const delays: [string, number | null][] = [
    ["L1", 2],
    ["L2", 4],
    ["L3", 5],
    ["L4", 8],
    ["L5", 9],
  ];
  const events = [
    ...delays.flatMap(([id, d]) => [stage(id, "mql", h(0)), ...(d === null ? [] : [stage(id, "sal", h(d))])]),
    stage("L6", "mql", h(93)),
    stage("L7", "mql", h(0)),
  ];
  const data = dataset(
    ["L1", "L2", "L3", "L4", "L5", "L6", "L7"].map((id) => lead(id)),
    events,
  );
  const c = run(data, sla(handoff("4h")), sla(handoff("8h")), h(100));

  it("counts late → met 2 (L3, L4) and missed → pending 1 (L6); 4 unchanged (L1, L2, L5, L7)", () => {
    expect(flips(c)).toEqual(["mql-response late→met 2", "mql-response missed→pending 1"]);
    expect(c.changes.unchanged).toEqual([{ handoff: "mql-response", obligations: 4 }]);
    expect(c.changes.leads).toBe(3);
  });

  it("examples name the leads, sorted by id, each with the trace line", () => {
    expect(c.changes.examples.map((e) => [e.leadId, e.from, e.to, e.trace])).toEqual([
      ["L3", "late", "met", "funnel-audit trace L3 --sla proposed.yaml"],
      ["L4", "late", "met", "funnel-audit trace L4 --sla proposed.yaml"],
      ["L6", "missed", "pending", "funnel-audit trace L6 --sla proposed.yaml"],
    ]);
  });

  it("compliance 2/7 → 4/6 side by side (the report's figures, to 4 decimals)", () => {
    // current: met L1 L2 = 2; late L3 L4 L5 = 3; missed L6 L7 = 2 → 2 / 7 = 0.2857
    // proposed: met L1-L4 = 4; late L5 = 1; missed L7 = 1; L6 pending (not decided) → 4 / 6 = 0.6667
    const row = c.figures.find((f) => f.figure === "mql-response compliance");
    expect(row).toMatchObject({ current: 0.2857, proposed: 0.6667, change: 0.381 });
  });

  it("the proposal meets the 60% target the current misses: nothing newly missed", () => {
    expect(c.newlyMissed).toEqual([]);
    const back = run(data, sla(handoff("8h")), sla(handoff("4h")), h(100));
    expect(back.newlyMissed.map((m) => m.id)).toEqual(["mql-response"]);
  });
});

describe("compare: a new holiday in the calendar", () => {
  // Calendar office: Monday to Friday 09:00-17:00 UTC; T0 is Monday 2026-01-05 00:00.
  // Window 8 business hours: an MQL on Monday 10:00 is due Tuesday 10:00 (7 h Monday + 1 h Tuesday).
  // With Tuesday 2026-01-06 a holiday it is due Wednesday 10:00.
  //   H1 answered Monday 16:00: met under both.
  //   H2 answered Tuesday 15:00: late → met.
  //   H3 answered Wednesday 11:00: late under both (after Wednesday 10:00 too).
  //   H4 MQL Wednesday 10:00, answered Wednesday 12:00: met under both (no holiday in its window).
  const cal = (dates: string) =>
    `calendars:\n  office: { hours: ["09:00-17:00"], holidays: { dates: [${dates}] } }\n`;
  const current = sla(handoff("8bh", ", calendar: office") + cal(""));
  const proposed = sla(handoff("8bh", ", calendar: office") + cal('"2026-01-06"'));
  const data = dataset(
    ["H1", "H2", "H3", "H4"].map((id) => lead(id)),
    [
      ...["H1", "H2", "H3"].map((id) => stage(id, "mql", h(10))),
      stage("H1", "sal", h(16)),
      stage("H2", "sal", h(24 + 15)),
      stage("H3", "sal", h(48 + 11)),
      stage("H4", "mql", h(48 + 10)),
      stage("H4", "sal", h(48 + 12)),
    ],
  );
  const c = run(data, current, proposed, h(24 * 7));

  it("only H2 flips, late → met; H1, H3, H4 unchanged", () => {
    expect(flips(c)).toEqual(["mql-response late→met 1"]);
    expect(c.changes.examples.map((e) => e.leadId)).toEqual(["H2"]);
    expect(c.changes.unchanged).toEqual([{ handoff: "mql-response", obligations: 3 }]);
  });

  it("compliance 2/4 → 3/4", () => {
    expect(c.figures.find((f) => f.figure === "mql-response compliance")).toMatchObject({
      current: 0.5,
      proposed: 0.75,
      change: 0.25,
    });
  });
});

describe("compare: each agreement on its own read (the leads differ)", () => {
  // Current data: A (mql 0, sal +2h: met) and B (mql 0, sal +9h: late). Proposed data (read again,
  // e.g. another leads file): B as before and C (mql 0, sal +1h: met); A is not in it.
  // So A's obligation is no longer created (met → none), C's is new (none → met), B's unchanged.
  const config = sla(handoff("4h"));
  const current = dataset(
    [lead("A"), lead("B")],
    [stage("A", "mql", h(0)), stage("A", "sal", h(2)), stage("B", "mql", h(0)), stage("B", "sal", h(9))],
  );
  const proposed = dataset(
    [lead("B"), lead("C")],
    [stage("B", "mql", h(0)), stage("B", "sal", h(9)), stage("C", "mql", h(0)), stage("C", "sal", h(1))],
  );
  const c = compareAgreements(
    {
      current: { config, dataset: current },
      proposed: { config, dataset: proposed },
      differs: ["the sources"],
    },
    { asOf: h(100) },
    (id) => id,
  );

  it("met → none for A, none → met for C, B unchanged; read again says why", () => {
    expect(flips(c)).toEqual(["mql-response met→none 1", "mql-response none→met 1"]);
    expect(c.changes.examples.map((e) => e.leadId)).toEqual(["A", "C"]);
    expect(c.changes.unchanged).toEqual([{ handoff: "mql-response", obligations: 1 }]);
    expect(c.reading).toEqual({ once: false, differs: ["the sources"] });
  });
});
