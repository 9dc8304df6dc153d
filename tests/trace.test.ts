/**
 * `trace`: the traced lead is replayed alone, with the call the audit makes for it, so its
 * timeline and clocks must be the audit's; every --format it lists is honoured, and the options
 * it cannot honour are refused (exit 2), never ignored.
 */

import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { asOfTip, LARGE_INPUTS } from "../src/cli/commands/trace.js";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import type { Dataset } from "../src/ingest/dataset.js";
import { readDataset } from "../src/ingest/index.js";
import { computeAudit } from "../src/metrics/index.js";
import { traceLead } from "../src/metrics/trace.js";
import { traceJson } from "../src/report/trace.js";
import { traceCsv, traceMarkdown } from "../src/report/trace-formats.js";
import type { SlaConfig, SourceDef } from "../src/types.js";
import { BASE_SLA, EXAMPLE_AND_PRESETS, slaFile } from "./helpers/builders.js";

async function run(args: string[]) {
  const f = fakeIo({ NO_COLOR: "1" });
  const code = await main(args, f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr() };
}

describe("trace computes what the audit computes for the lead", () => {
  it("equals the audit's timeline and its obligations in the period, lead after lead (example and presets)", async () => {
    for (const file of EXAMPLE_AND_PRESETS) {
      const config = slaFile(file);
      const data = await readDataset(config, { workers: "never" });
      // Every fifth lead, and as of the data's latest stamp and of an instant in the middle.
      const ids = data.leads.filter((_, i) => i % 5 === 0).map((l) => l.id);
      const middle = data.earliest !== null && data.latest !== null ? (data.earliest + data.latest) / 2 : 0;
      for (const asOf of [undefined, middle]) {
        const options = asOf === undefined ? {} : { asOf };
        const audit = computeAudit(data, config, { ...options, keep: "all" });
        for (const id of ids.slice(0, 40)) {
          const trace = traceLead(data, config, options, id);
          const timeline = audit.timelines.find((t) => t.lead.id === id);
          expect(trace?.asOf).toBe(audit.asOf);
          // The audit keeps replay steps only for a traced lead; everything else must be equal.
          expect({ ...trace?.timeline, steps: null }).toEqual({ ...timeline, steps: null });
          const mine = trace?.obligations ?? [];
          for (const o of audit.obligations.filter((x) => x.leadId === id)) expect(mine).toContainEqual(o);
        }
      }
    }
  });

  it("keeps the steps the audit keeps for a traced lead", async () => {
    const config = slaFile("sla.example.yaml");
    const data = await readDataset(config, { workers: "never" });
    const audit = computeAudit(data, config, { traceLeadId: "L-000006", keep: "report" });
    expect(traceLead(data, config, {}, "L-000006")?.timeline.steps).toEqual(audit.timelines[0]?.steps);
    expect(traceLead(data, config, {}, "L-999999")).toBeNull();
  });
});

describe("trace --format", () => {
  const trace = (...more: string[]) => run(["trace", "L-000006", "--sla", "sla.example.yaml", ...more]);

  it("csv is the replay steps, one row each, full instants in the SLA's zone", async () => {
    const r = await trace("--format", "csv");
    expect(r.code).toBe(0);
    const rows = r.stdout.trimEnd().split("\n");
    // stage_history.csv:11 is `L-000006,MQL,2026-05-04T17:22:08Z`: 17:22:08 UTC is 13:22:08 EDT.
    expect(rows[0]).toBe("at,journey,input,effect,place");
    expect(rows).toContain("2026-05-04T13:22:08-04:00,1,MQL,entered mql,examples/acme/stage_history.csv:11");
    // created, New (ignored), owner change, MQL, Sales Accepted: the five steps of the table trace.
    expect(rows).toHaveLength(1 + 5);
  });

  it("md is a heading and a table per part; html a page under the CSP with the same rows", async () => {
    const md = await trace("--format", "md");
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^## Lead L-000006 as of 2026-10-31 17:49 America\/New_York\n/);
    for (const title of ["Owners", "Replay", "Journeys", "SLA clocks", "Activities"])
      expect(md.stdout).toContain(`### ${title}\n`);
    expect(md.stdout).toContain(
      "| 2026-05-04 13:22 | 1 | MQL | entered mql | examples/acme/stage_history.csv:11 |",
    );
    const page = await trace("--format", "html");
    expect(page.code).toBe(0);
    expect(page.stdout).toContain("Content-Security-Policy");
    expect(page.stdout).not.toContain("<script");
    expect(page.stdout).toContain('<td class="">entered mql</td>');
  });
});

