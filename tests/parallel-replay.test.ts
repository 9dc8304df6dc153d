/**
 * The replay split between the main thread and a worker (src/parallel/replay.ts) must give the
 * report computeAudit gives, byte for byte: every section, every finding in the same order. The
 * worker runs from dist/ (npm test builds first).
 */

import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Dataset } from "../src/ingest/dataset.js";
import { readDataset } from "../src/ingest/index.js";
import { ActivityRows } from "../src/ingest/store/activity-rows.js";
import { EngagementRows } from "../src/ingest/store/engagement-rows.js";
import { History } from "../src/ingest/store/history.js";
import { type AuditOptions, computeAudit } from "../src/metrics/index.js";
import { journeyLeads } from "../src/metrics/journey-leads.js";
import { computeProposals, proposalsOf } from "../src/metrics/proposals.js";
import { toShared } from "../src/paged.js";
import { leadColumns, leadOf } from "../src/parallel/lead-columns.js";
import { computeAuditInParallel, computeAuditInWorker, replayWorkerScript } from "../src/parallel/replay.js";
import { replayAll } from "../src/replay/replay.js";
import type { SlaConfig } from "../src/types.js";
import {
  activity,
  DAY,
  dataset,
  EXAMPLE_AND_PRESETS,
  lead,
  reassign,
  sla,
  slaFile,
  stage,
  T0,
} from "./helpers/builders.js";
import { ENGAGEMENTS, engagementSource, fixtureSla, rule, withEngagements } from "./helpers/engagements.js";
import { HANDOFFS } from "./unit/metrics/fixture.js";

const lean = (options: AuditOptions = {}): AuditOptions => ({ ...options, keep: "report" });

/** The report of one thread and of two, as JSON text. */
async function both(data: Dataset, config: SlaConfig, options: AuditOptions): Promise<[string, string]> {
  const one = computeAudit(data, config, lean(options)).report;
  const two = (await computeAuditInParallel(data, config, lean(options), "always")).report;
  return [JSON.stringify(one, null, 2), JSON.stringify(two, null, 2)];
}

