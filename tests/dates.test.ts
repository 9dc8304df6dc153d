/**
 * Day-first or month-first, decided once per column (issue 15, item 1): `validate` and `audit` on
 * Salesforce report exports whose Create Date is `dd-MM-yyyy HH:mm`, and `init` writing the
 * date_format it found. Fixtures: tests/fixtures/ingest/dates/.
 */

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fakeIo } from "../src/cli/io.js";
import { main } from "../src/cli/main.js";
import { readDataset } from "../src/ingest/index.js";
import { slaFile } from "./helpers/builders.js";

const dir = "tests/fixtures/ingest/dates";

async function run(args: string[]) {
  const f = fakeIo({ NO_COLOR: "1" });
  const code = await main(args, f.io);
  return { code, stdout: f.stdout(), stderr: f.stderr(), files: f.files };
}

describe("a column whose every date fits both orders (06-08-2020 15:38, 02-07-2020 09:05, …)", () => {
  // The salesforce preset suggests "M/d/yyyy h:mm a", which does not read 24-hour times: no guess.
  it.each(["validate", "audit"])(
    "stops %s with exit 2 naming the file, column, values and date_format",
    async (cmd) => {
      const r = await run([cmd, "--sla", `${dir}/ambiguous/sla.yaml`]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(
        `${dir}/ambiguous/Leads.csv:2:8  error  column "Create Date": every date fits both day first and month first (line 2 "06-08-2020 15:38", line 3 "02-07-2020 09:05", line 4 "01-06-2020 08:00")`,
      );
      expect(r.stderr).toContain(
        `hint: add date_format: "dd-MM-yyyy HH:mm" (day first) or date_format: "MM-dd-yyyy HH:mm" (month first) under sources.leads in ${dir}/ambiguous/sla.yaml`,
      );
    },
  );
});

describe("a dd-MM-yyyy HH:mm column where 7 of 20 days are 13 or more (35%)", () => {
  it("audits every lead: 20 rows, 20 used, 20 leads", async () => {
    const r = await run(["audit", "--sla", `${dir}/day-first/sla.yaml`, "--format", "json"]);
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.inputs.files).toEqual([
      { file: `${dir}/day-first/Leads.csv`, rows: 20, used: 20, not_used: 0 },
    ]);
    expect(report.inputs.leads).toBe(20);
    const codes = report.quality.findings.map((f: { code: string }) => f.code);
    // The statuses have no date of their own: the 15 past "Open - Not Contacted" (5 Working, 5
    // Converted, 5 Not Converted) are placed at creation, which a note says.
    expect(codes).toEqual(["date_layout", "status_at_creation"]);
    expect(report.quality.findings[1].count).toBe(15);
  });

  it("reads the ambiguous-looking values day first too: 06-08-2020 15:38 is 6 August (BST, +01:00)", async () => {
    const config = slaFile(`${dir}/day-first/sla.yaml`);
    const data = await readDataset(config, { workers: "never" });
    const created = (id: string) => data.leads.find((l) => l.id === id)?.createdAt;
    expect(created("00Q5e00000Ab001")).toBe(Date.parse("2020-08-06T14:38:00Z"));
    expect(created("00Q5e00000Ab003")).toBe(Date.parse("2020-07-14T10:20:00Z")); // 14-07-2020 11:20
    expect(data.leads.every((l) => l.createdAt !== null)).toBe(true);
  });

  it("validate passes", async () => {
    const r = await run(["validate", "--sla", `${dir}/day-first/sla.yaml`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Leads.csv: 20 rows");
  });
});

describe("init on the dd-MM-yyyy export", () => {
  it("writes the detected date_format, and the draft validates and audits every lead as written", async () => {
    const tmp = mkdtempSync(join(tmpdir(), "fa-dates-"));
    const out = join(tmp, "sla.yaml");
    const init = await run([
      "init",
      `${dir}/day-first/Leads.csv`,
      "--out",
      out,
      "--timezone",
      "Europe/London",
    ]);
    expect(init.code).toBe(0);
    const text = init.files.get(out) as string;
    expect(text).toContain(
      'date_format: "dd-MM-yyyy HH:mm" # decided from the values: "Create Date" read day first as "dd-MM-yyyy HH:mm": 7 of 20 dates can only be day first (line 4 "14-07-2020 11:20")',
    );
    writeFileSync(out, text);
    expect((await run(["validate", "--sla", out])).code).toBe(0);
    const audit = await run(["audit", "--sla", out, "--format", "json"]);
    expect(audit.code).toBe(0);
    const report = JSON.parse(audit.stdout);
    expect(report.inputs.leads).toBe(20);
    expect(report.inputs.files[0]).toMatchObject({ rows: 20, used: 20, not_used: 0 });
  });

  it("writes a TODO naming both formats when every date fits both orders", async () => {
    const r = await run(["init", `${dir}/ambiguous/Leads.csv`, "--out", "-"]);
    expect(r.stdout).toContain(
      '# TODO date_format: column "Create Date": every date fits both day first and month first',
    );
  });
});
