/** `compare` end to end on the acme subset: usage errors, every format, reading once or twice, --check. */

import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { acmeSubset } from "./helpers/acme-subset.js";
import { edit } from "./helpers/edit.js";

const { dir, sla } = acmeSubset(300);
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const text = readFileSync(sla, "utf8");
const write = (name: string, body: string) => {
  writeFileSync(join(dir, name), body);
  return join(dir, name);
};
// first-touch: 4 business hours → 8 (only a window changes: the data is read once).
const wider = write("wider.yaml", edit(text, "within: 4bh", "within: 8bh"));
const zoned = write("zoned.yaml", edit(text, /timezone: America\/New_York/, "timezone: Europe/Madrid"));
// A new raw value for a stage: what ingest reads changes, so the data is read again.
const mapped = write(
  "mapped.yaml",
  edit(text, "within: 4bh", "within: 8bh").replace(
    'matches: ["Sales Qualified"]',
    'matches: ["Sales Qualified", "SQL"]',
  ),
);

async function run(args: string[]) {
  const f = fakeIo({ NO_COLOR: "1" });
  const code = await main(["compare", ...args], f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr() };
}

describe("compare: usage", () => {
  it.each([
    [[], "none was given"],
    [["--sla", sla], "one was given"],
    [["--sla", sla, "--sla", wider, "--sla", wider], "3 were given"],
  ])("%j → exit 2: %s", async (args, why) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `funnel-audit: compare takes exactly two SLA files, --sla CURRENT --sla PROPOSED (${why})\n`,
    );
    expect(r.stdout).toBe("");
  });

  it("two time zones are refused: one period cannot be cut in both", async () => {
    const r = await run(["--sla", sla, "--sla", zoned]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("is in America/New_York and");
    expect(r.stderr).toContain("in Europe/Madrid: compare audits one period");
  });

  it("--out naming the proposed SLA file is refused: a report never overwrites an input", async () => {
    const r = await run(["--sla", sla, "--sla", wider, "--out", wider]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--out ${wider} is an input file`);
    expect(readFileSync(wider, "utf8")).toContain("within: 8bh");
  });

  it.each(["--by", "--period", "--baseline", "--top"])("%s is refused (exit 2)", async (flag) => {
    const r = await run(["--sla", sla, "--sla", wider, flag, "x"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^funnel-audit: \`compare\` does not use ${flag}: `));
  });
});

describe("compare: a wider first-touch window on 300 leads", () => {
  it("JSON carries both reports, the figures and the changes; the data read once", async () => {
    const r = await run(["--sla", sla, "--sla", wider, "--format", "json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.reading).toEqual({ once: true, differs: [] });
    expect(j.current.schema_version).toBe(1);
    expect(j.proposed.latency.handoffs.map((h: { id: string }) => h.id)).toContain("first-touch");
    // Only first-touch changes, and only towards met: a longer window never makes one later.
    expect(j.changes.transitions.map((t: { handoff: string; to: string }) => `${t.handoff} ${t.to}`)).toEqual(
      j.changes.transitions.map(() => "first-touch met"),
    );
    const ft = (rep: { latency: { handoffs: { id: string; met: number }[] } }) =>
      rep.latency.handoffs.find((h) => h.id === "first-touch")?.met ?? 0;
    // An independent count: the proposal's met obligations minus the current's are the flips to met.
    const flipped = j.changes.transitions.reduce(
      (n: number, t: { obligations: number }) => n + t.obligations,
      0,
    );
    expect(ft(j.proposed) - ft(j.current)).toBe(flipped);
    expect(flipped).toBeGreaterThan(0);
    expect(j.changes.examples[0].trace).toBe(
      `funnel-audit trace ${j.changes.examples[0].lead} --sla ${wider}`,
    );
  });

  it.each(["table", "md", "csv", "html"])("--format %s names the change", async (format) => {
    const r = await run(["--sla", sla, "--sla", wider, "--format", format]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("first-touch compliance");
    expect(r.stdout).toMatch(/late/);
  });

  it("a changed stage mapping reads the data again and says why", async () => {
    const r = await run(["--sla", sla, "--sla", mapped, "--format", "json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).reading).toEqual({ once: false, differs: ["the stage mapping"] });
  });

  it("a stricter definition: entries met → not met, as many as the definition's met count drops", async () => {
    // Company of 11 or more → 51 or more: the same fields are read (read once), fewer entries meet it.
    const strict = write("strict.yaml", edit(text, "at_least: 11 }", "at_least: 51 }"));
    const j = JSON.parse((await run(["--sla", sla, "--sla", strict, "--format", "json"])).stdout);
    expect(j.reading.once).toBe(true);
    const verdicts = j.changes.transitions.filter((t: { handoff: string }) => t.handoff === "mql definition");
    expect(verdicts.map((t: { from: string; to: string }) => `${t.from}→${t.to}`)).toEqual(["met→not met"]);
    // Independent: the definition section's own count of entries met, in each report.
    const met = (r: { definitions: { stages: { met: number }[] } }) => r.definitions.stages[0]?.met ?? 0;
    expect(met(j.current) - met(j.proposed)).toBe(verdicts[0].obligations);
  });

  it("--check: exit 1 when the proposal misses a target the current meets, 0 the other way", async () => {
    // first-touch's target 0.8 lowered to 0.01 (met in every period) against the file's own 0.8.
    const easy = write(
      "easy.yaml",
      edit(text, "within: 4bh\n    target: 0.8", "within: 4bh\n    target: 0.01"),
    );
    const worse = await run(["--sla", easy, "--sla", sla, "--check"]);
    const better = await run(["--sla", sla, "--sla", easy, "--check"]);
    expect(better.code).toBe(0);
    expect(worse.code).toBe(1);
    expect(worse.stderr).toContain("check failed: the proposal misses");
    expect(worse.stderr).toContain("first-touch");
  });
});
