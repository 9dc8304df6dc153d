/**
 * The review pack's money by hand, on the fixture of tests/unit/metrics/money.test.ts (the table is
 * in tests/helpers/money.ts), with monthly money commitments: marketing 15,000 of marketing-sourced
 * pipeline a month, sales 5,000 of revenue won. Audited from Jan 1 to Mar 5; the pack's periods are
 * quarters, so 2026-Q1 holds every month.
 *   January:  marketing-sourced pipeline O1 10,000 + O2 5,000 EUR × 1.1 = 15,500 ≥ 15,000 met;
 *             revenue O1 10,000 ≥ 5,000 met
 *   February: pipeline 0 (nothing created) missed; revenue O3 2,000 < 5,000 missed
 *   (no March row: the data end on Feb 14)
 */

import { describe, expect, it } from "vitest";
import { computeAudit } from "../../../src/metrics/index.js";
import { periodBuckets } from "../../../src/metrics/periods.js";
import { PROPOSALS_DEFINITION } from "../../../src/metrics/proposals.js";
import { renderReview } from "../../../src/report/review.js";
import { reviewDoc } from "../../../src/report/review-doc.js";
import { reviewMoney } from "../../../src/report/review-money.js";
import { AS_OF, moneyConfig, moneyDataset } from "../../helpers/money.js";

const SLA = `commitments:
  period: month
  marketing: { pipeline: 15000 }
  sales: { revenue: 5000, handoffs: [] }
`;
const config = moneyConfig(SLA);
const data = moneyDataset();
const audit = computeAudit(data, config, {
  asOf: AS_OF,
  from: Date.UTC(2026, 0, 1),
  to: AS_OF,
  trend: "quarter",
});
const trends = audit.report.trends?.rows ?? [];
const spans = new Map(periodBuckets(audit.period, "quarter", "UTC").map((b) => [b.label, b]));

describe("the review pack's money", () => {
  const money = reviewMoney(audit.report, trends, spans);

  it("each money commitment per quarter: months kept of those judged, and their sum", () => {
    expect(money?.commitments).toEqual([
      {
        team: "marketing",
        commitment: "pipeline",
        target: 15_000,
        periods: [{ period: "2026-Q1", kept: 1, judged: 2, actual: 15_500 }], // January kept; 15,500 + 0
      },
      {
        team: "sales",
        commitment: "revenue",
        target: 5_000,
        periods: [{ period: "2026-Q1", kept: 1, judged: 2, actual: 12_000 }], // 10,000 + 2,000
      },
    ]);
  });

  it("per source over the quarters, the best payers first (won, then pipeline)", () => {
    expect(
      money?.sources.map((s) => [s.source, s.currency, s.periods[0]?.pipeline, s.periods[0]?.won_amount]),
    ).toEqual([
      ["Webinar", "USD", 15_500, 10_000], // O1 + O2 created, O1 won
      ["Paid", "USD", 2_000, 2_000], // O3
      ["Outbound", "GBP", 1_000, 0], // O6 (no lead: the opportunity's source)
      ["Outbound", "USD", 0, 0], // O4 (no amount)
    ]);
  });

  it("the pack's page shows them, and names the sources with pipeline and no revenue", () => {
    const doc = reviewDoc({
      report: audit.report,
      proposals: { definition: PROPOSALS_DEFINITION, handoffs: [], commitments: [] },
      period: "quarter",
      spans,
      proposed: null,
      movers: { available: false, section: null, note: "" },
    });
    const md = renderReview(doc, "md");
    expect(md).toContain("## 3. Pipeline and revenue to 2026-Q1");
    expect(md).toContain("Pipeline and no revenue over 2026-Q1–2026-Q1: Outbound (1,000 GBP).");
    expect(md).toContain("| marketing | pipeline created | 15,000 | 1 of 2; 15,500 |");
    expect(md).toContain("| sales | revenue won | 5,000 | 1 of 2; 12,000 |");
    // Q1 (to Mar 5, the data to Feb 14: partial): O1 O2 O3 O4 created; O1 O3 won, O2 lost.
    expect(md).toContain("| 2026-Q1 (partial) | USD | 4 | 17,500 | 2 | 12,000 | 66.7% | 68.6% |");
  });
});
