/** Proposals on the hand-computed funnel (tests/unit/metrics/fixture.ts): windows needed, candidate readings, commitments. */

import { describe, expect, it } from "vitest";
import { computeAudit } from "../../../src/metrics/index.js";
import { commitmentProposals, computeProposals, proposalsOf } from "../../../src/metrics/proposals.js";
import type { CommitmentRow } from "../../../src/metrics/types.js";
import { DAY, dataset, HOUR, lead, sla, stage, T0 } from "../../helpers/builders.js";
import { AS_OF, funnel, HANDOFFS } from "./fixture.js";

function proposals() {
  const config = sla(HANDOFFS);
  const audit = computeAudit(funnel(), config, { asOf: AS_OF, keep: "obligations" });
  return { audit, p: computeProposals(config, audit.obligations, audit.contextFor, []) };
}

describe("handoff proposals", () => {
  it("are the same folded during the replay (AuditOptions.proposals), with no obligation kept", () => {
    const { p } = proposals();
    const config = sla(HANDOFFS);
    const folded = computeAudit(funnel(), config, { asOf: AS_OF, keep: "report", proposals: true });
    expect(folded.obligations).toEqual([]);
    expect(proposalsOf(config, folded.proposals ?? [], [])).toEqual(p);
    // Not asked for: none folded.
    expect(computeAudit(funnel(), config, { asOf: AS_OF, keep: "report" }).proposals).toBeNull();
  });

  it("mql-response (1d, target 90%): answered after 24, 24, 24, 48 h; L6 open 24 h, L7 open 48 h at as-of", () => {
    const { audit, p } = proposals();
    const h = p.handoffs.find((x) => x.handoff === "mql-response");
    expect(
      audit.obligations
        .filter((o) => o.handoff === "mql-response")
        .map((o) => o.status)
        .sort(),
    ).toEqual(["late", "met", "met", "met", "missed", "pending"]);
    const at = (w: string) => h?.candidates.find((c) => c.window === w);
    // 12 h: no answer within 12 h (4 late), both open ones open longer (2 missed): 0 / 6
    expect(at("12h")).toMatchObject({ met: 0, late: 4, missed: 2, pending: 0, compliance: 0 });
    // 1 d (current): 3 met, L2 late, L7 missed (48 > 24), L6 pending (24 ≤ 24): 3 / 5
    expect(at("1d")).toMatchObject({
      met: 3,
      late: 1,
      missed: 1,
      pending: 1,
      compliance: 0.6,
      current: true,
    });
    // 36 h: the same counts, 3 / 5
    expect(at("36h")).toMatchObject({ met: 3, late: 1, missed: 1, pending: 1, compliance: 0.6 });
    // 2 d: all 4 answered are met, both open ones are still within the window (pending): 4 / 4
    expect(at("2d")).toMatchObject({ met: 4, late: 0, missed: 0, pending: 2, compliance: 1 });
    expect(h?.candidates.map((c) => c.window)).toEqual(["12h", "18h", "1d", "36h", "2d"]);
    // 90% is first reached at the 48 h response (at 24 h it is 60%)
    expect(h).toMatchObject({ window_needed: 48, window_needed_text: "2d", compliance: 0.6, decided: 5 });
  });

  it("first-touch (4h, target 80%): L1 called after 3 h, L5 first touched by its owner after 5 h", () => {
    const { p } = proposals();
    const h = p.handoffs.find((x) => x.handoff === "first-touch");
    // at 4 h: 1 met, 1 late = 50%; 80% needs both: the 5 h response
    expect(h).toMatchObject({ compliance: 0.5, window_needed: 5, window_needed_text: "5h", obligations: 2 });
    // 2 h: 0 / 2; 3 h: 1 / 2; 6 h and 8 h: 2 / 2
    expect(h?.candidates.map((c) => [c.window, c.compliance])).toEqual([
      ["2h", 0],
      ["3h", 0.5],
      ["4h", 0.5],
      ["6h", 1],
      ["8h", 1],
    ]);
    // Ann owns both leads: her window is the handoff's
    expect(h?.reps).toEqual([
      expect.objectContaining({
        rep: "Ann",
        obligations: 2,
        window_needed: 5,
        compliance: 0.5,
        small_sample: true,
      }),
    ]);
  });
});

