/**
 * How the HTML report reshapes the plain tables (src/report/html/view.ts): a split or merged table
 * still shows every column of the plain one, durations carry the unit of the row's clock.
 */

import { describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import type { Report } from "../src/metrics/types.js";
import { durationTexts } from "../src/report/html/units.js";
import { tableParts } from "../src/report/html/view.js";
import { SECTIONS } from "../src/report/index.js";
import { renderMarkdown } from "../src/report/markdown.js";
import { reportTables } from "../src/report/tabular.js";

async function exampleReport(): Promise<Report> {
  const cli = fakeIo({ NO_COLOR: "1" });
  expect(await main(["audit", "--sla", "sla.example.yaml", "--format", "json"], cli.io)).toBe(0);
  return JSON.parse(cli.stdout()) as Report;
}

/** The plain columns a shown column stands for. */
const covers = (name: string) =>
  name === "step"
    ? ["from", "to"]
    : name.endsWith("_interval")
      ? [`${name.slice(0, -9)}_low`, `${name.slice(0, -9)}_high`]
      : [name];

describe("html view of the plain tables", () => {
  it("drops no column: every plain column is shown in some part, each part starts with the row's key", async () => {
    const r = await exampleReport();
    for (const t of reportTables(r, SECTIONS)) {
      const parts = tableParts(r, t);
      const shown = new Set(parts.flatMap((p) => p.columns.flatMap((c) => covers(c.name))));
      expect([...shown].sort(), t.id).toEqual([...t.head].sort());
      for (const p of parts) {
        expect(p.columns[0]?.name, p.id).toBe(parts[0]?.columns[0]?.name);
        // Narrow enough for 800 px and A4 (the browser test measures it).
        expect(p.columns.length, p.id).toBeLessThanOrEqual(12);
      }
    }
    const latency = reportTables(r, ["latency"]).find((t) => t.id === "latency");
    if (!latency) throw new Error("the example has a latency table");
    expect(tableParts(r, latency).map((p) => p.title)).toEqual([
      "Obligations per handoff",
      "Compliance and response time per handoff",
    ]);
  });

  it("shows each column of durations in one unit per clock, large business ones in business days", () => {
    const cal = (n: number) => Array<"calendar">(n).fill("calendar");
    const bus = (n: number) => Array<"business">(n).fill("business");
    // All under an hour: minutes. 0.25 h = 15 min, 0.5 h = 30 min.
    expect(durationTexts([0.25, 0.5], cal(2), 7)).toEqual(["15 min", "30 min"]);
    // The largest, 1177.48 h, is past 48 h: the whole column in days. 3.5 / 24 = 0.146 -> 0.1 d;
    // 1177.48 / 24 = 49.06 -> 49.1 d (not "3.5 h" beside "49.1 d").
    expect(durationTexts([3.5, 1177.48, null], cal(3), 7)).toEqual(["0.1 d", "49.1 d", "–"]);
    // Business, 7-hour days: the largest, 133.96 bh, is past 3 × 7 = 21: 23.59 / 7 = 3.37 -> 3.4 bd;
    // 133.96 / 7 = 19.14 -> 19.1 bd. With no one day length they stay business hours.
    expect(durationTexts([23.59, 133.96], bus(2), 7)).toEqual(["3.4 bd", "19.1 bd"]);
    expect(durationTexts([23.59, 133.96], bus(2), null)).toEqual(["23.6 bh", "134.0 bh"]);
    // Under three business days: hours. 13.07 -> 13.1 bh, 20.9 -> 20.9 bh.
    expect(durationTexts([13.07, 20.9], bus(2), 7)).toEqual(["13.1 bh", "20.9 bh"]);
    // One column on two clocks: a unit per clock. Calendar 49 h -> 2.0 d; business 0.5 -> 30 bmin.
    expect(durationTexts([49, 0.5], ["calendar", "business"], 7)).toEqual(["2.0 d", "30 bmin"]);
  });

  it("the Markdown report's durations carry their unit, with the legend once", async () => {
    const r = await exampleReport();
    const md = renderMarkdown(r, SECTIONS, 7);
    // The example's sql-to-opportunity p50 is 23.59 business hours, max 133.96: 3.4 bd, 19.1 bd
    // (the column's largest value, 133.96, is past 3 business days of 7 hours).
    expect(md).toMatch(/\| sql-to-opportunity \| business \|.* 3\.4 bd \|.* 19\.1 bd \|/);
    expect(md).not.toMatch(/_hours/);
    expect(md.match(/a business day is 7 business hours/g)).toHaveLength(1);
  });
});
