/**
 * trace's pass over the leads file types each plain row's id and creation; most rows are read in
 * place (CreationsTaker, with a parser that has fixed layouts; RowBounds), the rest cut into cells.
 * Both ways must give the same ids and creations (and leave the traced lead's rows to the table).
 */

import { describe, expect, it } from "vitest";
import { CreationsTaker, leadCreations } from "../../../src/ingest/sources/lead-creations.js";
import { createTimestampParser } from "../../../src/time/timestamps.js";

const ZONE = "Europe/Madrid";
const header = ["Lead ID", "Created Date", "Company", "Email"];
const index = { id: [0], created_at: [1], company: [2], email: [3] };

function random(seed: number) {
  let x = seed;
  return (n: number) => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return Math.floor((x / 2147483648) * n);
  };
}

const IDS = ["L-1", "L-2", "L-2", "L-30", " L-4", "L-5 ", "", "L-TRACED", "lead id", "LEAD ID"];
const TIMES = [
  "2026-05-04T09:30:00Z",
  "2026-05-04 09:30:00",
  "2026-03-29 02:30:00", // a wall time Madrid skips
  "2026-05-04",
  "04/05/2026 09:30", // not a fixed layout, and day and month cannot be told: none
  "13/05/2026 09:30", // not a fixed layout: read by the parser's other ways, by cells
  "2026-05-04T09:30:00+02:00",
  "2026-02-30",
  " 2026-05-04",
  "",
];

/** The pass over `rows` (each offered to the taker, as the byte filter offers plain rows). */
async function pass(rows: string[], inPlace: boolean) {
  const taker = new CreationsTaker();
  const handed: string[] = [];
  // The rows the taker declines would reach the table; here they are only kept, and none yielded.
  const offered = (async function* () {
    for (const row of rows) if (!taker.take(row, 0, row.length, ",")) handed.push(row);
    yield* [];
  })();
  // With its fixed layouts (TimestampParser.fixed) rows are read in place; without (the reference
  // parser, regular expressions only), by cells.
  const parser = createTimestampParser(ZONE, null, false, inPlace);
  const out = await leadCreations(offered, { index, parser }, "L-TRACED", {
    taker,
    header,
    columns: {},
  });
  return { ids: out.ids, created: out.created, handed };
}

describe("the leads pass of a trace, read in place", () => {
  it("gives the ids and creations the cells give, and hands on the same rows", async () => {
    const next = random(20261205);
    const pick = (list: string[]) => list[next(list.length)] as string;
    for (let round = 0; round < 50; round++) {
      const rows: string[] = [];
      for (let i = 0; i < 200; i++) {
        // Mostly an id of its own (so every row's creation shows), sometimes one of the odd ones.
        const id = next(4) === 0 ? pick(IDS) : `L-${round}-${i}`;
        const cells = [id, pick(TIMES), `Co ${next(50)}`, next(3) === 0 ? "" : `x${i}@example.com`];
        if (next(25) === 0) cells.push("extra");
        rows.push(cells.join(","));
      }
      const [cut, inPlace] = [await pass(rows, false), await pass(rows, true)];
      expect(inPlace).toEqual(cut);
      // The traced lead's rows and the rows neither way reads are handed on to the table.
      expect(cut.handed.some((r) => r.startsWith("L-TRACED,"))).toBe(
        rows.some((r) => r.startsWith("L-TRACED,")),
      );
    }
  });
});
