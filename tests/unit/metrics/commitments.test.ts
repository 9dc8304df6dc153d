/**
 * Commitments per ISO week (SLA zone UTC). W02 = Monday 2026-01-05 (T0) … Sunday 01-11; W03 the next.
 *   L1: mql W02 Mon 09:00, sal 10:00                  accepted
 *   L2: mql W02 Mon 09:00, disqualified Tue ("Student")  rejected, with a reason
 *   L3: mql W02 Mon 09:00, recycled Tue (no reason)       rejected, no reason
 *   L4: mql W03 Mon 09:00, sal 10:00                  accepted
 *   L5: mql W03 Thu 09:00                             undecided
 * Handoff accept: from mql to [sal] within 1d, target 0.5. As-of = end of W03.
 */

import { describe, expect, it } from "vitest";
import { computeAudit } from "../../../src/metrics/index.js";
import { buckets } from "../../../src/metrics/periods.js";
import { DAY, dataset, HOUR, lead, sla, stage, T0 } from "../../helpers/builders.js";

const W03 = T0 + 7 * DAY;
const END = T0 + 14 * DAY - 1;
const SLA = `handoffs:
  - { id: accept, from: mql, to: [sal], within: 1d, target: 0.5 }
commitments:
  period: week
  marketing: { mqls: 3, acceptance: 0.5 }
  sales: { reasons: 1, reason_outcomes: [recycled, disqualified] }
`;

function audit() {
  const leads = ["L1", "L2", "L3", "L4", "L5"].map((id) => lead(id, T0));
  const events = [
    stage("L1", "mql", T0 + 9 * HOUR),
    stage("L1", "sal", T0 + 10 * HOUR),
    stage("L2", "mql", T0 + 9 * HOUR),
    stage("L2", "disqualified", T0 + DAY, null, "Student"),
    stage("L3", "mql", T0 + 9 * HOUR),
    stage("L3", "recycled", T0 + DAY),
    stage("L4", "mql", W03 + 9 * HOUR),
    stage("L4", "sal", W03 + 10 * HOUR),
    stage("L5", "mql", W03 + 3 * DAY + 9 * HOUR),
  ];
  return computeAudit(dataset(leads, events), sla(SLA), { asOf: END, from: T0, to: END }).report;
}

describe("commitments", () => {
  it("judges each commitment per week", () => {
    const rows = audit().commitments?.rows.map((r) => [r.period, r.commitment, r.actual, r.n, r.status]);
    expect(rows).toEqual([
      ["2026-W02", "mqls", 3, 3, "met"], // L1 L2 L3 ≥ 3
      ["2026-W02", "acceptance", 0.3333, 3, "missed"], // L1 of L1 L2 L3 (all decided) = 1/3 < 0.5
      ["2026-W02", "handoff:accept", 0.3333, 3, "missed"], // L1 met; L2, L3 never reached sal: missed
      ["2026-W02", "reasons", 0.5, 2, "missed"], // L2 has a reason, L3 has none
      ["2026-W03", "mqls", 2, 2, "missed"], // L4 L5 < 3
      ["2026-W03", "acceptance", 1, 1, "met"], // L4 accepted; L5 undecided, left out
      ["2026-W03", "handoff:accept", 0.5, 2, "met"], // L4 met; L5's deadline (Fri 09:00) passed: missed
      ["2026-W03", "reasons", null, 0, "no_data"],
    ]);
  });

  it("lists every miss for --check: the handoff over the period (2 of 5 met), then each missed row", () => {
    const { check } = audit();
    expect(check.missed.map((m) => m.message)).toEqual([
      "handoff accept: compliance 40.0% < target 50.0% (2 of 5 met)",
      "2026-W02 marketing acceptance: 33.3% < 50.0% (n = 3)",
      "2026-W02 sales handoff:accept: 33.3% < 50.0% (n = 3)",
      "2026-W02 sales reasons: 50.0% < 100.0% (n = 2)",
      "2026-W03 marketing mqls: 2 MQLs < 3",
    ]);
    expect(check.targets).toBe(1 + 7); // the handoff, and 7 judged commitment rows (one had no data)
  });

  it("the feedback loop counts outcomes by source and reason", () => {
    expect(audit().feedback.rows).toEqual([
      { source: "Web", outcome: "disqualified", reason: "Student", count: 1 },
      { source: "Web", outcome: "recycled", reason: "(no reason)", count: 1 },
    ]);
  });

  it("a week the period covers only in part is not judged on volume", () => {
    const { commitments } = computeAudit(
      dataset([lead("L1", T0)], [stage("L1", "mql", T0 + 3 * DAY)]),
      sla(SLA),
      { asOf: T0 + 4 * DAY, from: T0 + DAY },
    ).report;
    expect(commitments?.rows.find((r) => r.commitment === "mqls")).toMatchObject({
      period: "2026-W02",
      status: "partial",
      actual: 1,
    });
  });
});

describe("periods", () => {
  it.each([
    // ISO weeks belong to the year of their Thursday: Monday 2026-12-28 starts 2026-W53; 2027-01-04 is 2027-W01.
    ["2026-12-28T00:00:00Z", "2027-01-10T00:00:00Z", "week", "UTC", ["2026-W53", "2027-W01"]],
    ["2024-12-30T00:00:00Z", "2025-01-01T00:00:00Z", "week", "UTC", ["2025-W01"]],
    ["2026-03-01T05:00:00Z", "2026-04-30T12:00:00Z", "month", "America/New_York", ["2026-03", "2026-04"]],
  ])("%s → %s by %s in %s", (from, to, kind, zone, labels) => {
    expect(buckets(Date.parse(from), Date.parse(to), kind as "week", zone).map((b) => b.label)).toEqual(
      labels,
    );
  });

  it("weeks start at local midnight on Monday, across the US spring DST change", () => {
    const list = buckets(
      Date.parse("2026-03-02T05:00:00Z"),
      Date.parse("2026-03-15T12:00:00Z"),
      "week",
      "America/New_York",
    );
    expect(list.map((b) => new Date(b.from).toISOString())).toEqual([
      "2026-03-02T05:00:00.000Z",
      "2026-03-09T04:00:00.000Z",
    ]);
    expect(list[0]?.to).toBe(list[1]?.from); // the week of the change is 167 hours long
  });
});
