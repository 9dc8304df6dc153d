/** Proposals over random funnels (fast-check): the current window reads as the audit does, other windows as an audit at them, monotone. */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeAudit } from "../src/metrics/index.js";
import { computeProposals } from "../src/metrics/proposals.js";
import type { Activity, HistoryEvent } from "../src/types.js";
import { activity, dataset, HOUR, lead, reassign, sla, stage, T0 } from "./helpers/builders.js";

const STEPS = ["inquiry", "mql", "sal", "sql", "won", "recycled", "disqualified", "lost"];
const OWNERS = ["Ann", "Bob", "Cid"];

// A calendar clock, a business-hours one on a calendar with a lunch break and a business-days one.
const handoffs = (w: Record<string, string> = {}) => `calendars:
  office: { hours: ["09:00-12:00", "13:00-17:00"] }
handoffs:
  - { id: answer, from: mql, to: [sal, disqualified], within: ${w.answer ?? "1d"}, target: 0.9 }
  - { id: touch, from: sal, activity: { types: [call, email] }, within: ${w.touch ?? "4bh"}, target: 0.8, calendar: office }
  - { id: qualify, from: sal, to: [sql, lost], within: ${w.qualify ?? "2bd"}, target: 0.75, calendar: office }
`;

const leadRows = fc.record({
  events: fc.array(
    fc.record({
      what: fc.integer({ min: 0, max: STEPS.length }),
      minute: fc.integer({ min: 0, max: 400 * 60 }),
      owner: fc.constantFrom(...OWNERS),
    }),
    { maxLength: 8 },
  ),
  touches: fc.array(
    fc.record({
      type: fc.constantFrom("call", "email", "note"),
      minute: fc.integer({ min: 0, max: 400 * 60 }),
      owner: fc.constantFrom(...OWNERS),
    }),
    { maxLength: 8 },
  ),
});

/** Up to 10 leads with stage, outcome and owner events and touches at any minute of 400 hours. */
const randomFunnel = fc.array(leadRows, { minLength: 1, maxLength: 10 }).map((rows) => {
  const events: HistoryEvent[] = [];
  const activities: Activity[] = [];
  rows.forEach((r, i) => {
    for (const e of r.events) {
      const at = T0 + e.minute * 60_000;
      events.push(
        e.what === STEPS.length
          ? reassign(`L${i}`, e.owner, at)
          : stage(`L${i}`, STEPS[e.what] as string, at),
      );
    }
    for (const t of r.touches) activities.push(activity(`L${i}`, t.type, T0 + t.minute * 60_000, t.owner));
  });
  return dataset(
    rows.map((_, i) => lead(`L${i}`)),
    events,
    activities,
  );
});

const asOfHour = fc.integer({ min: 100, max: 420 });

describe("proposals properties", () => {
  it("at the current window, compliance and counts equal the audit's, per handoff and per rep; compliance grows with the window", () => {
    let seen = 0;
    fc.assert(
      fc.property(randomFunnel, fc.constantFrom("restart", "keep"), asOfHour, (d, policy, hour) => {
        const config = sla(`${handoffs()}on_reassign: ${policy}\n`);
        const audit = computeAudit(d, config, { asOf: T0 + hour * HOUR, keep: "obligations" });
        const p = computeProposals(config, audit.obligations, audit.contextFor, []);
        for (const [i, h] of p.handoffs.entries()) {
          const row = audit.report.latency.handoffs[i];
          const current = h.candidates.find((c) => c.current);
          // The audit judged each obligation against its deadline; the proposal from elapsed times.
          expect(current).toMatchObject({
            met: row?.met,
            late: row?.late,
            missed: row?.missed,
            pending: row?.pending,
            compliance: row?.compliance,
          });
          const reps = audit.report.compliance.by_handoff[i]?.reps ?? [];
          expect(h.reps.map((r) => [r.rep, r.obligations, r.compliance])).toEqual(
            reps
              .map((r) => [r.rep, r.obligations, r.compliance])
              .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1)),
          );
          const shares = h.candidates.map((c) => c.compliance ?? 0);
          // Monotone: met only grows and decided only shrinks with a longer window.
          for (let k = 1; k < shares.length; k++)
            if (h.candidates[k - 1]?.compliance !== null)
              expect(shares[k]).toBeGreaterThanOrEqual(shares[k - 1] as number);
          seen += h.obligations;
        }
      }),
      { numRuns: 200 },
    );
    expect(seen).toBeGreaterThan(500); // not vacuous: the funnels hold obligations
  });

  it("with on_reassign: keep, every candidate window reads as an audit with that window would", () => {
    fc.assert(
      fc.property(randomFunnel, asOfHour, fc.integer({ min: 0, max: 4 }), (d, hour, k) => {
        const config = sla(`${handoffs()}on_reassign: keep\n`);
        const asOf = T0 + hour * HOUR;
        const audit = computeAudit(d, config, { asOf, keep: "obligations" });
        const p = computeProposals(config, audit.obligations, audit.contextFor, []);
        const pick = (i: number) => {
          const c = p.handoffs[i]?.candidates ?? [];
          return c[Math.min(k, c.length - 1)];
        };
        const windows = { answer: pick(0)?.window, touch: pick(1)?.window, qualify: pick(2)?.window };
        const other = computeAudit(
          d,
          sla(`${handoffs(windows as Record<string, string>)}on_reassign: keep\n`),
          {
            asOf,
          },
        );
        other.report.latency.handoffs.forEach((row, i) => {
          const { met, late, missed, pending, compliance } = row;
          expect(pick(i)).toMatchObject({ met, late, missed, pending, compliance });
        });
      }),
      { numRuns: 150 },
    );
  });
});
