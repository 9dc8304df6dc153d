import { describe, expect, it } from "vitest";
import { ActivityRows } from "../../../src/ingest/store/activity-rows.js";
import { EngagementRows } from "../../../src/ingest/store/engagement-rows.js";
import { History } from "../../../src/ingest/store/history.js";
import { leadKeys } from "../../../src/ingest/store/lead-index.js";
import type { Activity, Engagement, HistoryEvent } from "../../../src/types.js";

const T0 = Date.UTC(2026, 4, 1);
const leads = Array.from({ length: 50 }, (_, i) => ({ id: `L${String(i).padStart(3, "0")}` }));

/** 70,000 rows (past the first page of 65,536), leads interleaved, some owners and reasons unique. */
function events(): HistoryEvent[] {
  return Array.from({ length: 70_000 }, (_, i): HistoryEvent => {
    const leadId = (leads[(i * 7) % leads.length] as { id: string }).id;
    const place = { file: i % 3 ? "history.csv" : "owners.csv", line: i + 2 };
    if (i % 5 === 0) return { kind: "owner", leadId, at: T0 + i * 1000, place, owner: `rep ${i % 11}` };
    return i % 2
      ? { kind: "stage", leadId, at: T0 + i, place, owner: null, stage: "mql", raw: "MQL", reason: null }
      : {
          kind: "outcome",
          leadId,
          at: T0 + i,
          place,
          owner: "Ann",
          outcome: "lost",
          raw: "Lost",
          reason: `r${i}`,
        };
  });
}

describe("rows kept as columns", () => {
  it("gives back every row as it came, in reading order and per lead, past the first page", () => {
    const input = events();
    const h = History.of(leads, input);
    expect(h.all()).toEqual(input);
    leads.forEach((l, i) => {
      expect(h.of(i)).toEqual(input.filter((e) => e.leadId === l.id));
      expect(h.countOf(i)).toBe(h.of(i).length);
    });
  });

  it("gives a lead's rows up to an instant as the full list filtered (the replay's as-of)", () => {
    const input = events();
    const h = History.of(leads, input);
    const until = T0 + 35_000; // about half the rows (times T0 + i and T0 + 1000 i)
    let some = 0;
    leads.forEach((l, i) => {
      const want = input.filter((e) => e.leadId === l.id && e.at <= until);
      expect(h.of(i, until)).toEqual(want);
      some += want.length;
    });
    expect(some).toBeGreaterThan(0);
    expect(some).toBeLessThan(input.length);
  });

  it("leaves out rows group() rejects: not handed to a lead, not counted among the owners", () => {
    const input: HistoryEvent[] = [
      { kind: "owner", leadId: "L000", at: T0, place: { file: "h.csv", line: 2 }, owner: "Kept" },
      { kind: "owner", leadId: "L000", at: 0, place: { file: "h.csv", line: 3 }, owner: "Dropped" },
      { kind: "owner", leadId: "nobody", at: 0, place: { file: "h.csv", line: 4 }, owner: "Stray dropped" },
      { kind: "owner", leadId: "nobody", at: T0, place: { file: "h.csv", line: 5 }, owner: "Stray kept" },
    ];
    const h = new History(...leadKeys(leads));
    for (const e of input) h.push(e);
    const dropped: number[] = [];
    h.group(
      (at) => at > 0,
      (e) => dropped.push(e.place.line),
    );
    expect(dropped).toEqual([3, 4]);
    expect(h.of(0).map((e) => e.place.line)).toEqual([2]);
    expect([...h.owners()].sort()).toEqual(["Kept", "Stray kept"]);
  });

  it("keeps activities' texts and nulls as they were", () => {
    const input: Activity[] = Array.from({ length: 66_000 }, (_, i) => ({
      leadId: (leads[i % leads.length] as { id: string }).id,
      at: T0 + i,
      owner: i % 4 ? `rep ${i % 9}` : null,
      type: i % 2 ? "call" : "email",
      subtype: i % 3 ? null : "outbound",
      status: i % 5 ? "completed" : null,
      place: { file: "activities.csv", line: i + 2 },
    }));
    const rows = ActivityRows.of(leads, input);
    expect(rows.all()).toEqual(input);
    expect(rows.owners()).toEqual(new Set(input.flatMap((a) => (a.owner ? [a.owner] : []))));
  });
});