describe("the replay on two threads", () => {
  it("gives the one-thread report on the example and the presets, with every option that tallies more", async () => {
    for (const file of EXAMPLE_AND_PRESETS) {
      const config = slaFile(file);
      const data = await readDataset(config, { workers: "never" });
      const extra = data.extraColumns?.[0];
      const variants: AuditOptions[] = [
        {},
        { by: "source", trend: "week" },
        { by: "owner", trend: "month" },
        { by: "segment" },
        ...(data.reps.some((r) => r.team) ? [{ by: "team" }] : []),
        ...(extra ? [{ by: extra }] : []),
      ];
      for (const options of variants) {
        const [one, two] = await both(data, config, options);
        expect(two, `${file} ${JSON.stringify(options)}`).toBe(one);
      }
    }
  }, 60_000);

  it("keeps the findings' order: after-as-of rows first, then lead after lead across the split", async () => {
    // 6 leads; leads L3..L5 go to the worker. Each lead has a finding of its own (an event dated
    // before its creation), and L1 and L4 rows after as-of.
    const leads = [0, 1, 2, 3, 4, 5].map((i) => lead(`L${i}`, T0 + DAY));
    const events = leads.flatMap((l, i) => [
      stage(l.id, "inquiry", T0 + i * 1000),
      stage(l.id, "mql", T0 + 2 * DAY),
      ...(i === 1 || i === 4 ? [stage(l.id, "sal", T0 + 9 * DAY)] : []),
    ]);
    const acts = leads.map((l) => activity(l.id, "call", T0 + 2 * DAY + 60_000, "Ann"));
    const data = dataset(leads, events, acts);
    const config = sla(HANDOFFS);
    const options = lean({ asOf: T0 + 5 * DAY });
    const one = computeAudit(data, config, options);
    const two = await computeAuditInParallel(data, config, options, "always");
    expect(JSON.stringify(two.report)).toBe(JSON.stringify(one.report));
    const examples = two.report.quality.findings.flatMap((f) => f.examples.map((e) => `${f.code} ${e.lead}`));
    expect(examples).toContain("before_created L4");
    expect(examples).toContain("after_as_of L4");
  });

  it("is the same when the worker cannot start: the main thread replays every lead", async () => {
    const config = slaFile("sla.example.yaml");
    const data = await readDataset(config, { workers: "never" });
    const script = replayWorkerScript.url;
    replayWorkerScript.url = new URL("./no-such-worker.js", script);
    try {
      const [one, two] = await both(data, config, { trend: "week" });
      expect(two).toBe(one);
    } finally {
      replayWorkerScript.url = script;
    }
  });

  it("a worker that fails on its job fails the audit with its error, not a partial report", async () => {
    const config = slaFile("sla.example.yaml");
    const data = await readDataset(config, { workers: "never" });
    const script = replayWorkerScript.url;
    replayWorkerScript.url = new URL("./fixtures/workers/replay-error.mjs", import.meta.url);
    try {
      await expect(computeAuditInParallel(data, config, lean(), "always")).rejects.toThrow(
        "the replay failed",
      );
      // `never` starts no worker (FUNNEL_AUDIT_WORKERS=never): one thread's report.
      const one = await computeAuditInParallel(data, config, lean(), "never");
      expect(JSON.stringify(one.report)).toBe(JSON.stringify(computeAudit(data, config, lean()).report));
    } finally {
      replayWorkerScript.url = script;
    }
  });

  it("the earlier period's group tallies from the leads with a journey by its as-of (onlyGroups): those of every lead, on one thread, two, or in a worker", async () => {
    const config = slaFile("sla.example.yaml");
    const data = await readDataset(config, { workers: "never" });
    // Q2 of the example as of 2026-07-31: the leads created in August to October are not replayed.
    const asOf = Date.UTC(2026, 6, 31, 21);
    const options = lean({
      from: Date.UTC(2026, 3, 1, 4),
      to: Date.UTC(2026, 6, 1, 4) - 1,
      asOf,
      groups: true,
    });
    const only = journeyLeads(data, asOf);
    const kept = only.reduce((n, x) => n + x, 0);
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(data.leads.length / 2 + 300);
    const whole = JSON.stringify(computeAudit(data, config, options).report.group_tallies);
    const filtered = { ...options, onlyGroups: true };
    const runs = [
      computeAudit(data, config, filtered),
      await computeAuditInParallel(data, config, filtered, "always"),
      await computeAuditInWorker(data, config, filtered, "always"),
    ];
    for (const a of runs) expect(JSON.stringify(a.report.group_tallies)).toBe(whole);
  });

  it("the proposals folded during the replay, on one thread or two, are those of the kept obligations", async () => {
    const config = slaFile("sla.example.yaml");
    const data = await readDataset(config, { workers: "never" });
    const kept = computeAudit(data, config, { keep: "obligations" });
    const rows = kept.report.commitments?.rows ?? [];
    const expected = JSON.stringify(computeProposals(config, kept.obligations, kept.contextFor, rows));
    for (const mode of ["never", "always"] as const) {
      const folded = await computeAuditInParallel(data, config, lean({ proposals: true }), mode);
      expect(folded.obligations).toEqual([]);
      expect(JSON.stringify(proposalsOf(config, folded.proposals ?? [], rows)), mode).toBe(expected);
    }
  });

  it("every lead in a worker (the review pack's previous period): the one-thread report; its failure is the audit's", async () => {
    const config = slaFile("sla.example.yaml");
    const data = await readDataset(config, { workers: "never" });
    // Q2 of the example, as of 2026-07-31, with group tallies (what the pack reads).
    const options = lean({ from: Date.UTC(2026, 3, 1, 4), to: Date.UTC(2026, 6, 1, 4) - 1, groups: true });
    const alone = computeAuditInWorker(
      data,
      config,
      { ...options, asOf: Date.UTC(2026, 6, 31, 21) },
      "always",
    );
    const one = computeAudit(data, config, { ...options, asOf: Date.UTC(2026, 6, 31, 21) }).report;
    expect(JSON.stringify((await alone).report)).toBe(JSON.stringify(one));
    expect(one.group_tallies?.handoffs.length).toBe(3);
    const script = replayWorkerScript.url;
    replayWorkerScript.url = new URL("./fixtures/workers/replay-error.mjs", import.meta.url);
    try {
      // The failing script proves a worker ran the job.
      await expect(computeAuditInWorker(data, config, options, "always")).rejects.toThrow(
        "the replay failed",
      );
    } finally {
      replayWorkerScript.url = script;
    }
  });

  it("is not used when timelines or obligations are kept, or for a traced lead", async () => {
    const config = slaFile("sla.example.yaml");
    const data = await readDataset(config, { workers: "never" });
    const traced = data.leads[3]?.id as string;
    const all = await computeAuditInParallel(data, config, { traceLeadId: traced }, "always");
    expect(all.timelines).toHaveLength(data.leads.length);
    const kept = await computeAuditInParallel(data, config, { keep: "obligations" }, "always");
    expect(kept.obligations.length).toBeGreaterThan(0);
    const trace = await computeAuditInParallel(data, config, lean({ traceLeadId: traced }), "always");
    expect(trace.timelines.map((t) => t.lead.id)).toEqual([traced]);
  });
});