describe("trace refuses the options it cannot honour", () => {
  it.each([
    ["--check", []],
    ["--by", ["source"]],
    ["--period", ["week"]],
    ["--baseline", ["report.json"]],
    ["--from", ["2026-05-01"]],
    ["--to", ["2026-10-01"]],
  ])("%s: exit 2, a message naming it, nothing on stdout", async (flag, value) => {
    const r = await run(["trace", "L-000006", "--sla", "sla.example.yaml", flag, ...value]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`trace does not take ${flag}:`);
    expect(r.stdout).toBe("");
  });
});

describe("trace without --as-of on large inputs says which --as-of is faster", () => {
  it("the --as-of it names gives the same trace, byte for byte", async () => {
    const whole = await run(["trace", "L-000006", "--sla", "sla.example.yaml", "--format", "json"]);
    expect(whole.code).toBe(0);
    // The example is small: no tip. As if it were large, the tip names the as-of the trace used.
    expect(whole.stderr).toBe("");
    const asOf = Date.parse(JSON.parse(whole.stdout).as_of);
    const tip = asOfTip(LARGE_INPUTS, false, asOf, "America/New_York") ?? "";
    const given = /`--as-of (\S+)`/.exec(tip)?.[1] ?? "";
    expect(given).toMatch(/^2026-\d\d-\d\dT/);
    const fast = await run([
      "trace",
      "L-000006",
      "--sla",
      "sla.example.yaml",
      "--format",
      "json",
      "--as-of",
      given,
    ]);
    expect(fast.code).toBe(0);
    expect(fast.stdout).toBe(whole.stdout);
  });

  it("says nothing under the size, or when --as-of was given; keeps milliseconds exactly", () => {
    const t = Date.UTC(2026, 9, 31, 21, 49, 7, 250);
    expect(asOfTip(LARGE_INPUTS - 1, false, t, "UTC")).toBeNull();
    expect(asOfTip(LARGE_INPUTS, true, t, "UTC")).toBeNull();
    expect(asOfTip(LARGE_INPUTS, false, t, "Europe/Paris")).toContain("`--as-of 2026-10-31T21:49:07.250Z`");
    expect(asOfTip(LARGE_INPUTS, false, t - 250, "Europe/Paris")).toContain(
      "`--as-of 2026-10-31T22:49:07+01:00`",
    );
  });
});

/**
 * `trace --as-of` reads only the rows of the history and activities files that may name its lead
 * (src/ingest/csv/lead-filter.ts). Its output must equal the whole files' read byte for byte.
 */
