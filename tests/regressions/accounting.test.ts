/**
 * Regression (from review): row accounting. docs/definitions.md: "Every data row is either used or counted in a
 * finding that says it was not; the report's inputs.files[].rows = used + not_used."
 */

import { describe, expect, it } from "vitest";
import { computeAudit } from "../../src/metrics/index.js";
import { makeStyle, renderReport } from "../../src/report/index.js";
import { dataset, HOUR, lead, sla, stage, T0 } from "../helpers/builders.js";

const h = (n: number) => T0 + n * HOUR;

describe("rows used and not used", () => {
  it("a lead created after as-of whose earlier events are replayed is not 'not used'", () => {
    // Lead L1 created at 50 h, MQL row at 10 h, --as-of 20 h. The lead is replayed (a journey
    // from 10 h), so its row is used; the MQL row predates the creation, so before_created is due.
    // Actual (src/replay/replay.ts:257 + 308): after_as_of drops the lead row (leads.csv
    // not_used = 1) while its journey is counted, and before_created is never raised.
    const d = dataset([lead("L1", h(50))], [stage("L1", "mql", h(10))]);
    const { report } = computeAudit(d, sla(), { asOf: h(20) });
    expect(report.inputs.journeys).toBe(1);
    expect(report.inputs.files.find((f) => f.file === "leads.csv")?.not_used).toBe(0);
    expect(report.quality.findings.map((f) => f.code)).toContain("before_created");
  });

  it("the quality table's 'rows not used' equals the rows the inputs line says were not used", () => {
    // One history row after --as-of: inputs say "history.csv (4 rows, 1 not used)", the quality
    // title says "0 rows not used" (src/report/table.ts:214 counts error findings; after_as_of
    // is an info that drops its row).
    const d = dataset(
      [lead("L1")],
      [
        stage("L1", "mql", h(10)),
        stage("L1", "sal", h(30)),
        stage("L1", "sql", h(40)),
        stage("L1", "won", h(50)),
      ],
    );
    const { report } = computeAudit(d, sla(), { asOf: h(45) });
    const notUsed = report.inputs.files.reduce((n, f) => n + f.not_used, 0);
    expect(notUsed).toBe(1);
    const text = renderReport(report, "table", ["quality"], makeStyle(false));
    expect(text).toContain(`${notUsed} row${notUsed === 1 ? "" : "s"} not used`);
  });
});
