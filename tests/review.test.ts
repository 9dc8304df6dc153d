/**
 * `review` on the bundled example (examples/acme, May–October 2026): the pack's figures against an
 * audit computed on its own (`audit --format json`), the movers against `audit --movers`, the
 * --proposed diff against `sla diff`, a bad --proposed refused.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import type { Report } from "../src/metrics/types.js";
import type { ReviewDoc } from "../src/report/review-doc.js";

async function run(args: string[]) {
  const f = fakeIo({ NO_COLOR: "1" });
  const code = await main([...args, "--sla", "sla.example.yaml"], f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr() };
}

let audit: Report;
let pack: ReviewDoc;
const dir = mkdtempSync(join(tmpdir(), "funnel-review-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  audit = JSON.parse((await run(["audit", "--period", "quarter", "--format", "json"])).stdout) as Report;
  pack = JSON.parse((await run(["review", "--format", "json"])).stdout) as ReviewDoc;
}, 120_000);

// Each case runs the CLI on the example (2,000 leads): seconds, more on a busy machine.
describe("review pack of the example", { timeout: 60_000 }, () => {
  it("reviews the last whole quarter (Q4 holds only October) after the quarters before it", () => {
    expect(pack.review).toMatchObject({ period: "quarter", reviewed: "2026-Q3", reviewed_partial: false });
    expect(pack.review.shown).toEqual(["2026-Q2", "2026-Q3"]);
    // The trends are the audit's, Q4 left out.
    expect(pack.trends).toEqual(audit.trends?.rows.slice(0, 2));
  });

  it("counts each commitment's weeks kept in Q3 as the audit's rows say (a week is in the quarter it starts in)", async () => {
    const c = audit.commitments;
    if (!c) throw new Error("the example declares commitments");
    // Weeks starting 2026-07-01 to 2026-09-30: W28 (Mon 6 July) to W40 (Mon 28 September), 13 weeks.
    const q3 = c.periods.filter(
      (p) => p.from.slice(0, 10) >= "2026-07-01" && p.from.slice(0, 10) < "2026-10-01",
    );
    expect([q3[0]?.period, q3.length]).toEqual(["2026-W28", 13]);
    for (const row of pack.commitments?.rows ?? []) {
      const judged = c.rows.filter(
        (r) =>
          r.team === row.team &&
          r.commitment === row.commitment &&
          q3.some((p) => p.period === r.period) &&
          (r.status === "met" || r.status === "missed"),
      );
      expect([row.kept_reviewed, row.judged_reviewed], `${row.team}.${row.commitment}`).toEqual([
        judged.filter((r) => r.status === "met").length,
        judged.length,
      ]);
    }
    // By hand from the audit's weeks: first-touch kept in W33 and W38 only; MQL volume missed in W29 only.
    const text = (await run(["review"])).stdout;
    expect(text).toContain("| sales | first-touch | 80.0% | 2 of 13 | W28–W32, W34–W37, W39–W40 | 4 of 27 |");
    expect(text).toContain("| marketing | MQLs delivered | 30 | 12 of 13 | W29 | 19 of 25 |");
  });

  it("carries the proposals; what moved: the Q3 movers equal `audit --movers` over Q3, computed on their own", async () => {
    expect(pack.proposals.handoffs.map((h) => [h.handoff, h.compliance])).toEqual(
      audit.latency.handoffs.map((h) => [h.id, h.compliance]),
    );
    // The pack counts Q3's group tallies in its one replay (groupsPeriod); `audit --movers` audits
    // Q3 with --from/--to, then the previous period of the same length (March 31 to June 30) as of
    // 92 days earlier. Q2 is one day shorter (from April 1), but the data starts May 1: the same figures.
    const r = await run([
      "audit",
      "--movers",
      "--from",
      "2026-07-01",
      "--to",
      "2026-09-30",
      "--format",
      "json",
    ]);
    const movers = (JSON.parse(r.stdout) as Report).movers;
    const section = pack.movers.section;
    if (!movers || !section) throw new Error("both have movers");
    expect(section.figures).toEqual(movers.figures);
    expect(section.figures.length).toBe(9); // 3 handoffs and 6 steps
    expect([section.against, section.before]).toEqual([
      "previous quarter",
      { ...movers.before, from: "2026-04-01T00:00:00-04:00" },
    ]);
    expect(movers.before).toMatchObject({
      as_of: "2026-07-31T17:49:56-04:00",
      to: "2026-06-30T23:59:59-04:00",
    });
    // The page: every figure, then the handoff and the step that moved most and the next largest.
    const md = (await run(["review"])).stdout;
    expect(md).toContain(
      "| sql-to-opportunity compliance | 61.1% of 95 | 56.8% of 192 | -4.3 pts | rep load: -5.3 pts |",
    );
    expect(md).toContain(
      "### conversion inquiry → mql: 91.7% → 64.6% (-27.1 pts), over 301 then 704 decided",
    );
    expect(md).toContain(
      "### sql-to-opportunity compliance: 61.1% → 56.8% (-4.3 pts), over 95 then 192 decided",
    );
    expect(md).toContain("### conversion sal → sql: 71.8% → 64.5% (-7.3 pts)");
    expect(md).toContain("No proposed version given");
    // The previous period's audit in a worker (as from 50,000 leads) while the pack replays: the same pack.
    const w = fakeIo({ NO_COLOR: "1", FUNNEL_AUDIT_WORKERS: "always" });
    expect(await main(["review", "--format", "json", "--sla", "sla.example.yaml"], w.io)).toBe(0);
    expect(w.stdout()).toBe(JSON.stringify(pack, null, 2).concat("\n"));
  });

  it("--proposed: its diff in `sla diff`'s words; an invalid file is exit 2 before any audit", async () => {
    // The fixture: sla.example.yaml with mql-response within 2bd and first-touch's target 0.85.
    const proposed = "tests/fixtures/review/proposed.yaml";
    const f = await run(["review", "--proposed", proposed]);
    expect(f.code).toBe(0);
    const d = fakeIo({ NO_COLOR: "1" });
    expect(await main(["sla", "diff", "sla.example.yaml", proposed], d.io)).toBe(0);
    // The diff's lines below its title, its headings one level below the pack's section heading.
    const body = d.stdout().split("\n").slice(2).join("\n").trim().replace(/^## /gm, "### ");
    const section = f.stdout.slice(f.stdout.indexOf("## 5. "));
    expect(section).toContain(`2 changes from the signed agreement to ${proposed}`);
    expect(section).toContain(body);
    expect(body).toContain(
      "- **mql-response**: answered within **two business days** instead of **one business day**.",
    );
    expect(body).toContain(
      "- **first-touch**: the goal is **85%** of leads answered in time instead of **80%**.",
    );
    const bad = join(dir, "bad.yaml");
    writeFileSync(bad, "version: 1\nstages: nope\n");
    const r = await run(["review", "--proposed", bad]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("bad.yaml");
  });

  it("--period month reviews September, the last whole month", async () => {
    const month = JSON.parse(
      (await run(["review", "--period", "month", "--format", "json"])).stdout,
    ) as ReviewDoc;
    // The data ends 2026-10-31 17:49, so October is partial: September is the last whole month.
    expect(month.review.reviewed).toBe("2026-09");
    expect(month.review.shown).toEqual(["2026-05", "2026-06", "2026-07", "2026-08", "2026-09"]);
  });

  it("money: per quarter and source as the audit's trends, and Paid Search's volume without revenue shows", async () => {
    const shown = audit.trends?.rows.slice(0, 2) ?? [];
    // The pack's sources are the trends' by-source rows of the shown quarters, the best payers first.
    for (const s of pack.money?.sources ?? [])
      for (const p of s.periods) {
        const x = shown.find((t) => t.period === p.period)?.money?.by_source.find((m) => m.key === s.source);
        expect([p.pipeline, p.won_amount], `${s.source} ${p.period}`).toEqual([
          x?.pipeline ?? 0,
          x?.won_amount ?? 0,
        ]);
      }
    // Every quarter's sources add up to its total (two groupings of one set of deals).
    for (const t of shown) {
      const sum = (k: "pipeline" | "won_amount") =>
        Math.round((t.money?.by_source ?? []).reduce((n, m) => n + m[k], 0) * 100) / 100;
      expect([sum("pipeline"), sum("won_amount")]).toEqual([
        t.money?.totals[0]?.pipeline,
        t.money?.totals[0]?.won_amount,
      ]);
    }
    // The planted truth (tests/acme-money.test.ts): Paid Search brings pipeline every quarter, never revenue.
    const paid = pack.money?.sources.find((s) => s.source === "Paid Search");
    expect(paid?.periods.every((p) => p.pipeline > 0 && p.won_amount === 0)).toBe(true);
    const md = (await run(["review"])).stdout;
    expect(md).toMatch(/Pipeline and no revenue over 2026-Q2–2026-Q3: Paid Search \([\d,]+ USD\)/);
    expect(md).toContain("### Pipeline and revenue by source and quarter");
  });

  it("docs/review-pack.md quotes the pack as it is now (sections 1 to 3, headings two levels down)", async () => {
    const md = (await run(["review"])).stdout;
    const excerpt = md
      .slice(0, md.indexOf("## 4. "))
      .trimEnd()
      .replace(/^(#+) /gm, "$1## ");
    const doc = readFileSync("docs/review-pack.md", "utf8");
    expect(doc.slice(doc.indexOf("## Excerpt")).split("\n").slice(2).join("\n").trimEnd()).toBe(excerpt);
  });
});
