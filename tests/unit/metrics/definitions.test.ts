/**
 * The definition checked on six hand-made leads (T0 = 2026-01-05 00:00 UTC, as-of T0 + 10d).
 * MQL definition: never e-mail free; all of [title matches "vp", demo_request in 30d]; marketing
 * passes a lead within 1d (calendar), target 50%.
 *
 *   lead  title    e-mail      demo at      mql at      then              verdict at mql     pass clock (1d)
 *   A     VP       acme        T0+1d        T0+1d+2h    sal T0+2d         met                met: 2h
 *   B     VP       gmail       T0+1d        T0+1d       disq. T0+3d       not met (never)    none: never held
 *   C     Analyst  acme        –            T0+2d       sal T0+4d         not met (title, demo)  none
 *   D     VP       acme        T0+2d        –           –                 –                  missed: deadline T0+3d < as-of
 *   E     VP       acme        T0+5d        T0+7d       –                 met                late: 2d > 1d
 *   F     VP       acme        T0+9d12h     –           –                 –                  pending: deadline T0+10d12h > as-of
 */
import { describe, expect, it } from "vitest";
import { definitionsSection } from "../../../src/metrics/definition-rows.js";
import { DefinitionTally } from "../../../src/metrics/definition-tally.js";
import { computeAudit } from "../../../src/metrics/index.js";
import { periodBuckets } from "../../../src/metrics/periods.js";
import { calendarClock } from "../../../src/time/clock.js";
import type { Timeline } from "../../../src/types.js";
import { DAY, dataset, lead, stage, T0 } from "../../helpers/builders.js";
import { AS_OF, config, timelines } from "../../helpers/definition-leads.js";

function tally(list: Timeline[]): DefinitionTally {
  const c = config();
  const period = { from: T0, to: AS_OF, data: { from: T0, to: AS_OF } };
  const t = new DefinitionTally(
    c,
    { lists: new Map(), clock: calendarClock },
    () => calendarClock,
    (x) => x >= T0 && x <= AS_OF,
    AS_OF,
    periodBuckets(period, "week", "UTC"),
    undefined,
    () => {},
  );
  for (const tl of list) t.add(tl);
  return t;
}

describe("the definition checked at each MQL entry", () => {
  const section = definitionsSection(config(), tally(timelines()), 1);
  it("4 entries (A, B, C, E), 2 met (A, E)", () => {
    const s = section?.stages[0];
    expect([s?.entries, s?.met, s?.not_met, s?.rate]).toEqual([4, 2, 2, 0.5]);
  });
  it("failures per criterion: free mail 1 (B), title 1 (C), demo 1 (C)", () => {
    expect(section?.stages[0]?.criteria.map((c) => [c.name, c.kind, c.failed])).toEqual([
      ["free mail", "exclusion", 1],
      ["title vp", "fit", 1],
      ["demo in 30d", "behaviour", 1],
    ]);
  });
  it("by source: every lead is Web: 4 entries, 2 met; the top failure is the first in the SLA's order on a tie", () => {
    const bySource = section?.stages[0]?.by.find((b) => b.dimension === "source");
    expect(bySource?.groups).toEqual([
      { key: "Web", entries: 4, met: 2, rate: 0.5, top_failed: "free mail" },
    ]);
  });
});

describe("leakage: marketing's 1d clock from first meeting the definition", () => {
  const row = definitionsSection(config(), tally(timelines()), 1)?.leakage[0];
  it("A met, E late, D missed, F pending; B and C never met it before the entry", () => {
    expect([row?.obligations, row?.met, row?.late, row?.missed, row?.pending]).toEqual([4, 1, 1, 1, 1]);
  });
  it("compliance 1 / (1 + 1 + 1) = 0.3333 < target 0.5; latencies 2h and 48h: p50 25h", () => {
    expect([row?.compliance, row?.target_met, row?.p50_hours, row?.max_hours]).toEqual([
      0.3333,
      false,
      25,
      48,
    ]);
  });
});

describe("validity: acceptance of met against not met", () => {
  const v = definitionsSection(config(), tally(timelines()), 1)?.validity[0];
  it("met: A accepted, E undecided → 1 of 1; not met: C accepted, B rejected → 1 of 2; difference 0.5", () => {
    expect([v?.met.decided, v?.met.accepted, v?.met.rate]).toEqual([1, 1, 1]);
    expect([v?.not_met.decided, v?.not_met.accepted, v?.not_met.rate]).toEqual([2, 1, 0.5]);
    expect(v?.difference).toBe(0.5);
  });
  it("the title criterion: held by A, B, E (accepted 1 of 2 decided), failed by C (1 of 1)", () => {
    const c = v?.criteria.find((x) => x.name === "title vp");
    expect([c?.held.decided, c?.held.accepted, c?.failed.decided, c?.failed.accepted]).toEqual([2, 1, 1, 1]);
    // 0.5 ≤ 1 with min_sample 1: the rejections contradict it.
    expect(c?.contradicted).toBe(true);
  });
});

describe("properties", () => {
  it("shuffled leads give the same section; folding in two halves and merging gives the same", () => {
    const list = timelines();
    const whole = definitionsSection(config(), tally(list), 1);
    expect(definitionsSection(config(), tally([...list].reverse()), 1)).toEqual(whole);
    const a = tally(list.slice(0, 3));
    a.merge(tally(list.slice(3)).part());
    expect(definitionsSection(config(), a, 1)).toEqual(whole);
  });
  it("rates stay within 0..1", () => {
    const s = definitionsSection(config(), tally(timelines()), 1);
    const rates = [
      s?.stages[0]?.rate,
      s?.validity[0]?.met.rate,
      s?.validity[0]?.not_met.rate,
      s?.leakage[0]?.compliance,
    ];
    for (const r of rates) expect(r === null || (r !== undefined && r >= 0 && r <= 1)).toBe(true);
  });
});

describe("after a recycle, marketing's clock waits for new evidence", () => {
  // G: VP at acme; demo T0+1d, MQL T0+1d, recycled T0+2d (journey 2 opens in inquiry at T0+2d
  // with the demo still inside its 30 days). H: the same, and a second demo at T0+5d.
  const G = Date.UTC(2026, 0, 5);
  const make = (extra: number[]) => {
    const ds = dataset(
      [lead("G", G, { title: "VP Sales", email: "g@acme.io" })],
      [stage("G", "mql", G + DAY), stage("G", "recycled", G + 2 * DAY)],
    );
    const [t] = computeAudit(ds, config(), { asOf: AS_OF, keep: "all" }).timelines;
    const engagements = [G + DAY, ...extra].map((at, k) => ({
      leadId: "G",
      type: "demo_request",
      at,
      place: { file: "e.csv", line: k + 2 },
    }));
    return tally([{ ...(t as Timeline), engagements }]);
  };
  const clocks = (t: DefinitionTally) => {
    const row = definitionsSection(config(), t, 1)?.leakage[0];
    return [row?.obligations, row?.met, row?.missed, row?.pending];
  };
  it("the same demo starts no second clock: 1 obligation (journey 1, met at once)", () => {
    expect(clocks(make([]))).toEqual([1, 1, 0, 0]);
  });
  it("a new demo after the recycle does: journey 2's clock from T0+5d, missed by the as-of (T0+10d)", () => {
    expect(clocks(make([G + 5 * DAY]))).toEqual([2, 1, 1, 0]);
  });
});
