/**
 * Issue 19: the lead definition in every format, on the acme example's report with a hand-written
 * `definitions` section attached (tests/helpers/definitions-report.ts lists its figures), and the
 * same report without it rendering exactly as before (the section is left out, not shown empty).
 *
 * Figures used below (from the fixture):
 *   mql 84 of 120 entries met → 70.0%; sql 30 of 40 → 75.0%
 *   pass clock: 70 met of 70 + 12 + 5 = 87 decided → 80.5% < 90.0%: a miss
 *   validity mql: met 48/60 = 80.0%, not met 12/30 = 40.0% → +40.0 pts
 *   "Company size 50–5000": held 38/65 = 58.5%, failed 16/25 = 64.0% → 58.46 − 64.0 = −5.5 pts, contradicted
 *   marketing.definition: 25 judged weeks, every third missed → 8 missed
 */

import { existsSync } from "node:fs";
import { chromium } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { Report } from "../src/metrics/types.js";
import { neutralise, renderCsvFiles } from "../src/report/csv.js";
import { tableParts } from "../src/report/html/view.js";
import { renderHtml } from "../src/report/html.js";
import { makeStyle, renderReport, SECTIONS, type Section } from "../src/report/index.js";
import { renderMarkdown } from "../src/report/markdown.js";
import { reportTables } from "../src/report/tabular.js";
import { displayWidth } from "../src/report/width.js";
import {
  acmeReport,
  definitionsFixture,
  SOURCES,
  WEEKS,
  withDefinitions,
} from "./helpers/definitions-report.js";

let plain: Report;
let report: Report;
beforeAll(async () => {
  plain = await acmeReport();
  report = withDefinitions(plain);
}, 60_000);

const style = (width: number) => makeStyle(false, { width, businessDay: 8 });
const WITHOUT = SECTIONS.filter((s) => s !== "definitions");
const FORMATS = ["table", "json", "md", "csv", "html"] as const;

