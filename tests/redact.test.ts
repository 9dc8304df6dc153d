/** --redact: personal data out of every output, figures unchanged, tokens stable. */

import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";

async function run(args: string[]) {
  const f = fakeIo({ NO_COLOR: "1" });
  expect(await main(args, f.io)).toBe(0);
  return f.stdout();
}

const emails = readFileSync("examples/acme/leads.csv", "utf8")
  .split("\n")
  .slice(1)
  .map((l) => l.split(",")[4] ?? "")
  .filter((e) => e.includes("@") && e.length > 3);
const reps = ["Priya Raman", "Dana Whitfield", "Tom Whitaker", "Luis Ortega"];

describe("--redact", () => {
  it("removes e-mails, lead and rep names and companies from the JSON report; figures are the same", async () => {
    const plain = JSON.parse(await run(["audit", "--sla", "sla.example.yaml", "--format", "json"]));
    const text = await run(["audit", "--sla", "sla.example.yaml", "--format", "json", "--redact"]);
    for (const secret of [...emails.slice(0, 200), ...reps])
      expect(text.includes(secret), secret).toBe(false);
    const redacted = JSON.parse(text);
    expect(redacted.latency).toEqual({ ...plain.latency });
    expect(redacted.conversion).toEqual(plain.conversion);
    expect(
      redacted.compliance.reps.map((r: { rep: string }) => r.rep).every((r: string) => r.startsWith("rep-")),
    ).toBe(true);
  });

  it("gives the same tokens on every run (reports can be compared week over week)", async () => {
    const a = await run(["compliance", "--sla", "sla.example.yaml", "--redact", "--format", "csv"]);
    const b = await run(["compliance", "--sla", "sla.example.yaml", "--redact", "--format", "csv"]);
    expect(a).toBe(b);
    expect(a).toMatch(/^rep-[0-9a-f]{8},/m);
  });

  it("redacts a trace too", async () => {
    const out = await run(["trace", "L-000006", "--sla", "sla.example.yaml", "--redact"]);
    expect(out).toMatch(/Lead L-000006 · name-[0-9a-f]{8} · company-[0-9a-f]{8}/);
    for (const r of reps) expect(out.includes(r)).toBe(false);
  });
});
