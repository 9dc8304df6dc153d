/**
 * --by with --top: the groups with the most leads are kept (ties by key), the others are added up
 * in one folded group, and every format says so. Five campaigns, hand-counted:
 *
 *   campaign  leads  inquiry→mql (entered / converted)
 *   Alpha       3     3 / 2   (A1, A2 reach mql; A3 does not)
 *   Bravo       1     1 / 1
 *   Charlie     2     2 / 0
 *   Delta       2     2 / 2
 *   Echo        1     1 / 0
 *
 * Keep 2: Alpha (3 leads), then Charlie and Delta tie at 2 and Charlie wins by key. Folded: Bravo,
 * Delta and Echo, 3 groups, 1 + 2 + 1 = 4 leads; inquiry→mql 1 + 2 + 1 = 4 entered, 1 + 2 + 0 = 3
 * converted. Kept + folded = 3 + 2 + 4 = 9 leads, every lead once.
 */
import { describe, expect, it } from "vitest";
import { topOf } from "../../../src/cli/options.js";
import { computeAudit } from "../../../src/metrics/index.js";
import type { Report } from "../../../src/metrics/types.js";
import { renderReport } from "../../../src/report/index.js";
import { jsonChunks, renderJson } from "../../../src/report/json.js";
import { makeStyle } from "../../../src/report/style.js";
import { reportTables } from "../../../src/report/tabular.js";
import { dataset, HOUR, lead, sla, stage, T0 } from "../../helpers/builders.js";

const GROUPS: [string, number, number][] = [
  ["Alpha", 3, 2],
  ["Bravo", 1, 1],
  ["Charlie", 2, 0],
  ["Delta", 2, 2],
  ["Echo", 1, 0],
];

function audit(top: number | null): Report {
  const leads = [];
  const events = [];
  for (const [campaign, n, converted] of GROUPS)
    for (let i = 1; i <= n; i++) {
      const id = `${campaign[0]}${i}`;
      leads.push(lead(id, T0, { campaign }));
      events.push(stage(id, "inquiry", T0));
      if (i <= converted) events.push(stage(id, "mql", T0 + HOUR));
    }
  return computeAudit(dataset(leads, events), sla(), { asOf: T0 + 2 * HOUR, by: "campaign", top }).report;
}

const step = (steps: { from: string; to: string; entered: number; converted: number }[]) =>
  steps.filter((s) => s.from === "inquiry" && s.to === "mql").map((s) => [s.entered, s.converted])[0];

describe("--by campaign --top 2 (five campaigns, see above)", () => {
  const b = audit(2).conversion.breakdown;

  it("keeps Alpha (3 leads) and Charlie (2, before Delta by key), listed by key", () => {
    expect(b?.groups.map((g) => [g.key, g.leads, step(g.steps)])).toEqual([
      ["Alpha", 3, [3, 2]],
      ["Charlie", 2, [2, 0]],
    ]);
  });

  it("folds Bravo, Delta, Echo: 3 groups, 4 leads, inquiry→mql 4 entered, 3 converted", () => {
    expect(b?.top).toBe(2);
    expect(b?.groups_total).toBe(5);
    expect(b?.other && { groups: b.other.groups, leads: b.other.leads, step: step(b.other.steps) }).toEqual({
      groups: 3,
      leads: 4,
      step: [4, 3],
    });
  });

  it("kept and folded leads add up to the audit's 9 leads", () => {
    expect((b?.groups.reduce((n, g) => n + g.leads, 0) ?? 0) + (b?.other?.leads ?? 0)).toBe(9);
  });

  it("the terminal, Markdown and HTML say what was folded; the row (other) comes last", () => {
    const report = audit(2);
    const note =
      "the 2 campaign values with the most leads, of 5; the other 3 (4 leads) are added up in the row (other)";
    // --wide: the note on one line (at 100 columns it wraps).
    const style = makeStyle(false, { width: Number.POSITIVE_INFINITY });
    for (const format of ["table", "md", "html"] as const)
      expect(renderReport(report, format, ["conversion"], style)).toContain(note);
    expect(renderReport(report, "table", ["conversion"], style)).toMatch(/\(other\): 3 values\s*│\s*4 │/);
  });

  it("CSV: the folded row is (other), with its leads and the number of groups it adds up", () => {
    const t = reportTables(audit(2), ["conversion"]).find((x) => x.id === "conversion-by-campaign");
    const head = t?.head ?? [];
    const rows = (t?.rows ?? []).filter((r) => r[1] === "inquiry" && r[2] === "mql");
    const col = (name: string) => head.indexOf(name);
    expect(
      rows.map((r) => [r[0], r[col("entered")], r[col("converted")], r[col("leads")], r[col("groups")]]),
    ).toEqual([
      ["Alpha", 3, 2, 3, 1],
      ["Charlie", 2, 0, 2, 1],
      ["(other)", 4, 3, 4, 3],
    ]);
  });
});

describe("--top all, or a top above the number of groups", () => {
  it("keeps the five groups by key, folds nothing, and says nothing about folding", () => {
    for (const top of [null, 5]) {
      const report = audit(top);
      const b = report.conversion.breakdown;
      expect(b?.groups.map((g) => g.key)).toEqual(["Alpha", "Bravo", "Charlie", "Delta", "Echo"]);
      expect(b?.other).toBeNull();
      expect(renderReport(report, "table", ["conversion"], makeStyle(false))).not.toContain("(other)");
    }
  });
});

describe("JSON written in pieces", () => {
  it("gives the bytes of JSON.stringify with a two-space indent, long arrays included", () => {
    // Over 256 groups, so the groups array is written element by element.
    const report = audit(1);
    const many = {
      ...report,
      conversion: {
        ...report.conversion,
        breakdown: {
          ...(report.conversion.breakdown as NonNullable<Report["conversion"]["breakdown"]>),
          groups: Array.from({ length: 300 }, (_, i) => ({ key: `g${i}\u202e`, leads: i, steps: [] })),
        },
      },
    } as Report;
    const whole = JSON.stringify(many, null, 2);
    const pieces = [...jsonChunks(many, ["conversion"])];
    expect(pieces.length).toBeGreaterThan(300);
    expect(pieces.join("")).toBe(renderJson(many, ["conversion"]));
    // The same document, the direction control inert (\u202e written as an escape).
    expect(JSON.parse(pieces.join("")).conversion).toEqual(JSON.parse(whole).conversion);
    expect(pieces.join("")).not.toContain("\u202e");
  });
});

describe("--top", () => {
  it("defaults to 20 on screen, md and html, 1000 in json and csv; all keeps every group", () => {
    expect(
      ["table", "md", "html", "json", "csv"].map((format) => topOf({ by: "campaign", format } as never)),
    ).toEqual([20, 20, 20, 1000, 1000]);
    expect(topOf({ by: "campaign", format: "table", top: "all" })).toBeNull();
    expect(topOf({ by: "campaign", format: "json", top: "3" })).toBe(3);
  });

  it("refuses 0, a fraction, a word, and --top without --by (exit 2, not ignored)", () => {
    for (const top of ["0", "2.5", "-1", "many"])
      expect(() => topOf({ by: "campaign", format: "table", top })).toThrow(/whole number of groups/);
    expect(() => topOf({ format: "table", top: "5" })).toThrow(/pass --by too/);
  });
});
