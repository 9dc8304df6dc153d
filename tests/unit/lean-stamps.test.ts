/**
 * A trace's stamps workers read most plain rows in place (src/parallel/lean-stamps.ts) instead of
 * cutting them into cells for the ingest's typers. Whatever the row, the lean reader must take it
 * only when the typer's way (takenCells, the time-stamp parser, historyTyper / ownerTyper /
 * activityTyper) types it, and to the same lead id and time; it may decline more (the typer's way
 * then reads the row). Random rows of every kind the typers tell apart check it.
 */

import { describe, expect, it } from "vitest";
import type { BatchWriter, Typer } from "../../src/ingest/batch.js";
import { cell } from "../../src/ingest/csv/columns.js";
import { type RowShapeOf, shapeOf, takenCells } from "../../src/ingest/csv/taken-row.js";
import { activityTyper } from "../../src/ingest/sources/activities.js";
import { ownerTyper } from "../../src/ingest/sources/owner-history.js";
import { historyTyper } from "../../src/ingest/sources/stage-history.js";
import { buildStageLookup } from "../../src/ingest/sources/stage-lookup.js";
import { type LeanKind, leanStamps } from "../../src/parallel/lean-stamps.js";
import { createTimestampParser } from "../../src/time/timestamps.js";
import type { SlaConfig } from "../../src/types.js";

const ZONE = "America/New_York";
const stages = buildStageLookup({
  stages: [
    { id: "inquiry", label: "Inquiry", matches: ["New"] },
    { id: "mql", label: "MQL", matches: ["Marketing Qualified", "MQL"] },
  ],
  outcomes: [{ id: "recycled", label: "Recycled", matches: ["Recycled"], returns_to: "inquiry" }],
} as unknown as SlaConfig);

/** A small deterministic generator (LCG), so a failure can be run again. */
function random(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return Math.floor((x / 2147483648) * n);
  };
}

/** What a writer was given: [id, time] per row typed. */
function recorder(): { out: BatchWriter; got: [string, number][] } {
  const got: [string, number][] = [];
  const out = { push: (id: string, at: number) => got.push([id, at]) } as unknown as BatchWriter;
  return { out, got };
}

const KINDS: Record<
  LeanKind,
  { header: string[]; index: Record<string, number[]>; typer: (index: Record<string, number[]>) => Typer }
> = {
  stage_history: {
    header: ["lead_id", "status", "changed_at", "owner", "reason"],
    index: { lead_id: [0], stage: [1], at: [2], owner: [3], reason: [4] },
    typer: (index) => historyTyper(index, stages),
  },
  owner_history: {
    header: ["lead_id", "owner", "assigned_at"],
    index: { lead_id: [0], owner: [1], at: [2] },
    typer: ownerTyper,
  },
  activities: {
    header: ["activity_id", "lead_id", "owner", "type", "status", "occurred_at", "call_type"],
    index: { lead_id: [1], owner: [2], type: [3], status: [4], at: [5], call_type: [6] },
    typer: activityTyper,
  },
};

// Cells of every kind the typers and the reader tell apart.
const IDS = ["L-1", "L-2", "L-2", "L-22", " L-3", "L-4 ", "", "L-5;L-6", "lead_id", "LEAD_ID", "activity_id"];
const TIMES = [
  "2026-05-04T09:30:00Z",
  "2026-05-04 09:30:00",
  "2026-05-04T09:30",
  "2026-05-04",
  "2026-05-04T09:30:00.250Z",
  "2026-03-08 02:30:00", // a wall time New York skips
  "2026-11-01 01:30:00", // one it has twice
  "05/04/2026 09:30", // not a fixed layout: the parser's other ways
  "2026-02-30",
  " 2026-05-04",
  "2026-05-04T09:30:00+02:00",
  "",
];
const STAGES = [
  "New",
  "MQL",
  "MXL",
  "mql",
  "Marketing  Qualified",
  "Recycled",
  "Unknown",
  "",
  " MQL",
  "New ",
];
const OWNERS = ["Dana", "", " ", "Luis Ortega"];
const TYPES = ["call", "email", "", " call"];

describe("the lean stamps reader", () => {
  for (const kind of Object.keys(KINDS) as LeanKind[])
    it(`takes only what the typer types, to the same id and time (${kind})`, () => {
      const { header, index, typer } = KINDS[kind];
      const parser = createTimestampParser(ZONE, null, false, true);
      const lean = leanStamps(kind, shapeOf(header, {}) as RowShapeOf, index, parser, stages);
      expect(lean).not.toBeNull();
      const shape = shapeOf(header, {});
      const typeRow = typer(index);
      const next = random(20261205 + kind.length);
      const pick = (list: string[]) => list[next(list.length)] as string;
      let taken = 0;
      let declined = 0;
      for (let i = 0; i < 5000; i++) {
        const cells = header.map((h, c) => {
          if (c === index.lead_id?.[0]) return pick(IDS);
          if (c === index.at?.[0]) return pick(TIMES);
          if (c === index.stage?.[0]) return pick(STAGES);
          if (c === index.owner?.[0]) return pick(OWNERS);
          if (c === index.type?.[0] || c === index.call_type?.[0]) return pick(TYPES);
          return next(5) === 0 ? "" : `${h}-${next(100)}`;
        });
        // Sometimes ragged: a cell more or less.
        const r = next(20);
        if (r === 0) cells.push("extra");
        if (r === 1) cells.pop();
        const row = cells.join(",");
        const mine = recorder();
        const theirs = recorder();
        const tookLean = (lean as NonNullable<typeof lean>).take(row, 0, row.length, ",", mine.out);
        const cut = takenCells(row, 0, row.length, ",", shape as NonNullable<typeof shape>);
        const time = cut === null ? null : parser.parse(cell(cut, index, "at") ?? "");
        const tookTyper = cut !== null && time !== null && typeRow(cut, time, 0, theirs.out);
        if (tookLean) {
          taken++;
          expect(tookTyper, row).toBe(true);
          expect(mine.got, row).toEqual(theirs.got);
        } else if (tookTyper) declined++;
      }
      // Most rows the typer takes are taken in place; some (spaces, other layouts) are not.
      expect(taken).toBeGreaterThan(500);
      expect(declined).toBeGreaterThan(0);
    });

  it("is not used where a field has several columns or a date format is set", () => {
    const { header } = KINDS.owner_history;
    expect(
      leanStamps(
        "owner_history",
        shapeOf(header, {}) as RowShapeOf,
        { lead_id: [0, 1], at: [2] },
        createTimestampParser(ZONE, null, false, true),
        stages,
      ),
    ).toBeNull();
    expect(
      leanStamps(
        "owner_history",
        shapeOf(header, {}) as RowShapeOf,
        { lead_id: [0], owner: [1], at: [2] },
        createTimestampParser(ZONE, "dd/MM/yyyy", true, true),
        stages,
      ),
    ).toBeNull();
  });
});
