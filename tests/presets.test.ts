/**
 * Presets from raw export to report (tests/fixtures/presets, README.md there lists every lead's
 * journey). The Salesforce folders are one org exported four ways (API, en_US report, de_DE
 * report with `;` and day-first dates, Excel UTF-16): all must give the same journeys in UTC.
 */

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDataset } from "../src/ingest/index.js";
import { computeAudit } from "../src/metrics/index.js";
import type { Timeline } from "../src/types.js";
import { slaFile } from "./helpers/builders.js";

const root = join(import.meta.dirname, "fixtures", "presets");
const STAGES = ["inquiry", "mql", "sal", "sql", "opportunity", "won"];

async function run(sla: string) {
  const config = slaFile(join(root, sla));
  return computeAudit(await readDataset(config), config);
}

/** Each lead's journeys as "stage@UTC" lists (15-character ids, so renderings compare). */
function journeys(timelines: Timeline[]): Record<string, string[][]> {
  return Object.fromEntries(
    timelines.map((t) => [
      t.lead.id.slice(0, 15),
      t.journeys.map((j) => [
        ...j.entries.flatMap((e, k) =>
          e && !e.backfilled ? [`${STAGES[k]}@${new Date(e.at).toISOString().slice(0, 16)}`] : [],
        ),
        ...(j.end?.outcome ? [`${j.end.outcome}@${new Date(j.end.at).toISOString().slice(0, 16)}`] : []),
      ]),
    ]),
  );
}

describe("salesforce preset", () => {
  it("reads the API export: initial status from the first OldValue, owners through the users file, tasks on the converted contact", async () => {
    const audit = await run("salesforce-api/sla.yaml");
    const j = journeys(audit.timelines);
    expect(j["00Q5e00000Lm1Ab"]).toEqual([
      [
        "inquiry@2021-03-08T14:15",
        "mql@2021-03-08T14:45",
        "sal@2021-03-08T16:31",
        "sql@2021-03-10T19:00",
        "opportunity@2021-03-16T19:20",
      ],
    ]);
    expect(j["00Q5e00000Lm1Ae"]).toEqual([
      [
        "inquiry@2021-03-12T22:55",
        "mql@2021-03-12T23:00",
        "sal@2021-03-15T13:31",
        "recycled@2021-03-19T20:00",
      ],
      ["inquiry@2021-03-19T20:00", "mql@2021-04-01T14:00"],
    ]);
    const l1 = audit.timelines.find((t) => t.lead.id === "00Q5e00000Lm1AbEAJ");
    // Owner at creation is the queue (first Owner OldValue), not the owner at export (Priya).
    expect(l1?.owners.map((o) => o.owner)).toEqual(["Inbound Lead Queue", "Dana Whitfield", "Priya Raman"]);
    // All of L1's tasks moved to its contact on conversion; they are joined back.
    expect(l1?.activities.length).toBeGreaterThanOrEqual(3);
    const f = Object.fromEntries(audit.report.quality.findings.map((x) => [x.code, x.count]));
    expect(f).toMatchObject({ owner_id_row: 7, other_field: 11 });
    expect(f.unknown_lead).toBeUndefined();
  });

  it.each([
    [
      "the en_US report (labels, 15-char ids, M/d/yyyy h:mm a, BOM, CRLF, footer)",
      "salesforce-report/sla.yaml",
    ],
    ["the de_DE report (; delimiter, dd.MM.yyyy HH:mm, Europe/Berlin)", "salesforce-report-eu/sla.yaml"],
  ])("gives the same journeys from %s as from the API export", async (_name, sla) => {
    const api = journeys((await run("salesforce-api/sla.yaml")).timelines);
    const report = await run(sla);
    expect(journeys(report.timelines)).toEqual(api);
  });

  it("reads a report's footer as a footer, not as data", async () => {
    const audit = await run("salesforce-report/sla.yaml");
    expect(audit.report.quality.findings.find((x) => x.code === "report_footer")?.count).toBe(15);
    expect(audit.report.quality.findings.find((x) => x.code === "ragged_row")).toBeUndefined();
  });

  it("reads Excel's UTF-16 tab-delimited save", async () => {
    const audit = await run("excel-utf16/sla.yaml");
    expect(audit.report.inputs.leads).toBe(10);
    const alice = audit.timelines.find((t) => t.lead.id === "00Q5e00000Lm1Ab");
    expect(alice?.lead).toMatchObject({
      name: "Alice Moreno",
      owner: "Priya Raman",
      createdAt: Date.parse("2021-03-08T14:15:00Z"),
    });
    expect(audit.timelines.find((t) => t.lead.id === "00Q5e00000Lm1Ad")?.lead.name).toBe("Chloé Dubois");
  });
});

describe("hubspot preset", () => {
  it('reads lifecycle dates from the "Date entered … (Lifecycle Stage Pipeline)" headers', async () => {
    const j = journeys((await run("hubspot/sla-contacts.yaml")).timelines);
    expect(j["3401"]).toEqual([
      [
        "inquiry@2021-03-08T14:15",
        "mql@2021-03-08T14:45",
        "sal@2021-03-09T15:00",
        "sql@2021-03-11T19:30",
        "opportunity@2021-03-16T19:20",
      ],
    ]);
    expect(j["3406"]?.[0]?.at(-1)).toBe("won@2021-03-30T19:45");
  });

  it('reads the legacy "Became a … Date" headers; the custom stage missing there is skipped (backfilled)', async () => {
    const legacy = journeys((await run("hubspot/sla-contacts-legacy.yaml")).timelines);
    expect(legacy["3401"]).toEqual([
      [
        "inquiry@2021-03-08T14:15",
        "mql@2021-03-08T14:45",
        "sql@2021-03-11T19:30",
        "opportunity@2021-03-16T19:20",
      ],
    ]);
  });

  it("counts a call naming two contacts as a touch of each, and only listed outcomes as touches", async () => {
    const audit = await run("hubspot/sla-contacts.yaml");
    const touches = (id: string) =>
      audit.timelines.find((t) => t.lead.id === id)?.activities.map((a) => `${a.type}:${a.status}`);
    expect(touches("3401")).toContain("call:No answer");
    expect(touches("3406")).toContain("call:No answer");
    expect(touches("3402")).toEqual(["call:Left voicemail", "email:Incoming email"]);
  });
});
