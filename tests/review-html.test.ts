/**
 * The review pack's HTML page in headless Chromium (as tests/html.test.ts does for the audit
 * report): offline, no script, no table wider than its container at 1280 and 800 px and printed
 * on A4, a PDF made, with the movers and a --proposed diff; a screenshot saved in tests/artifacts (docs/img/review.png is one);
 * and the money tables of `money --period quarter --by country` at 800 px and on A4.
 */

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type Browser, chromium, type Page } from "playwright-core";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--proxy-server=127.0.0.1:9"];
const inCi = Boolean(process.env.CI) && !["0", "false"].includes(process.env.CI ?? "");
const haveChromium = existsSync(CHROMIUM);

/** Tables wider than their container: [id, scrollWidth, clientWidth]. */
const overflowing = (page: Page): Promise<[string, number, number][]> =>
  page.evaluate(`[...document.querySelectorAll("table")].flatMap((t) => {
    const box = t.parentElement;
    return box.scrollWidth > box.clientWidth ? [[t.id, box.scrollWidth, box.clientWidth]] : [];
  })`);

describe.skipIf(!haveChromium && !inCi)("the review pack in headless Chromium", () => {
  it("reads on screen and on A4: every section, no overflowing table, nothing fetched", async () => {
    if (!existsSync(join(ROOT, "dist/cli/main.js")))
      throw new Error("dist/ is missing: run `npm run build` first");
    const dir = mkdtempSync(join(tmpdir(), "funnel-review-html-"));
    const file = join(dir, "review.html");
    let browser: Browser | undefined;
    try {
      execFileSync(
        process.execPath,
        [
          "bin/funnel-audit.js",
          "review",
          "--sla",
          "sla.example.yaml",
          "--proposed",
          "tests/fixtures/review/proposed.yaml",
          "--format",
          "html",
          "--out",
          file,
        ],
        { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, stdio: "pipe" },
      );
      expect(readFileSync(file, "utf8")).not.toMatch(/<script/i);
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
      const url = pathToFileURL(file).href;
      const requests: string[] = [];
      const errors: string[] = [];
      for (const width of [1280, 800, 703]) {
        // 703 CSS px: A4 less the 12 mm margins of the print rules (186 mm).
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        const page = await context.newPage();
        page.on("request", (r) => requests.push(r.url()));
        page.on("console", (m) => (m.type() === "error" ? errors.push(m.text()) : undefined));
        await page.goto(url, { waitUntil: "load" });
        if (width === 703) await page.emulateMedia({ media: "print" });
        const sections = await page.locator("section.pack-section h2").allInnerTexts();
        expect(sections).toEqual([
          "1. What each side committed to and kept",
          "2. Trends to 2026-Q3",
          "3. Pipeline and revenue to 2026-Q3",
          "4. What moved and why",
          "5. Evidence for the next version",
          "6. The proposed version",
        ]);
        // Kept, two trends, money by quarter and by source, the movers' summary and three figures' splits, two proposals' tables.
        expect(await page.locator("table").count()).toBe(12);
        expect(await page.locator("#pack-money table").count()).toBe(2);
        expect(await page.locator("#pack-movers table").count()).toBe(4);
        // The proposed version's two changes, as `sla diff` words them.
        expect(await page.locator("#pack-proposed li").allInnerTexts()).toEqual([
          "mql-response: answered within two business days instead of one business day.",
          "first-touch: the goal is 85% of leads answered in time instead of 80%.",
        ]);
        expect(await overflowing(page), `${width} px`).toEqual([]);
        if (width === 1280) {
          mkdirSync(join(ROOT, "tests/artifacts"), { recursive: true });
          await page.screenshot({ path: join(ROOT, "tests/artifacts/review.png"), fullPage: true });
        }
        if (width === 703) {
          const pdf = await page.pdf({ format: "A4", path: join(ROOT, "tests/artifacts/review.pdf") });
          expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
        }
        await context.close();
      }
      expect(new Set(requests)).toEqual(new Set([url]));
      expect(errors).toEqual([]);
    } finally {
      await browser?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it("the money tables per --period and --by fit the page too (`money --period quarter --by country`)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "funnel-money-html-"));
    const file = join(dir, "money.html");
    let browser: Browser | undefined;
    try {
      execFileSync(
        process.execPath,
        [
          "bin/funnel-audit.js",
          "money",
          "--sla",
          "sla.example.yaml",
          "--period",
          "quarter",
          "--by",
          "country",
        ].concat(["--format", "html", "--out", file]),
        { cwd: ROOT, env: { ...process.env, NO_COLOR: "1" }, stdio: "pipe" },
      );
      browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
      for (const width of [800, 703]) {
        const context = await browser.newContext({ viewport: { width, height: 900 } });
        const page = await context.newPage();
        await page.goto(pathToFileURL(file).href, { waitUntil: "load" });
        if (width === 703) await page.emulateMedia({ media: "print" });
        expect(await page.locator("#table-money-trend tbody tr").count()).toBeGreaterThan(3);
        expect(await page.locator("#table-money-by-country tbody tr").count()).toBeGreaterThan(1);
        expect(await overflowing(page), `${width} px`).toEqual([]);
        await context.close();
      }
    } finally {
      await browser?.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
