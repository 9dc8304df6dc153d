/** Six hand-made leads against a written MQL definition (tests/unit/metrics/definitions.test.ts has the table). */

import { computeAudit } from "../../src/metrics/index.js";
import type { Criterion, Engagement, LeadDefinitions, SlaConfig, Timeline } from "../../src/types.js";
import { DAY, dataset, HOUR, lead, sla, stage, T0 } from "./builders.js";

const at = { line: 1, column: 1 };
const title: Criterion = {
  ...at,
  kind: "field",
  name: "title vp",
  field: "title",
  test: { kind: "matches", pattern: "\\bvp\\b" },
  negated: false,
};
const demo: Criterion = {
  ...at,
  kind: "engagement",
  name: "demo in 30d",
  types: ["demo_request"],
  atLeast: 1,
  within: { unit: "calendar", amount: 30 * DAY, text: "30d" },
};
const free: Criterion = {
  ...at,
  kind: "field",
  name: "free mail",
  field: "email",
  test: { kind: "email", classes: ["free"] },
  negated: false,
};
export const DEFS: LeadDefinitions = {
  engagementTypes: ["demo_request"],
  stages: [
    {
      stage: "mql",
      rule: { ...at, kind: "all", name: "mql", of: [title, demo] },
      exclude: [free],
      passWithin: { unit: "calendar", amount: DAY, text: "1d" },
      passTarget: 0.5,
      passCalendar: null,
    },
  ],
};
export const AS_OF = T0 + 10 * DAY;

export function config(): SlaConfig {
  const c = sla();
  return { ...c, definitions: DEFS };
}

const vp = (id: string, email = `${id}@acme.io`) => lead(id, T0, { title: "VP Sales", email });
const eng = (leadId: string, t: number): Engagement => ({
  leadId,
  type: "demo_request",
  at: t,
  place: { file: "e.csv", line: 2 },
});
const ENGAGEMENTS: Record<string, Engagement[]> = {
  A: [eng("A", T0 + DAY)],
  B: [eng("B", T0 + DAY)],
  D: [eng("D", T0 + 2 * DAY)],
  E: [eng("E", T0 + 5 * DAY)],
  F: [eng("F", T0 + 9 * DAY + 12 * HOUR)],
};

export function timelines(): Timeline[] {
  const ds = dataset(
    [
      vp("A"),
      vp("B", "b@gmail.com"),
      lead("C", T0, { title: "Analyst", email: "c@acme.io" }),
      vp("D"),
      vp("E"),
      vp("F"),
    ],
    [
      stage("A", "mql", T0 + DAY + 2 * HOUR),
      stage("A", "sal", T0 + 2 * DAY),
      stage("B", "mql", T0 + DAY),
      stage("B", "disqualified", T0 + 3 * DAY),
      stage("C", "mql", T0 + 2 * DAY),
      stage("C", "sal", T0 + 4 * DAY),
      stage("E", "mql", T0 + 7 * DAY),
    ],
  );
  const { timelines } = computeAudit(ds, config(), { asOf: AS_OF, keep: "all" });
  return timelines.map((t) => ({ ...t, engagements: ENGAGEMENTS[t.lead.id] ?? [] }) as Timeline);
}
