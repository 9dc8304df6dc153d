/**
 * OpportunityHistory (a row per change with the stage and amount from then on) folded into an
 * opportunity's history, and a Salesforce report export's M/d/yyyy dates decided per column.
 */

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSlaConfig } from "../../../src/config/load.js";
import { readDataset } from "../../../src/ingest/index.js";
import type { SlaConfig } from "../../../src/types.js";

/** A folder with the files and an SLA naming them. */
async function folder(files: Record<string, string>, sources: string): Promise<SlaConfig> {
  const dir = mkdtempSync(join(tmpdir(), "opp-history-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  writeFileSync(
    join(dir, "sla.yaml"),
    `version: 1\ntimezone: UTC\nstages: [{ id: lead, matches: [Open] }, { id: mql, matches: [MQL] }]\nsources:\n${sources}`,
  );
  const { config } = await loadSlaConfig(join(dir, "sla.yaml"));
  return config as SlaConfig;
}

const LEADS =
  "Id,CreatedDate,Status,ConvertedOpportunityId\n00Q000000000001AAA,2026-01-02T09:00:00Z,MQL,006000000000001AAA\n";

describe("OpportunityHistory rows", () => {
  it("the first row holds the values at creation; each later row what changed (a row changing nothing adds nothing)", async () => {
    const config = await folder(
      {
        "Lead.csv": LEADS,
        "Opportunity.csv":
          "Id,StageName,Amount,CloseDate,IsClosed,IsWon,CreatedDate\n006000000000001AAA,Closed Won,1500,2026-02-01,true,true,2026-01-05T10:00:00Z\n",
        // Rows out of order: folded by time. Row 3 repeats row 2's values (a CloseDate change only).
        "OpportunityHistory.csv": [
          "Id,OpportunityId,StageName,Amount,CloseDate,CreatedDate",
          "008000000000003AAA,006000000000001AAA,Negotiation/Review,1500,2026-02-15,2026-01-20T10:00:00Z",
          "008000000000001AAA,006000000000001AAA,Prospecting,1000,2026-02-15,2026-01-05T10:00:00Z",
          "008000000000004AAA,006000000000001AAA,Negotiation/Review,1500,2026-02-01,2026-01-25T10:00:00Z",
          "008000000000005AAA,006000000000001AAA,Closed Won,1500,2026-02-01,2026-02-01T15:00:00Z",
          "",
        ].join("\n"),
      },
      "  leads: { file: Lead.csv, preset: salesforce }\n  opportunities: { file: Opportunity.csv, preset: salesforce }\n  opportunity_history: { file: OpportunityHistory.csv, preset: salesforce }\n",
    );
    const ds = await readDataset(config);
    const [o] = ds.opportunities ?? [];
    expect(o?.leadId).toBe("00Q000000000001AAA");
    expect(o?.history.map(({ place, ...c }) => ({ line: place.line, ...c }))).toEqual([
      { line: 3, at: Date.parse("2026-01-05T10:00:00Z"), amount: 1000, stage: "Prospecting", state: "open" },
      {
        line: 2,
        at: Date.parse("2026-01-20T10:00:00Z"),
        amount: 1500,
        stage: "Negotiation/Review",
        state: "open",
      },
      { line: 5, at: Date.parse("2026-02-01T15:00:00Z"), stage: "Closed Won", state: "won" },
    ]);
    // Every history row is used (folded), even one that changes nothing shown here.
    expect(Object.entries(ds.usedRows ?? {}).find(([f]) => f.endsWith("OpportunityHistory.csv"))?.[1]).toBe(
      4,
    );
  });
});

describe("a Salesforce report export's dates", () => {
  it("Created Date and Close Date in M/d/yyyy are decided from the column's values (13/1 says month first)", async () => {
    const config = await folder(
      {
        "leads.csv": "Lead ID,Create Date,Lead Status\n00Q000000000001AAA,1/2/2026,MQL\n",
        "opps.csv": [
          "Opportunity ID,Opportunity Name,Stage,Amount,Close Date,Created Date,Lead ID",
          '006000000000001AAA,Acme,Closed Won,"$1,500.00",2/13/2026,1/5/2026,00Q000000000001AAA',
          '006000000000002AAA,Globex,Prospecting,"$900.00",3/31/2026,1/6/2026,',
          "",
        ].join("\n"),
      },
      "  leads: { file: leads.csv, preset: salesforce }\n  opportunities: { file: opps.csv, preset: salesforce, columns: { lead_id: Lead ID } }\n",
    );
    const ds = await readDataset(config);
    expect(
      ds.opportunities?.map((o) => [o.id.slice(-4), o.createdAt, o.closedAt, o.amount, o.currency, o.leadId]),
    ).toEqual([
      ["1AAA", Date.UTC(2026, 0, 5), Date.UTC(2026, 1, 13), 1500, "$", "00Q000000000001AAA"],
      ["2AAA", Date.UTC(2026, 0, 6), null, 900, "$", null],
    ]);
  });
});
