/**
 * A trace starts the worker that filters the other files for the lead (Reading.filterAhead) only
 * when a read will take from it: here the leads file is not UTF-8, so every pass over it is whole,
 * every id is "near" the lead, and filteredLeads gives up (more than 64): without --as-of no read is
 * then filtered, and a worker started anyway would filter every other file for nothing, on the core
 * the whole read's own workers need. (Found by a review: the worker used to start before that check.)
 */

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readDataset } from "../../src/ingest/index.js";
import { FilterAhead } from "../../src/parallel/filter-ahead.js";
import { BASE_SLA, slaFile } from "../helpers/builders.js";

const pad = (n: number) => String(n).padStart(4, "0");

function writeFixture(dir: string): string {
  // 200 leads; one name in Windows-1252 (0xE9), so the leads file is read as Windows-1252, whole.
  const leads = ["lead_id,created_at,email,owner"];
  const history = ["lead_id,status,changed_at,reason"];
  for (let n = 1; n <= 200; n++) {
    const at = `2026-01-${String((n % 28) + 1).padStart(2, "0")}T09:00:00Z`;
    leads.push(`L-${pad(n)},${at},p${n}@example.com,${n === 7 ? "Ren\u00e9" : "Rep"}`);
    history.push(`L-${pad(n)},New,${at},`, `L-${pad(n)},MQL,${at.replace("T09", "T10")},`);
  }
  writeFileSync(join(dir, "leads.csv"), Buffer.from(`${leads.join("\n")}\n`, "latin1"));
  writeFileSync(join(dir, "history.csv"), `${history.join("\n")}\n`);
  const file = join(dir, "sla.yaml");
  writeFileSync(
    file,
    `${BASE_SLA.replace(/sources:[\s\S]*$/, "")}sources:
  leads: { file: leads.csv, columns: { id: lead_id, created_at: created_at, email: email, owner: owner } }
  stage_history: { file: history.csv, columns: { lead_id: lead_id, stage: status, at: changed_at, reason: reason } }
`,
  );
  return file;
}

afterEach(() => vi.restoreAllMocks());

describe("the filtering worker of a trace", () => {
  it.each([false, true])("is started only when a read takes from it (--as-of given: %s)", async (asOf) => {
    const dir = mkdtempSync(join(tmpdir(), "filter-ahead-read-"));
    try {
      const config = slaFile(writeFixture(dir));
      const start = vi.spyOn(FilterAhead, "start");
      const take = vi.spyOn(FilterAhead.prototype, "take");
      await readDataset(config, {
        workers: "always",
        onlyLead: "L-0002",
        dropContacts: true,
        compact: { keepLead: "L-0002", ...(asOf ? { asOf: Date.UTC(2026, 2, 1) } : {}) },
      });
      const started = start.mock.results.filter((r) => r.value !== null).length;
      const taken = (await Promise.all(take.mock.results.map((r) => r.value))).filter((t) => t !== null);
      // A worker started and never taken from filtered every file for nothing.
      if (started > 0) expect(taken.length).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