describe("trace reads only its lead's rows when --as-of is given", () => {
  /** The example and presets whose stamps the stamps pass reads (stamps.ts); the others are read whole. */
  const STAMPS_READ = ["sla.example.yaml"];
  /** The trace of `id` as of `asOf`, from a read filtered to the lead or from the whole files. */
  async function both(config: SlaConfig, id: string, asOf: number) {
    const read = (only: boolean) =>
      readDataset(config, {
        workers: "never",
        compact: { asOf, keepLead: id },
        dropContacts: true,
        ...(only ? { onlyLead: id } : {}),
      });
    const [whole, filtered] = [await read(false), await read(true)];
    const out = (data: Dataset) => {
      const t = traceLead(data, config, { asOf }, id);
      return t ? [traceJson(t, config), traceCsv(t, config), traceMarkdown(t, config)] : null;
    };
    return { whole, filtered, wholeOut: out(whole), filteredOut: out(filtered) };
  }

  it("gives the whole read's trace for leads of the example and the presets, and reads fewer rows", async () => {
    for (const file of EXAMPLE_AND_PRESETS) {
      const config = slaFile(file);
      const data = await readDataset(config, { workers: "never" });
      const middle = ((data.earliest ?? 0) + (data.latest ?? 0)) / 2;
      const ids = data.leads.filter((_, i) => i % 37 === 3).map((l) => l.id);
      for (const id of ids.slice(0, 4)) {
        const { whole, filtered, wholeOut, filteredOut } = await both(config, id, middle);
        expect(wholeOut).not.toBeNull();
        expect(filteredOut).toEqual(wholeOut);
        // The filter ran: fewer rows of the large files were read than the whole read's.
        const big = [config.sources.stage_history, ...config.sources.activities].filter(
          (s): s is SourceDef => !!s,
        );
        const rows = (d: Dataset) => big.reduce((n, s) => n + (d.rowCounts[s.file] ?? 0), 0);
        if (rows(whole) > 20) expect(rows(filtered)).toBeLessThan(rows(whole));
      }
    }
  });

  // A hand-made export of 300 leads. Arithmetic of the fixture: lead n (1..300) is created on day
  // 1 + (n % 28) of month 1 + (n % 5) of 2026 at 09:00, day first; so leads with n % 28 >= 12 have
  // a day over 12 and settle the layout of created_at and changed_at as day first, while L-0007
  // (day 8, month 3) and L-0121 (day 10, month 2) have only dates that fit both layouts.
  const pad = (n: number) => String(n).padStart(4, "0");
  const dmy = (day: number, month: number, hour: number) =>
    `${String(day).padStart(2, "0")}/${String(month).padStart(2, "0")}/2026 ${String(hour).padStart(2, "0")}:00`;
  function writeFixture(
    dir: string,
    more: { leads?: string[]; history?: string[]; acts?: string[] } = {},
  ): string {
    const leads = ["lead_id,created_at,email,owner"];
    const history = ["lead_id,status,changed_at,reason"];
    const acts = ["activity_id,lead_id,email,owner,type,status,occurred_at"];
    for (let n = 1; n <= 300; n++) {
      const id = `L-${pad(n)}`;
      const day = 1 + (n % 28);
      const month = 1 + (n % 5);
      leads.push(`${id},${dmy(day, month, 9)},Person.${pad(n)}@Example.com,Rep ${n % 3}`);
      // New at 09:00, MQL at 10:00, SAL at 12:00 the same day; reasons quoted, some over two lines.
      const reason = n % 4 === 3 ? `"asked twice,\r\nthen ""yes"""` : n % 4 === 1 ? `"one line"` : "";
      history.push(`${id},New,${dmy(day, month, 9)},`);
      history.push(`"${id}",MQL,${dmy(day, month, 10)},${reason}`);
      history.push(`${id},SAL,${dmy(day, month, 12)},"multi\nline ${id}\nreason"`);
      // Calls joined by e-mail (no lead id, the e-mail in capitals) at 13:00; L-0007's also by id.
      acts.push(
        `A${pad(n)},,PERSON.${pad(n)}@EXAMPLE.COM,Rep ${n % 3},call,completed,${dmy(day, month, 13)}`,
      );
      if (n === 7) acts.push(`A9007,L-0007,,Rep 1,call,completed,${dmy(day, month, 15)}`);
    }
    leads.push(...(more.leads ?? []));
    history.push(...(more.history ?? []));
    acts.push(...(more.acts ?? []));
    acts.push("Grand Totals (301 records)");
    writeFileSync(join(dir, "leads.csv"), `${leads.join("\n")}\n`);
    writeFileSync(join(dir, "history.csv"), `${history.join("\r\n")}\r\n`);
    writeFileSync(join(dir, "activities.csv"), `${acts.join("\n")}\n`);
    const yaml = `${BASE_SLA.replace(/sources:[\s\S]*$/, "")}handoffs:
  - { id: mql-response, from: mql, to: [sal, recycled, disqualified], within: 1d, target: 0.9 }
  - id: first-touch
    from: sal
    activity: { types: [call], statuses: [completed] }
    within: 4h
    target: 0.9
sources:
  leads: { file: leads.csv, columns: { id: lead_id, created_at: created_at, email: email, owner: owner } }
  stage_history: { file: history.csv, columns: { lead_id: lead_id, stage: status, at: changed_at, reason: reason } }
  activities:
    - file: activities.csv
      columns: { lead_id: lead_id, lead_email: email, owner: owner, type: type, status: status, at: occurred_at }
`;
    writeFileSync(join(dir, "sla.yaml"), yaml);
    return join(dir, "sla.yaml");
  }

  it("keeps quoted multi-line rows, e-mail joins and a day-first layout decided by other leads", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trace-filter-"));
    try {
      const config = slaFile(writeFixture(dir));
      // --as-of 2026-07-01 is the end of that day.
      const asOf = Date.UTC(2026, 6, 1, 23, 59, 59);
      for (const id of ["L-0007", "L-0121", "L-0300"]) {
        const { whole, filtered, wholeOut, filteredOut } = await both(config, id, asOf);
        expect(filteredOut).toEqual(wholeOut);
        // 900 history rows, and 301 activities and the footer, in all. The filter hands on the
        // lead's 3 history rows, its calls (2 for L-0007, else 1) and the footer (a one-cell row,
        // held by the table until the end of the file, then dropped and counted).
        const rows = (d: Dataset, f: string) => d.rowCounts[join(dir, f)];
        expect([rows(whole, "history.csv"), rows(whole, "activities.csv")]).toEqual([900, 302]);
        expect(rows(filtered, "history.csv")).toBe(3);
        expect(rows(filtered, "activities.csv")).toBe(id === "L-0007" ? 3 : 2);
      }
      // L-0007: created 08/03/2026 09:00 read day first (8 March), MQL at 10:00, SAL at 12:00,
      // called at 13:00 (by e-mail) and 15:00 (by id): the trace shows both calls on 8 March.
      const { filteredOut } = await both(config, "L-0007", asOf);
      const json = JSON.parse(filteredOut?.[0] ?? "null");
      const text = JSON.stringify(json);
      expect(text).toContain("2026-03-08T13:00");
      expect(text).toContain("2026-03-08T15:00");
      expect(text).not.toContain("2026-08-03");
      // Through the CLI: the same JSON as the whole read's.
      const r = await run([
        "trace",
        "L-0007",
        "--sla",
        join(dir, "sla.yaml"),
        "--as-of",
        "2026-07-01",
        "--format",
        "json",
      ]);
      expect(r.code).toBe(0);
      expect(r.stdout.trimEnd()).toBe(filteredOut?.[0]?.trimEnd());
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("reads in full only the lead rows near the lead, with the ceiling and e-mail owners of the whole file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "trace-leads-"));
    try {
      // Leads are created up to 29/05/2026 (n = 144: day 1 + 144 % 28 = 5... the latest is day 28
      // of month 5, n = 279: 2026-05-28 09:00), so the ceiling is 2027-05-29 09:00 (366 days on).
      // L-0007 alone (created 2026-03-08) would put it at 2027-03-09: its call of 01/04/2027 counts
      // only with the other leads' creations.
      // L-0301 has two rows: the later-created holds L-0007's e-mail (in other case), the kept
      // (earlier) one another; the whole read gives L-0007's e-mail one owner, so its call by
      // e-mail is L-0007's. Reading only the row with the e-mail would make it ambiguous.
      const config = slaFile(
        writeFixture(dir, {
          leads: [
            `L-0301,${dmy(20, 1, 9)},person.0007@example.COM,Rep 1`,
            `L-0301,${dmy(5, 1, 9)},m.0301@other.com,Rep 1`,
          ],
          acts: [`A9008,L-0007,,Rep 1,call,completed,${dmy(1, 4, 10).replace("2026", "2027")}`],
        }),
      );
      const asOf = Date.UTC(2027, 3, 30, 23, 59, 59);
      const { whole, filtered, wholeOut, filteredOut } = await both(config, "L-0007", asOf);
      expect(filteredOut).toEqual(wholeOut);
      const text = filteredOut?.[0] ?? "";
      // The call by e-mail (08/03/2026 13:00) and the one of 1 April 2027 are in the trace.
      expect(text).toContain("2026-03-08T13:00");
      expect(text).toContain("2027-04-01T10:00");
      // 302 lead rows in the file; ingested: L-0007's, and L-0301's two (one holds the e-mail).
      const rows = (d: Dataset) => d.rowCounts[join(dir, "leads.csv")];
      expect(rows(whole)).toBe(302);
      expect(rows(filtered)).toBe(3);
      expect(filtered.leads.map((l) => l.id)).toEqual(["L-0007", "L-0301"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  /** The trace of `id` at the data's own as-of, from the stamps pass and a filtered read, or from the whole files. */
  async function bothAtDataEnd(config: SlaConfig, id: string, workers: "never" | "always" = "never") {
    const read = (only: boolean) =>
      readDataset(config, {
        workers,
        compact: { keepLead: id },
        dropContacts: true,
        ...(only ? { onlyLead: id } : {}),
      });
    const [whole, filtered] = [await read(false), await read(true)];
    const out = (data: Dataset) => {
      const t = traceLead(data, config, {}, id);
      return t ? [String(t.asOf), traceJson(t, config), traceCsv(t, config), traceMarkdown(t, config)] : null;
    };
    return { whole, filtered, wholeOut: out(whole), filteredOut: out(filtered) };
  }

  // "always": the stamps pass takes the batches of workers started for every file (as at a million
  // leads), and a read that falls back to the whole files must not wait on a worker it consumed.
  it.each(["never", "always"] as const)(
    "without --as-of (workers: %s): the whole read's as-of and trace for leads of the example and the presets",
    async (workers) => {
      const fewer: string[] = [];
      for (const file of EXAMPLE_AND_PRESETS) {
        const config = slaFile(file);
        const data = await readDataset(config, { workers: "never" });
        const ids = data.leads.filter((_, i) => i % 37 === 3).map((l) => l.id);
        for (const id of ids.slice(0, 3)) {
          const { whole, filtered, wholeOut, filteredOut } = await bothAtDataEnd(config, id, workers);
          expect(wholeOut).not.toBeNull();
          expect(filtered.latest).toBe(whole.latest);
          expect(filtered.earliest).toBe(whole.earliest);
          expect(filteredOut).toEqual(wholeOut);
          const big = [config.sources.stage_history, ...config.sources.activities].filter(
            (s): s is SourceDef => !!s,
          );
          const rows = (d: Dataset) => big.reduce((n, s) => n + (d.rowCounts[s.file] ?? 0), 0);
          if (rows(filtered) < rows(whole)) fewer.push(file);
        }
      }
      // The files the stamps pass types (no status or stage-date columns in the leads file, no
      // field-history export, no e-mail join): the others are read whole, as before.
      expect([...new Set(fewer)]).toEqual(STAMPS_READ);
    },
  );

  // The whole read's span holds every joined opportunity's instants (created, closed, history):
  // a trace without --as-of must see them too, joined against every lead, not the lead's alone.
  it.each(["never", "always"] as const)(
    "without --as-of (workers: %s): the as-of comes from another lead's opportunity, not one of a lead not in the file",
    async (workers) => {
      const dir = mkdtempSync(join(tmpdir(), "trace-opps-"));
      try {
        cpSync("examples", join(dir, "examples"), { recursive: true });
        cpSync("sla.example.yaml", join(dir, "sla.yaml"));
        const opps = join(dir, "examples/acme/Opportunity.csv");
        // The example's data ends 2026-10-31 17:49:56 New York time. L-000007's opportunity
        // (line 2) now closes on 2026-11-20 (20 days later, in the span's bulk): midnight in New
        // York, 05:00 UTC, is the whole read's as-of. An opportunity of L-999999 (no such lead,
        // dropped by the ingest) closing on 2026-11-25 would move it further.
        const text = readFileSync(opps, "utf8").replace(
          "L-000007,7500,USD,Closed Won,true,true,2026-06-05,",
          "L-000007,7500,USD,Closed Won,true,true,2026-11-20,",
        );
        const stray =
          "006Ac0000000999AAA,Nobody - Platform,L-999999,100,USD,Closed Won,true,true,2026-11-25,2026-05-13T14:24:49.000Z,Partner Referral,Elena Petrova\n";
        writeFileSync(opps, text + stray);
        const config = slaFile(join(dir, "sla.yaml"));
        const asOf = Date.UTC(2026, 10, 20, 5);
        const { whole, filtered, wholeOut, filteredOut } = await bothAtDataEnd(config, "L-000006", workers);
        expect(whole.latest).toBe(asOf);
        expect(filtered.latest).toBe(asOf);
        expect(filteredOut).toEqual(wholeOut);
        // The stamps pass was taken: the lead's history rows alone were typed in full.
        const history = (d: Dataset) => d.rowCounts[join(dir, "examples/acme/stage_history.csv")] ?? 0;
        expect(history(filtered)).toBeLessThan(history(whole));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it.each(["never", "always"] as const)(
    "without --as-of (workers: %s): the as-of comes from another lead's rows, never from rows the ingest drops",
    async (workers) => {
      const dir = mkdtempSync(join(tmpdir(), "trace-stamps-"));
      try {
        const y27 = (day: number, month: number, hour: number) =>
          dmy(day, month, hour).replace("/2026", "/2027");
        // The leads' rows end on 2026-05-28 (L-0139: created 28/05 09:00, SAL at 12:00);
        // L-0300's calls go on with gaps under 90 days (65, 75, 78, 73, 66 days), so the span's
        // bulk reaches its history row of 20/05/2027 11:00: the as-of. The ceiling is 2027-05-29
        // 09:00 (the latest creation, 2026-05-28 09:00, plus 366 days). Rows the ingest drops
        // that would each have moved the as-of: a lead not in the leads file (25/05), a stage not
        // declared (26/05). Guards: a time that is not a date, a time stamp past the ceiling
        // (10/06/2027; span.ts counts days only up to the ceiling, so leaving out the plausibility
        // check would not move the as-of either). The calls are joined by lead id only (the
        // stamps pass does not join by e-mail): the 300 calls with only an e-mail are rows without
        // a lead id.
        const file = writeFixture(dir, {
          history: [`L-0300,Recycled,${y27(20, 5, 11)},`, `L-0300,Nurture,${y27(26, 5, 10)},`],
          acts: [
            `A9101,L-0300,,Rep 1,call,completed,${dmy(1, 8, 10)}`,
            `A9102,L-0300,,Rep 1,call,completed,${dmy(15, 10, 10)}`,
            `A9103,L-0300,,Rep 1,call,completed,${y27(1, 1, 10)}`,
            `A9104,L-0300,,Rep 1,call,completed,${y27(15, 3, 10)}`,
            `A9105,L-0300,,Rep 1,call,completed,${y27(20, 5, 10)}`,
            `A9106,L-9999,,Rep 1,call,completed,${y27(25, 5, 10)}`,
            `A9107,L-0300,,Rep 1,call,completed,${y27(10, 6, 10)}`,
            "A9108,L-0300,,Rep 1,call,completed,31/31/2027 10:00",
          ],
        });
        writeFileSync(file, readFileSync(file, "utf8").replace("lead_email: email, ", ""));
        const config = slaFile(file);
        const asOf = Date.UTC(2027, 4, 20, 11);
        const { whole, filtered, wholeOut, filteredOut } = await bothAtDataEnd(config, "L-0007", workers);
        expect(whole.latest).toBe(asOf);
        expect(filtered.latest).toBe(asOf);
        expect(filteredOut).toEqual(wholeOut);
        expect(filteredOut?.[1]).toContain('"as_of": "2027-05-20T11:00:00Z"');
        // Fully typed: L-0007's 3 history rows of 902 (900 + 2), and of the 310 activity rows
        // (300 + A9007 + 8 + the footer) its call by id and the footer.
        const rows = (d: Dataset, f: string) => d.rowCounts[join(dir, f)];
        expect([rows(whole, "history.csv"), rows(whole, "activities.csv")]).toEqual([902, 310]);
        expect([rows(filtered, "history.csv"), rows(filtered, "activities.csv")]).toEqual([3, 2]);
        // Through the CLI, without --as-of: the same JSON as the whole read's.
        const r = await run(["trace", "L-0007", "--sla", join(dir, "sla.yaml"), "--format", "json"]);
        expect(r.code).toBe(0);
        expect(r.stdout.trimEnd()).toBe(wholeOut?.[1]?.trimEnd());
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );
});
