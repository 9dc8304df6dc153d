import { describe, expect, it } from "vitest";
import { ActivityRows } from "../../../src/ingest/store/activity-rows.js";
import { History } from "../../../src/ingest/store/history.js";
import { leadKeys } from "../../../src/ingest/store/lead-index.js";
import type { Activity, HistoryEvent } from "../../../src/types.js";

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
