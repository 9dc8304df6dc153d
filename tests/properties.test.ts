/** Invariants over random funnels (fast-check): order independence, bounded rates, counts that add up. */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ActivityReducer } from "../src/ingest/sources/activity-reduce.js";
import {
  absorbStep,
  addJourney,
  conversionPairs,
  emptyStepTally,
  stepPart,
  stepRow,
} from "../src/metrics/conversion.js";
import { auditFrame, auditTallies, computeAudit, finishAudit } from "../src/metrics/index.js";
import { lateFindings, replayLeads } from "../src/replay/replay.js";
import type { Activity, Finding, HistoryEvent, Lead } from "../src/types.js";
import { activity, dataset, HOUR, lead, reassign, sla, stage, T0 } from "./helpers/builders.js";
import { HANDOFFS } from "./unit/metrics/fixture.js";

const STEPS = ["inquiry", "mql", "sal", "sql", "won", "recycled", "disqualified", "lost"];
const OWNERS = ["Ann", "Bob", "Cid"];

const leadRows = fc.record({
  events: fc.array(
    fc.record({
      what: fc.integer({ min: 0, max: STEPS.length }),
      hour: fc.integer({ min: 0, max: 400 }),
      owner: fc.constantFrom(...OWNERS),
    }),
    { maxLength: 8 },
  ),
  touches: fc.array(
    fc.record({
      type: fc.constantFrom("call", "email", "note"),
      hour: fc.integer({ min: 0, max: 400 }),
      owner: fc.constantFrom(...OWNERS),
    }),
    { maxLength: 10 },
  ),
});

/** A random dataset: up to 8 leads, each with stage/outcome/owner events and touches. */
const randomFunnel = fc.array(leadRows, { minLength: 1, maxLength: 8 }).map((rows) => {
  const leads = rows.map((_, i) => lead(`L${i}`));
  const events: HistoryEvent[] = [];
  const activities: Activity[] = [];
  rows.forEach((r, i) => {
    for (const e of r.events) {
      const at = T0 + e.hour * HOUR;
      events.push(
        e.what === STEPS.length
          ? reassign(`L${i}`, e.owner, at)
          : stage(`L${i}`, STEPS[e.what] as string, at),
      );
    }
    for (const t of r.touches) activities.push(activity(`L${i}`, t.type, T0 + t.hour * HOUR, t.owner));
  });
  return { leads, events, activities };
});

const policies = fc.record({
  skipped: fc.constantFrom("backfill", "strict", "eligible"),
  reassign: fc.constantFrom("restart", "keep"),
});
const config = (p: { skipped: string; reassign: string }) =>
  sla(`${HANDOFFS}skipped_stages: ${p.skipped}\non_reassign: ${p.reassign}\nconversion: { window: 5d }\n`);

