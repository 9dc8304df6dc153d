/**
 * A real report (the acme example, or any) with a hand-written `definitions` section attached, and
 * the `marketing.definition` commitment rows and the check recomputed from them (metrics/check.ts),
 * for the renderers' tests. The figures are chosen, not computed; each rate is its counts' ratio:
 *
 *   mql: 120 entries (4 backfilled), 84 met → 70.0%; sql: 40 entries, 30 met → 75.0%
 *   mql pass clock (1bd, business, target 90%): 90 obligations, 70 met, 12 late, 5 missed,
 *     3 pending → 70 / 87 = 80.46% < 90%: a miss
 *   mql validity (accepted = sal): met 48 of 60 decided = 80.0%, not met 12 of 30 = 40.0% → +40.0 pts;
 *     "Company size 50–5000" held 38 of 65 = 58.46% vs failed 16 of 25 = 64.0%: contradicted
 *   by source: 12 sources (2 past the 10 shown), by week: 13 weeks (3 before the last 10 shown)
 *   marketing.definition ≥ 80%: 75.0% (missed) in every third judged period, else 85.0% (met)
 */

import { fakeIo } from "../../src/cli/io.js";
import { main } from "../../src/cli/main.js";
import { checkSection } from "../../src/metrics/check.js";
import { rates } from "../../src/metrics/definition-rows.js";
import type {
  DefinitionGroupRow,
  DefinitionsSection,
  OutcomeRates,
} from "../../src/metrics/definition-types.js";
import { rate4, ratio, wilson } from "../../src/metrics/stats.js";
import type { CommitmentRow, Report } from "../../src/metrics/types.js";
import { exampleWithoutDefinitionFile } from "./example-sla.js";

/** The acme example's report without its own lead definition, as the CLI computes it (JSON, read back). */
export async function acmeReport(args: string[] = []): Promise<Report> {
  const run = fakeIo({ NO_COLOR: "1" });
  await main(["audit", "--sla", exampleWithoutDefinitionFile(), "--format", "json", ...args], run.io);
  return JSON.parse(run.stdout()) as Report;
}

/** Outcome rates from the counts: entries, decided, accepted, decided for conversion, converted. */
const outcome = (
  entries: number,
  decided: number,
  accepted: number,
  cd: number,
  converted: number,
): OutcomeRates => rates([entries, decided, accepted, cd, converted]);

const group = (key: string, entries: number, met: number, top: string | null): DefinitionGroupRow => ({
  key,
  entries,
  met,
  rate: rate4(ratio(met, entries)),
  top_failed: top,
});

/** 12 sources, most entries first (a fixture: the groups' entries are not made to add up to the stage's). */
export const SOURCES = [
  "Webinar",
  "Paid Search",
  "Organic",
  "Partner referral",
  "Trade show",
  "Content syndication",
  "LinkedIn Ads",
  "Email nurture",
  "Direct",
  "G2 reviews",
  "Podcast sponsorship",
  "Cold outbound",
];

/** 13 weeks, oldest first. */
export const WEEKS = Array.from({ length: 13 }, (_, i) => `2026-W${String(30 + i).padStart(2, "0")}`);

