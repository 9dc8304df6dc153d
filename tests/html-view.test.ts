/**
 * How the HTML report reshapes the plain tables (src/report/html/view.ts): a split or merged table
 * still shows every column of the plain one, durations carry the unit of the row's clock.
 */

import { describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import type { Report } from "../src/metrics/types.js";
import { durationText } from "../src/report/html/units.js";
import { tableParts } from "../src/report/html/view.js";
import { SECTIONS } from "../src/report/index.js";
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

  it("shows hours in the unit of the row's clock", () => {
    // Calendar: 0.25 h = 15 min; 3.5 h; 1177.48 h / 24 = 49.06 d. Business hours stay hours.
    expect(durationText(0.25, "calendar")).toBe("15 min");
    expect(durationText(3.5, "calendar")).toBe("3.5 h");
    expect(durationText(1177.48, "calendar")).toBe("49.1 d");
    expect(durationText(0.5, "business")).toBe("30 bmin");
    expect(durationText(13.07, "business")).toBe("13.1 bh");
    expect(durationText(133.96, "business")).toBe("134 bh");
    expect(durationText(null, "business")).toBe("–");
  });
});
