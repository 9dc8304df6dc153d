import { describe, expect, it } from "vitest";
import { computeAudit } from "../../../src/metrics/index.js";
import type { Obligation } from "../../../src/metrics/obligations.js";
import { activity, DAY, dataset, HOUR, lead, reassign, sla, stage, T0 } from "../../helpers/builders.js";
import { AS_OF, funnel, HANDOFFS } from "./fixture.js";

const brief = (o: Obligation) => ({
  lead: o.leadId,
  status: o.status,
  hours: o.latencyMs === null ? null : o.latencyMs / HOUR,
  owner: o.owner,
});

describe("handoff obligations (fixture.ts)", () => {
  const audit = () => computeAudit(funnel(), sla(HANDOFFS), { asOf: AS_OF });

  it("mql-response: met on the boundary, late, met by a backfilled sal, pending, missed", () => {
    const list = audit().obligations.filter((o) => o.handoff === "mql-response");
    expect(list.map(brief)).toEqual([
      { lead: "L1", status: "met", hours: 24, owner: "Ann" }, // sal at 48 = deadline 24 + 24: the boundary is met
      { lead: "L2", status: "late", hours: 48, owner: "Ann" }, // disqualified at 72 > 48
      { lead: "L3", status: "met", hours: 24, owner: "Ann" }, // backfilled sal at 72 answers at the inferred instant
      { lead: "L5", status: "met", hours: 24, owner: "Ann" },
      { lead: "L6", status: "pending", hours: null, owner: "Ann" }, // deadline 240 = as-of: not before it
      { lead: "L7", status: "missed", hours: null, owner: "Ann" }, // deadline 216 < as-of 240
    ]);
  });

  it("mql-response row: compliance 3 / (3 + 1 + 1) = 0.6; percentiles over 24, 24, 24, 48 h", () => {
    const row = audit().report.latency.handoffs.find((h) => h.id === "mql-response");
    expect(row).toMatchObject({
      obligations: 6,
      met: 3,
      late: 1,
      missed: 1,
      pending: 1,
      compliance: 0.6,
      target_met: false,
    });
    // p50: h = 1.5 → 24; p90: h = 2.7 → 24 + 0.7 × 24 = 40.8; p95: h = 2.85 → 44.4; max 48.
    expect(row).toMatchObject({ p50_hours: 24, p90_hours: 40.8, p95_hours: 44.4, max_hours: 48 });
  });

  it("first-touch: only real sal entries create obligations (L3's backfilled sal does not); the owner's call counts", () => {
    const list = audit().obligations.filter((o) => o.handoff === "first-touch");
    expect(list.map(brief)).toEqual([
      { lead: "L1", status: "met", hours: 3, owner: "Ann" }, // call by Ann, the owner, at sal + 3 h
      { lead: "L5", status: "late", hours: 5, owner: "Ann" }, // Bob's call at + 1 h is not the owner's; Ann's e-mail at + 5 h
    ]);
  });

  it("first-touch by anyone: Bob's call answers L5 at + 1 h", () => {
    const extra = HANDOFFS.replace("types: [call, email] }", "types: [call, email], by: anyone }");
    const { obligations } = computeAudit(funnel(), sla(extra), { asOf: AS_OF });
    const l5 = obligations.find((o) => o.handoff === "first-touch" && o.leadId === "L5");
    expect(l5 && brief(l5)).toEqual({ lead: "L5", status: "met", hours: 1, owner: "Ann" });
  });

  it("an activity before the entry, or of another type, does not answer", () => {
    const d = dataset(
      [lead("L1")],
      [stage("L1", "sal", T0 + DAY)],
      [activity("L1", "call", T0 + DAY - 1), activity("L1", "note", T0 + DAY + 1)],
    );
    const { obligations } = computeAudit(d, sla(HANDOFFS), { asOf: T0 + 2 * DAY });
    expect(obligations.find((o) => o.handoff === "first-touch")?.status).toBe("missed");
  });
});

describe("reassignment before the response", () => {
  // mql at 0 h (owner Ann), reassigned to Bob at 20 h, sal at 34 h; window 1 day.
  const d = () =>
    dataset(
      [lead("L1")],
      [stage("L1", "mql", T0), reassign("L1", "Bob", T0 + 20 * HOUR), stage("L1", "sal", T0 + 34 * HOUR)],
    );
  const one = (policy: string) =>
    computeAudit(d(), sla(`${HANDOFFS}on_reassign: ${policy}\n`), { asOf: T0 + 3 * DAY }).obligations.find(
      (o) => o.handoff === "mql-response",
    );

  it("restart: Bob gets a fresh clock from 20 h (deadline 44 h), so the answer at 34 h is met, 14 h on his clock", () => {
    expect(one("restart")).toMatchObject({
      status: "met",
      owner: "Bob",
      restarts: 1,
      clockStart: T0 + 20 * HOUR,
      deadline: T0 + 44 * HOUR,
    });
    expect(one("restart")?.ownerLatencyMs).toBe(14 * HOUR);
    expect(one("restart")?.latencyMs).toBe(34 * HOUR);
  });

  it("keep: the deadline stays at 24 h; the answer at 34 h is late and Bob, the owner at the deadline, carries it", () => {
    expect(one("keep")).toMatchObject({
      status: "late",
      owner: "Bob",
      restarts: 0,
      deadline: T0 + 24 * HOUR,
    });
  });

  it("restart does not rescue a breach: a reassignment after the deadline leaves it late, charged to Ann", () => {
    const late = dataset(
      [lead("L1")],
      [stage("L1", "mql", T0), reassign("L1", "Bob", T0 + 30 * HOUR), stage("L1", "sal", T0 + 34 * HOUR)],
    );
    const o = computeAudit(late, sla(`${HANDOFFS}on_reassign: restart\n`), {
      asOf: T0 + 3 * DAY,
    }).obligations.find((x) => x.handoff === "mql-response");
    expect(o).toMatchObject({ status: "late", owner: "Ann", restarts: 0 });
  });
});

describe("rep compliance", () => {
  it("one row per accountable owner, with counts, compliance, Wilson interval and median hours", () => {
    const leads = [lead("A1"), lead("A2"), lead("B1", T0, { owner: "Bob" })];
    const events = [
      stage("A1", "mql", T0),
      stage("A1", "sal", T0 + 2 * HOUR),
      stage("A2", "mql", T0),
      stage("B1", "mql", T0),
      stage("B1", "sal", T0 + 30 * HOUR),
    ];
    const { report } = computeAudit(dataset(leads, events), sla(HANDOFFS), { asOf: T0 + 5 * DAY });
    const reps = report.compliance.by_handoff.find((b) => b.handoff === "mql-response")?.reps;
    // Ann: A1 met (2 h), A2 missed → 1 / 2; Wilson(1, 2) = [0.0945, 0.9055]. Bob: B1 late (30 h) → 0 / 1.
    expect(
      reps?.map((r) => [r.rep, r.obligations, r.met, r.late, r.missed, r.compliance, r.median_hours]),
    ).toEqual([
      ["Ann", 2, 1, 0, 1, 0.5, 2],
      ["Bob", 1, 0, 1, 0, 0, 30],
    ]);
    expect(reps?.[0]?.compliance_low).toBeCloseTo(0.0945, 4);
    expect(reps?.[0]?.compliance_high).toBeCloseTo(0.9055, 4);
  });
});
