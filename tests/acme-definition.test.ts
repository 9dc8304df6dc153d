/**
 * The lead definition of sla.example.yaml run on examples/acme (the built CLI, `audit --format json`)
 * finds what the generator planted. The expected figures come from the generator's manifest
 * (scripts/generate/engagements.ts decides each journey's engagements and records the class it falls
 * in), never from the report itself:
 *
 * - met entries = passedOnTime + passedLate (the only fit leads with intent at their MQL);
 * - marketing's clock: met = passedOnTime, late = passedLate, missed = neverPassed, pending = 0
 *   (no other journey ever meets the definition before its MQL);
 * - intent is the criterion failed most: at least the badge scans and the quick recycles;
 * - fit and go-nowhere failures: at least the clean leads of each class, at most those plus the
 *   MQL rows of leads with planted data problems (the replay may count fewer of those);
 * - the badge-scan campaign's MQLs: none met, intent the top failure.
 */

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { BADGE_SCAN_CAMPAIGN } from "../scripts/generate/engagements.js";
import { acmeManifest, auditAcme, built, repo } from "./helpers/acme-audit.js";

const truth = acmeManifest().definition;

interface Criterion {
  name: string;
  kind: string;
  failed: number;
}
interface GroupRow {
  key: string;
  entries: number;
  met: number;
  top_failed: string | null;
}
interface Definitions {
  stages: {
    stage: string;
    entries: number;
    met: number;
    not_met: number;
    criteria: Criterion[];
    by: { dimension: string; groups: GroupRow[] }[];
  }[];
  leakage: {
    stage: string;
    obligations: number;
    met: number;
    late: number;
    missed: number;
    pending: number;
  }[];
  engagements: { engagements: number };
}

function audit(): Definitions {
  return auditAcme().definitions as Definitions;
}

describe.skipIf(!built)("the acme example's lead definition finds the planted truth", () => {
  const defs = built ? audit() : ({} as Definitions);
  const mql = () => defs.stages.find((s) => s.stage === "mql");
  const criterion = (name: string) => mql()?.criteria.find((c) => c.name.includes(name)) as Criterion;
  const bounded = (name: string, clean: number) => {
    const failed = criterion(name).failed;
    expect(failed, name).toBeGreaterThanOrEqual(clean);
    expect(failed, name).toBeLessThanOrEqual(clean + truth.dataProblems.entries);
  };

  it("reads every engagement row", () => {
    const lines = readFileSync(join(repo, "examples/acme/engagements.csv"), "utf8").trimEnd().split("\n");
    expect(defs.engagements.engagements).toBe(lines.length - 1);
  });

  it("counts met exactly the MQLs that had fit and intent, and intent as the criterion failed most", () => {
    const stage = mql();
    expect(stage?.met).toBe(truth.passedOnTime.entries + truth.passedLate.entries);
    expect(stage?.not_met).toBeGreaterThanOrEqual(truth.badgeScans.entries + truth.recycledSoon.entries);
    const intent = criterion("Showed buying intent");
    expect(intent.failed).toBeGreaterThanOrEqual(truth.badgeScans.entries + truth.recycledSoon.entries);
    const most = Math.max(...(stage?.criteria ?? []).map((c) => c.failed));
    expect(intent.failed).toBe(most);
  });

  it("fails the fit and go-nowhere criteria on the leads of each class", () => {
    bounded("Company of 11 or more", truth.tooSmall.entries);
    bounded("Not a consultant", truth.consultants.entries);
    bounded("Competitor", truth.competitors.entries);
    bounded("Student or intern", truth.studentsInterns.entries);
    expect(criterion("Free or disposable e-mail").failed).toBe(0);
  });

  it("finds none of the badge scans' MQLs met, for want of intent, campaign by campaign", () => {
    // Expected entries per campaign, from the files: the badge-scan leads' MQL rows.
    const csv = (name: string) =>
      parse(readFileSync(join(repo, "examples/acme", name), "utf8"), { columns: true }) as Record<
        string,
        string
      >[];
    const campaignOf = new Map(csv("leads.csv").map((l) => [l.lead_id, l.campaign as string]));
    const expected = new Map<string, number>();
    const scans = new Set(truth.badgeScans.leadIds);
    for (const { lead_id: id, status } of csv("stage_history.csv")) {
      if (!scans.has(id as string) || (status !== "Marketing Qualified" && status !== "MQL")) continue;
      const key = campaignOf.get(id) as string;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const campaigns = mql()?.by.find((b) => b.dimension === "campaign")?.groups ?? [];
    const rows = campaigns.filter((r) => r.key.includes(BADGE_SCAN_CAMPAIGN));
    // The two big quarters are listed (a campaign with few entries may fall under "others").
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const r of rows) {
      expect(r.entries, r.key).toBeGreaterThanOrEqual(expected.get(r.key) ?? Number.NaN);
      expect(r.entries, r.key).toBeLessThanOrEqual((expected.get(r.key) ?? 0) + truth.dataProblems.entries);
      expect(r.met, r.key).toBe(0);
      expect(r.top_failed, r.key).toBe("Showed buying intent");
    }
  });

  it("times marketing's pass: the planted late and never-passed demo requests, the rest on time", () => {
    const row = defs.leakage.find((l) => l.stage === "mql");
    const { passedOnTime, passedLate, neverPassed } = truth;
    expect(row).toMatchObject({
      met: passedOnTime.entries,
      late: passedLate.leadIds.length,
      missed: neverPassed.leadIds.length,
      pending: 0,
      obligations: passedOnTime.entries + passedLate.leadIds.length + neverPassed.leadIds.length,
    });
  });
});