describe("what crosses to the worker", () => {
  it("shared rows read in another LeadRows give every lead's rows, and the original still reads them", () => {
    const leads = [lead("A"), lead("B"), lead("C")];
    const events = [
      stage("B", "mql", T0 + 5),
      reassign("A", "Bob", T0 + 1),
      stage("C", "sal", T0 + 2),
      stage("A", "mql", T0 + 3),
    ];
    const acts = [activity("C", "call", T0 + 9, "Ann"), activity("A", "email", T0 + 4, null)];
    const data = dataset(leads, events, acts);
    const before = leads.map((_, i) => [data.history.of(i), data.activities.of(i)]);
    const ids = data.leads.map((l) => l.id);
    const idOf = (i: number) => ids[i] as string;
    const history = History.adopted(data.history.share(), leads.length, idOf);
    const activities = ActivityRows.adopted(data.activities.share(), leads.length, idOf);
    leads.forEach((_, i) => {
      expect(history.of(i)).toEqual(before[i]?.[0]);
      expect(activities.of(i)).toEqual(before[i]?.[1]);
      expect([data.history.of(i), data.activities.of(i)]).toEqual(before[i]);
    });
    expect(history.of(0, T0 + 2).map((e) => e.at)).toEqual([T0 + 1]);
  });

  it("engagements shared read lead by lead in the worker's copy, in time order in the timeline", () => {
    const leads = [lead("A"), lead("B")];
    const place = { file: "e.csv", line: 2 };
    const input = [
      { leadId: "B", type: "form_fill", at: T0 + 7, place },
      { leadId: "A", type: "demo_request", at: T0 + 9, place: { ...place, line: 3 } },
      { leadId: "A", type: "form_fill", at: T0 + 1, place: { ...place, line: 4 } },
    ];
    const rows = EngagementRows.of(leads, input);
    const before = leads.map((_, i) => rows.of(i));
    const adopted = EngagementRows.adopted(rows.share(), leads.length, (i) => (i === 0 ? "A" : "B"));
    leads.forEach((_, i) => {
      expect(adopted.of(i)).toEqual(before[i]);
    });
    expect(adopted.of(0, T0 + 5).map((e) => e.type)).toEqual(["form_fill"]);
    // The instants the audit's tallies read: A's two types, each sorted; none of A's after T0 + 5.
    expect(adopted.instantsOf(0)).toEqual(
      new Map([
        ["demo_request", [T0 + 9]],
        ["form_fill", [T0 + 1]],
      ]),
    );
    expect(adopted.instantsOf(0, T0 + 5)).toEqual(new Map([["form_fill", [T0 + 1]]]));
    expect(rows.instantsOf(1)).toEqual(new Map([["form_fill", [T0 + 7]]]));
    const data = { ...dataset(leads, [stage("A", "mql", T0 + 2)], []), engagements: rows };
    const { timelines } = replayAll(data, sla(), T0 + 8);
    expect(timelines.map((t) => t.engagements.map((e) => `${e.type}@${e.at - T0}`))).toEqual([
      ["form_fill@1"],
      ["form_fill@7"],
    ]);
  });

  it("an audit whose dataset holds engagements and definition fields gives the one-thread report", async () => {
    const dir = join(ENGAGEMENTS, "generic");
    const config = withEngagements(
      fixtureSla("generic", "America/New_York"),
      engagementSource(
        dir,
        "engagements.csv",
        { lead_id: ["lead_id"], at: ["occurred_at"], type: ["type"] },
        {
          rules: [rule("demo_request", ["demo_request"])],
          ignore: ["pricing_page_view", "content_download", "webinar_attended"],
        },
      ),
    );
    const data = await readDataset(config);
    expect(data.engagements?.size).toBe(5);
    const [one, two] = await both(
      { ...data, definitionFields: { company: { lead: "company" } } },
      config,
      {},
    );
    expect(two).toBe(one);
  });

  it("toShared copies onto a SharedArrayBuffer and empties the old buffer", () => {
    const a = new Int32Array([1, -1, 7]);
    const s = toShared(a);
    expect(s.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect([...s]).toEqual([1, -1, 7]);
    expect(a.buffer.byteLength).toBe(0);
    expect(toShared(s)).toBe(s);
    expect(() => toShared(new Float64Array(8).subarray(2))).toThrow(/part of a buffer/);
  });

  it("leads as columns come back with what the replay and the tallies read", () => {
    const leads = [
      lead("L1", T0, { owner: "Ann", source: "Web", companySize: "1-10", extra: { Region: "EMEA" } }),
      lead("Lé2", null, { owner: null, source: null, companySize: null }),
      lead("L3", T0 + 5, { owner: "Bob", source: "Web", place: { file: "b.csv", line: 9 } }),
    ];
    for (const [by, read] of [
      ["segment", (l: (typeof leads)[0]) => l.companySize],
      ["Region", (l: (typeof leads)[0]) => l.extra?.Region ?? null],
      [undefined, () => null],
    ] as const) {
      const c = structuredClone(leadColumns(leads, 1, 2, by));
      for (const i of [1, 2]) {
        const want = leads[i] as (typeof leads)[0];
        const got = leadOf(c, i);
        expect([got.id, got.place, got.createdAt, got.owner, got.source]).toEqual([
          want.id,
          want.place,
          want.createdAt,
          want.owner,
          want.source,
        ]);
        if (by) expect(read(got)).toBe(read(want));
      }
    }
    // The fields the definitions read come too: a lead's own and a leads-file column.
    const c = structuredClone(
      leadColumns(leads, 0, 3, "segment", { size: { lead: "companySize" }, Region: { extra: "Region" } }),
    );
    expect([0, 1, 2].map((i) => [leadOf(c, i).companySize, leadOf(c, i).extra?.Region ?? null])).toEqual([
      ["1-10", "EMEA"],
      [null, null],
      [null, null],
    ]);
  });
});
