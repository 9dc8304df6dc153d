/**
 * The workers of the histories and activities start once those files' date layouts are decided,
 * while the engagements' are decided (src/ingest/index.ts, decideDates' `early`). When the
 * engagements' dates then cannot be decided (exit 2), the read fails with that error, as before,
 * and every worker started early is stopped. (tests/parallel.test.ts compares reads with and
 * without workers where every layout is decided.)
 */

import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { UserError } from "../../../src/errors.js";
import { readDataset } from "../../../src/ingest/index.js";
import { RowsWorker } from "../../../src/parallel/rows.js";
import { BASE_SLA, slaFile } from "../../helpers/builders.js";

afterEach(() => vi.restoreAllMocks());

/** 30 leads with history and calls in ISO; engagements whose dates are `dates` (one per lead). */
function writeFixture(dir: string, dates: (n: number) => string): string {
  const leads = ["lead_id,created_at,owner"];
  const history = ["lead_id,status,changed_at"];
  const calls = ["activity_id,lead_id,owner,type,occurred_at"];
  const engagements = ["lead_id,type,occurred_at,detail"];
  for (let n = 1; n <= 30; n++) {
    const day = String(n % 28 || 28).padStart(2, "0");
    leads.push(`L-${n},2020-06-${day}T09:00:00Z,Rep 1`);
    history.push(`L-${n},New,2020-06-${day}T09:00:00Z`, `L-${n},MQL,2020-06-${day}T10:00:00Z`);
    calls.push(`A-${n},L-${n},Rep 1,call,2020-06-${day}T11:00:00Z`);
    engagements.push(`L-${n},Page View,${dates(n)},/pricing`);
  }
  for (const [name, rows] of [
    ["leads.csv", leads],
    ["history.csv", history],
    ["activities.csv", calls],
    ["engagements.csv", engagements],
  ] as const)
    writeFileSync(join(dir, name), `${rows.join("\n")}\n`);
  const file = join(dir, "sla.yaml");
  writeFileSync(
    file,
    `engagement_types: [pricing_view]
${BASE_SLA.replace(/sources:[\s\S]*$/, "")}sources:
  leads: { file: leads.csv, columns: { id: lead_id, created_at: created_at, owner: owner } }
  stage_history: { file: history.csv, columns: { lead_id: lead_id, stage: status, at: changed_at } }
  activities:
    - { file: activities.csv, columns: { lead_id: lead_id, owner: owner, type: type, at: occurred_at } }
  engagements:
    file: engagements.csv
    columns: { lead_id: lead_id, type: type, at: occurred_at, detail: detail }
    types:
      pricing_view: { values: ["Page View"], detail_contains: /pricing }
`,
  );
  return file;
}

describe("workers started before every date layout is decided", () => {
  it("are stopped when the engagements' dates cannot be decided, and the read fails with that error", async () => {
    const dir = mkdtempSync(join(tmpdir(), "early-workers-"));
    try {
      // Day and month both at most 12 in every value: day first and month first both read them.
      const config = slaFile(writeFixture(dir, (n) => `0${(n % 9) + 1}-0${(n % 7) + 1}-2020 15:38`));
      const stop = vi.spyOn(RowsWorker.prototype, "stop");
      const read = readDataset(config, { workers: "always" });
      await expect(read).rejects.toBeInstanceOf(UserError);
      await expect(read).rejects.toThrow(/every date fits both day first and month first/);
      // The history and activities workers started (their files were decided first), and each stopped.
      await vi.waitFor(() => expect(stop.mock.instances.length).toBeGreaterThanOrEqual(2));
      expect(new Set(stop.mock.instances).size).toBe(stop.mock.instances.length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
