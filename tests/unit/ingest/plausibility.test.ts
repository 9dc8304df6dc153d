import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDataset } from "../../../src/ingest/index.js";
import { slaFile } from "../../helpers/builders.js";

const dir = join(import.meta.dirname, "..", "..", "fixtures", "ingest", "implausible");

describe("implausible dates and disposable e-mails", () => {
  it("placeholder dates (0001-01-01, 9999-12-31) and a typo year (2062) are findings, never the as-of", async () => {
    const config = slaFile(join(dir, "sla.yaml"));
    const data = await readDataset(config);
    const codes = data.findings.map((f) => [f.code, f.place.line, f.value]);
    expect(codes).toContainEqual(["implausible_date", 3, "0001-01-01"]);
    expect(codes).toContainEqual(["implausible_date", 4, "2062-05-06"]);
    expect(codes).toContainEqual(["bad_created_time", 3, undefined]); // L2 created 9999-12-31
    expect(codes).toContainEqual(["disposable_email", 2, "a@mailinator.com"]);
    expect(data.latest).toBe(Date.parse("2026-05-06T10:00:00Z"));
    expect(data.history.all()).toHaveLength(1);
  });
});

describe("implausible dates, many of them", () => {
  it("three placeholder creations among six leads are all findings (no percentile lets them in)", async () => {
    const config = slaFile(join(dir, "..", "implausible-many", "sla.yaml"));
    const data = await readDataset(config);
    const bad = data.findings.filter((f) => f.code === "bad_created_time").map((f) => f.place.line);
    // L2 (line 3) and L4 (line 5) in year 9999, L5 (line 6) in 2062: each over a year after the rest.
    expect(bad.sort()).toEqual([3, 5, 6]);
    expect(data.latest).toBe(Date.parse("2026-05-06T10:00:00Z")); // L1's MQL row, after L6 (09:00 UTC)
  });
});