const row = (period: string, actual: number | null, status: CommitmentRow["status"]): CommitmentRow => ({
  period,
  team: "marketing",
  commitment: "mqls",
  actual,
  target: 50,
  n: actual ?? 0,
  status,
});

describe("commitment proposals", () => {
  it("the largest target met in at least half of the judged periods", () => {
    // judged actuals 40, 55, 60, 70 (the partial W5 and the no-data W6 are not judged):
    // sorted 70, 60, 55, 40; half of 4 is 2 periods, so the 2nd largest: 60 (met in W3 and W4)
    const rows = [
      row("W1", 40, "missed"),
      row("W2", 55, "met"),
      row("W3", 60, "met"),
      row("W4", 70, "met"),
      row("W5", 90, "partial"),
      row("W6", null, "no_data"),
    ];
    expect(commitmentProposals(rows)).toEqual([
      {
        team: "marketing",
        commitment: "mqls",
        target: 50,
        judged: 4,
        kept: 3,
        proposed: 60,
        kept_at_proposed: 2,
      },
    ]);
    // 3 judged: half is 2 periods (ceil 1.5), so the 2nd largest of 40, 55, 60: 55
    expect(commitmentProposals(rows.slice(0, 3))[0]?.proposed).toBe(55);
    expect(commitmentProposals([row("W5", 90, "partial")])[0]).toMatchObject({ judged: 0, proposed: null });
  });
});

describe("business-day windows", () => {
  // office: Monday–Friday 09:00–17:00 UTC. T0 is Monday 2026-01-05 00:00 UTC; as-of Monday 19 January 12:00.
  const SLA = `calendars:
  office: { hours: ["09:00-17:00"] }
handoffs:
  - { id: accept, from: mql, to: [sal], within: 2bd, target: 0.75, calendar: office }
`;
  const at = (day: number, hour: number) => T0 + day * DAY + hour * HOUR;

  it("counts whole business days: a response meets n days when it is at or before the n-day deadline", () => {
    // MQL Monday 10:00 each; the n-day deadline is the n-th working day after, at 10:00.
    // A: SAL Tuesday 09:30 -> 1 day; B: Wednesday 10:00 -> 2 days (the boundary is met);
    // C: Friday 09:00 -> 4 days (Thursday 10:00 < Friday 09:00 ≤ Friday 10:00);
    // D: MQL Friday 16 January 16:00, no SAL; as-of Monday 19 January 12:00: the 1-day deadline is
    //    Monday 16:00, after as-of, so D is pending at every window (open value 0.5 day).
    const leads = ["A", "B", "C", "D"].map((id) => lead(id));
    const events = [
      stage("A", "mql", at(0, 10)),
      stage("A", "sal", at(1, 9.5)),
      stage("B", "mql", at(0, 10)),
      stage("B", "sal", at(2, 10)),
      stage("C", "mql", at(0, 10)),
      stage("C", "sal", at(4, 9)),
      stage("D", "mql", at(11, 16)),
    ];
    const config = sla(SLA);
    const audit = computeAudit(dataset(leads, events), config, { asOf: at(14, 12), keep: "obligations" });
    const [h] = computeProposals(config, audit.obligations, audit.contextFor, []).handoffs;
    // Candidates of 2bd: 1bd (½), 2bd (¾ = 1.5: 1 and 2; 1×), 3bd (1.5×), 4bd (2×).
    expect(h?.candidates.map((c) => [c.window, c.met, c.late, c.pending, c.compliance])).toEqual([
      ["1bd", 1, 2, 1, 0.3333], // A only: 1 / 3
      ["2bd", 2, 1, 1, 0.6667], // A, B: 2 / 3 (the audit's figure at 2bd)
      ["3bd", 2, 1, 1, 0.6667],
      ["4bd", 3, 0, 1, 1],
    ]);
    expect(audit.report.latency.handoffs[0]?.compliance).toBe(0.6667);
    // 75% needs all three answered ones: C's 4 days.
    expect(h).toMatchObject({ unit: "business_days", window_needed: 4, window_needed_text: "4bd" });
  });
});
