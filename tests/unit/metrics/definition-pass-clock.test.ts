/**
 * Marketing's pass clock in business hours: calendar Mon–Fri 09:00–17:00 UTC, pass_within 4bh.
 * A fit-only definition holds from the lead's creation, so the clock starts there.
 *   P: created Fri 2026-01-09 16:00, MQL Mon 01-12 10:00 → 1 bh (Fri 16–17) + 1 bh (Mon 9–10) = 2 bh: met
 *   Q: created Fri 16:00, MQL Mon 13:30 → 1 + 4.5 = 5.5 bh; deadline Mon 12:00 (1 + 3): late
 *   R: created Fri 16:00, no MQL; as-of Mon 14:00 → deadline Mon 12:00 has passed: missed
 *   S: created Sat 01-10 10:00, no MQL → the clock starts Mon 09:00, deadline 13:00: missed
 */
import { describe, expect, it } from "vitest";
import { compileStages, definitionClocks, passObligation } from "../../../src/metrics/definitions.js";
import { computeAudit } from "../../../src/metrics/index.js";
import { obligationContext } from "../../../src/metrics/tallies.js";
import { dataset, HOUR, lead, sla, stage } from "../../helpers/builders.js";

const FRI = Date.UTC(2026, 0, 9, 16);
const MON = Date.UTC(2026, 0, 12);
const AS_OF = MON + 14 * HOUR;
const config = sla(`
calendars:
  office: { days: [mon, tue, wed, thu, fri], hours: ["09:00-17:00"] }
default_calendar: office
definitions:
  mql:
    pass_within: 4bh
    target: 0.5
    all:
      - { field: title, matches: "vp" }
`);

describe("marketing's pass clock on business hours", () => {
  const ds = dataset(
    [
      lead("P", FRI, { title: "VP" }),
      lead("Q", FRI, { title: "VP" }),
      lead("R", FRI, { title: "VP" }),
      lead("S", Date.UTC(2026, 0, 10, 10), { title: "VP" }),
    ],
    [stage("P", "mql", MON + 10 * HOUR), stage("Q", "mql", MON + 13.5 * HOUR)],
  );
  const { timelines } = computeAudit(ds, config, { asOf: AS_OF, keep: "all" });
  const { ctx, clockOf } = definitionClocks(config, [], obligationContext(config, [], AS_OF));
  const [mql] = compileStages(config, ctx, clockOf);
  const clock = (id: string) => {
    const t = timelines.find((x) => x.lead.id === id);
    if (!t || !mql) throw new Error(id);
    const j = t.journeys[0];
    if (!j) throw new Error(id);
    return passObligation(mql, j, mql.judge(t.lead, new Map()), AS_OF, () => []);
  };
  it("P met in 2 business hours", () => {
    const o = clock("P");
    expect([o?.status, o?.latencyMs]).toEqual(["met", 2 * HOUR]);
  });
  it("Q late: 5.5 business hours, deadline Monday 12:00", () => {
    const o = clock("Q");
    expect([o?.status, o?.latencyMs, o?.deadline]).toEqual(["late", 5.5 * HOUR, MON + 12 * HOUR]);
  });
  it("R missed at Monday 12:00; S's clock starts at Monday's opening and misses at 13:00", () => {
    expect([clock("R")?.status, clock("R")?.deadline]).toEqual(["missed", MON + 12 * HOUR]);
    const s = clock("S");
    expect([s?.status, s?.runs[0]?.start, s?.deadline]).toEqual(["missed", MON + 9 * HOUR, MON + 13 * HOUR]);
  });
  it("the report's row: 4 obligations, 1 met, 1 late, 2 missed; compliance 1 / 4", () => {
    const row = computeAudit(ds, config, { asOf: AS_OF }).report.definitions?.leakage[0];
    expect([row?.obligations, row?.met, row?.late, row?.missed, row?.compliance, row?.clock]).toEqual([
      4,
      1,
      1,
      2,
      0.25,
      "business",
    ]);
  });
});
