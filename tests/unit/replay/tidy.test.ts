/** Repeated history rows and date-only stage times on the creation day (src/replay/tidy.ts). */

import { describe, expect, it } from "vitest";
import { replayAll } from "../../../src/replay/replay.js";
import type { Timeline } from "../../../src/types.js";
import { DAY, dataset, HOUR, lead, sla, stage, T0 } from "../../helpers/builders.js";

// sla() is in UTC; T0 is 2026-01-05 00:00Z. A lead created at 15:38 that day:
const CREATED = T0 + 15 * HOUR + 38 * 60_000;

function replay(events: ReturnType<typeof stage>[]) {
  const { timelines, findings } = replayAll(dataset([lead("L1", CREATED)], events), sla(), T0 + 30 * DAY);
  const t = timelines[0] as Timeline;
  return { t, findings, entries: t.journeys[0]?.entries.flatMap((e) => (e ? [e.at] : [])) };
}

describe("a date-only stage time on the creation day", () => {
  it("is the creation instant, not an event before the lead was created", () => {
    // "2026-01-05" (00:00) for a lead created 2026-01-05 15:38: mql at the creation instant.
    const { findings, entries } = replay([stage("L1", "mql", T0), stage("L1", "sal", T0 + DAY)]);
    expect(findings.filter((f) => f.code === "before_created")).toEqual([]);
    expect(entries).toEqual([CREATED, CREATED, T0 + DAY]); // inquiry and mql at 15:38, sal the next day
  });

  it("a date on an earlier day is still before the creation", () => {
    const { findings, entries } = replay([stage("L1", "mql", T0 - DAY)]);
    expect(findings.map((f) => f.code)).toEqual(["before_created"]);
    expect(entries).toEqual([T0 - DAY, T0 - DAY]);
  });

  it("a time on the creation day before the creation (09:00 for 15:38) is still before it", () => {
    const { findings } = replay([stage("L1", "mql", T0 + 9 * HOUR)]);
    expect(findings.map((f) => f.code)).toEqual(["before_created"]);
  });
});

describe("identical history rows", () => {
  it("are one change and an info finding per repeat", () => {
    const { findings, t } = replay([
      stage("L1", "mql", T0 + DAY),
      stage("L1", "mql", T0 + DAY),
      stage("L1", "mql", T0 + DAY),
      stage("L1", "sal", T0 + 2 * DAY),
    ]);
    const repeats = findings.filter((f) => f.code === "duplicate_history_row");
    expect(repeats.map((f) => [f.severity, f.place.line])).toEqual([
      ["info", expect.any(Number)],
      ["info", expect.any(Number)],
    ]);
    // No backward move or second entry: one mql change.
    expect(findings.map((f) => f.code).sort()).toEqual(["duplicate_history_row", "duplicate_history_row"]);
    expect(t.journeys).toHaveLength(1);
  });

  it("rows differing in their time or value are not repeats", () => {
    const { findings } = replay([stage("L1", "mql", T0 + DAY), stage("L1", "mql", T0 + DAY + 1000)]);
    expect(findings.filter((f) => f.code === "duplicate_history_row")).toEqual([]);
  });
});