export function definitionsFixture(): DefinitionsSection {
  const w = wilson(70, 87);
  return {
    definition: "each entry into a defined stage is judged at its instant (fixture)",
    fields_as_of: "export",
    stages: [
      {
        stage: "mql",
        entries: 120,
        backfilled: 4,
        met: 84,
        not_met: 36,
        rate: 0.7,
        criteria: [
          {
            name: "Free or disposable e-mail",
            kind: "exclusion",
            failed: 9,
            missing: 0,
            partial: 0,
            unreadable: 0,
          },
          { name: "Decision maker", kind: "fit", failed: 20, missing: 6, partial: 0, unreadable: 0 },
          { name: "Company size 50–5000", kind: "fit", failed: 12, missing: 3, partial: 4, unreadable: 2 },
          { name: "Engaged recently", kind: "group", failed: 15, missing: 0, partial: 0, unreadable: 0 },
        ],
        by: [
          {
            dimension: "source",
            // Webinar 24 entries, 22 met; Paid Search 22, 19; … Cold outbound 2, 0.
            groups: SOURCES.map((s, i) =>
              group(s, 24 - 2 * i, Math.max(0, 22 - 2 * i - (i % 3)), i % 2 ? "Decision maker" : null),
            ),
          },
          {
            dimension: "campaign",
            groups: [
              group("Q3 CFO webinar series", 50, 40, "Engaged recently"),
              group("(none)", 70, 44, "Decision maker"),
            ],
          },
          {
            dimension: "owner",
            groups: [group("Maria Chen", 64, 50, "Decision maker"), group("Tom Whitaker", 56, 34, null)],
          },
          {
            dimension: "week",
            groups: WEEKS.map((wk, i) => group(wk, 9 + (i % 3), 6 + (i % 2), "Decision maker")),
          },
        ],
      },
      {
        stage: "sql",
        entries: 40,
        backfilled: 0,
        met: 30,
        not_met: 10,
        rate: 0.75,
        criteria: [
          { name: "Budget confirmed", kind: "fit", failed: 10, missing: 10, partial: 0, unreadable: 0 },
        ],
        by: [
          {
            dimension: "source",
            groups: [group("Webinar", 25, 20, "Budget confirmed"), group("Organic", 15, 10, null)],
          },
        ],
      },
    ],
    leakage: [
      {
        id: "mql-pass",
        description:
          "Marketing passes on every lead that meets the Marketing qualified definition within 1bd.",
        from: "mql",
        within: "1bd",
        clock: "business",
        calendar: "us-office",
        target: 0.9,
        obligations: 90,
        met: 70,
        late: 12,
        missed: 5,
        pending: 3,
        compliance: rate4(70 / 87),
        compliance_low: rate4(w?.low ?? null),
        compliance_high: rate4(w?.high ?? null),
        small_sample: false,
        target_met: false,
        p50_hours: 3.5,
        p90_hours: 11.2,
        p95_hours: 14,
        max_hours: 30,
        delay: { system_p50_hours: null, person_p50_hours: null, system_share: null },
        speed: [],
        stage: "mql",
      },
    ],
    validity: [
      {
        stage: "mql",
        accepted_stage: "sal",
        converted_stage: "won",
        met: outcome(84, 60, 48, 50, 10),
        not_met: outcome(36, 30, 12, 28, 2),
        difference: 0.4,
        // The stage's criteria in the same order: the exclusion first.
        criteria: [
          {
            name: "Free or disposable e-mail",
            held: outcome(9, 8, 1, 8, 0),
            failed: outcome(111, 82, 59, 70, 12),
            difference: rate4(1 / 8 - 59 / 82),
            contradicted: false,
          },
          {
            name: "Decision maker",
            held: outcome(95, 70, 50, 60, 10),
            failed: outcome(25, 20, 10, 18, 2),
            difference: rate4(50 / 70 - 0.5),
            contradicted: false,
          },
          {
            name: "Company size 50–5000",
            held: outcome(95, 65, 38, 55, 8),
            failed: outcome(25, 25, 16, 23, 4),
            difference: rate4(38 / 65 - 16 / 25),
            contradicted: true,
          },
          {
            name: "Engaged recently",
            held: outcome(95, 70, 52, 60, 11),
            failed: outcome(25, 20, 8, 18, 1),
            difference: rate4(52 / 70 - 8 / 20),
            contradicted: false,
          },
        ],
      },
      {
        stage: "sql",
        accepted_stage: "opportunity",
        converted_stage: "won",
        met: outcome(30, 25, 15, 20, 6),
        not_met: outcome(10, 8, 2, 8, 1),
        difference: 0.35,
        criteria: [],
      },
    ],
    engagements: {
      leads_with: 310,
      engagements: 1422,
      by_type: [
        { type: "demo_request", count: 120 },
        { type: "form_fill", count: 800 },
        { type: "pricing_view", count: 502 },
      ],
    },
  };
}

/** The report with the fixture attached, one `marketing.definition` row per period, and the check recomputed. */
export function withDefinitions(r: Report): Report {
  const definitions = definitionsFixture();
  const c = r.commitments;
  let judged = 0;
  const rows: CommitmentRow[] = (c?.periods ?? []).map((p) => {
    if (p.partial)
      return {
        period: p.period,
        team: "marketing",
        commitment: "definition",
        actual: 0.85,
        target: 0.8,
        n: 20,
        status: "partial",
      };
    judged++;
    const miss = judged % 3 === 0;
    return {
      period: p.period,
      team: "marketing",
      commitment: "definition",
      actual: miss ? 0.75 : 0.85,
      target: 0.8,
      n: 20,
      status: miss ? "missed" : "met",
    };
  });
  const all = [...(c?.rows ?? []), ...rows];
  return {
    ...r,
    definitions,
    commitments: c ? { ...c, rows: all } : null,
    check: checkSection(r.latency.handoffs, definitions.leakage, all),
  };
}