describe("a report without definitions", () => {
  it.each(FORMATS)("%s: renders as if the section did not exist", (format) => {
    expect(plain.definitions).toBeUndefined();
    const all = renderReport(plain, format, SECTIONS, style(100));
    // The terminal's targets list closes the whole audit only: compare the table format by sections.
    if (format === "table") {
      for (const s of WITHOUT)
        expect(renderReport(plain, format, [s], style(100))).not.toContain("Lead definition");
      expect(all).not.toMatch(/Lead definition|Marketing's pass clock/);
    } else expect(all).toBe(renderReport(plain, format, WITHOUT, style(100)));
    expect(renderReport(plain, format, ["definitions"], style(100))).not.toMatch(/Lead definition/);
  });
  it("the check recomputed from its rows is the report's own (the fixture adds to it, nothing else)", () => {
    const again = withDefinitions(plain);
    const added = again.check.missed.filter((m) => m.id === "mql-pass" || m.id === "marketing.definition");
    // 1 pass clock + 8 weeks missed; targets: 1 pass clock + 25 judged weeks.
    expect(added).toHaveLength(9);
    expect(again.check.missed.length - added.length).toBe(plain.check.missed.length);
    expect(again.check.targets).toBe(plain.check.targets + 1 + 25);
  });
});

describe("terminal", () => {
  it.each([80, 100, 120])("at %i columns no line is wider; the tables and the verdict are there", (width) => {
    const text = renderReport(report, "table", SECTIONS, style(width));
    expect(text.split("\n").filter((l) => displayWidth(l) > width)).toEqual([]);
    for (const s of [
      "Lead definition",
      "Why entries did not meet it",
      "Marketing's pass clock",
      "Does the definition predict acceptance",
      "Each criterion against acceptance",
      "mql definition by source",
      "mql definition by week",
      "Engagements read",
    ])
      expect(text, s).toContain(s);
    expect(text).toMatch(/│ mql +│ +120 │.* 84 │ +36 │ 70\.0% │/);
    expect(text).toContain("never: Free or disposable");
    expect(text).toMatch(/│ mql +│ +1bd │ +90 │ +70 │/);
    expect(text).toContain("+40.0 pts");
    expect(text).toMatch(/-5\.5 pts ✗ │/);
    expect(text).toMatch(/✗ contradicted: entries where the criterion held were accepted at a rate no/);
    // Top 10 of 12 sources; the last 10 of 13 weeks.
    expect(text).toContain("the first 10 of 12; the CSV and JSON list all");
    expect(text).toContain(SOURCES[9]);
    expect(text).not.toContain(SOURCES[10]);
    const own = renderReport(report, "table", ["definitions"], style(width));
    expect(own).toContain(WEEKS[12]);
    expect(own).toContain(WEEKS[3]);
    expect(own).not.toContain(WEEKS[2]);
    expect(text).toContain("1,422 on 310 leads: demo_request 120, form_fill 800, pricing_view 502");
  });
  it("the targets list the pass clock and the definition commitment by name", () => {
    const text = renderReport(report, "table", SECTIONS, style(Number.POSITIVE_INFINITY));
    expect(text).toContain(
      "✗ marketing's pass clock mql-pass: compliance 80.5% < target 90.0% (70 of 87 met)",
    );
    expect(text).toMatch(
      /✗ marketing MQLs meeting the definition: missed in 8 of 25 weeks \(W\d\d, W\d\d(, W\d\d)*\)/,
    );
    // The commitments grid heads the column "marketing / definition / ≥ 80.0%".
    expect(text).toMatch(/│ definition │/);
  });
  it("a table marked ✗ says what ✗ means under it: missed, or contradicted", () => {
    for (const block of renderReport(report, "table", ["definitions"], style(80)).split("\n\n"))
      if (block.includes("│") && block.includes("✗")) expect(block).toMatch(/^✗ (missed|contradicted)/m);
  });
  it("the section's business durations are explained once at the top", () => {
    const text = renderReport(report, "table", ["definitions"], style(100));
    expect(text.match(/bm, bh, bd = business minutes, hours, days/g)).toHaveLength(1);
  });
});

describe("markdown", () => {
  const md = () => renderMarkdown(report, SECTIONS, 8);
  it("the summary says the share met and lists the new misses; the detail is folded", () => {
    const text = md();
    const summary = text.slice(0, text.indexOf("<details>"));
    expect(summary).toContain("Lead definition met by mql 70.0% of 120 entries, sql 75.0% of 40 entries.");
    expect(summary).toContain(
      "- marketing's pass clock mql-pass: compliance 80.5% \\< target 90.0% (70 of 87 met)",
    );
    expect(summary).toMatch(/- commitment marketing\.definition: missed in 8 of 25 weeks/);
    expect(text).toContain("<summary>Lead definition</summary>");
    expect(text).toContain("marketing: MQLs meeting the definition ≥ 80.0%");
  });
  it("the tables: the check, failures, pass clock, validity with intervals, criteria, groups cut to 10", () => {
    const text = md();
    expect(text).toContain("| mql | 120 | 4 | 84 | 36 | 70.0% |");
    expect(text).toContain("| mql | Company size 50–5000 | fit | 12 | 3 | 4 | 2 |");
    expect(text).toContain("| mql | 1bd | 90.0% | 90 | 70 | 12 | 5 | 3 |");
    expect(text).toMatch(
      /\| mql \| sal \| 60 \| 80\.0% \| [\d.]+%–[\d.]+% \| 30 \| 40\.0% \| [\d.]+%–[\d.]+% \| \+40\.0 pts \|/,
    );
    expect(text).toMatch(
      /\| mql \| Company size 50–5000 \| 65 \| 58\.5% \| 25 \| 64\.0% \| -5\.5 pts \| yes \|/,
    );
    // The exclusion named as the check names it: 1 / 8 = 12.5% excluded accepted, 59 / 82 = 72.0% others.
    expect(text).toContain(
      "| mql | never: Free or disposable e-mail | 8 | 12.5% | 82 | 72.0% | -59.5 pts | no |",
    );
    expect(text).toContain("the 10 with the most entries per stage (2 more in the CSV and JSON reports)");
    expect(text).toContain("the last 10 weeks per stage (3 more in the CSV and JSON reports)");
    expect(text).not.toContain(`| mql | ${SOURCES[11]} |`);
  });
});

describe("csv", () => {
  it("one file per table; every group kept; cells neutralised", () => {
    const r = withDefinitions(plain);
    const d = r.definitions;
    if (!d) throw new Error("fixture");
    // A hostile criterion name is written as text.
    d.stages[0]?.criteria.push({
      name: "=HYPERLINK(1)",
      kind: "fit",
      failed: 1,
      missing: 0,
      partial: 0,
      unreadable: 0,
    });
    const files = renderCsvFiles(r, ["definitions"]);
    expect([...files.keys()]).toEqual([
      "definitions.csv",
      "definition-criteria.csv",
      "leakage.csv",
      "validity.csv",
      "validity-criteria.csv",
      "definition-by-source.csv",
      "definition-by-campaign.csv",
      "definition-by-owner.csv",
      "definition-by-week.csv",
      "engagements.csv",
    ]);
    expect(files.get("definitions.csv")).toBe(
      "stage,entries,backfilled,met,not_met,rate\nmql,120,4,84,36,0.7\nsql,40,0,30,10,0.75\n",
    );
    expect(files.get("definition-criteria.csv")).toContain("mql,'=HYPERLINK(1),fit,1,0,0,0\n");
    expect(files.get("definition-criteria.csv")).toContain(
      "mql,never: Free or disposable e-mail,exclusion,9,0,0,0\n",
    );
    // 12 sources for mql + 2 for sql, and a head line.
    expect(files.get("definition-by-source.csv")?.trimEnd().split("\n")).toHaveLength(1 + 12 + 2);
    expect(files.get("definition-by-week.csv")?.trimEnd().split("\n")).toHaveLength(1 + 13);
    const leak = files.get("leakage.csv")?.split("\n") ?? [];
    expect(leak[0]).toMatch(/^stage,within,clock,target,obligations,met,late,missed,pending,compliance,/);
    expect(leak[1]).toMatch(/^mql,1bd,business,0\.9,90,70,12,5,3,0\.8046,/);
    expect(files.get("validity-criteria.csv")).toMatch(
      /\nmql,Company size 50–5000,65,0\.5846,.*,-0\.0554,true\n/,
    );
    // The commitment row, in the commitments file, by its JSON name.
    expect(renderCsvFiles(r, ["commitments"]).get("commitments.csv")).toMatch(
      /\n2026-W\d\d,marketing,definition,0\.75,0\.8,20,missed\n/,
    );
    expect(neutralise("-5")).toBe("'-5");
  });
});

describe("json", () => {
  it("carries the section as the report holds it, under `definitions`", () => {
    const out = JSON.parse(renderReport(report, "json", SECTIONS, style(100))) as Report;
    expect(out.definitions).toEqual(definitionsFixture());
    const only = JSON.parse(renderReport(report, "json", ["definitions"], style(100))) as Report;
    expect(only.definitions).toEqual(definitionsFixture());
    expect(only.latency).toBeUndefined();
  });
});

describe("html", () => {
  it("a section with its tables, listed in the contents; the verdict names the new misses", () => {
    const out = renderHtml(report, SECTIONS, 8);
    expect(out).toContain('<li><a href="#definitions">Lead definition</a></li>');
    expect(out).toContain('<section class="report-section" id="definitions">');
    for (const id of [
      "definitions",
      "definition-criteria",
      "leakage",
      "leakage-2",
      "validity",
      "validity-2",
      "validity-criteria",
      "definition-by-source",
      "engagements",
    ])
      expect(out, id).toContain(`<table id="table-${id}">`);
    expect(out).toContain(
      "<li>marketing&#39;s pass clock mql-pass: compliance 80.5% &lt; target 90.0% (70 of 87 met)</li>",
    );
    expect(out).toMatch(/<li>marketing: MQLs meeting the definition missed in 8 of 25 weeks/);
    expect(out).toContain(
      "<dt>Lead definition</dt><dd>met by mql 70.0% of 120 entries, sql 75.0% of 40 entries</dd>",
    );
    // Business hours on the pass clock's own clock: 3.5 bh, and 30 bh ≥ 3 × 8 → 30 / 8 = 3.75 → 3.8 bd.
    expect(out).toMatch(/<td class="num"><span title="[^"]*">3\.5 bh<\/span><\/td>/);
    expect(out).toContain(">3.8 bd</span>");
    // Each heading said once on the page (the browser test of tests/html.test.ts asks the same of the example).
    const headings = [...out.matchAll(/<h[23]>([^<]*)<\/h[23]>/g)].map((m) => m[1]);
    expect(headings).toContain("Each criterion&#39;s acceptance with its interval");
    expect(headings.filter((h, i) => headings.indexOf(h) !== i)).toEqual([]);
  });
  it("every plain column is shown in some part, each part keyed by the first column, none wider than 12", () => {
    const covers = (name: string) =>
      name.endsWith("_interval") ? [`${name.slice(0, -9)}_low`, `${name.slice(0, -9)}_high`] : [name];
    for (const t of reportTables(report, ["definitions"])) {
      const parts = tableParts(report, t);
      const shown = new Set(parts.flatMap((p) => p.columns.flatMap((c) => covers(c.name))));
      expect([...shown].sort(), t.id).toEqual([...t.head].sort());
      for (const p of parts) {
        expect(p.columns[0]?.name, p.id).toBe(t.head[0]);
        expect(p.columns.length, p.id).toBeLessThanOrEqual(12);
      }
    }
  });
  it.skipIf(!existsSync("/usr/bin/chromium"))(
    "no table overflows at 800 px or printed on A4",
    async () => {
      const browser = await chromium.launch({
        executablePath: "/usr/bin/chromium",
        args: ["--headless", "--no-sandbox", "--disable-gpu"],
      });
      try {
        for (const [width, media] of [
          [800, "screen"],
          [703, "print"],
        ] as const) {
          const page = await (await browser.newContext({ viewport: { width, height: 900 } })).newPage();
          await page.emulateMedia({ media });
          await page.setContent(renderHtml(report, ["definitions"] as Section[], 8), { waitUntil: "load" });
          const over = await page.evaluate(`[...document.querySelectorAll("table")].flatMap((t) => {
            const box = t.parentElement;
            return box.scrollWidth > box.clientWidth ? [t.id] : [];
          })`);
          expect(await page.locator("table").count()).toBeGreaterThan(8);
          expect(over, `${width} ${media}`).toEqual([]);
        }
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});
