import { isUtf8 } from "node:buffer";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { open } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { firstInvalidUtf8, lineOfOffset } from "../../../src/ingest/csv/encoding.js";
import { utf8Known, utf8Seen } from "../../../src/ingest/csv/open-csv.js";
import { fastCsvTokenizer, readCsvRows } from "../../../src/ingest/csv/read-csv.js";
import { csvParseTokenizer } from "../../../src/ingest/csv/reference-csv.js";
import type { EncodingName, Finding } from "../../../src/types.js";

const dir = mkdtempSync(join(tmpdir(), "funnel-audit-encoding-"));
let n = 0;
/** Writes the bytes to a fresh temporary file and returns its path. */
function file(bytes: Buffer): string {
  const path = join(dir, `f${n++}.csv`);
  writeFileSync(path, bytes);
  return path;
}

async function withHandle<T>(path: string, f: (h: Awaited<ReturnType<typeof open>>) => Promise<T>) {
  const h = await open(path, "r");
  try {
    return await f(h);
  } finally {
    await h.close();
  }
}

async function read(path: string, encoding?: EncodingName, tokenizer = fastCsvTokenizer) {
  const findings: Finding[] = [];
  const rows: string[][] = [];
  for await (const row of readCsvRows(path, "f.csv", tokenizer, null, undefined, { encoding, findings }))
    rows.push(row.cells);
  return { rows, findings };
}

const MB = 1 << 20;

describe("firstInvalidUtf8: the whole file, chunk boundaries included", () => {
  it("finds none in UTF-8 whose 2-, 3- and 4-byte characters straddle the 1 MB chunk boundary", async () => {
    for (const ch of ["é", "€", "😀"]) {
      const bytes = Buffer.from(ch, "utf8");
      for (let shift = 1; shift < bytes.length; shift++) {
        // The character starts `shift` bytes before the boundary: its last bytes are in chunk 2.
        const buf = Buffer.concat([Buffer.alloc(MB - shift, 0x61), bytes, Buffer.from("\n")]);
        expect(isUtf8(buf)).toBe(true);
        expect(await withHandle(file(buf), firstInvalidUtf8), `${ch} shift ${shift}`).toBeNull();
      }
    }
  });

  it("finds the first bad byte's offset, also in a later chunk and as a cut-off last character", async () => {
    const cases: [Buffer, number][] = [
      [Buffer.from([0x61, 0x62, 0xf3, 0x6e]), 2], // "abón" in Windows-1252: 0xF3 then an ASCII letter
      [Buffer.concat([Buffer.alloc(MB + 10, 0x61), Buffer.from([0xe9])]), MB + 10], // "é" in 1252 after 1 MB
      [Buffer.from([0x61, 0xe2, 0x82]), 1], // a 3-byte character cut off at the end of the file
      [Buffer.from([0xc3, 0xa9, 0x20, 0xc0, 0xaf]), 3], // "é " then an overlong "/"
    ];
    for (const [buf, at] of cases) expect(await withHandle(file(buf), firstInvalidUtf8)).toBe(at);
  });

  it("names the line of an offset counting CRLF, LF and a lone CR once each", async () => {
    // a\r\n = line 1, b\n = line 2, c\r = line 3, d at offset 8 is on line 4.
    const path = file(Buffer.from("a\r\nb\nc\rd", "latin1"));
    expect(await withHandle(path, (h) => lineOfOffset(h, 8))).toBe(4);
    expect(await withHandle(path, (h) => lineOfOffset(h, 0))).toBe(1);
  });
});

