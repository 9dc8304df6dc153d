/**
 * Regression (from review): on_reassign: restart moves a clock only for reassignments that happen while the
 * obligation's journey is still open and the owner really changes.
 *
 * docs/definitions.md (Handoffs and obligations): "each change of owner before the response and
 * no later than the current deadline restarts the clock"; an activity only answers "no later
 * than the journey's end"; Rep compliance: the obligation belongs to the owner at
 * min(response, deadline, as-of) "after on_reassign moved the clock".
 *
 * src/metrics/obligations.ts:232-238 walks every owner span of the lead, not only those inside
 * the journey, and src/replay/replay.ts:299-305 (setOwner) can leave two consecutive spans with
 * the same owner, each of which counts as a restart.
 */

import { describe, expect, it } from "vitest";
import { computeAudit } from "../../src/metrics/index.js";
import { dataset, HOUR, lead, reassign, sla, stage, T0 } from "../helpers/builders.js";

const h = (n: number) => T0 + n * HOUR;
const HANDOFF = `handoffs:
  - { id: mql-response, from: mql, to: [sal], within: 1d, target: 0.9 }
on_reassign: restart
`;

describe("restart", () => {
  it("a reassignment after the journey ended does not restart its clock nor take it over", () => {
    // mql at 0 (Ann), the journey is lost at 2 h without an answer; the lead is handed to Bob at 20 h.
    // Expected at as-of 30 h: deadline 24 h < as-of, so missed, and Ann's (she had the lead for
    // the whole journey). Actual: deadline moved to 44 h, status pending, owner Bob.
    const d = dataset(
      [lead("L1")],
      [stage("L1", "mql", h(0)), stage("L1", "lost", h(2)), reassign("L1", "Bob", h(20))],
    );
    const [o] = computeAudit(d, sla(HANDOFF), { asOf: h(30) }).obligations;
    expect({ status: o?.status, deadline: o?.deadline, owner: o?.owner }).toEqual({
      status: "missed",
      deadline: h(24),
      owner: "Ann",
    });
  });

  it("a reassignment in journey 2 does not move journey 1's clock", () => {
    // Journey 1: mql 0, lost 2 (unanswered). Journey 2: mql 10, Bob from 20, sal 25.
    // Journey 1's obligation: deadline 24 h, missed, Ann's. Actual: deadline 44 h, restarts 1, Bob's.
    const d = dataset(
      [lead("L1")],
      [
        stage("L1", "mql", h(0)),
        stage("L1", "lost", h(2)),
        stage("L1", "mql", h(10)),
        reassign("L1", "Bob", h(20)),
        stage("L1", "sal", h(25)),
      ],
    );
    const o = computeAudit(d, sla(HANDOFF), { asOf: h(100) }).obligations.find((x) => x.journey === 1);
    expect({ restarts: o?.restarts, deadline: o?.deadline, owner: o?.owner }).toEqual({
      restarts: 0,
      deadline: h(24),
      owner: "Ann",
    });
  });

  it("an owner span that does not change the owner is not a reassignment", () => {
    // At 20 h a reassignment row names Bob and a stage row at the same instant still names Ann:
    // setOwner pops Bob's span and pushes Ann@20 after Ann@0, so the owner never changes, yet
    // the clock restarts (deadline 44 h) and the sal at 30 h counts as met. Expected: Ann
    // throughout, no restart, deadline 24 h, sal at 30 h is late.
    const d = dataset(
      [lead("L1")],
      [
        stage("L1", "mql", h(0)),
        reassign("L1", "Bob", h(20)),
        stage("L1", "inquiry", h(20), "Ann"),
        stage("L1", "sal", h(30)),
      ],
    );
    const audit = computeAudit(d, sla(HANDOFF), { asOf: h(100) });
    expect(audit.timelines[0]?.owners.map((s) => s.owner)).toEqual(["Ann"]);
    const [o] = audit.obligations;
    expect({ restarts: o?.restarts, status: o?.status }).toEqual({ restarts: 0, status: "late" });
  });
});
