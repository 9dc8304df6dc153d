import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { formatIssue, UserError } from "../../../src/errors.js";
import { fastCsvTokenizer, readCsvRows } from "../../../src/ingest/csv/read-csv.js";
import { csvParseTokenizer } from "../../../src/ingest/csv/reference-csv.js";
import type { CsvRow, CsvTokenizer } from "../../../src/ingest/csv/row.js";

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/ingest/${name}`, import.meta.url));

/** Every row, as line and cells (the fast tokenizer's `clean` hint is checked apart). */
async function collect(rows: AsyncIterable<CsvRow | CsvRow[]>): Promise<CsvRow[]> {
  const out: CsvRow[] = [];
  for await (const item of rows)
    for (const { line, cells } of Array.isArray(item) ? item : [item]) out.push({ line, cells });
  return out;
}

const tokenizers: [string, CsvTokenizer][] = [
  ["csvParseTokenizer (reference)", csvParseTokenizer],
  ["fastCsvTokenizer", fastCsvTokenizer],
];
let tokenizer: CsvTokenizer = csvParseTokenizer;
const tokenize = (chunks: (string | Buffer)[], t: CsvTokenizer = tokenizer) =>
  collect(t(Readable.from(chunks), "f.csv"));

/** The UserError a promise rejects with (fails the test when it resolves or throws something else). */
async function rejection(promise: Promise<unknown>): Promise<UserError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UserError);
  return err as UserError;
}

describe.each(tokenizers)("%s: the line each row starts on", (_name, t) => {
  beforeEach(() => {
    tokenizer = t;
  });
  it.each<[string, string, [number, string[]][]]>([
    [
      "LF",
      "a,b\n1,2\n3,4\n",
      [
        [1, ["a", "b"]],
        [2, ["1", "2"]],
        [3, ["3", "4"]],
      ],
    ],
    [
      "CRLF",
      "a,b\r\n1,2\r\n3,4\r\n",
      [
        [1, ["a", "b"]],
        [2, ["1", "2"]],
        [3, ["3", "4"]],
      ],
    ],
    [
      "CR (old Mac)",
      "a,b\r1,2\r3,4\r",
      [
        [1, ["a", "b"]],
        [2, ["1", "2"]],
        [3, ["3", "4"]],
      ],
    ],
    [
      "no final line break",
      "a,b\n1,2\n3,4",
      [
        [1, ["a", "b"]],
        [2, ["1", "2"]],
        [3, ["3", "4"]],
      ],
    ],
    [
      "blank lines (LF) are skipped but counted",
      "\na,b\n\n1,2\n\n\n3,4\n",
      [
        [2, ["a", "b"]],
        [4, ["1", "2"]],
        [7, ["3", "4"]],
      ],
    ],
    [
      "blank lines (CRLF) are skipped but counted",
      "\r\na,b\r\n\r\n1,2\r\n\r\n3,4\r\n",
      [
        [2, ["a", "b"]],
        [4, ["1", "2"]],
        [6, ["3", "4"]],
      ],
    ],
    [
      "quoted field over two lines (LF)",
      'a,b\n1,"x\ny"\n3,4\n',
      [
        [1, ["a", "b"]],
        [2, ["1", "x\ny"]],
        [4, ["3", "4"]],
      ],
    ],
    [
      "quoted field over two lines (CRLF inside the quotes)",
      'a,b\r\n1,"x\r\ny"\r\n3,4\r\n',
      [
        [1, ["a", "b"]],
        [2, ["1", "x\r\ny"]],
        [4, ["3", "4"]],
      ],
    ],
    [
      "quoted field over two lines (CR inside the quotes)",
      'a,b\r1,"x\ry"\r3,4\r',
      [
        [1, ["a", "b"]],
        [2, ["1", "x\ry"]],
        [4, ["3", "4"]],
      ],
    ],
    [
      "several multi-line fields in one row and in later rows (CRLF)",
      'a,b\r\n"p\r\nq","x\r\ny\r\nz"\r\n3,4\r\n5,"u\r\nv"\r\n7,8\r\n',
      [
        [1, ["a", "b"]],
        [2, ["p\r\nq", "x\r\ny\r\nz"]],
        [6, ["3", "4"]],
        [7, ["5", "u\r\nv"]],
        [9, ["7", "8"]],
      ],
    ],
    [
      "LF file with a CRLF inside one quoted field",
      'a,b\n1,"x\r\ny"\n3,"p\nq"\n5,6\n',
      [
        [1, ["a", "b"]],
        [2, ["1", "x\r\ny"]],
        [4, ["3", "p\nq"]],
        [6, ["5", "6"]],
      ],
    ],
    [
      "a BOM is removed from the first header cell",
      "\uFEFFa,b\n1,2\n",
      [
        [1, ["a", "b"]],
        [2, ["1", "2"]],
      ],
    ],
    [
      "quoted empty cells are kept",
      'a,b\n"",""\n1,2\n',
      [
        [1, ["a", "b"]],
        [2, ["", ""]],
        [3, ["1", "2"]],
      ],
    ],
    [
      "rows of another width are passed on (the table reports them)",
      "a,b\n1\n1,2,3\n",
      [
        [1, ["a", "b"]],
        [2, ["1"]],
        [3, ["1", "2", "3"]],
      ],
    ],
  ])("%s", async (_name, text, expected) => {
    const rows = await tokenize([text]);
    expect(rows.map((r) => [r.line, r.cells])).toEqual(expected);
  });

  it("gives the same lines when the input arrives one character at a time", async () => {
    const text = '\r\na,b\r\n1,"x\r\ny"\r\n\r\n3,4\r\n';
    const whole = await tokenize([text]);
    const split = await tokenize(text.split(""));
    expect(whole.map((r) => r.line)).toEqual([2, 3, 6]);
    expect(split).toEqual(whole);
  });

  it("removes a BOM given as bytes", async () => {
    const rows = await tokenize([Buffer.from("\uFEFFid,name\nL1,Ann\n", "utf8")]);
    expect(rows).toEqual([
      { line: 1, cells: ["id", "name"] },
      { line: 2, cells: ["L1", "Ann"] },
    ]);
  });
});

describe.each(tokenizers)("%s: broken CSV is a UserError naming the file", (_name, t) => {
  beforeEach(() => {
    tokenizer = t;
  });
  it("an unterminated quote", async () => {
    const err = await rejection(tokenize(['a,b\n1,2\n3,"oops\n5,6\n']));
    expect(err.message).toMatch(/^f\.csv:\d+: /);
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatchObject({
      severity: "error",
      file: "f.csv",
      hint: 'close the quote (a quote inside a field is written twice: ""), or re-export the file',
    });
    expect(err.issues[0]?.line).toBe(3);
    expect(err.issues[0]?.message).toBe(
      "invalid CSV: a quoted field in the row starting at line 3 is never closed",
    );
  });

  // csv-parse reports the end of the input (line 5 here, 7 with CRLF); we name the row's first line.
  it.each([
    ["LF", 'a,b\n1,2\n3,"oops\n5,6\n'],
    ["CRLF", 'a,b\r\n1,2\r\n3,"oops\r\n5,6\r\n'],
  ])("an unterminated quote names the line where the field opens (%s)", async (_name, text) => {
    const err = await rejection(tokenize([text]));
    expect(err.issues[0]?.line).toBe(3);
  });
});

describe("csvParseTokenizer: strict quotes", () => {
  it("a quote inside an unquoted field", async () => {
    const err = await rejection(tokenize(['a,b\n1,x"y"\n'], csvParseTokenizer));
    expect(err.issues.map(formatIssue)).toEqual([
      'f.csv:2  error  invalid CSV: a quote is found on field 1 at line 2, value is "x"\n    hint: check the quoting around this line, or re-export the file as standard CSV',
    ]);
  });
});

describe("readCsvRows", () => {
  it("reads a file's rows with the line each starts on (CRLF, multi-line field, blank line)", async () => {
    const rows = await collect(readCsvRows(fixture("crlf-multiline.csv"), "crlf-multiline.csv"));
    expect(rows).toEqual([
      { line: 1, cells: ["id", "note"] },
      { line: 2, cells: ["L1", "two\r\nlines"] },
      { line: 5, cells: ["L2", "ok"] },
    ]);
  });

  it.each([
    ["a missing file", fixture("no-such-file.csv"), "no such file"],
    ["a directory", fixture("basic"), "it is a directory, not a file"],
  ])("%s is a UserError with a clear message", async (_name, path, why) => {
    const err = await rejection(collect(readCsvRows(path, "leads.csv")));
    expect(err.message).toBe(`cannot read leads.csv: ${why}`);
    expect(err.issues.map(formatIssue)).toEqual([
      `leads.csv  error  cannot read input: ${why}\n    hint: fix \`file:\` under \`sources:\` in the SLA file; paths are relative to the SLA file`,
    ]);
  });
});

