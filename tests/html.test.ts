/**
 * The HTML report: (a) escaping, on a report whose every string is hostile; (b) the example's
 * report opened in a real headless Chromium with networking switched off (Debian's chromium at
 * /usr/bin/chromium, installed by .ci/run): charts present and visible, no console error, no
 * request, the lead named <script>alert(1)</script> shown as text, a screenshot saved.
 */

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { finding } from "../src/findings.js";
import { computeAudit } from "../src/metrics/index.js";
import type { Report } from "../src/metrics/types.js";
import { escapeHtml, renderHtml } from "../src/report/html.js";
import { SECTIONS } from "../src/report/index.js";
import { DAY, dataset, HOUR, lead, sla, stage, T0 } from "./helpers/builders.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CHART_KINDS = ["funnel", "latency", "reps", "trend"] as const;
const NAME = "<script>alert(1)</script>";

/** A small audit whose free text (SLA name, sources, reps, reasons, a finding) is hostile. */
function hostileReport(): Report {
  const config = sla(`name: 'Acme <script>alert(1)</script> & ''Co'' "SLA"'
handoffs:
  - { id: accept, from: mql, to: [sal], within: 1d, target: 0.5 }
commitments:
  period: week
  marketing: { mqls: 2, acceptance: 0.5 }
  sales: { handoffs: [accept], reasons: 1, reason_outcomes: [recycled, disqualified] }
`);
  const source = `<script>alert("src")</script> & 'x'`;
  const ann = `Ann "the closer" & co`;
  const obrien = "O'Brien <b>";
  const leads = [
    lead("L1", T0, { owner: ann, source, name: NAME }),
    lead("L2", T0, { owner: obrien, source }),
    lead("L3", T0 + 7 * DAY, { owner: ann, source: "Web" }),
  ];
  const events = [
    stage("L1", "mql", T0 + 9 * HOUR, ann),
    stage("L1", "sal", T0 + 10 * HOUR, ann),
    stage("L2", "mql", T0 + 9 * HOUR, obrien),
    stage("L2", "disqualified", T0 + DAY, obrien, "<img src=x onerror=alert(1)>"),
    stage("L3", "mql", T0 + 7 * DAY + 9 * HOUR, ann),
    stage("L3", "recycled", T0 + 8 * DAY, ann, `"quoted" & 'single'`),
  ];
  const data = dataset(leads, events);
  data.findings.push(
    finding("junk_name", { file: "leads<script>.csv", line: 2 }, `lead L1 is named "${NAME}"`, {
      leadId: "L1",
      value: NAME,
    }),
  );
  return computeAudit(data, config, { asOf: T0 + 14 * DAY - 1, from: T0, to: T0 + 14 * DAY - 1 }).report;
}

/** Every string in the report, keys of records included, with markup and quotes appended. */
function poisoned<T>(value: T): T {
  const evil = `<script>alert("x")</script><img src=x onerror=alert(2)>&'"`;
  if (typeof value === "string") return `${value}${evil}` as T;
  if (Array.isArray(value)) return value.map(poisoned) as T;
  if (value !== null && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poisoned(v)])) as T;
  return value;
}

describe("renderHtml: escaping", () => {
  it("escapes & < > \" ' in text and attributes", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });

  it("shows hostile names, sources, reps, reasons, values and file names as text", () => {
    const out = renderHtml(hostileReport(), SECTIONS);
    for (const text of [
      "Acme &lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;Co&#39; &quot;SLA&quot;",
      "&lt;script&gt;alert(&quot;src&quot;)&lt;/script&gt; &amp; &#39;x&#39;",
      "Ann &quot;the closer&quot; &amp; co",
      "O&#39;Brien &lt;b&gt;",
      "&lt;img src=x onerror=alert(1)&gt;",
      "&quot;quoted&quot; &amp; &#39;single&#39;",
      "leads&lt;script&gt;.csv:2",
      "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>",
    ])
      expect(out).toContain(text);
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toMatch(/<img|<b>/i);
  });

  it("leaves no string of the report unescaped, anywhere", () => {
    const out = renderHtml(poisoned(hostileReport()), SECTIONS);
    expect(out).not.toMatch(/<script|<img/i);
    // No element got an event-handler attribute from the data (quoted values blanked: text there is inert).
    expect(out.replace(/"[^"]*"/g, '""')).not.toMatch(/<[a-z][^>]*\son[a-z]+=/i);
    expect(out).toContain(
      "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;&amp;&#39;&quot;",
    );
    for (const kind of CHART_KINDS) expect(out).toContain(`data-chart="${kind}"`);
  });

  it("is one self-contained, deterministic file: no script, nothing fetched, every chart labelled", () => {
    const report = hostileReport();
    const out = renderHtml(report, SECTIONS);
    expect(renderHtml(report, SECTIONS)).toBe(out);
    expect(out).not.toMatch(/\b(?:src|href|xlink:href)="(?!#)/);
    expect(out).not.toMatch(/url\(|@import|https?:/);
    expect(out).toContain("@media print");
    const svgs = out.match(/<svg[^>]*>\s*<title>[^<]+<\/title>/g) ?? [];
    expect(svgs.length).toBe((out.match(/<svg/g) ?? []).length);
    for (const svg of svgs)
      expect(svg).toMatch(/class="chart" data-chart="(funnel|latency|reps|trend)" role="img"/);
  });
});

const CHROMIUM = "/usr/bin/chromium";
// Networking off: no QUIC, no background fetches, a proxy that refuses everything (even loopback).
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--proxy-server=127.0.0.1:9",
  "--proxy-bypass-list=<-loopback>",
];
const inCi = Boolean(process.env.CI) && !["0", "false"].includes(process.env.CI ?? "");
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !inCi)
  console.warn(
    `tests/html.test.ts: SKIPPED the headless Chromium test: ${CHROMIUM} not found (apt-get install --no-install-recommends chromium, as .ci/run does)`,
  );

