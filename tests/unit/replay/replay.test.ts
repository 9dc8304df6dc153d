import { describe, expect, it } from "vitest";
import { ownerAt, replayAll } from "../../../src/replay/replay.js";
import type { Timeline } from "../../../src/types.js";
import { DAY, dataset, HOUR, lead, reassign, sla, stage, T0 } from "../../helpers/builders.js";

const ids = ["inquiry", "mql", "sal", "sql", "won"];
/** A journey as "stage@hours" strings, backfilled entries marked with *. */
function entries(t: Timeline, journey = 0): string[] {
  const j = t.journeys[journey];
  if (!j) return [];
  return j.entries.flatMap((e, k) =>
    e ? [`${ids[k]}@${(e.at - T0) / HOUR}${e.backfilled ? "*" : ""}`] : [],
  );
}

function replayOne(
  events: ReturnType<typeof stage>[],
  extra = "",
  asOf = T0 + 30 * DAY,
  createdAt: number | null = T0,
) {
  const { timelines, findings } = replayAll(dataset([lead("L1", createdAt)], events), sla(extra), asOf);
  return { t: timelines[0] as Timeline, findings };
}

describe("replay", () => {
  it("opens journey 1 in the first stage at creation and enters later stages in order", () => {
    const { t, findings } = replayOne([stage("L1", "mql", T0 + DAY), stage("L1", "sal", T0 + 2 * DAY)]);
    expect(entries(t)).toEqual(["inquiry@0", "mql@24", "sal@48"]);
    expect(t.journeys[0]?.end).toBeNull();
    expect(findings).toEqual([]);
  });

  it("ends a journey at the last stage (completed)", () => {
    const { t } = replayOne([
      stage("L1", "mql", T0 + HOUR),
      stage("L1", "sal", T0 + 2 * HOUR),
      stage("L1", "sql", T0 + 3 * HOUR),
      stage("L1", "won", T0 + 4 * HOUR),
    ]);
    expect(t.journeys[0]?.end).toMatchObject({ kind: "completed", at: T0 + 4 * HOUR });
  });

  it("a recycle ends the journey at t and opens the next at t in returns_to", () => {
    const { t } = replayOne([
      stage("L1", "mql", T0 + DAY),
      stage("L1", "recycled", T0 + 2 * DAY, null, "No budget"),
      stage("L1", "mql", T0 + 10 * DAY),
    ]);
    expect(t.journeys).toHaveLength(2);
    expect(t.journeys[0]?.end).toMatchObject({
      kind: "outcome",
      outcome: "recycled",
      reason: "No budget",
      at: T0 + 2 * DAY,
    });
    expect(entries(t, 1)).toEqual(["inquiry@48", "mql@240"]);
    expect(t.journeys[1]?.number).toBe(2);
  });

  it("an exit without returns_to ends the journey; a later stage event opens a new one there", () => {
    const { t } = replayOne([
      stage("L1", "mql", T0 + DAY),
      stage("L1", "disqualified", T0 + 2 * DAY),
      stage("L1", "mql", T0 + 5 * DAY),
    ]);
    expect(t.journeys.map((j) => j.end?.outcome ?? null)).toEqual(["disqualified", null]);
    expect(entries(t, 1)).toEqual(["mql@120"]);
  });

  it.each([
    ["backfill", ["inquiry@0", "mql@24", "sal@48*", "sql@48"]],
    ["strict", ["inquiry@0", "mql@24", "sql@48"]],
    ["eligible", ["inquiry@0", "mql@24", "sql@48"]],
  ])("skipped stages under %s", (policy, expected) => {
    const { t } = replayOne(
      [stage("L1", "mql", T0 + DAY), stage("L1", "sql", T0 + 2 * DAY)],
      `skipped_stages: ${policy}\n`,
    );
    expect(entries(t)).toEqual(expected);
  });

  it("a backward move is a finding, not a new entry", () => {
    const { t, findings } = replayOne([
      stage("L1", "mql", T0 + DAY),
      stage("L1", "sql", T0 + 2 * DAY),
      stage("L1", "mql", T0 + 3 * DAY),
    ]);
    expect(entries(t)).toEqual(["inquiry@0", "mql@24", "sal@48*", "sql@48"]);
    expect(findings.map((f) => f.code)).toEqual(["backward_move"]);
  });

  it("only the first entry per stage per journey counts", () => {
    const { t, findings } = replayOne([stage("L1", "mql", T0 + DAY), stage("L1", "mql", T0 + 2 * DAY)]);
    expect(entries(t)).toEqual(["inquiry@0", "mql@24"]);
    expect(findings).toEqual([]);
  });

  it("ties at one instant follow waterfall order, whatever the row order", () => {
    const at = T0 + DAY;
    const { t, findings } = replayOne([
      stage("L1", "sql", at),
      stage("L1", "sal", at),
      stage("L1", "mql", at),
    ]);
    expect(entries(t)).toEqual(["inquiry@0", "mql@24", "sal@24", "sql@24"]);
    expect(findings).toEqual([]);
  });

  it("an outcome after the journey ended is a finding and is ignored", () => {
    const { t, findings } = replayOne([
      stage("L1", "disqualified", T0 + DAY),
      stage("L1", "lost", T0 + 2 * DAY),
    ]);
    expect(t.journeys).toHaveLength(1);
    expect(t.journeys[0]?.end?.outcome).toBe("disqualified");
    expect(findings.map((f) => f.code)).toEqual(["after_end"]);
  });

  it("an event dated before the lead's creation moves the creation back (finding)", () => {
    const { t, findings } = replayOne([stage("L1", "mql", T0 - DAY)]);
    expect(entries(t)).toEqual(["inquiry@-24", "mql@-24"]);
    expect(findings.map((f) => f.code)).toEqual(["before_created"]);
  });

  it("a lead without a created time starts at its first event", () => {
    const { t } = replayOne([stage("L1", "sal", T0 + DAY)], "", T0 + 30 * DAY, null);
    expect(entries(t)).toEqual(["inquiry@24", "mql@24*", "sal@24"]);
  });

  it("events after as-of are findings and not replayed", () => {
    const { t, findings } = replayOne(
      [stage("L1", "mql", T0 + DAY), stage("L1", "sal", T0 + 3 * DAY)],
      "",
      T0 + 2 * DAY,
    );
    expect(entries(t)).toEqual(["inquiry@0", "mql@24"]);
    expect(findings.map((f) => f.code)).toEqual(["after_as_of"]);
  });

  it("tracks the owner at every instant: lead owner, reassignments, owners named on stage rows", () => {
    const { t } = replayOne([
      reassign("L1", "Bob", T0 + DAY),
      stage("L1", "mql", T0 + 2 * DAY, "Cid"),
      stage("L1", "sal", T0 + 3 * DAY, "Cid"),
    ]);
    expect(t.owners.map((o) => [o.owner, (o.from - T0) / HOUR])).toEqual([
      ["Ann", 0],
      ["Bob", 24],
      ["Cid", 48],
    ]);
    expect(ownerAt(t.owners, T0 + DAY - 1)).toBe("Ann");
    expect(ownerAt(t.owners, T0 + DAY)).toBe("Bob");
    expect(ownerAt(t.owners, T0 + 10 * DAY)).toBe("Cid");
  });

  it("records the replay steps only for the traced lead", () => {
    const events = [stage("L1", "mql", T0 + DAY), stage("L2", "mql", T0 + DAY)];
    const { timelines } = replayAll(dataset([lead("L1"), lead("L2")], events), sla(), T0 + 2 * DAY, "L2");
    expect(timelines[0]?.steps).toBeNull();
    expect(timelines[1]?.steps?.map((s) => s.effect)).toEqual(["opened journey 1 in inquiry", "entered mql"]);
  });
});