describe("fastCsvTokenizer: what exports really hold", () => {
  const fast = (chunks: (string | Buffer)[]) => tokenize(chunks, fastCsvTokenizer);

  it("marks rows clean only when no cell can hold a NUL, a U+FFFD or 10,000 characters", async () => {
    const rows: CsvRow[] = [];
    const text = `a,b\n1,2\n3,${"x".repeat(10_001)}\n`;
    for await (const batch of fastCsvTokenizer(Readable.from([text]), "f.csv")) rows.push(...batch);
    expect(rows.map((r) => r.clean === true)).toEqual([true, true, false]);
    const dirty: CsvRow[] = [];
    for await (const batch of fastCsvTokenizer(Readable.from(["a,b\n1,2\n3,\u0000\n"]), "f.csv"))
      dirty.push(...batch);
    expect(dirty.some((r) => r.clean)).toBe(false);
  });

  it("mixed line endings in one file: CRLF, LF and a lone CR each end a row", async () => {
    const rows = await fast(["id,at\r\nL1,1\nL2,2\rL3,3\r\n\nL4,4"]);
    // lines: 1 header (CRLF), 2 L1 (LF), 3 L2 (CR), 4 L3 (CRLF), 5 blank, 6 L4 (no final break)
    expect(rows.map((r) => [r.line, r.cells])).toEqual([
      [1, ["id", "at"]],
      [2, ["L1", "1"]],
      [3, ["L2", "2"]],
      [4, ["L3", "3"]],
      [6, ["L4", "4"]],
    ]);
  });

  it("a quote inside an unquoted field is a literal character", async () => {
    const rows = await fast(['a,b\n1,5" monitor\n']);
    expect(rows[1]?.cells).toEqual(["1", '5" monitor']);
  });

  it("a quoted field opening at the end of a line runs on to the next (rows without quotes are read by search)", async () => {
    const rows = await fast(['a,b\n1,"\n2"\n3,4\n5,6" x\n7,8']);
    expect(rows.map((r) => [r.line, ...r.cells])).toEqual([
      [1, "a", "b"],
      [2, "1", "\n2"],
      [4, "3", "4"],
      [5, "5", '6" x'],
      [6, "7", "8"],
    ]);
  });

  it("text glued to a closing quote stays in the cell", async () => {
    const rows = await fast(['a,b\n"x"y,2\n']);
    expect(rows[1]?.cells).toEqual(["xy", "2"]);
  });

  it("an empty last field, a quoted empty field and doubled quotes", async () => {
    const rows = await fast(['a,b,c\n1,,\n"",""""," a ""b"" "\n']);
    expect(rows.slice(1).map((r) => r.cells)).toEqual([
      ["1", "", ""],
      ["", '"', ' a "b" '],
    ]);
  });

  it("another delimiter", async () => {
    const rows = await tokenize([Buffer.from('id;note\nL1;"a;b"\n')], (input, file) =>
      fastCsvTokenizer(input, file, { delimiter: ";" }),
    );
    expect(rows.map((r) => r.cells)).toEqual([
      ["id", "note"],
      ["L1", "a;b"],
    ]);
  });

  it("a multi-byte character split between two chunks", async () => {
    const bytes = Buffer.from("id,name\nL1,Zoë Ørsted\n", "utf8");
    const at = bytes.indexOf(0xc3) + 1; // inside the two bytes of ë
    const rows = await fast([bytes.subarray(0, at), bytes.subarray(at)]);
    expect(rows[1]?.cells).toEqual(["L1", "Zoë Ørsted"]);
  });

  it.each([7000, 1_000_000])(
    "5,000 rows in chunks of %i characters: every row once, in order, across batches",
    async (size) => {
      const text = `id,n\n${Array.from({ length: 5000 }, (_, i) => `L${i},"${i}\n"`).join("\n")}\n`;
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      const rows = await fast(chunks);
      expect(rows).toHaveLength(5001);
      // Each data row spans two lines (a break inside its quoted cell): row i starts on line 2i.
      expect(rows.every((r, i) => i === 0 || (r.cells[0] === `L${i - 1}` && r.line === 2 * i))).toBe(true);
    },
  );

  it("a 5 MB quoted cell arriving in 64 KB chunks", async () => {
    const big = "x".repeat(5 * 1024 * 1024);
    const text = `id,note\nL1,"${big}"\nL2,ok\n`;
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 65_536) chunks.push(text.slice(i, i + 65_536));
    const rows = await fast(chunks);
    expect(rows.map((r) => [r.line, r.cells[0], r.cells[1]?.length])).toEqual([
      [1, "id", 4],
      [2, "L1", big.length],
      [3, "L2", 2],
    ]);
  });

  it("agrees with the reference on well-formed CSV with one kind of line ending, however it is split", async () => {
    const cell = fc.oneof(
      fc.stringMatching(/^[a-z0-9 ]{0,6}$/),
      fc.string({ maxLength: 6 }).map((s) => `"${s.replaceAll('"', '""')}"`),
      fc.constantFrom('"a\nb"', '"a\r\nb"', '"x,y"', '""'),
    );
    const row = fc.array(cell, { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 8 }),
        fc.constantFrom("\n", "\r\n"),
        fc.array(fc.nat(40), { maxLength: 6 }),
        async (rows, eol, cuts) => {
          // A row that is one empty cell is an empty line: both skip it.
          const text = rows.map((r) => r.join(",")).join(eol) + eol;
          const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
          const chunks: string[] = [];
          let from = 0;
          for (const p of points) {
            chunks.push(text.slice(from, p));
            from = p;
          }
          chunks.push(text.slice(from));
          const reference = await tokenize([text], csvParseTokenizer);
          expect(
            await tokenize(
              chunks.filter((c) => c !== ""),
              fastCsvTokenizer,
            ),
          ).toEqual(reference);
        },
      ),
      { numRuns: 300 },
    );
  });
});
