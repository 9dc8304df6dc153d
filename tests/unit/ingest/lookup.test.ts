/**
 * `sources.lookups` (tests/fixtures/lookup): Salesforce leads joined to a Salesforce accounts
 * export by Company = Name. By hand:
 *
 *   lead  Company   in accounts.csv?          extra fields it gets                       mql definition
 *   …01   Acme      yes (line 2)              Industry Technology, 1200 employees, 5000000   met
 *   …02   Globex    yes (line 3)              Industry Retail, 80 employees (revenue empty)  not met: both
 *   …03   Initech   no: a finding             none                                          not met: missing
 *   …04   (empty)   no key: no finding        none                                          not met: missing
 *   …05   Initech   no: a finding (once more) none                                          not met: missing (then SAL)
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseSlaConfig } from "../../../src/config/parse.js";
import { formatIssue, UserError } from "../../../src/errors.js";
import type { Dataset } from "../../../src/ingest/dataset.js";
import { readDataset } from "../../../src/ingest/index.js";
import { computeAudit } from "../../../src/metrics/index.js";
import { leadColumns, leadOf } from "../../../src/parallel/lead-columns.js";
import type { SlaConfig } from "../../../src/types.js";

const dir = join(import.meta.dirname, "..", "..", "fixtures", "lookup");
const slaPath = join(dir, "sla.yaml");

function config(edit: (text: string) => string = (t) => t): SlaConfig {
  const { config: c, issues } = parseSlaConfig(edit(readFileSync(slaPath, "utf8")), slaPath);
  if (!c) throw new Error(issues.map(formatIssue).join("\n"));
  return c;
}

async function failure(c: SlaConfig): Promise<UserError> {
  const err = await readDataset(c, { workers: "never" }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

describe("a lookup file joined to the leads by a key", () => {
  let data: Dataset;
  beforeAll(async () => {
    data = await readDataset(config(), { workers: "never" });
  });

  it("a lead whose key is listed gets the row's other columns; an empty cell gives no value", () => {
    const extra = Object.fromEntries(data.leads.map((l) => [l.id.slice(-4), l.extra ?? null]));
    expect(extra).toEqual({
      "1AAA": { Industry: "Technology", NumberOfEmployees: "1200", AnnualRevenue: "5000000" },
      "2AAA": { Industry: "Retail", NumberOfEmployees: "80" },
      "3AAA": null,
      "4AAA": null,
      "5AAA": null,
    });
  });

  it("a key not listed is an info finding once per lead, naming the key; an empty key none", () => {
    const rows = data.findings.filter((x) => x.code === "lookup_unknown_key");
    expect(rows.map((f) => [f.severity, f.leadId?.slice(-4), f.value, f.place.line])).toEqual([
      ["info", "3AAA", "Initech", 4],
      ["info", "5AAA", "Initech", 6],
    ]);
    expect(rows[0]?.message).toContain('company "Initech" is not a key of');
  });

  it("its rows are read and used; the definitions and --by read its columns", () => {
    const accounts = join(dir, "accounts.csv");
    expect(data.rowCounts[accounts]).toBe(2);
    expect(data.usedRows?.[accounts]).toBe(2);
    expect(data.definitionFields).toEqual({
      Industry: { extra: "Industry" },
      NumberOfEmployees: { extra: "NumberOfEmployees" },
    });
    expect(data.extraColumns).toEqual(["Industry", "NumberOfEmployees", "AnnualRevenue"]);
  });

  it("the replay worker's lead columns carry the looked-up fields", () => {
    const cols = leadColumns(data.leads, 0, data.leads.length, "Industry", data.definitionFields);
    expect(leadOf(cols, 0).extra).toMatchObject({ Industry: "Technology", NumberOfEmployees: "1200" });
    expect(leadOf(cols, 2).extra?.Industry).toBeUndefined();
  });

  it("the audit: 1 of 5 mql entries met (…01); the report counts the finding 2 and breaks down by Industry", () => {
    const c = config();
    const r = computeAudit(data, c, { by: "Industry" }).report;
    const s = r.definitions?.stages[0];
    // Entries: all 5 at creation (a lead enters the first stage when created, …05 too before
    // its SAL status). Industry fails for …02 (Retail)
    // and the three without values; employees likewise (…02 has 80).
    expect([s?.entries, s?.backfilled, s?.met]).toEqual([5, 0, 1]);
    expect(s?.criteria.map((x) => [x.failed, x.missing])).toEqual([
      [4, 3],
      [4, 3],
    ]);
    expect(r.quality.findings.find((f) => f.code === "lookup_unknown_key")).toMatchObject({
      severity: "info",
      count: 2,
      values: [{ value: "Initech", count: 2 }],
    });
    expect(r.conversion.breakdown?.groups.map((g) => [g.key, g.leads])).toEqual([
      ["Retail", 1],
      ["Technology", 1],
      ["(none)", 3],
    ]);
  });
});

describe("a lookup that cannot be joined stops the run (exit 2)", () => {
  it("a key listed twice names the file, the line and the key's column", async () => {
    const err = await failure(config((t) => t.replace("accounts.csv", "accounts-duplicate.csv")));
    expect(err.issues).toMatchObject([
      {
        file: join(dir, "accounts-duplicate.csv"),
        line: 4,
        column: 1,
        message: 'key "Acme" is listed again (first at line 2)',
      },
    ]);
  });

  it("`on` naming neither a lead field nor a leads-file column points at the SLA file", async () => {
    const err = await failure(config((t) => t.replace("on: company", "on: Compnay")));
    expect(err.issues[0]).toMatchObject({ file: slaPath, line: 18, path: "sources.lookups[0]" });
    expect(err.issues[0]?.message).toContain('on: "Compnay"');
    expect(err.issues[0]?.hint).toBe('did you mean "Company"?');
  });

  it("`on` naming a lead field the leads file has no column for is refused too", async () => {
    const err = await failure(config((t) => t.replace("on: company", "on: country")));
    expect(err.issues[0]?.message).toBe(
      `on: "country" is a lead field ${join(dir, "leads.csv")} has no column for`,
    );
  });

  it("a looked-up column the leads file has already is refused, not read twice", async () => {
    // The leads file as its own lookup: each of its other columns is one the leads have.
    const err = await failure(
      config((t) => t.replace("accounts.csv, key: Name, on: company", "leads.csv, key: Id, on: Id")),
    );
    expect(err.issues[0]).toMatchObject({ file: slaPath, line: 18 });
    expect(err.issues[0]?.message).toContain('column "Company" is already a column of the leads');
  });
});

describe("a lookup's fields: the columns it reads as lead fields", () => {
  const withFields = (fields: string) =>
    config((t) =>
      t.replace(
        "accounts.csv, key: Name, on: company }",
        `accounts.csv, key: Name, on: company, fields: ${fields} }`,
      ),
    );

  it("only the columns named (ignoring case) become lead fields: AnnualRevenue is left out", async () => {
    const d = await readDataset(withFields("[numberofemployees, Industry]"), { workers: "never" });
    const extra = Object.fromEntries(d.leads.slice(0, 2).map((l) => [l.id.slice(-4), l.extra ?? null]));
    expect(extra).toEqual({
      "1AAA": { NumberOfEmployees: "1200", Industry: "Technology" },
      "2AAA": { NumberOfEmployees: "80", Industry: "Retail" },
    });
  });

  it("a name the file lacks, or its key, is an error at the lookup's line in the SLA file", async () => {
    const missing = await failure(withFields("[NumberOfEmployees, Industri]"));
    expect(missing.issues[0]).toMatchObject({
      file: slaPath,
      line: 18,
      path: "sources.lookups[0].fields",
      message: `fields: ${join(dir, "accounts.csv")} has no column "Industri"`,
      hint: 'did you mean "Industry"?',
    });
    const key = await failure(withFields("[Name]"));
    expect(key.issues[0]?.message).toBe(
      `fields: "Name" is the key of ${join(dir, "accounts.csv")}, not a field`,
    );
  });
});

describe("the CLI (dist)", () => {
  const cli = (...args: string[]) =>
    execFileSync(
      process.execPath,
      [join(import.meta.dirname, "..", "..", "..", "bin", "funnel-audit.js"), ...args],
      {
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1" },
      },
    );
  it("validate lists the lookup's columns as lead fields; trace judges …01 on them", () => {
    expect(cli("validate", "--sla", slaPath)).toContain(
      "accounts.csv: 2 rows; fields key=Name\n  lead fields: Industry, NumberOfEmployees, AnnualRevenue",
    );
    const out = cli("trace", "00Q000000000001AAA", "--sla", slaPath, "--as-of", "2026-01-10T00:00:00Z");
    expect(out).toContain("→ met");
    expect(out).toContain('✓ NumberOfEmployees ≥ 500: NumberOfEmployees = "1200"');
  });
});
