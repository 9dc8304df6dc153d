/**
 * The fast path (hand-written tokenizer, fixed-layout time stamps, per-day zone offsets) must give
 * the same report as the straightforward path (csv-parse, the general time-stamp parser), byte
 * for byte, on every kind of input we have: the example, the preset fixtures (BOM, CRLF, report
 * footers, `;` and day-first dates, UTF-16) and the hostile corpus cases that audit.
 */

import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDataset } from "../src/ingest/index.js";
import { computeAudit } from "../src/metrics/index.js";
import { renderReport, SECTIONS } from "../src/report/index.js";
import { EXAMPLE_AND_PRESETS, slaFile } from "./helpers/builders.js";

const repo = join(import.meta.dirname, "..");

/** The JSON report, by the straightforward path (every activity kept) or the CLI's fast one. */
async function report(file: string, reference: boolean, asOf?: number): Promise<string> {
  const config = slaFile(file);
  const dataset = await readDataset(config, reference ? { reference } : { compact: asOf ? { asOf } : {} });
  const audit = computeAudit(dataset, config, asOf ? { asOf } : {});
  return renderReport(audit.report, "json", SECTIONS, {} as never);
}

const cases = [
  ...EXAMPLE_AND_PRESETS,
  "tests/corpus/csv-ragged-rows/sla.yaml",
  "tests/corpus/csv-invalid-utf8/sla.yaml",
  "tests/corpus/csv-nul-byte/sla.yaml",
  "tests/corpus/csv-year-0001-9999/sla.yaml",
  "tests/corpus/csv-duplicate-lead-ids/sla.yaml",
  "tests/corpus/csv-unknown-lead-events/sla.yaml",
].filter((f) => existsSync(join(repo, f)));

describe("fast path = straightforward path, byte for byte", () => {
  it("covers the example and the fixtures", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });
  for (const file of cases)
    it(file, async () => {
      const path = join(repo, file);
      const fast = await report(path, false);
      expect(fast.length).toBeGreaterThan(1000);
      expect(fast).toBe(await report(path, true));
    });

  it("with an as-of in the middle of the data (later activities are findings, kept whole)", async () => {
    const path = join(repo, "sla.example.yaml");
    const asOf = Date.parse("2026-08-15T12:00:00Z");
    const fast = await report(path, false, asOf);
    expect(fast).toContain('"code": "after_as_of"');
    expect(fast).toBe(await report(path, true, asOf));
  });
});

describe("compact ingest keeps what can answer an obligation, and no more", () => {
  it("lets most of the example's activities go, and keeps a traced lead's", async () => {
    const config = slaFile(join(repo, "sla.example.yaml"));
    const all = await readDataset(config);
    const compact = await readDataset(config, { compact: {} });
    expect(compact.activities.all().length).toBeLessThan(all.activities.all().length);
    const lead = "L-000002";
    const traced = await readDataset(config, { compact: { keepLead: lead } });
    const of = (d: typeof all) => d.activities.all().filter((a) => a.leadId === lead).length;
    expect(of(traced)).toBe(of(all));
    // Every owner named by an activity is still known (redaction replaces them all).
    const owners = new Set(all.activities.all().flatMap((a) => (a.owner ? [a.owner] : [])));
    expect(new Set(compact.activityOwners)).toEqual(owners);
  });

  it("lets go of e-mails and names when asked, but the kept lead's, after the lead checks used them", async () => {
    // Without its lead definition: the example's reads the e-mails (never: free or disposable e-mail).
    const example = slaFile(join(repo, "sla.example.yaml"));
    const config = { ...example, definitions: null };
    const all = await readDataset(config);
    const lead = "L-000002";
    const slim = await readDataset(config, { compact: { keepLead: lead }, dropContacts: true });
    const others = slim.leads.filter((l) => l.id !== lead);
    expect(others.every((l) => l.email === null && l.name === null)).toBe(true);
    const kept = (d: typeof all) => d.leads.find((l) => l.id === lead);
    expect(kept(slim)?.email).toBe(kept(all)?.email);
    expect(kept(slim)?.email).not.toBeNull();
    // The checks ran on the e-mails before they were let go: the same findings.
    expect(slim.findings.filter((f) => f.code.includes("email"))).toEqual(
      all.findings.filter((f) => f.code.includes("email")),
    );
    // With it, the e-mails stay (the definition judges them); the names still go.
    const judged = await readDataset(example, { compact: { keepLead: lead }, dropContacts: true });
    const rest = judged.leads.filter((l) => l.id !== lead);
    expect(rest.every((l) => l.name === null)).toBe(true);
    expect(rest.filter((l) => l.email !== null).length).toBeGreaterThan(1900);
  });
});