/** What a page did: requests (each aborted unless it is the page itself), console errors, dialogs. */
async function watch(browser: Browser, allowed: string, width = 1280) {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const seen = {
    requests: [] as string[],
    blocked: [] as string[],
    errors: [] as string[],
    dialogs: [] as string[],
  };
  await context.route("**/*", async (route) => {
    const url = route.request().url();
    if (url === allowed) return route.continue();
    seen.blocked.push(url);
    return route.abort("blockedbyclient");
  });
  const page: Page = await context.newPage();
  page.on("request", (r) => seen.requests.push(r.url()));
  page.on("console", (m) => {
    if (m.type() === "error") seen.errors.push(m.text());
  });
  page.on("pageerror", (e) => seen.errors.push(e.message));
  page.on("dialog", (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  return { page, seen };
}

/** Tables wider than their container (each folded <details> opened first): [id, scrollWidth, clientWidth]. */
async function overflowing(page: Page): Promise<[string, number, number][]> {
  // Run in the page (a string: the tests are compiled without the DOM's types).
  return page.evaluate(`(() => {
    for (const d of document.querySelectorAll("details")) d.open = true;
    return [...document.querySelectorAll("table")].flatMap((t) => {
      const box = t.parentElement;
      return box.scrollWidth > box.clientWidth ? [[t.id || t.className, box.scrollWidth, box.clientWidth]] : [];
    });
  })()`);
}

describe.skipIf(!haveChromium && !inCi)("the HTML report in headless Chromium", () => {
  it("opens offline: charts visible, no console error, no request, the hostile lead name as text", async () => {
    if (!haveChromium)
      throw new Error(
        `${CHROMIUM} is missing: CI must run the browser test (.ci/run installs Debian's chromium with apt-get)`,
      );
    if (!existsSync(join(ROOT, "dist/cli/main.js")))
      throw new Error("dist/ is missing: run `npm run build` first (npm test does)");
    const dir = mkdtempSync(join(tmpdir(), "funnel-html-"));
    const file = join(dir, "report.html");
    let browser: Browser | undefined;
    try {
      execFileSync(
        process.execPath,
        ["bin/funnel-audit.js", "audit", "--sla", "sla.example.yaml", "--format", "html", "--out", file],
        { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, stdio: "pipe" },
      );
      expect(readFileSync(file, "utf8")).not.toMatch(/<script/i);
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
      const url = pathToFileURL(file).href;
      const { page, seen } = await watch(browser, url);
      await page.goto(url, { waitUntil: "load" });

      for (const kind of CHART_KINDS) {
        const charts = page.locator(`svg.chart[data-chart="${kind}"][role="img"]`);
        expect(await charts.count(), kind).toBeGreaterThan(0);
        for (let i = 0; i < (await charts.count()); i++) {
          const chart = charts.nth(i);
          expect(await chart.isVisible(), `${kind} #${i} visible`).toBe(true);
          const box = await chart.boundingBox();
          expect(box && box.width > 100 && box.height > 50, `${kind} #${i} box ${JSON.stringify(box)}`).toBe(
            true,
          );
          expect(
            (await chart.locator("title").first().textContent())?.length,
            `${kind} title`,
          ).toBeGreaterThan(0);
          // Its marks are drawn too, not only the frame.
          const mark = await chart.locator("rect, circle, path").first().boundingBox();
          expect(mark && mark.width > 0 && mark.height > 0, `${kind} #${i} marks`).toBe(true);
        }
      }

      const text = (await page.locator("body").textContent()) ?? "";
      expect(text).toContain(NAME);
      expect(await page.locator("body").innerText()).toContain(NAME); // rendered, not only in the DOM
      expect(await page.getByText(NAME).first().isVisible()).toBe(true);
      expect(await page.locator("script").count()).toBe(0);

      mkdirSync(join(ROOT, "tests/artifacts"), { recursive: true });
      await page.screenshot({ path: join(ROOT, "tests/artifacts/report.png"), fullPage: true });

      // The scorecard opens the report: both sides' commitments start on the first screen.
      for (const side of ["marketing", "sales"]) {
        const box = await page.locator(`#scorecard-${side}`).boundingBox();
        expect(box && box.y + 120 < 900, `${side} scorecard at ${JSON.stringify(box)}`).toBe(true);
      }
      const missedTicks = await page.locator("#scorecard .card .tick.status-missed").count();
      expect(missedTicks).toBe(6 + 3 + 19 + 26 + 23 + 10); // the 87 commitment periods the verdict lists
      expect(await page.locator("#table-commitments tbody tr").count()).toBe(27); // W18–W44, not 135 rows

      // Headings said once; captions without literal backticks; durations with their unit; ids on one line.
      const headings = await page.locator("h2, h3").allTextContents();
      expect(headings.filter((h, i) => headings.indexOf(h) !== i)).toEqual([]);
      expect((await page.locator(".note").allInnerTexts()).join("\n")).not.toContain("`");
      expect(await page.locator("#table-latency-2 tbody tr").first().innerText()).toMatch(
        // p50 2.08 and p90 13.07 business hours; each column's largest (23.59, 71.67: sql-to-opportunity)
        // is past 3 business days of 7 hours, so both in days: 2.08 / 7 = 0.30 bd, 13.07 / 7 = 1.87 bd.
        /\t0\.3 bd\t1\.9 bd\t/,
      );
      expect(await page.locator("#table-conversion tbody tr").last().innerText()).toMatch(/\t49\.1 d$/); // 1177.48 h
      const wrapping = await page.evaluate(
        `[...document.querySelectorAll("td.key, th.key")].filter((c) => getComputedStyle(c).whiteSpace !== "nowrap").length`,
      );
      expect(wrapping).toBe(0);

      // No table is wider than its container: at 1280 and 800 px, and printed on A4.
      expect(await overflowing(page), "1280 px").toEqual([]);
      const narrow = await watch(browser, url, 800);
      await narrow.page.goto(url, { waitUntil: "load" });
      expect(await narrow.page.locator("table").count()).toBeGreaterThan(10);
      expect(await overflowing(narrow.page), "800 px").toEqual([]);
      await narrow.page.screenshot({ path: join(ROOT, "tests/artifacts/report-800.png"), fullPage: true });
      const paper = await watch(browser, url, 703); // A4 less the 12 mm margins: 186 mm = 703 CSS px
      await paper.page.goto(url, { waitUntil: "load" });
      await paper.page.emulateMedia({ media: "print" });
      expect(await overflowing(paper.page), "A4 print").toEqual([]);
      const pdf = await paper.page.pdf({ format: "A4", path: join(ROOT, "tests/artifacts/report.pdf") });
      expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
      for (const w of [narrow, paper]) expect(w.seen.errors.concat(w.seen.blocked)).toEqual([]);

      expect(seen.errors).toEqual([]);
      expect(seen.dialogs).toEqual([]);
      expect(seen.blocked).toEqual([]);
      expect(seen.requests).toEqual([url]);

      // The poisoned report in the same browser: nothing runs, nothing loads, nothing becomes an element.
      const poisonedFile = join(dir, "poisoned.html");
      writeFileSync(poisonedFile, renderHtml(poisoned(hostileReport()), SECTIONS));
      const other = pathToFileURL(poisonedFile).href;
      const second = await watch(browser, other);
      await second.page.goto(other, { waitUntil: "load" });
      expect(await second.page.locator("script, img, iframe, object, embed, b").count()).toBe(0);
      expect(await second.page.locator("svg.chart").count()).toBeGreaterThanOrEqual(4);
      expect(await second.page.locator("body").textContent()).toContain(
        `<script>alert("x")</script><img src=x onerror=alert(2)>&'"`,
      );
      expect(second.seen).toEqual({ requests: [other], blocked: [], errors: [], dialogs: [] });
    } finally {
      await browser?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
