/**
 * `trace` without `--as-of` types most rows straight from the byte filter's text (the takers of
 * src/parallel/stamp-taker.ts and src/ingest/sources/lead-creations.ts): on files longer than one
 * 64 KB chunk, the as-of and the trace must still be the whole read's.
 */

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import type { Dataset } from "../src/ingest/dataset.js";
import { readDataset } from "../src/ingest/index.js";
import { traceLead } from "../src/metrics/trace.js";
import { traceJson } from "../src/report/trace.js";
import { traceCsv, traceMarkdown } from "../src/report/trace-formats.js";
import { slaFile, writeSlaWith } from "./helpers/builders.js";

const LEADS = 4000;
const DAY = 86_400_000;
const JAN1 = Date.UTC(2026, 0, 1);
const iso = (t: number) => new Date(t).toISOString().replace(".000Z", "Z");
const pad = (n: number) => String(n).padStart(4, "0");

/**
 * 4,000 leads, lead n created at 09:00 on day n % 100 of 2026 (1 January to 10 April), New at
 * 09:00 and MQL at 10:00 that day, a call at 11:00. Each file is over 64 KB (leads about 170 KB,
 * history 270 KB, calls 250 KB), so most rows come after the first chunk, where the takers work.
 * Appended after them (latest first in what counts):
 * - L-4000, created 12 June 09:00 at the end of the leads file; its call of 14 June 10:00 is the
 *   latest kept stamp: the as-of. Its gap to the bulk (10 April) is 65 days, under 90.
 * - L-3999's history row of 10 June 10:00.
 * - Rows the ingest drops, each later, so each would move the as-of: a call of a lead not in the
 *   file (20 June), a stage not declared (21 June), a history row of an unknown lead (22 June).
 * - Rows the takers leave to the table: quoted cells, a ragged row, the header again, a name
 *   past ASCII, all within the bulk.
 */
function writeFixture(dir: string, count = LEADS): string {
  const leads = ["lead_id,created_at,email,owner"];
  const history = ["lead_id,status,changed_at,reason"];
  const acts = ["activity_id,lead_id,owner,type,status,occurred_at"];
  for (let n = 1; n < count; n++) {
    const at = JAN1 + (n % 100) * DAY + 9 * 3_600_000;
    leads.push(`L-${pad(n)},${iso(at)},p${n}@example.com,Rep ${n % 3}`);
    history.push(`L-${pad(n)},New,${iso(at)},`, `L-${pad(n)},MQL,${iso(at + 3_600_000)},`);
    acts.push(`A${pad(n)},L-${pad(n)},Rep 1,call,completed,${iso(at + 2 * 3_600_000)}`);
  }
  leads.push(`L-4000,2026-06-12T09:00:00Z,p4000@example.com,"Rep, Jr"`, "L-0005,2026-02-01T09:00:00Z,x,Zoë");
  history.push(
    "L-3999,MQL,2026-06-10T10:00:00Z,",
    "L-0001,Bogus,2026-06-21T10:00:00Z,",
    "L-9999,MQL,2026-06-22T10:00:00Z,",
    `"L-0002",SAL,2026-03-01T10:00:00Z,"asked, then yes"`,
    "L-0003,SAL,2026-03-02T10:00:00Z",
    "lead_id,status,changed_at,reason",
    "L-0004,SAL,2026-03-03T10:00:00Z,Zoë said yes",
  );
  acts.push(
    "A9000,L-4000,Rep 1,call,completed,2026-06-14T10:00:00Z",
    "A9001,L-9998,Rep 1,call,completed,2026-06-20T10:00:00Z",
  );
  writeFileSync(join(dir, "leads.csv"), `${leads.join("\n")}\n`);
  writeFileSync(join(dir, "history.csv"), `${history.join("\n")}\n`);
  writeFileSync(join(dir, "activities.csv"), `${acts.join("\n")}\n`);
  return writeSlaWith(
    dir,
    `  leads: { file: leads.csv, columns: { id: lead_id, created_at: created_at, email: email, owner: owner } }
  stage_history: { file: history.csv, columns: { lead_id: lead_id, stage: status, at: changed_at, reason: reason } }
  activities:
    - { file: activities.csv, columns: { lead_id: lead_id, owner: owner, type: type, status: status, at: occurred_at } }
`,
  );
}

describe("trace without --as-of on files of many chunks", () => {
  it.each(["never", "always"] as const)(
    "(workers: %s) finds the whole read's as-of and trace, the rows the ingest drops left out",
    async (workers) => {
      const dir = mkdtempSync(join(tmpdir(), "trace-takers-"));
      try {
        const config = slaFile(writeFixture(dir));
        const read = (only: boolean, id: string) =>
          readDataset(config, {
            workers,
            compact: { keepLead: id },
            dropContacts: true,
            ...(only ? { onlyLead: id } : {}),
          });
        const out = (data: Dataset, id: string) => {
          const t = traceLead(data, config, {}, id);
          return t
            ? [String(t.asOf), traceJson(t, config), traceCsv(t, config), traceMarkdown(t, config)]
            : null;
        };
        for (const id of ["L-0002", "L-3999", "L-4000"]) {
          const [whole, filtered] = [await read(false, id), await read(true, id)];
          expect(whole.latest).toBe(Date.UTC(2026, 5, 14, 10));
          expect(filtered.latest).toBe(whole.latest);
          expect(filtered.earliest).toBe(whole.earliest);
          expect(out(filtered, id)).toEqual(out(whole, id));
          // The filtered read typed in full only the lead's rows (and the odd rows of the files).
          expect(filtered.rowCounts[join(dir, "history.csv")]).toBeLessThan(20);
        }
        const r = fakeIo({ NO_COLOR: "1" });
        expect(
          await main(["trace", "L-4000", "--sla", join(dir, "sla.yaml"), "--format", "json"], r.io),
        ).toBe(0);
        expect(r.stdout()).toContain('"as_of": "2026-06-14T10:00:00Z"');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});

describe("trace without --as-of on a file the workers refuse", () => {
  it("reports the refusal (a missing column) as the read's error, never as an unhandled rejection", async () => {
    // The stamps pass takes every worker at once; the activities worker finds its table lacks the
    // mapped type column while the history is still being read. That refusal must come out of the
    // read, once, when the pass reaches the activities: not as a rejection nobody handles.
    const dir = mkdtempSync(join(tmpdir(), "trace-refused-"));
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on("unhandledRejection", onUnhandled);
    try {
      // 40,000 leads: the history takes long enough to read for the activities' refusal to come first.
      const config = slaFile(writeFixture(dir, 40_000));
      const acts = join(dir, "activities.csv");
      writeFileSync(acts, readFileSync(acts, "utf8").replace("owner,type,status", "owner,kind,status"));
      for (let run = 0; run < 3; run++) {
        const read = readDataset(config, { workers: "always", onlyLead: "L-0002", dropContacts: true });
        await expect(read).rejects.toThrow(/activities\.csv: missing column/);
      }
      // Rejections nobody handled are reported after the turn they happen in.
      await new Promise((r) => setTimeout(r, 50));
      expect(unhandled).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
