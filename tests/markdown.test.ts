/**
 * The Markdown report as a PR comment: a short visible summary whose verdict names the same misses
 * as the JSON report (read back from the JSON's own rows, not from the Markdown renderer's code),
 * every table folded in <details>, commitments as a period × commitment grid.
 */

import { describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { periodRanges } from "../src/report/commitments-view.js";

interface Json {
  check: {
    targets: number;
    missed: { kind: string; id: string; period: string | null; message: string }[];
  };
  commitments: {
    periods: { period: string }[];
    rows: { period: string; team: string; commitment: string; status: string }[];
  };
}

async function run(format: string): Promise<string> {
  const cli = fakeIo({ NO_COLOR: "1" });
  const code = await main(["audit", "--sla", "sla.example.yaml", "--format", format], cli.io);
  expect(code, cli.stderr()).toBe(0);
  return cli.stdout();
}

/** "W19–W26, W28" back to the periods it names, over the report's ordered periods. */
function expand(ranges: string, all: string[]): string[] {
  const at = (w: string) => all.findIndex((p) => p === w || p.endsWith(`-${w}`));
  return ranges.split(", ").flatMap((run) => {
    const [a, b = a] = run.split("–") as [string, string?];
    expect(at(a), a).toBeGreaterThanOrEqual(0);
    return all.slice(at(a), at(b as string) + 1);
  });
}

describe("markdown: the example audit as a PR comment", () => {
  it("names in its verdict exactly the misses the JSON verdict lists, periods included", async () => {
    const [md, json] = await Promise.all([run("md"), run("json").then((t) => JSON.parse(t) as Json)]);
    const all = json.commitments.periods.map((p) => p.period);
    const visible = md.replace(/<details>[\s\S]*?<\/details>/g, "");
    expect(visible).toContain(`**❌ ${json.check.missed.length} of ${json.check.targets} targets missed**`);
    const items = visible.split("\n").filter((l) => l.startsWith("- "));

    // Handoffs: the JSON's message, as Markdown escapes "<".
    const handoffs = json.check.missed.filter((m) => m.kind === "handoff").map((m) => m.message);
    expect(handoffs.length).toBe(3);
    const mdHandoffs = items
      .filter((l) => l.startsWith("- handoff "))
      .map((l) => l.slice(2).replaceAll("\\<", "<"));
    expect(mdHandoffs).toEqual(handoffs);

    // Commitments: per id, the periods the JSON marks missed; "of M" = the JSON rows judged (met or missed).
    const expected = new Map<string, string[]>();
    for (const m of json.check.missed.filter((x) => x.kind === "commitment"))
      expected.set(m.id, [...(expected.get(m.id) ?? []), m.period ?? ""]);
    const seen = new Map<string, string[]>();
    for (const line of items.filter((l) => l.startsWith("- commitment "))) {
      const m = /^- commitment (\S+): missed in (\d+) of (\d+) weeks \((.+)\)$/.exec(line);
      expect(m, line).not.toBeNull();
      const [, id = "", n, of, ranges = ""] = m ?? [];
      const periods = expand(ranges, all);
      expect(periods.length, line).toBe(Number(n));
      const judged = json.commitments.rows.filter(
        (x) => `${x.team}.${x.commitment}` === id && (x.status === "met" || x.status === "missed"),
      ).length;
      expect(Number(of), line).toBe(judged);
      seen.set(id, periods);
    }
    expect(Object.fromEntries(seen)).toEqual(Object.fromEntries(expected));
    // 5 commitments, 68 periods missed in all: 3 handoffs + 68 = the 71 targets missed.
    expect([...seen.values()].flat().length + handoffs.length).toBe(json.check.missed.length);
  });

  it("keeps the visible part short and folds every section, the commitments as a grid", async () => {
    const md = await run("md");
    const visible = md.replace(/<details>[\s\S]*?<\/details>\n*/g, "");
    // Title, coverage, as-of, counts, the verdict and its 8 items, blank lines: 16 today.
    expect(visible.trimEnd().split("\n").length).toBeLessThanOrEqual(20);
    expect(visible).not.toContain("|");
    const summaries = [...md.matchAll(/<summary>(.+)<\/summary>/g)].map((m) => m[1]);
    expect(summaries).toEqual([
      "Conversion",
      "Handoff SLAs",
      "Rep follow-up compliance",
      "Who kept their word",
      "Lead definition",
      "Pipeline and revenue",
      "Data quality",
      "Inputs",
    ]);
    // Each <details> opens and closes, with a blank line after the summary (GitHub renders the Markdown inside).
    expect((md.match(/<details>/g) ?? []).length).toBe(8);
    expect((md.match(/<\/details>/g) ?? []).length).toBe(8);
    expect((md.match(/<\/summary>\n\n/g) ?? []).length).toBe(8);
    // The grid: 27 weeks (W18–W44) as rows, not 135 rows of (week, commitment).
    const grid = md.slice(md.indexOf("### Who kept their word"), md.indexOf("### Feedback to marketing"));
    expect(grid.split("\n").filter((l) => /^\| 2026-W\d\d/.test(l)).length).toBe(44 - 18 + 1);
    expect(grid).toContain("| 2026-W20 | ✗ 26 | ✗ 66.7% |");
  });
});

describe("periodRanges", () => {
  const weeks = ["2026-W18", "2026-W19", "2026-W20", "2026-W21", "2026-W22"];
  it("joins consecutive periods of the report and drops the year when the report has one", () => {
    expect(periodRanges(["2026-W18", "2026-W19", "2026-W20", "2026-W22"], weeks)).toBe("W18–W20, W22");
    expect(periodRanges(["2026-W21"], weeks)).toBe("W21");
    expect(periodRanges([], weeks)).toBe("");
  });
  it("keeps the full labels across years and for months", () => {
    expect(periodRanges(["2026-W52", "2027-W01"], ["2026-W51", "2026-W52", "2027-W01"])).toBe(
      "2026-W52–2027-W01",
    );
    expect(periodRanges(["2026-05", "2026-07"], ["2026-05", "2026-06", "2026-07"])).toBe("2026-05, 2026-07");
  });
});
