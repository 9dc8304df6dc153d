import { describe, expect, it } from "vitest";
import {
  behaviourSet,
  type DefinitionContext,
  instantsByType,
  judge,
  partsOf,
  verdictAt,
} from "../../../src/definition/evaluate.js";
import { firstFrom } from "../../../src/definition/intervals.js";
import { calendarClock } from "../../../src/time/clock.js";
import type {
  Criterion,
  Engagement,
  EngagementCriterion,
  Lead,
  StageDefinition,
} from "../../../src/types.js";

const H = 3_600_000;
const D = 24 * H;
const T = Date.UTC(2026, 4, 4, 10); // 2026-05-04T10:00Z
const at = { line: 1, column: 1 };

const lead = (over: Partial<Lead> = {}): Lead => ({
  id: "L1",
  place: { file: "leads.csv", line: 2 },
  createdAt: T - 60 * D,
  owner: null,
  source: null,
  campaign: null,
  company: "Acme",
  email: "ana@acme.io",
  name: null,
  title: "VP Marketing",
  companySize: "201-500",
  country: "US",
  convertedContactId: null,
  ...over,
});
const eng = (type: string, t: number): Engagement => ({
  leadId: "L1",
  type,
  at: t,
  place: { file: "e.csv", line: 2 },
});
const demo30: EngagementCriterion = {
  ...at,
  kind: "engagement",
  name: "demo_request in 30d",
  types: ["demo_request"],
  atLeast: 1,
  within: { unit: "calendar", amount: 30 * D, text: "30d" },
};
const pricing3: EngagementCriterion = {
  ...at,
  kind: "engagement",
  name: "≥3 pricing_view|content_download in 14d",
  types: ["pricing_view", "content_download"],
  atLeast: 3,
  within: { unit: "calendar", amount: 14 * D, text: "14d" },
};
const title: Criterion = {
  ...at,
  kind: "field",
  name: "title matches vp|director",
  field: "title",
  test: { kind: "matches", pattern: "\\b(vp|director)\\b" },
  negated: false,
};
const size: Criterion = {
  ...at,
  kind: "field",
  name: "company_size 50–5000",
  field: "company_size",
  test: { kind: "range", min: 50, max: 5000 },
  negated: false,
};
const freeMail: Criterion = {
  ...at,
  kind: "field",
  name: "e-mail free",
  field: "email",
  test: { kind: "email", classes: ["free", "disposable"] },
  negated: false,
};
const competitor: Criterion = {
  ...at,
  kind: "field",
  name: "company in competitors.csv",
  field: "company",
  test: { kind: "in_file", file: "competitors.csv", path: "/x/competitors.csv", column: null },
  negated: false,
};
const mql: StageDefinition = {
  stage: "mql",
  rule: {
    ...at,
    kind: "all",
    name: "mql",
    of: [title, size, { ...at, kind: "any", name: "engaged", of: [demo30, pricing3] }],
  },
  exclude: [freeMail, competitor],
  passWithin: null,
  passTarget: null,
  passCalendar: null,
};
const ctx: DefinitionContext = {
  lists: new Map([["/x/competitors.csv", new Set(["rival inc"])]]),
  clock: calendarClock,
};
const run = (l: Lead, e: Engagement[], t: number) => {
  const j = judge(mql, ctx)(l, instantsByType(e));
  return { j, v: verdictAt(partsOf(mql), j, t) };
};

describe("the lookback [T − within, T], both ends in", () => {
  it("a demo request exactly 30 days before T counts; one millisecond earlier does not", () => {
    expect(run(lead(), [eng("demo_request", T - 30 * D)], T).v.met).toBe(true);
    expect(run(lead(), [eng("demo_request", T - 30 * D - 1)], T).v.met).toBe(false);
  });
  it("an engagement at T counts; one after T does not", () => {
    expect(run(lead(), [eng("demo_request", T)], T).v.met).toBe(true);
    expect(run(lead(), [eng("demo_request", T + 1)], T).v.met).toBe(false);
  });
  it("at least 3 of two types within 14 days: the 3 must fit in one window", () => {
    // pricing at T−20d, T−10d, T−1d: in [T−14d, T] only two → not met at T.
    const spread = [
      eng("pricing_view", T - 20 * D),
      eng("content_download", T - 10 * D),
      eng("pricing_view", T - D),
    ];
    expect(run(lead(), spread, T).v.met).toBe(false);
    // T−14d, T−10d, T−1d: three in the window (T−14d on the boundary) → met.
    const tight = [
      eng("pricing_view", T - 14 * D),
      eng("content_download", T - 10 * D),
      eng("pricing_view", T - D),
    ];
    expect(run(lead(), tight, T).v.met).toBe(true);
  });
  it("the holding set: [e(i+n−1), e(i) + within] for each run of n", () => {
    // Instants 0, 5d, 10d, 30d with n = 2 within 7d: [5d, 7d] ∪ [10d, 12d]; 30d is alone.
    const c = { ...pricing3, atLeast: 2, within: { unit: "calendar" as const, amount: 7 * D, text: "7d" } };
    const set = behaviourSet(c, new Map([["pricing_view", [0, 5 * D, 10 * D, 30 * D]]]), calendarClock);
    expect(set).toEqual([
      [5 * D, 7 * D],
      [10 * D, 12 * D],
    ]);
  });
});

