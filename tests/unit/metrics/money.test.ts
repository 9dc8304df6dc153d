/**
 * The money section (issue 21, item 2), by hand. UTC; T0 = Mon 2026-01-05; as-of = T0 + 60 d − 1 ms
 * (2026-03-05 23:59:59.999); the period is T0 .. as-of; months 2026-01, 2026-02, 2026-03.
 * Reporting currency USD, 1 EUR = 1.1 USD; no rate for GBP.
 *   L1 Webinar, created T0, mql T0+1d   O1  created T0+5d   10,000 USD  won  T0+20d (Jan 25)
 *   L2 Webinar, created T0, mql T0+1d   O2  created T0+6d    5,000 EUR  lost T0+30d (Feb 4)
 *   L3 Paid,    created T0, never mql   O3  created T0+2d    2,000 USD  won  T0+40d (Feb 14)
 *   L4 Paid,    created T0, mql T0+1d   (no opportunity)
 *   no lead, source Outbound            O4  created T0+10d  (no amount)  open
 *   no lead, source Outbound            O6  created T0+3d    1,000 GBP   open  (no rate: its own row)
 *   L1                                   O5  created T0+70d  (after as-of: not counted)
 */

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeAudit } from "../../../src/metrics/index.js";
import { opportunityAt } from "../../../src/metrics/money.js";
import { DAY, T0 } from "../../helpers/builders.js";
import { AS_OF, audit, moneyConfig, moneyDataset, opp } from "../../helpers/money.js";

describe("money", () => {
  const money = audit().money;

  it("totals: pipeline, won, lost, win rates, deal size and cycles, in USD; GBP apart", () => {
    const usd = money?.totals.find((r) => r.currency === "USD");
    expect(usd).toMatchObject({
      opportunities: 4, // O1 O2 O3 O4 (O5 after as-of; O6 is GBP)
      pipeline: 17_500, // 10,000 + 5,000 × 1.1 + 2,000 (O4 has no amount)
      amount_missing: 1, // O4
      won: 2, // O1 (Jan 25), O3 (Feb 14)
      won_amount: 12_000,
      lost: 1, // O2, at 5,500 USD
      lost_amount: 5_500,
      win_rate: 0.6667, // 2 / 3
      win_rate_value: 0.6857, // 12,000 / 17,500
      deal_mean: 6_000,
      deal_median: 6_000,
      cycle_days_p50: 30, // 20 and 40 days from creation
      cycle_days_p90: 38, // 20 + 0.9 × 20
      mql_cycle_days_p50: 19, // O1: MQL T0+1d → close T0+20d; L3 never was an MQL
      mql_cycle_days_p90: 19,
      leads: 4,
      mqls: 3, // L1 L2 L4
      pipeline_per_mql: 5_833.33, // 17,500 / 3
      revenue_per_mql: 4_000, // 12,000 / 3
      revenue_per_lead: 3_000, // 12,000 / 4
    });
    expect(money?.totals.find((r) => r.currency === "GBP")).toMatchObject({
      opportunities: 1,
      pipeline: 1_000,
    });
    expect(money?.currency).toBeNull(); // two currencies in the totals: none for the whole
    expect(money?.opportunities).toEqual({ read: 6, after_as_of: 1, not_converted: 1 });
  });

  it("marketing-sourced: the lead was an MQL before the opportunity was created", () => {
    const rows = money?.sourcing.map((r) => [r.key, r.currency, r.opportunities, r.pipeline, r.won_amount]);
    expect(rows).toEqual([
      ["marketing", "USD", 2, 15_500, 10_000], // O1 O2: L1, L2 were MQLs on T0+1d
      ["sales", "USD", 2, 2_000, 2_000], // O3 (L3 never MQL), O4 (no lead, no amount)
      ["sales", "GBP", 1, 1_000, 0], // O6
    ]);
  });

  it("which sources pay: per source, revenue per MQL and per lead", () => {
    const rows = money?.by_source.map((r) => [
      r.key,
      r.currency,
      r.leads,
      r.mqls,
      r.won_amount,
      r.revenue_per_mql,
      r.revenue_per_lead,
    ]);
    expect(rows).toEqual([
      ["Webinar", "USD", 2, 2, 10_000, 5_000, 5_000], // 10,000 / 2 MQLs, / 2 leads
      ["Paid", "USD", 2, 1, 2_000, 2_000, 1_000], // 2,000 / 1 MQL (L4), / 2 leads
      ["Outbound", "GBP", 0, 0, 0, null, null], // pipeline 1,000 GBP first among the no-revenue rows
      ["Outbound", "USD", 0, 0, 0, null, null],
    ]);
  });

  it("per month: pipeline when created, revenue when closed", () => {
    const rows = money?.periods.rows.map((r) => [
      r.key,
      r.currency,
      r.opportunities,
      r.pipeline,
      r.won_amount,
      r.lost,
    ]);
    expect(money?.periods.period).toBe("month");
    expect(rows).toEqual([
      ["2026-01", "GBP", 1, 1_000, 0, 0],
      ["2026-01", "USD", 4, 17_500, 10_000, 0], // all four created in January; O1 won Jan 25
      ["2026-02", "USD", 0, 0, 2_000, 1], // O3 won Feb 14, O2 lost Feb 4
    ]);
  });
});