describe("rows read lead by lead: each lead's first and last row, no order array", () => {
  const at = (minutes: number) => T0 + minutes * 60_000;
  // Reading order (line = row + 2): L001's three rows, a row of no lead, L003's (after L001: leads
  // need not come in id order), L000's; one row dated 0 (left out by group) and one repeat.
  const rows: [string, string, number][] = [
    ["L001", "form_fill", 5],
    ["L001", "page_view", 1],
    ["L001", "form_fill", 5], // repeats the first row: same lead, type and instant
    ["nobody", "page_view", 2],
    ["L003", "demo_request", 0], // dated 0: left out
    ["L003", "page_view", 9],
    ["L000", "page_view", 3],
  ];
  const input = rows.map(
    ([leadId, type, minutes], i): Engagement => ({
      leadId,
      type,
      at: minutes === 0 ? 0 : at(minutes),
      place: { file: "engagements.csv", line: i + 2 },
    }),
  );
  const read = (items: Engagement[]) => {
    const e = new EngagementRows(...leadKeys(leads));
    for (const item of items) e.push(item);
    e.group((t) => t > 0);
    const repeats: number[] = [];
    e.unique((r) => repeats.push(r.place.line));
    return { e, repeats };
  };
  const lines = (list: Engagement[]) => list.map((x) => x.place.line);

  it("gives each lead its rows in reading order, without the rows left out or repeated, here and in another thread", () => {
    const { e, repeats } = read(input);
    expect(repeats).toEqual([4]); // the third row (line 4)
    // L000 = index 0, L001 = 1, L003 = 3; L002 has none.
    expect([0, 1, 2, 3].map((i) => lines(e.of(i)))).toEqual([[8], [2, 3], [], [7]]);
    expect([0, 1, 2, 3].map((i) => e.countOf(i))).toEqual([1, 2, 0, 1]);
    expect(e.of(1, at(3)).map((x) => x.type)).toEqual(["page_view"]); // up to minute 3: the second row only
    expect(e.instantsOf(1)).toEqual(
      new Map([
        ["form_fill", [at(5)]],
        ["page_view", [at(1)]],
      ]),
    );
    // Every row kept, strays included, in reading order: all but lines 4 (repeat) and 6 (dated 0).
    expect(lines(e.all())).toEqual([2, 3, 5, 7, 8]);
    const shared = e.share();
    expect("order" in shared.grouping).toBe(false); // spans of rows, no order array
    const copy = EngagementRows.adopted(shared, leads.length, (i) => (leads[i] as { id: string }).id);
    expect([0, 1, 2, 3].map((i) => lines(copy.of(i)))).toEqual([[8], [2, 3], [], [7]]);
    expect(copy.countOf(1)).toBe(2);
  });

  it("rows of a lead met again after another's (not lead by lead): the same answers, from an order array", () => {
    // L001's page view moved to the end: L001, L001, nobody, L003, L003, L000, L001.
    const moved = [...input.slice(0, 1), ...input.slice(2), input[1] as Engagement];
    const { e, repeats } = read(moved);
    expect(repeats).toEqual([4]);
    expect([0, 1, 2, 3].map((i) => lines(e.of(i)))).toEqual([[8], [2, 3], [], [7]]);
    const shared = e.share();
    expect("order" in shared.grouping).toBe(true);
    const copy = EngagementRows.adopted(shared, leads.length, (i) => (leads[i] as { id: string }).id);
    expect([0, 1, 2, 3].map((i) => copy.countOf(i))).toEqual([1, 2, 0, 1]);
  });
});