describe("properties", () => {
  it("keeping only the activities that can answer an obligation does not change the report", () => {
    let dropped = 0;
    fc.assert(
      fc.property(randomFunnel, policies, ({ leads, events, activities }, p) => {
        const c = config(p);
        const all = dataset(leads, events, activities);
        const full = computeAudit(all, c);
        const rules = c.handoffs.flatMap((h) => (h.activity ? [h.activity] : []));
        const reducer = new ActivityReducer(
          rules,
          all.leads,
          new Map(all.leads.map((l, i) => [l.id, i])),
          all.history,
          {},
        );
        for (const a of activities) reducer.add(a);
        const kept = reducer.result();
        dropped += activities.length - kept.all().length;
        // Ingest takes the as-of and the period from every row read, before letting any go.
        const compact = computeAudit({ ...all, activities: kept }, c);
        expect(JSON.stringify(compact.report)).toBe(JSON.stringify(full.report));
      }),
      { numRuns: 400 },
    );
    expect(dropped).toBeGreaterThan(0); // the property is not vacuous: activities were let go
  });

  it("shuffling the input rows does not change the report", () => {
    fc.assert(
      fc.property(randomFunnel, policies, fc.integer(), ({ leads, events, activities }, p, seed) => {
        const shuffled = <T>(xs: T[]) =>
          fc.sample(fc.shuffledSubarray(xs, { minLength: xs.length, maxLength: xs.length }), {
            seed,
            numRuns: 1,
          })[0] as T[];
        const a = computeAudit(dataset(leads, events, activities), config(p));
        const b = computeAudit(
          dataset([...leads].reverse(), shuffled(events), shuffled(activities)),
          config(p),
        );
        expect(JSON.stringify(b.report)).toBe(JSON.stringify(a.report));
      }),
      { numRuns: 150 },
    );
  });

  it("a step whose journeys are mostly undecided never reads 50% or more (docs/definitions.md, headline rate)", () => {
    fc.assert(
      fc.property(randomFunnel, policies, ({ leads, events, activities }, p) => {
        const { report } = computeAudit(dataset(leads, events, activities), config(p));
        for (const s of report.conversion.steps) {
          const excluded = p.skipped === "eligible" ? s.entered - s.decided - s.in_flight : 0;
          const counted = s.entered - excluded;
          if (counted === 0) continue;
          // Computed here from the counts, not read from the report: decided < half of the journeys.
          if (2 * s.decided < counted) {
            expect(s.rate_basis).toBe("entered");
            expect(s.rate).toBeCloseTo(s.converted / counted, 4);
            expect(s.rate as number).toBeLessThan(0.5);
          } else {
            // The window (5d) is set: at least half decided, the rate is over the decided ones.
            expect(s.rate_basis).toBe("decided");
            expect(s.rate).toBeCloseTo(s.converted / s.decided, 4);
          }
        }
      }),
      { numRuns: 150 },
    );
  });

  it("rates stay within 0..1 and every count adds up", () => {
    fc.assert(
      fc.property(randomFunnel, policies, ({ leads, events, activities }, p) => {
        const { report } = computeAudit(dataset(leads, events, activities), config(p));
        for (const s of report.conversion.steps) {
          expect(s.converted).toBeLessThanOrEqual(s.decided);
          expect(s.decided + s.in_flight).toBeLessThanOrEqual(s.entered);
          if (s.rate !== null) expect(s.rate).toBeGreaterThanOrEqual(0);
          if (s.rate !== null) expect(s.rate).toBeLessThanOrEqual(1);
        }
        for (const h of report.latency.handoffs) {
          expect(h.met + h.late + h.missed + h.pending).toBe(h.obligations);
          if (h.compliance !== null) expect(h.compliance).toBeGreaterThanOrEqual(0);
          if (h.compliance !== null) expect(h.compliance).toBeLessThanOrEqual(1);
        }
        for (const b of report.compliance.by_handoff) {
          const total = b.reps.reduce((n, r) => n + r.obligations, 0);
          expect(total).toBe(report.latency.handoffs.find((h) => h.id === b.handoff)?.obligations);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("a journey that never really enters a stage has no obligation from it", () => {
    fc.assert(
      fc.property(randomFunnel, policies, ({ leads, events, activities }, p) => {
        const audit = computeAudit(dataset(leads, events, activities), config(p));
        const stageIndex = { mql: 1, sal: 2 } as const;
        for (const o of audit.obligations) {
          const from = o.handoff === "mql-response" ? stageIndex.mql : stageIndex.sal;
          const journey = audit.timelines.find((t) => t.lead.id === o.leadId)?.journeys[o.journey - 1];
          const entry = journey?.entries[from];
          expect(entry && !entry.backfilled && entry.at === o.entryAt).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("conversion tallies of two parts that share no lead merge into the tally of the whole", () => {
    fc.assert(
      fc.property(randomFunnel, policies, fc.nat(), ({ leads, events, activities }, p, cut) => {
        const cfg = config(p);
        const audit = computeAudit(dataset(leads, events, activities), cfg);
        // Parts are cut between leads (the audit folds lead after lead; a lead is never split).
        const k = cut % (audit.timelines.length + 1);
        const part = (ts: typeof audit.timelines) => ts.flatMap((t) => t.journeys);
        const journeys = part(audit.timelines);
        for (const [a, b] of conversionPairs(cfg)) {
          const tally = (js: typeof journeys) => {
            const t = emptyStepTally();
            for (const j of js) addJourney(t, j, a, b, cfg, audit.period, audit.asOf);
            return t;
          };
          const merged = tally(part(audit.timelines.slice(0, k)));
          absorbStep(merged, structuredClone(stepPart(tally(part(audit.timelines.slice(k))))));
          expect(stepRow(merged, "a", "b")).toEqual(stepRow(tally(journeys), "a", "b"));
        }
      }),
      { numRuns: 100 },
    );
  });
});

describe("the audit's tallies", () => {
  it("of two runs of leads, merged, are those of all the leads: the report is the same wherever it is cut", () => {
    fc.assert(
      fc.property(randomFunnel, policies, fc.nat(), ({ leads, events, activities }, p, cut) => {
        const c = config(p);
        const data = dataset(leads, events, activities);
        const options = { trend: "week", by: "source", keep: "report" } as const;
        const whole = computeAudit(data, c, options).report;
        const frame = auditFrame(data, c, options);
        const k = cut % (data.leads.length + 1);
        const run = (first: number, count: number, findings: Finding[]) => {
          const t = auditTallies(data, c, options, frame);
          const lead = (i: number) => data.leads[i] as Lead;
          replayLeads({ first, count, lead }, data, c, frame.asOf, findings, t.fold);
          return t;
        };
        const findings: Finding[] = [];
        lateFindings(data, frame.asOf, findings);
        const head = run(0, k, findings);
        const rest: Finding[] = [];
        // The second run's tallies cross as another thread's would: through a structured clone.
        head.merge(structuredClone(run(k, data.leads.length - k, rest).part()));
        const merged = finishAudit(data, c, options, frame, head, [...findings, ...rest]).report;
        expect(JSON.stringify(merged)).toBe(JSON.stringify(whole));
      }),
      { numRuns: 150 },
    );
  });
});

describe("keeping only the report", () => {
  it("gives the same report and keeps no timeline or obligation but the traced lead's", () => {
    fc.assert(
      fc.property(randomFunnel, policies, ({ leads, events, activities }, p) => {
        const c = config(p);
        const data = dataset(leads, events, activities);
        const traced = leads[0]?.id ?? "";
        const all = computeAudit(data, c, { trend: "week", by: "source", traceLeadId: traced });
        const lean = computeAudit(data, c, {
          trend: "week",
          by: "source",
          traceLeadId: traced,
          keep: "report",
        });
        expect(lean.report).toEqual(all.report);
        expect(lean.obligations).toEqual([]);
        expect(lean.timelines.map((t) => t.lead.id)).toEqual([traced]);
        expect(all.timelines).toHaveLength(leads.length);
      }),
      { numRuns: 100 },
    );
  });
});
