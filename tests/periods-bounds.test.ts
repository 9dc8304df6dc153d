/**
 * Issue 16: `--to 9999-12-31` or `--as-of 9999-12-31` (the usual "no end") ran 30 s to a
 * RangeError, and `--from 0001-01-01` wrote 145 MB: the weekly and monthly tables listed every
 * period of the audit period. They now list only the periods the data reaches (periodBuckets), so
 * the output of an open-ended period is the size of the default one. Sizes are asserted, not times.
 */

import { describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { bucketOf, buckets, periodBuckets } from "../src/metrics/periods.js";

async function run(args: string[]) {
  const f = fakeIo({ NO_COLOR: "1" });
  const code = await main(args, f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr() };
}
const audit = (format: string, ...extra: string[]) =>
  run(["audit", "--sla", "sla.example.yaml", "--format", format, ...extra]);

type Json = { period: { from: string; to: string }; commitments: { periods: { period: string }[] } };
const labels = (r: Json) => r.commitments.periods.map((p) => p.period);

describe("open-ended periods on the bundled example", () => {
  it("json: the same weekly commitments as the default period, the period as given", async () => {
    const base = JSON.parse((await audit("json")).stdout) as Json;
    // The example spans 2026-05-01 to 2026-10-31: ISO weeks 18 to 44, 27 weeks.
    expect(labels(base)[0]).toBe("2026-W18");
    expect(labels(base).at(-1)).toBe("2026-W44");
    expect(labels(base)).toHaveLength(27);
    for (const extra of [
      ["--to", "9999-12-31"],
      ["--from", "0001-01-01"],
      ["--as-of", "9999-12-31"],
    ]) {
      const r = await audit("json", ...extra);
      expect(r.code, extra.join(" ")).toBe(0);
      expect(labels(JSON.parse(r.stdout) as Json), extra.join(" ")).toEqual(labels(base));
    }
    // The period says what was asked; only the tables are bounded by the data.
    const to = JSON.parse((await audit("json", "--to", "9999-12-31")).stdout) as Json;
    expect(to.period.to.startsWith("9999-12-31T23:59:59")).toBe(true);
  }, 120_000);

  it.each(["table", "md", "html", "json"])(
    "%s: output no larger than the default's plus 2%",
    async (format) => {
      const base = (await audit(format)).stdout.length;
      expect(base).toBeGreaterThan(10_000);
      for (const extra of [
        ["--to", "9999-12-31"],
        ["--from", "0001-01-01"],
        ["--as-of", "9999-12-31"],
      ]) {
        const r = await audit(format, ...extra);
        expect(r.code, extra.join(" ")).toBe(0);
        expect(r.stdout.length, extra.join(" ")).toBeLessThanOrEqual(base * 1.02);
      }
    },
    240_000,
  );

  it("weekly trends with --to 9999-12-31: the same weekly trends as without it (weeks 18 to 44)", async () => {
    const args = ["conversion", "--sla", "sla.example.yaml", "--period", "week", "--format", "json"];
    const base = JSON.parse((await run(args)).stdout) as { trends: unknown };
    const r = await run([...args, "--to", "9999-12-31"]);
    expect(r.code).toBe(0);
    const open = JSON.parse(r.stdout) as { trends: unknown };
    // The same weeks (the last is judged in full now: the period covers it, wherever the data stops).
    const weeks = (t: unknown) => [...new Set(JSON.stringify(t).match(/\d{4}-W\d\d/g))];
    expect(weeks(open.trends)).toEqual(weeks(base.trends));
    expect(weeks(open.trends)).toHaveLength(27);
    expect(weeks(open.trends).at(-1)).toBe("2026-W44");
  }, 60_000);
});

describe("periodBuckets", () => {
  const DAY = 86_400_000;
  const mon = Date.UTC(2026, 0, 5); // Monday 2026-01-05, ISO week 2

  it("lists only the weeks both the period and the data reach; partial where the period stops inside", () => {
    const data = { from: mon + 2 * DAY, to: mon + 15 * DAY }; // Wed W02 to Tue W04
    const list = periodBuckets({ from: Date.UTC(1, 0, 1), to: Date.UTC(9999, 11, 31), data }, "week", "UTC");
    expect(list.map((b) => [b.label, b.partial])).toEqual([
      ["2026-W02", false],
      ["2026-W03", false],
      ["2026-W04", false],
    ]);
    // The period from Thu W02 to the end of time: W02 partial (the period starts inside it).
    const late = periodBuckets({ from: mon + 3 * DAY, to: Date.UTC(9999, 11, 31), data }, "week", "UTC");
    expect(late.map((b) => [b.label, b.partial])).toEqual([
      ["2026-W02", true],
      ["2026-W03", false],
      ["2026-W04", false],
    ]);
  });

  it("a period wholly outside the data lists nothing", () => {
    const data = { from: mon, to: mon + DAY };
    expect(periodBuckets({ from: mon + 30 * DAY, to: mon + 60 * DAY, data }, "month", "UTC")).toEqual([]);
  });

  it("bucketOf finds the bucket by bisection, and nothing outside the list", () => {
    const list = buckets(mon, mon + 70 * DAY - 1, "week", "UTC"); // 10 weeks
    expect(list).toHaveLength(10);
    expect(bucketOf(list, mon)?.label).toBe("2026-W02");
    expect(bucketOf(list, mon + 7 * DAY - 1)?.label).toBe("2026-W02");
    expect(bucketOf(list, mon + 7 * DAY)?.label).toBe("2026-W03");
    expect(bucketOf(list, mon + 69 * DAY)?.label).toBe("2026-W11");
    expect(bucketOf(list, mon - 1)).toBeUndefined();
    expect(bucketOf(list, mon + 70 * DAY)).toBeUndefined();
  });
});
