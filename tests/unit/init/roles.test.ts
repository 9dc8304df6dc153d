/** Which file is the leads file when several unrecognised files have an id and a created time. */

import { describe, expect, it } from "vitest";
import type { FileSummary } from "../../../src/init/detect.js";
import { assignRoles, pickLeads } from "../../../src/init/roles.js";

const summary = (path: string, header: string[], rows: number, status?: string): FileSummary => ({
  path,
  header,
  rows,
  values: status ? { [status]: new Map([["New", rows]]) } : {},
  unique: new Set(),
});

// Zoho CRM's exports: Calls.csv names the lead (LEADID) and has a Created Time too, and more rows.
const calls = summary(
  "exports/Calls.csv",
  [
    "TASKID",
    "Call Start Time",
    "Call Duration (in seconds)",
    "Call Owner",
    "Subject",
    "Call Type",
    "Created Time",
    "LEADID",
  ],
  8200,
);
const leads = summary(
  "exports/Leads.csv",
  ["LEADID", "Last Name", "Company", "Lead Owner", "Lead Status", "Created Time"],
  3900,
  "Lead Status",
);

describe("pickLeads among files init does not recognise", () => {
  it("takes the file with a status column and a leads name over a larger activity file, in either order", () => {
    for (const files of [
      [calls, leads],
      [leads, calls],
    ])
      expect(pickLeads(assignRoles(files)).f.path).toBe("exports/Leads.csv");
  });

  it("still takes the larger of two files alike", () => {
    const other = { ...leads, path: "exports/Leads-2025.csv", rows: 5000 };
    expect(pickLeads(assignRoles([leads, other])).f.path).toBe("exports/Leads-2025.csv");
  });
});
