/**
 * The longest row a tokenizer reads (issue 16, Crashes: /dev/zero, a 512 MB line, a 100 MB cell
 * of escaped quotes). Both tokenizers refuse a row past the limit at the line where it starts,
 * and stop reading there: an endless input ends with the error instead of filling the heap. The
 * limit is 32 MiB in use; here it is 1,000 characters so the inputs stay small.
 */

import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { UserError } from "../../../src/errors.js";
import { fastCsvTokenizer } from "../../../src/ingest/csv/read-csv.js";
import { csvParseTokenizer } from "../../../src/ingest/csv/reference-csv.js";
import { type CsvTokenizer, MAX_ROW_CHARS } from "../../../src/ingest/csv/row.js";

const LIMIT = 1000;
const HEADER = "id,created,owner\nL1,2026-05-01,Ann\n";

/** Every row's line and cells, or the UserError the tokenizer stopped with. */
async function read(
  t: CsvTokenizer,
  input: Readable,
): Promise<{ line: number; cells: string[] }[] | UserError> {
  const rows: { line: number; cells: string[] }[] = [];
  try {
    for await (const batch of t(input, "f.csv", { delimiter: ",", maxRow: LIMIT }))
      for (const { line, cells } of batch) rows.push({ line, cells });
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  return rows;
}

/** `text` cut into chunks of 100 characters, as a stream delivers a file. */
const chunked = (text: string) => Readable.from(text.match(/[\s\S]{1,100}/g) ?? []);

/** An input that never ends: the head, then `unit` over and over (as /dev/zero or `yes` give). */
function endless(head: string, unit: string): Readable {
  return Readable.from(
    (function* () {
      yield head;
      const block = unit.repeat(Math.ceil(100 / unit.length));
      for (;;) yield block;
    })(),
  );
}

describe.each([
  ["fastCsvTokenizer", fastCsvTokenizer],
  ["csvParseTokenizer (reference)", csvParseTokenizer],
] as const)("%s: rows longer than the limit", (_, t) => {
  it("a row under the limit is read whole (900 characters of owner)", async () => {
    const rows = await read(t, chunked(`${HEADER}L2,2026-05-02,${"x".repeat(900)}\n`));
    expect(rows).not.toBeInstanceOf(UserError);
    expect((rows as { cells: string[] }[])[2]?.cells[2]).toHaveLength(900);
  });

  it("a row over it is refused at the line where it starts (line 3), naming the file", async () => {
    const err = await read(t, chunked(`${HEADER}L2,2026-05-02,${"x".repeat(1100)}\nL3,2026-05-03,Bob\n`));
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).message).toMatch(/^f\.csv:3: the row starting at line 3 is longer than/);
    expect((err as UserError).issues[0]).toMatchObject({ file: "f.csv", line: 3 });
  });

  it("an endless line (no line break ever) ends with the error", async () => {
    const err = await read(t, endless(HEADER, "a"));
    expect((err as UserError).message).toContain("f.csv:3: the row starting at line 3 is longer than");
  });

  it('an endless quoted cell of escaped quotes ("" over and over) ends with the error', async () => {
    const err = await read(t, endless(`${HEADER}L2,2026-05-02,"`, '""'));
    expect((err as UserError).message).toContain("f.csv:3: the row starting at line 3 is longer than");
  });

  it("a quoted field of escaped quotes under the limit reads as that many quotes", async () => {
    // 400 pairs `""` inside the quotes are 400 quote characters.
    const rows = await read(t, chunked(`${HEADER}L2,2026-05-02,"${'""'.repeat(400)}"\n`));
    expect((rows as { cells: string[] }[])[2]?.cells[2]).toBe('"'.repeat(400));
  });

  it("a row over the limit made of many short lines inside quotes is refused too", async () => {
    const cell = "note\n".repeat(300); // 1,500 characters over 300 lines
    const err = await read(t, chunked(`${HEADER}L2,2026-05-02,"${cell}"\n`));
    expect((err as UserError).message).toMatch(/^f\.csv:3: /);
  });
});

it("the limit in use is 32 MiB of characters (docs/promises.md)", () => {
  expect(MAX_ROW_CHARS).toBe(32 * 1024 * 1024);
});
