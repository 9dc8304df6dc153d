/**
 * Regression (from review): row order must never matter (docs/definitions.md, Replay: "so the order of rows in the
 * files never matters"; brief: no dependence on input row order).
 *
 * src/ingest/sources/leads.ts:112-121 keeps the FIRST row of a duplicated lead id in file order. Two rows
 * for L1 with different created times/owners give different reports depending on which comes
 * first. Fix: pick the surviving row by content (e.g. earliest created, then smallest line
 * content), or report both and drop both.
 */

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSlaConfig } from "../../src/config/parse.js";
import { readDataset } from "../../src/ingest/index.js";
import { BASE_SLA } from "../helpers/builders.js";

async function leadOf(rows: string[]) {
  const dir = mkdtempSync(join(tmpdir(), "review-dup-"));
  writeFileSync(join(dir, "leads.csv"), `id,created_at,owner\n${rows.join("\n")}\n`);
  writeFileSync(join(dir, "history.csv"), "lead_id,stage,at\n");
  writeFileSync(join(dir, "activities.csv"), "lead_id,type,at\n");
  const { config } = parseSlaConfig(BASE_SLA, join(dir, "sla.yaml"));
  if (!config) throw new Error("bad SLA");
  const d = await readDataset(config);
  const l = d.leads[0];
  return { createdAt: l?.createdAt, owner: l?.owner };
}

describe("duplicate lead ids", () => {
  it("the lead kept for a duplicated id does not depend on which row comes first", async () => {
    const a = "L1,2026-01-05T00:00:00Z,Ann";
    const b = "L1,2026-02-01T00:00:00Z,Bob";
    expect(await leadOf([b, a])).toEqual(await leadOf([a, b]));
  });
});
