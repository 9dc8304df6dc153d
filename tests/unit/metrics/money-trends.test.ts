/**
 * Money per trend period (`--period`) and per lead field (`--by`), by hand, on the fixture of
 * money.test.ts (tests/helpers/money.ts has the table). A deal's pipeline counts in the period it
 * was created, its close (won or lost) in the period it closed; EUR converted at 1.1, GBP apart.
 *   O1 Webinar  created Jan 10  10,000 USD  won  Jan 25
 *   O2 Webinar  created Jan 11   5,500 USD (5,000 EUR)  lost Feb 4
 *   O3 Paid     created Jan 7    2,000 USD  won  Feb 14
 *   O4 Outbound created Jan 15  no amount  open (no lead)
 *   O6 Outbound created Jan 8    1,000 GBP  open (no lead)
 */

import { describe, expect, it } from "vitest";
import { computeAudit } from "../../../src/metrics/index.js";
import type { TrendMoney } from "../../../src/metrics/money-types.js";
import { T0 } from "../../helpers/builders.js";
import { AS_OF, moneyConfig, moneyDataset } from "../../helpers/money.js";

const figures = (m: TrendMoney) => [
  m.key,
  m.currency,
  m.opportunities,
  m.pipeline,
  m.amount_missing,
  m.won,
  m.won_amount,
  m.lost,
  m.lost_amount,
  m.win_rate,
  m.win_rate_value,
];

function trends(period: "week" | "month" | "quarter", data = moneyDataset()) {
  return computeAudit(data, moneyConfig(), { asOf: AS_OF, from: T0, to: AS_OF, trend: period }).report;
}

describe("money per trend period", () => {
  const report = trends("month");
  const rows = report.trends?.rows ?? [];

  it("per month: pipeline created in it, deals closed in it, win rates by count and value", () => {
    expect(rows.map((r) => r.period)).toEqual(["2026-01", "2026-02"]); // the data end on Feb 14 (O3's close)
    expect(rows.map((r) => r.money?.totals.map(figures))).toEqual([
      [
        ["all", "GBP", 1, 1_000, 0, 0, 0, 0, 0, null, null], // O6, never summed with USD
        // O1 O2 O3 O4 created: 10,000 + 5,500 + 2,000 (O4 no amount); O1 won; win rate 1/1, 10,000/10,000
        ["all", "USD", 4, 17_500, 1, 1, 10_000, 0, 0, 1, 1],
      ],
      // O3 won 2,000, O2 lost 5,500: 1/2 by count, 2,000 / 7,500 = 0.2667 by value; nothing created
      [["all", "USD", 0, 0, 0, 1, 2_000, 1, 5_500, 0.5, 0.2667]],
    ]);
  });

  it("per month and source: a deal without a lead under its own source", () => {
    expect(rows.map((r) => r.money?.by_source.map((m) => figures(m).slice(0, 9)))).toEqual([
      [
        ["Outbound", "GBP", 1, 1_000, 0, 0, 0, 0, 0], // O6
        ["Outbound", "USD", 1, 0, 1, 0, 0, 0, 0], // O4, no amount
        ["Paid", "USD", 1, 2_000, 0, 0, 0, 0, 0], // O3 created
        ["Webinar", "USD", 2, 15_500, 0, 1, 10_000, 0, 0], // O1 + O2 created, O1 won
      ],
      [
        ["Paid", "USD", 0, 0, 0, 1, 2_000, 0, 0], // O3 won
        ["Webinar", "USD", 0, 0, 0, 0, 0, 1, 5_500], // O2 lost
      ],
    ]);
  });

  it("one quarter holding the whole period gives the section's totals", () => {
    const q = trends("quarter");
    const [only] = q.trends?.rows ?? [];
    expect(only?.period).toBe("2026-Q1");
    const usd = only?.money?.totals.find((m) => m.currency === "USD");
    const total = q.money?.totals.find((m) => m.currency === "USD");
    // 2 won (12,000) of 3 closed (17,500): 0.6667 by count, 0.6857 by value
    expect(usd && figures(usd)).toEqual(["all", "USD", 4, 17_500, 1, 2, 12_000, 1, 5_500, 0.6667, 0.6857]);
    for (const k of ["opportunities", "pipeline", "won_amount", "lost_amount", "win_rate_value"] as const)
      expect(usd?.[k]).toBe(total?.[k]);
  });

  it("a week with no deal reads zeros in the audit's one currency", () => {
    // Without O6 (GBP) every amount is in USD. ISO weeks: W02 (Jan 5–11) holds O1 O2 O3 created,
    // W03 O4, W04 (Jan 19–25) O1's close; W05 (Jan 26–Feb 1) nothing.
    const data = moneyDataset();
    const w = trends("week", { ...data, opportunities: data.opportunities.filter((o) => o.id !== "O6") });
    const byWeek = new Map((w.trends?.rows ?? []).map((r) => [r.period, r.money?.totals.map(figures)]));
    expect(byWeek.get("2026-W02")).toEqual([["all", "USD", 3, 17_500, 0, 0, 0, 0, 0, null, null]]);
    expect(byWeek.get("2026-W03")).toEqual([["all", "USD", 1, 0, 1, 0, 0, 0, 0, null, null]]); // O4 Jan 15
    expect(byWeek.get("2026-W04")).toEqual([["all", "USD", 0, 0, 0, 1, 10_000, 0, 0, 1, 1]]); // O1 won Jan 25 (Sun)
    expect(byWeek.get("2026-W05")).toEqual([["all", "USD", 0, 0, 0, 0, 0, 0, 0, null, null]]);
  });

  it("without --period no trend, so no trend money", () => {
    const plain = computeAudit(moneyDataset(), moneyConfig(), { asOf: AS_OF, from: T0, to: AS_OF }).report;
    expect(plain.trends).toBeNull();
  });
});

describe("money by a lead field (--by)", () => {
  it("sums per value of the lead's field; a deal without a lead is (none)", () => {
    const data = moneyDataset();
    const sectors: Record<string, string> = { L1: "finance", L2: "retail", L3: "finance" };
    const leads = data.leads.map((l) =>
      sectors[l.id] ? { ...l, extra: { sector: sectors[l.id] as string } } : l,
    );
    const report = computeAudit({ ...data, leads, extraColumns: ["sector"] }, moneyConfig(), {
      asOf: AS_OF,
      from: T0,
      to: AS_OF,
      by: "sector",
    }).report;
    const rows = report.money?.by?.rows.map((r) => [
      r.key,
      r.currency,
      r.opportunities,
      r.pipeline,
      r.won_amount,
    ]);
    expect(report.money?.by?.by).toBe("sector");
    expect(rows).toEqual([
      ["finance", "USD", 2, 12_000, 12_000], // O1 (L1) 10,000 won + O3 (L3) 2,000 won
      ["retail", "USD", 1, 5_500, 0], // O2 (L2) lost
      ["(none)", "GBP", 1, 1_000, 0], // O6: no lead
      ["(none)", "USD", 1, 0, 0], // O4: no lead, no amount
    ]);
  });
});