describe("reading a file that is not UTF-8", () => {
  const LINES = ["id,source", "L1,Web", "L2,Gestión directa", "L3,Café “Olé”"];
  const cp1252 = Buffer.from(
    `${LINES.join("\r\n")}\r\n`.replace("“", "\u0093").replace("”", "\u0094"), // Windows-1252 puts “ and ” at 0x93 and 0x94
    "latin1",
  );

  it.each([
    ["fast", fastCsvTokenizer],
    ["reference", csvParseTokenizer],
  ])(
    "decodes the whole file as Windows-1252 and notes the first bad byte's line (%s tokenizer)",
    async (_n, t) => {
      const { rows, findings } = await read(file(cp1252), undefined, t);
      expect(rows).toEqual(LINES.map((l) => l.split(",")));
      expect(findings.map((f) => [f.code, f.place.line])).toEqual([["encoding_detected", 3]]);
    },
  );

  it("reads the same with encoding: windows-1252, latin1 or iso-8859-1, without the note", async () => {
    for (const e of ["windows-1252", "latin1", "iso-8859-1"] as const) {
      const { rows, findings } = await read(file(cp1252), e);
      expect(rows[2]).toEqual(["L2", "Gestión directa"]);
      expect(rows[3]).toEqual(["L3", "Café “Olé”"]);
      expect(findings).toEqual([]);
    }
  });

  it("encoding: utf-8 forces UTF-8: the bad bytes show as U+FFFD (the bad_bytes finding names them)", async () => {
    const { rows } = await read(file(cp1252), "utf-8");
    expect(rows[2]).toEqual(["L2", "Gesti\uFFFDn directa"]);
  });

  it("a UTF-8 file (BOM or none) is UTF-8, with no note", async () => {
    const utf8 = Buffer.from(`\uFEFF${LINES.join("\n")}\n`, "utf8");
    const { rows, findings } = await read(file(utf8));
    expect(rows).toEqual(LINES.map((l) => l.split(",")));
    expect(findings).toEqual([]);
  });

  it("encoding: utf-16le and utf-16be read files without a byte-order mark", async () => {
    const text = `${LINES.join("\n")}\n`;
    const le = Buffer.from(text, "utf16le");
    const be = Buffer.from(le).swap16();
    expect((await read(file(le), "utf-16le")).rows).toEqual(LINES.map((l) => l.split(",")));
    expect((await read(file(be), "utf-16be")).rows).toEqual(LINES.map((l) => l.split(",")));
  });

  it("the Salesforce fixture is really Windows-1252 (not valid UTF-8)", () => {
    const path = fileURLToPath(
      new URL("../../../tests/fixtures/ingest/reading/salesforce-1252/Leads.csv", import.meta.url),
    );
    expect(isUtf8(readFileSync(path))).toBe(false);
  });

  it("never yields U+FFFD from a decoding choice: any bytes give a character each", async () => {
    // Bytes that are not a BOM, a quote or a line break, so every byte lands in a cell.
    const byte = fc
      .integer({ min: 0, max: 255 })
      .filter((b) => ![0x22, 0x0a, 0x0d, 0xef, 0xfe, 0xff].includes(b));
    await fc.assert(
      fc.asyncProperty(fc.array(byte, { minLength: 1, maxLength: 200 }), async (bytes) => {
        const { rows } = await read(file(Buffer.from([0x61, 0x0a, ...bytes, 0x0a])));
        for (const row of rows) for (const c of row) expect(c.includes("\uFFFD")).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});

describe("UTF-8 checks handed to a reading worker", () => {
  it("a worker takes the main thread's check of a file instead of reading it again", async () => {
    const dir = mkdtempSync(join(tmpdir(), "utf8-known-"));
    const file = join(dir, "rows.csv");
    // Line 3 holds a Windows-1252 byte (0xE9, "é"): checked here, the file reads as Windows-1252.
    writeFileSync(
      file,
      Buffer.concat([Buffer.from("id,name\n1,a\n2,"), Buffer.from([0xe9]), Buffer.from("\n")]),
    );
    const findings: Finding[] = [];
    for await (const _ of readCsvRows(file, "rows.csv", fastCsvTokenizer, null, undefined, { findings })) {
      // read to the end
    }
    expect(findings.map((f) => [f.code, f.place.line])).toEqual([["encoding_detected", 3]]);
    // What this thread knows is what a worker is handed: the same line for this file's key.
    const known = utf8Known();
    expect(known.some(([, line]) => line === 3)).toBe(true);
    // A worker handed another thread's word for the file takes it: here, that the file is valid
    // (the key is the file's), so it is read as UTF-8 with no note, without a check of its own.
    const keys = known.filter(([, line]) => line === 3).map(([key]) => key);
    utf8Seen(keys.map((key) => [key, 0]));
    const again: Finding[] = [];
    for await (const _ of readCsvRows(file, "rows.csv", fastCsvTokenizer, null, undefined, {
      findings: again,
    })) {
      // read to the end
    }
    expect(again).toEqual([]);
  });
});
