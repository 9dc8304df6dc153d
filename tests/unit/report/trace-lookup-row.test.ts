/**
 * `trace` names the lookup row a definition's value came from (issue 19, gap 2), beside the lead's
 * row, in every format that shows the definition (text, JSON, Markdown, HTML; the CSV trace is the
 * timeline alone). tests/fixtures/lookup: leads joined to accounts.csv by Company = Name. By hand:
 * …02 Globex is accounts.csv line 3 (Retail, 80), its lead row leads.csv line 3; …03 Initech is no
 * Name of accounts.csv, so its fields are empty and the trace says which key was missing.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const dir = join(import.meta.dirname, "..", "..", "fixtures", "lookup");
const slaPath = join(dir, "sla.yaml");
const trace = (lead: string, format: string) =>
  execFileSync(
    process.execPath,
    [
      join(import.meta.dirname, "..", "..", "..", "bin", "funnel-audit.js"),
      "trace",
      lead,
      "--sla",
      slaPath,
      "--as-of",
      "2026-01-10T00:00:00Z",
      "--format",
      format,
    ],
    { encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } },
  );
const leads = (line: number) => `${join(dir, "leads.csv")}:${line}`;
const accounts = (line: number) => `${join(dir, "accounts.csv")}:${line}`;

describe("trace names the lookup row of a looked-up value", () => {
  it("table (text): the lead's row, then the accounts row", () => {
    const out = trace("00Q000000000002AAA", "table");
    expect(out).toContain(`✗ Industry in Technology: Industry = "Retail"  ${leads(3)}, ${accounts(3)}`);
    expect(out).toContain(`✗ NumberOfEmployees ≥ 500: NumberOfEmployees = "80"  ${leads(3)}, ${accounts(3)}`);
  });

  it("JSON: the criterion's rows list both places", () => {
    const json = JSON.parse(trace("00Q000000000002AAA", "json"));
    const rows = json.definitions[0].criteria.map((c: { name: string; rows: string[] }) => [c.name, c.rows]);
    expect(rows).toEqual([
      ["Industry in Technology", [leads(3), accounts(3)]],
      ["NumberOfEmployees ≥ 500", [leads(3), accounts(3)]],
    ]);
  });

  it("Markdown and HTML: the rows cell names the accounts row", () => {
    expect(trace("00Q000000000002AAA", "md")).toContain(
      `| Industry in Technology | failed | Industry = "Retail" | ${leads(3)}, ${accounts(3)} |`,
    );
    expect(trace("00Q000000000002AAA", "html")).toContain(`${leads(3)}, ${accounts(3)}`);
  });

  it("a key no row has: the value is empty, and the trace says which key of which file", () => {
    const out = trace("00Q000000000003AAA", "table");
    expect(out).toContain(
      `✗ Industry in Technology: Industry = (empty) (company "Initech" is no key of ${join(dir, "accounts.csv")})  ${leads(4)}`,
    );
  });

  it("a met criterion names its row too: …01 on Acme's accounts row (line 2)", () => {
    const out = trace("00Q000000000001AAA", "table");
    expect(out).toContain(
      `✓ NumberOfEmployees ≥ 500: NumberOfEmployees = "1200"  ${leads(2)}, ${accounts(2)}`,
    );
  });
});
