/** Shuffling the rows of the example's CSV files changes only the line numbers a report cites. */

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSlaConfig } from "../src/config/parse.js";
import { readDataset } from "../src/ingest/index.js";
import { computeAudit } from "../src/metrics/index.js";
import type { Report } from "../src/metrics/types.js";

const repo = join(import.meta.dirname, "..");
const FILES = [
  "leads.csv",
  "stage_history.csv",
  "activities.csv",
  "owner_history.csv",
  "reps.csv",
  "engagements.csv",
  "competitors.csv",
  "Opportunity.csv",
  "rates.csv",
];

/** Fisher–Yates with a small LCG: the same permutation on every run. */
function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

async function audit(dir: string): Promise<Report> {
  const text = readFileSync(join(repo, "sla.example.yaml"), "utf8").replaceAll("examples/acme/", "");
  const { config } = parseSlaConfig(text, join(dir, "sla.yaml"));
  if (!config) throw new Error("example SLA invalid");
  return computeAudit(await readDataset(config), config).report;
}

/** The report without what depends on row positions or folder names. */
function placeless(r: Report): unknown {
  return {
    ...r,
    sla: { ...r.sla, file: "" },
    inputs: { ...r.inputs, files: r.inputs.files.map((f) => ({ ...f, file: f.file.split("/").pop() })) },
    coverage: {
      ...r.coverage,
      causes: r.coverage.causes.map((c) => ({ ...c, file: c.file.split("/").pop() })),
      over: r.coverage.over.map((o) => ({ ...o, file: o.file.split("/").pop() })),
    },
    quality: {
      ...r.quality,
      findings: r.quality.findings.map((f) => ({ ...f, examples: f.examples.length })),
    },
  };
}

describe("order of rows in the files", () => {
  it("a shuffled copy of examples/acme gives the same report", async () => {
    const original = mkdtempSync(join(tmpdir(), "acme-"));
    const shuffled = mkdtempSync(join(tmpdir(), "acme-shuffled-"));
    FILES.forEach((name, k) => {
      const text = readFileSync(join(repo, "examples/acme", name), "utf8");
      const [header, ...rows] = text.trimEnd().split("\n");
      writeFileSync(join(original, name), text);
      writeFileSync(join(shuffled, name), `${[header, ...shuffle(rows, 17 + k)].join("\n")}\n`);
    });
    const a = await audit(original);
    const b = await audit(shuffled);
    expect(b.inputs.leads).toBe(2000);
    expect(placeless(b)).toEqual(placeless(a));
  });
});
