/**
 * Obligations on business clocks (SLA zone UTC; T0 = Monday 2026-01-05 00:00 UTC). The office
 * calendar works Monday–Friday 09:00–12:00 and 13:00–17:00 in the owner's zone.
 */

import { describe, expect, it } from "vitest";
import { computeAudit } from "../../../src/metrics/index.js";
import { activity, DAY, dataset, HOUR, lead, reassign, rep, sla, stage, T0 } from "../../helpers/builders.js";

const CALENDARS = `calendars:
  office: { hours: ["09:00-12:00", "13:00-17:00"] }
  support: { timezone: Europe/Berlin, days: [mon, tue, wed, thu, fri, sat], hours: ["08:00-20:00"] }
assign:
  teams: { West: office }
`;
const ACCEPT = `handoffs:
  - { id: accept, from: mql, to: [sal], within: 4bh, target: 0.9 }
  - { id: pinned, from: mql, to: [sal], within: 4bh, target: 0.9, calendar: support }
  - { id: touch, from: sal, activity: { types: [call], statuses: [completed] }, within: 2bh, target: 0.8 }
`;
const FRI = T0 + 4 * DAY; // Friday 2026-01-09
const MON = T0 + 7 * DAY; // Monday 2026-01-12
const reps = () => [rep("Ann"), rep("Bob", { timezone: "America/Los_Angeles", team: "West" })];
const one = (handoff: string, d: ReturnType<typeof dataset>, extra = "") =>
  computeAudit(d, sla(`${CALENDARS}${ACCEPT}${extra}`), { asOf: MON + 7 * DAY }).obligations.filter(
    (o) => o.handoff === handoff,
  );

describe("business-time obligations", () => {
  it("Friday 15:00 + 4 business hours is Monday 11:00; an answer at Monday 10:30 is met after 3.5 business hours", () => {
    const d = dataset(
      [lead("L1", T0)],
      [stage("L1", "mql", FRI + 15 * HOUR), stage("L1", "sal", MON + 10.5 * HOUR)],
      [],
      reps(),
    );
    const [o] = one("accept", d);
    expect(o).toMatchObject({ status: "met", clock: "business", deadline: MON + 11 * HOUR, owner: "Ann" });
    expect(o?.latencyMs).toBe(3.5 * HOUR); // Friday 15–17 (2 h) + Monday 09:00–10:30 (1.5 h)
  });

  it("a rep in Los Angeles is held to Los Angeles hours (reps file zone, calendar by team)", () => {
    // 17:00 UTC is 09:00 PST: 09–12 (3 h) + 13–14 → 14:00 PST = 22:00 UTC; the answer at 23:00 UTC is late.
    const d = dataset(
      [lead("L1", T0, { owner: "Bob" })],
      [stage("L1", "mql", T0 + 17 * HOUR), stage("L1", "sal", T0 + 23 * HOUR)],
      [],
      reps(),
    );
    const [o] = one("accept", d);
    expect(o).toMatchObject({ status: "late", deadline: T0 + 22 * HOUR, owner: "Bob" });
    expect(o?.latencyMs).toBe(5 * HOUR); // 09–12 and 13–15 PST
  });

  it("a handoff pinned to a calendar counts on it whoever the owner is", () => {
    // Saturday 2026-01-10 is a working day in Berlin support (08:00–20:00 CET = 07:00–19:00 UTC).
    const d = dataset([lead("L1", T0, { owner: "Bob" })], [stage("L1", "mql", FRI + 18 * HOUR)], [], reps());
    const [o] = one("pinned", d);
    // Friday 18:00–19:00 UTC (1 h), Saturday 07:00–10:00 UTC (3 h) → Saturday 10:00 UTC.
    expect(o?.deadline).toBe(FRI + DAY + 10 * HOUR);
  });

  it("restart: the new owner's clock is on the new owner's calendar and zone", () => {
    // mql Monday 10:00 UTC (Ann, UTC office); Bob (Los Angeles) gets the lead at 11:00 UTC = 03:00 PST:
    // his clock starts at 09:00 PST (17:00 UTC) and runs 4 business hours to 14:00 PST (22:00 UTC).
    const d = dataset(
      [lead("L1", T0)],
      [
        stage("L1", "mql", T0 + 10 * HOUR),
        reassign("L1", "Bob", T0 + 11 * HOUR),
        stage("L1", "sal", T0 + 21 * HOUR),
      ],
      [],
      reps(),
    );
    const [o] = one("accept", d);
    expect(o).toMatchObject({ status: "met", owner: "Bob", restarts: 1, deadline: T0 + 22 * HOUR });
    expect(o?.runs.map((r) => [r.owner, r.start - T0])).toEqual([
      ["Ann", 10 * HOUR],
      ["Bob", 17 * HOUR],
    ]);
    expect(o?.ownerLatencyMs).toBe(3 * HOUR); // Bob's 09:00–12:00 PST before the answer at 13:00 PST
  });

  it("splits the wait: a queue owns the lead (system) until a rep does (person)", () => {
    // With a reps file, "Queue" is not a rep. mql Monday 09:00, Ann assigned 10:00, sal 11:00.
    const d = dataset(
      [lead("L1", T0, { owner: "Queue" })],
      [
        stage("L1", "mql", T0 + 9 * HOUR),
        reassign("L1", "Ann", T0 + 10 * HOUR),
        stage("L1", "sal", T0 + 11 * HOUR),
      ],
      [],
      reps(),
    );
    const { report } = computeAudit(d, sla(`${CALENDARS}${ACCEPT}`), { asOf: MON });
    const row = report.latency.handoffs.find((h) => h.id === "accept");
    expect(row?.delay).toEqual({ system_p50_hours: 1, person_p50_hours: 1, system_share: 0.5 });
  });

  it("only a completed call counts as the touch: the scheduled one an hour in does not", () => {
    const d = dataset(
      [lead("L1", T0)],
      [stage("L1", "sal", T0 + 9 * HOUR)],
      [
        activity("L1", "call", T0 + 10 * HOUR, "Ann", "scheduled"),
        activity("L1", "call", T0 + 13.5 * HOUR, "Ann", "completed"),
      ],
      reps(),
    );
    const [o] = one("touch", d);
    // 09–12 (3 h) reaches 2 business hours at 11:00: deadline 11:00; the completed call at 13:30 is late.
    expect(o).toMatchObject({ status: "late", deadline: T0 + 11 * HOUR });
    expect(o?.latencyMs).toBe(3.5 * HOUR); // 09–12 and 13:00–13:30
  });
});