describe("commitments in money, per month", () => {
  // From 2026-01-01 so January is whole; March (to the 5th) is partial, not judged on volume.
  const SLA = `commitments:
  period: month
  marketing: { pipeline: 15000 }
  sales: { revenue: 5000, handoffs: [] }
`;
  const report = audit(undefined, { sla: SLA, from: Date.UTC(2026, 0, 1) });

  it("judges marketing-sourced pipeline created and revenue won in each month", () => {
    const rows = report.commitments?.rows.map((r) => [
      r.period,
      r.team,
      r.commitment,
      r.actual,
      r.n,
      r.status,
    ]);
    expect(rows).toEqual([
      ["2026-01", "marketing", "pipeline", 15_500, 2, "met"], // O1 10,000 + O2 5,000 EUR × 1.1 ≥ 15,000
      ["2026-01", "sales", "revenue", 10_000, 5, "met"], // O1 won Jan 25 (n: 4 created in USD + 1 won)
      ["2026-02", "marketing", "pipeline", 0, 0, "missed"], // nothing created in February
      ["2026-02", "sales", "revenue", 2_000, 1, "missed"], // O3 won Feb 14 < 5,000
      // March: the inputs' dates end on Feb 14 (O3's close), so no March row (periods as far as the data reach).
    ]);
  });

  it("a missed money commitment is a missed target of --check", () => {
    const missed = report.check.missed.filter((m) => m.kind === "commitment").map((m) => m.message);
    expect(missed).toEqual([
      "2026-02 marketing pipeline: 0 < 15,000",
      "2026-02 sales revenue: 2,000 < 5,000",
    ]);
  });
});

describe("opportunityAt: the opportunity as of an instant", () => {
  // Created T0+1d at 3,000; won at 4,000 on T0+50d; the amount changed after the close to 9,000 on T0+65d.
  const o = opp("O7", "L1", T0 + DAY, {
    amount: 9_000,
    state: "won",
    closedAt: T0 + 50 * DAY,
    history: [
      { at: T0 + DAY, amount: 3_000, state: "open", place: { file: "h.csv", line: 2 } },
      { at: T0 + 50 * DAY, amount: 4_000, state: "won", place: { file: "h.csv", line: 3 } },
      { at: T0 + 65 * DAY, amount: 9_000, place: { file: "h.csv", line: 4 } },
    ],
  });

  it("reads the history up to the instant", () => {
    expect(opportunityAt(o, T0)).toBeNull();
    expect(opportunityAt(o, T0 + 49 * DAY)).toEqual({ amount: 3_000, state: "open", closedAt: null });
    expect(opportunityAt(o, AS_OF)).toEqual({ amount: 4_000, state: "won", closedAt: T0 + 50 * DAY });
    expect(opportunityAt(o, T0 + 70 * DAY)).toEqual({ amount: 9_000, state: "won", closedAt: T0 + 50 * DAY });
  });

  it("without history: the current amount, open until the close date", () => {
    const plain = { ...o, history: [] };
    expect(opportunityAt(plain, T0 + 49 * DAY)).toEqual({ amount: 9_000, state: "open", closedAt: null });
    expect(opportunityAt(plain, T0 + 50 * DAY)).toEqual({
      amount: 9_000,
      state: "won",
      closedAt: T0 + 50 * DAY,
    });
  });
});

describe("money: properties", () => {
  it("the opportunities in any order give the same section, and every rate lies in 0..1", () => {
    const reference = JSON.stringify(audit().money);
    fc.assert(
      fc.property(fc.array(fc.nat(), { minLength: 6, maxLength: 6 }), (keys) => {
        const money = audit((opps) =>
          opps
            .map((o, i) => [keys[i] ?? 0, o] as const)
            .sort((a, b) => a[0] - b[0])
            .map(([, o]) => o),
        ).money;
        const rows = [...(money?.totals ?? []), ...(money?.by_source ?? []), ...(money?.by_rep ?? [])];
        const inRange = (x: number | null) => x === null || (x >= 0 && x <= 1);
        return (
          JSON.stringify(money) === reference &&
          rows.every((r) => inRange(r.win_rate) && inRange(r.win_rate_value))
        );
      }),
      { numRuns: 50 },
    );
  });
});

describe("money against a baseline", () => {
  it("pipeline, revenue and win rate are headline figures of --baseline", () => {
    const before = audit();
    // The same data with O3 (2,000 won) gone: pipeline 17,500 → 15,500, revenue 12,000 → 10,000, win rate 2/3 → 1/2.
    const now = computeAudit(
      { ...moneyDataset(), opportunities: moneyDataset().opportunities.filter((o) => o.id !== "O3") },
      moneyConfig(),
      { asOf: AS_OF, from: T0, to: AS_OF, baseline: before },
    ).report;
    const changes = now.baseline?.changes.filter((c) => c.figure.endsWith("(USD)"));
    expect(changes?.map((c) => [c.figure, c.before, c.after, c.delta, c.worse])).toEqual([
      ["pipeline created (USD)", 17_500, 15_500, -2_000, true],
      ["revenue won (USD)", 12_000, 10_000, -2_000, true],
      ["win rate (USD)", 0.6667, 0.5, -0.1667, true],
    ]);
  });
});
