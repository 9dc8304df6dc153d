/**
 * A taker cuts a plain row's cells from the filter's text (src/ingest/csv/taken-row.ts); with the
 * cells it reads named (the leads pass of a trace reads the id and the creation), the other cells
 * are left empty, no text made of them. The cells it reads, and whether the row is taken at all,
 * must not change.
 */

import { describe, expect, it } from "vitest";
import { shapeOf, takenCells } from "../../../src/ingest/csv/taken-row.js";

const header = ["lead_id", "created_at", "first_name", "company", "title"];
const columns = { id: ["lead_id"], created_at: ["created_at"] };

describe("takenCells with the cells read named", () => {
  it("cuts the cells read as all are cut, and leaves the others empty", () => {
    const all = shapeOf(header, columns);
    const some = shapeOf(header, columns, [0, 1]);
    const rows = [
      "L-1,2026-05-01T09:00:00Z,Ana,Acme,CTO",
      " L-2 , 2026-05-02 ,Bo,,",
      ",,x,y,z",
      "L-3,2026-05-03,too,many,cells,here",
      "L-4,2026-05-04,too few",
      "LEAD_ID,created_at,first_name,company,title",
    ];
    for (const row of rows) {
      const whole = takenCells(row, 0, row.length, ",", all as NonNullable<typeof all>);
      const read = takenCells(row, 0, row.length, ",", some as NonNullable<typeof some>);
      // Taken or refused alike (ragged rows and the repeated header are refused).
      expect(read === null).toBe(whole === null);
      if (whole === null || read === null) continue;
      expect(read.slice(0, 2)).toEqual(whole.slice(0, 2));
      expect(read.slice(2)).toEqual(["", "", ""]);
    }
    expect(
      takenCells(rows[0] as string, 0, (rows[0] as string).length, ",", some as NonNullable<typeof some>),
    ).toEqual(["L-1", "2026-05-01T09:00:00Z", "", "", ""]);
  });

  it("reads a cell named anywhere in the row", () => {
    const shape = shapeOf(header, columns, [4]);
    const row = "L-1,2026-05-01,Ana,Acme,CTO";
    expect(takenCells(row, 0, row.length, ",", shape as NonNullable<typeof shape>)).toEqual([
      "L-1",
      "",
      "",
      "",
      "CTO",
    ]);
  });
});
