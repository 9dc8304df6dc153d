/**
 * examples/acme/engagements.csv read back from the committed files: its shape, its bounds (it moves
 * neither the earliest nor the latest time stamp of the other files, so the audit's period and as-of
 * stay), and the planted classes of the manifest checked row by row against the journeys in
 * stage_history.csv. What the audit makes of them: tests/acme-definition.test.ts.
 */

import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { funnelManifest } from "../../../scripts/generate/acme.js";
import { BADGE_SCAN_CAMPAIGN, ENGAGEMENTS_HEADER } from "../../../scripts/generate/engagements.js";

const root = new URL("../../../", import.meta.url);
const rows = (name: string) =>
  parse(readFileSync(new URL(`examples/acme/${name}`, root), "utf8"), { columns: true }) as Record<
    string,
    string
  >[];
const leads = rows("leads.csv");
const history = rows("stage_history.csv");
const engagements = rows("engagements.csv");
const manifest = funnelManifest({
  seed: 20260501,
  leads: 2000,
  start: "2026-05-01",
  end: "2026-10-31",
  timezone: "America/New_York",
}).definition;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The engagement types sla.example.yaml declares: the file writes each of them, and no other. */
const TYPES = (
  parseYaml(readFileSync(new URL("sla.example.yaml", root), "utf8")) as { engagement_types: string[] }
).engagement_types;
const UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
/** created_at is naive New York time; the months of the example are all in daylight time (UTC-4). */
const created = (text: string) => Date.parse(`${text}-04:00`);
const leadById = new Map(leads.map((l) => [l.lead_id as string, l]));
const byLead = <T extends Record<string, string>>(list: T[]) => {
  const m = new Map<string, T[]>();
  for (const r of list) m.set(r.lead_id as string, [...(m.get(r.lead_id as string) ?? []), r]);
  return m;
};
const engagementsOf = byLead(engagements);
const historyOf = byLead(history);
const isMql = (h: Record<string, string>) => h.status === "Marketing Qualified" || h.status === "MQL";
const INTENT = new Set(["demo_request", "pricing_view", "content_download"]);

describe("examples/acme/engagements.csv", () => {
  it("has the documented columns, the SLA's engagement types and time stamps, and names known leads by their e-mail", () => {
    expect(Object.keys(engagements[0] as object)).toEqual(ENGAGEMENTS_HEADER);
    expect(new Set(engagements.map((e) => e.type))).toEqual(new Set(TYPES));
    for (const e of engagements) {
      expect(e.occurred_at).toMatch(UTC);
      expect(leadById.get(e.lead_id as string)?.email, e.engagement_id).toBe(e.email);
    }
  });

  it("lies within the other files' earliest and latest time stamps (the audit's period and as-of stay)", () => {
    const at = engagements.map((e) => Date.parse(e.occurred_at as string));
    const stamps = [
      ...leads.map((l) => created(l.created_at as string)),
      ...history.map((h) => Date.parse(h.changed_at as string)).filter((t) => !Number.isNaN(t)),
    ];
    expect(Math.min(...at)).toBeGreaterThanOrEqual(Math.min(...stamps));
    expect(Math.max(...at)).toBeLessThanOrEqual(Math.max(...stamps));
  });

  it("gives the badge scans' MQLs no intent at all", () => {
    expect(manifest.badgeScans.leadIds.length).toBeGreaterThan(20);
    for (const id of manifest.badgeScans.leadIds) {
      expect(leadById.get(id)?.campaign).toContain(BADGE_SCAN_CAMPAIGN);
      expect((historyOf.get(id) ?? []).some(isMql), id).toBe(true);
      expect(
        (engagementsOf.get(id) ?? []).filter((e) => INTENT.has(e.type as string)),
        id,
      ).toEqual([]);
    }
  });

  it("plants leads passed late: a demo within an hour of the creation, the MQL 7 to 25 days after it", () => {
    expect(manifest.passedLate.leadIds.length).toBeGreaterThan(10);
    for (const id of manifest.passedLate.leadIds) {
      const demos = (engagementsOf.get(id) ?? []).filter((e) => INTENT.has(e.type as string));
      expect(demos.map((e) => e.type)).toEqual(["demo_request"]);
      const demo = Date.parse((demos[0] as Record<string, string>).occurred_at as string);
      const start = created(leadById.get(id)?.created_at as string);
      expect(demo - start).toBeGreaterThanOrEqual(0);
      expect(demo - start).toBeLessThanOrEqual(HOUR);
      const mql = Date.parse((historyOf.get(id) ?? []).find(isMql)?.changed_at as string);
      expect(mql - demo).toBeGreaterThan(7 * DAY - HOUR);
      expect(mql - demo).toBeLessThan(25 * DAY);
    }
  });

  it("plants leads never passed: a demo request at least 10 days before the export, and still inquiries", () => {
    expect(manifest.neverPassed.leadIds.length).toBeGreaterThan(10);
    const cutoff = Date.parse("2026-11-01T00:00:00-04:00");
    for (const id of manifest.neverPassed.leadIds) {
      const demo = (engagementsOf.get(id) ?? []).find((e) => e.type === "demo_request");
      expect(cutoff - Date.parse(demo?.occurred_at as string), id).toBeGreaterThan(10 * DAY);
      const statuses = (historyOf.get(id) ?? []).map((h) => h.status);
      expect(
        statuses.every((s) => s === "New" || s === "Open - Not Contacted" || s === ""),
        id,
      ).toBe(true);
    }
  });
});
