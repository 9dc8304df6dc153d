/** An accounts or companies export beside the leads: the `sources.lookups` entry that joins it. */

/*
 * A Salesforce Account export (Id, Name, Industry, NumberOfEmployees, AnnualRevenue, …) or a
 * HubSpot companies export (Record ID, Company name, Industry, Number of Employees, …) is joined
 * to the leads by the first pair of columns that match, in this order: the account's id in the
 * leads (Salesforce AccountId, HubSpot Associated Company ID), then the company's name (Company).
 * The key must be filled and distinct in every row (a key listed twice stops the audit), and the
 * fields taken are the fit columns the leads file lacks (a column the leads have is refused).
 */

import type { FileSummary } from "./detect.js";
import type { Role } from "./roles.js";
import { type DraftOptions, q } from "./source-lines.js";

// Letters and digits only: "Account ID", "AccountId" and "ACCOUNTID" are one name.
const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Lead column -> the lookup's key column, tried in order (squashed names). */
const PAIRS: { lead: string[]; key: string[] }[] = [
  { lead: ["accountid"], key: ["id", "accountid"] },
  {
    lead: ["associatedcompanyid", "associatedcompanyidprimary", "recordidcompany"],
    key: ["recordid", "companyid", "recordidcompany"],
  },
  {
    lead: ["company", "companyname", "companyaccount", "accountname"],
    key: ["name", "accountname", "companyname"],
  },
];

/** The columns whose values init checks are filled and distinct in every row (FileSummary.unique). */
export function keyCandidates(header: readonly string[]): string[] {
  const keys = new Set(PAIRS.flatMap((p) => p.key));
  return header.filter((h) => keys.has(squash(h)));
}

// Fit columns an accounts export carries (definition.ts reads the first three by the same names).
const FIT = [
  /^(industry|sector|vertical)$/i,
  /^(employees|number ?of ?employees|numberofemployees|employee ?count|headcount|company ?size)$/i,
  /^(annual ?revenue|annualrevenue|revenue)$/i,
  /^(billing ?country|billingcountry|country|country\/region)$/i,
  /^(type|account ?type|company ?type)$/i,
];

export interface LookupDraft {
  /** The `sources.lookups` entries, each as list-item lines. */
  entries: string[][];
  /** The lead fields they add (for the definition skeleton). */
  fields: string[];
}

/** The lookups entries for the accounts and companies files given, each unjoinable one on the TODO list. */
export function lookupDraft(
  options: DraftOptions,
  leads: FileSummary,
  files: readonly Role[],
  todo: string[],
): LookupDraft {
  const out: LookupDraft = { entries: [], fields: [] };
  const taken = new Set(leads.header.map(squash));
  for (const r of files) {
    const file = options.relative(r.f.path);
    const what = `a ${r.rec?.object ?? "accounts"} export`;
    const found = joinPair(leads.header, r.f);
    if ("missing" in found) {
      todo.push(`file ${file}: ${what}, not joined: ${found.missing}`);
      continue;
    }
    const fields = r.f.header.filter(
      (h) => h !== found.key && !taken.has(squash(h)) && FIT.some((re) => re.test(h.trim())),
    );
    if (fields.length === 0) {
      todo.push(`file ${file}: ${what}, not joined: the leads file has its fit columns already`);
      continue;
    }
    for (const h of fields) taken.add(squash(h));
    out.fields.push(...fields);
    out.entries.push([
      `file: ${q(file)}   # ${what}: its fit columns become lead fields`,
      ...(r.f.encoding ? [`encoding: ${r.f.encoding}`] : []),
      `key: ${q(found.key)}`,
      `on: ${q(found.on)}   # the leads file's column holding the same value`,
      `fields: [${fields.map(q).join(", ")}]`,
    ]);
  }
  return out;
}

/** The first pair of a leads column and a key column filled and distinct in every row; else why none. */
function joinPair(
  leadHeader: readonly string[],
  f: FileSummary,
): { on: string; key: string } | { missing: string } {
  const repeated: string[] = [];
  for (const pair of PAIRS) {
    const on = leadHeader.find((h) => pair.lead.includes(squash(h)));
    const key = f.header.find((h) => pair.key.includes(squash(h)));
    if (on === undefined || key === undefined) continue;
    if (f.unique.has(key)) return { on, key };
    repeated.push(key);
  }
  return {
    missing: repeated.length
      ? `its key ${repeated.map((k) => `"${k}"`).join(" / ")} is empty or repeated in some row (a lookup needs one row per key)`
      : "no leads column holds its id or name (AccountId, Associated Company ID, Company)",
  };
}
