/** Data that tries to act on a terminal, a spreadsheet or a browser is shown as inert text. */

import { describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { printable } from "../src/report/format.js";

const SLA = "tests/fixtures/hostile/sla.yaml";
async function run(args: string[]) {
  const f = fakeIo({ NO_COLOR: "1" });
  const code = await main(args, f.io);
  return { code, out: f.stdout(), err: f.stderr() };
}

describe("hostile cell values", () => {
  it("printable turns control characters (ESC, NUL, BEL) into �, keeping newlines and tabs", () => {
    expect(printable("\u001b[31mred\u001b[0m\u0000\u0007a\tb\nc")).toBe("�[31mred�[0m��a\tb\nc");
  });

  it.each([
    ["table", ["conversion", "--sla", SLA, "--by", "source"]],
    ["trace", ["trace", "L1", "--sla", SLA]],
    ["markdown", ["quality", "--sla", SLA, "--format", "md"]],
  ])("no escape sequence from the data reaches the %s output", async (_name, args) => {
    const { code, out } = await run(args);
    expect(code).toBe(0);
    expect(out.includes("\u001b")).toBe(false);
    expect(out.includes("\u0007")).toBe(false);
  });

  it("a cell that would be a spreadsheet formula is neutralised in CSV", async () => {
    const { out } = await run(["conversion", "--sla", SLA, "--by", "source", "--format", "csv"]);
    expect(out).toContain(`"'=HYPERLINK(""http://x"")"`);
  });

  it("bytes that are not text are a finding, and the audit goes on", async () => {
    const { code, out } = await run(["quality", "--sla", SLA, "--format", "json"]);
    expect(code).toBe(0);
    const findings: { code: string; count: number; examples: { line: number }[] }[] =
      JSON.parse(out).quality.findings;
    const found = (c: string) => findings.find((f) => f.code === c);
    // The NUL on line 4 is bad_bytes; the bytes FF FE on line 3 are not UTF-8, so the whole file is
    // read as Windows-1252 (they become "ÿþ", no U+FFFD) and that is noted at line 3.
    expect(found("bad_bytes")?.examples.map((e) => e.line)).toEqual([4]);
    expect(found("encoding_detected")?.examples.map((e) => e.line)).toEqual([3]);
    expect(out.includes("\uFFFD")).toBe(false);
  });
});