describe("holds only (the pass clock of a lead with no entry to count): the same set, no parts", () => {
  const holdsOnly = (l: Lead, e: Engagement[]) => judge(mql, ctx)(l, instantsByType(e), false);
  const engaged = [eng("demo_request", T - 5 * D), eng("pricing_view", T - 2 * D)];
  it("a lead every fit rule holds for: the demo's 30 days, as the full judgement says", () => {
    expect(holdsOnly(lead(), engaged)).toEqual({ holds: [[T - 5 * D, T + 25 * D]], parts: [] });
    expect(run(lead(), engaged, T).j.holds).toEqual([[T - 5 * D, T + 25 * D]]);
  });
  it("a failing fit member or a holding exclusion: never, as the full judgement says", () => {
    for (const l of [lead({ title: "Student" }), lead({ email: "ana@gmail.com" }), lead({ title: null })]) {
      expect(holdsOnly(l, engaged)).toEqual({ holds: [], parts: [] });
      expect(run(l, engaged, T).j.holds).toEqual([]);
    }
  });
});

describe("fit rules, exclusions and the verdict", () => {
  const engaged = [eng("demo_request", T - D)];
  it("every criterion held: met, nothing failed", () => {
    expect(run(lead(), engaged, T).v).toEqual({ met: true, failed: [] });
  });
  it("each failing part is named by its index: exclusions first (0 free mail, 1 competitor), then title 2, size 3, engaged 4", () => {
    expect(run(lead({ email: "ana@gmail.com" }), engaged, T).v).toEqual({ met: false, failed: [0] });
    expect(run(lead({ company: "Rival Inc" }), engaged, T).v).toEqual({ met: false, failed: [1] });
    expect(run(lead({ title: "Student" }), [], T).v).toEqual({ met: false, failed: [2, 4] });
  });
  it("a missing value does not hold; a range partly inside is partial; words are unreadable", () => {
    const states = (l: Lead) => run(l, engaged, T).j.parts.map((p) => p.state);
    expect(states(lead({ title: null }))[2]).toBe("missing");
    expect(states(lead({ companySize: "1000+" }))[3]).toBe("partial");
    expect(states(lead({ companySize: "lots" }))[3]).toBe("unreadable");
    expect(states(lead({ companySize: "10 to 49" }))[3]).toBe("failed");
    expect(run(lead({ companySize: "1000+" }), engaged, T).v.met).toBe(false);
  });
  it("first met: the definition starts holding at the demo request and stops 30 days later", () => {
    const { j } = run(lead(), [eng("demo_request", T - 5 * D)], T);
    expect(j.holds).toEqual([[T - 5 * D, T + 25 * D]]);
    expect(firstFrom(j.holds, T - 60 * D)).toBe(T - 5 * D);
  });
  it("a lead field read from the leads file's other columns", () => {
    const scored: StageDefinition = {
      ...mql,
      exclude: [],
      rule: {
        ...at,
        kind: "all",
        name: "mql",
        of: [
          {
            ...at,
            kind: "field",
            name: "score ≥ 60",
            field: "HubSpot Score",
            test: { kind: "range", min: 60, max: null },
            negated: false,
          },
        ],
      },
    };
    const check = (score: string) =>
      verdictAt(
        partsOf(scored),
        judge(scored, ctx)(lead({ extra: { "HubSpot Score": score } }), new Map()),
        T,
      ).met;
    expect(check("60")).toBe(true);
    expect(check("59")).toBe(false);
  });
});
