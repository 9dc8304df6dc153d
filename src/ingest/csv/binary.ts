/** What a file named as CSV really is when it is not text, said plainly with what to do. */

/**
 * What a file given as CSV really is, when it is not text: a compressed or spreadsheet file named
 * .csv, or text in an encoding read only with a setting (UTF-16 without a byte-order mark,
 * UTF-32). Said plainly with what to do, instead of "missing column" with binary in the hint.
 * Pure: the first bytes in, a sentence or null out.
 */

import type { Encoding } from "./encoding.js";

/**
 * Why the bytes are not a CSV file as given, and what to do; null when they may well be one.
 * `encoding`: the source's `encoding:` setting (null: none), which silences the guesses about
 * UTF-16 and UTF-32 but not binary data, unless it is UTF-16 (whose text holds NUL bytes).
 */
export function notCsv(head: Uint8Array, encoding: Encoding | null): string | null {
  const encodingSet = encoding !== null;
  const at = (i: number) => head[i] ?? -1;
  const starts = (...bytes: number[]) => bytes.every((b, i) => at(i) === b);
  if (starts(0x1f, 0x8b))
    return "it is a gzip file, not CSV: decompress it (gunzip -k) and point file: at the .csv, or read it through <(zcat FILE)";
  if (starts(0x50, 0x4b, 0x03, 0x04))
    return "it is a ZIP file (an Excel .xlsx workbook or a zipped export), not CSV: save the sheet as CSV (File > Save As > CSV UTF-8) or unzip the export";
  if (starts(0xd0, 0xcf, 0x11, 0xe0))
    return "it is an Excel 97-2003 workbook (.xls), not CSV: save the sheet as CSV (File > Save As > CSV UTF-8)";
  if (starts(0x25, 0x50, 0x44, 0x46))
    return "it is a PDF document, not CSV: export the report as CSV instead";
  if (starts(0x50, 0x41, 0x52, 0x31)) return "it is a Parquet file, not CSV: export it as CSV";
  if (encoding === "utf16le" || encoding === "utf16be") return null;
  if (!encodingSet && (starts(0xff, 0xfe, 0x00, 0x00) || starts(0x00, 0x00, 0xfe, 0xff)))
    return "it is UTF-32 text, which funnel-audit does not read: save it as UTF-8 (or UTF-16)";
  // UTF-16 without a byte-order mark: ASCII text with a zero byte beside every character.
  const n = Math.min(head.length, 4096) & ~1;
  if (!encodingSet && n >= 8 && !starts(0xff, 0xfe) && !starts(0xfe, 0xff)) {
    let even = 0;
    let odd = 0;
    for (let i = 0; i < n; i += 2) {
      if (head[i] === 0) even++;
      if (head[i + 1] === 0) odd++;
    }
    const half = n / 2;
    if (odd > half * 0.6 && even < half * 0.05)
      return "it looks like UTF-16 (little-endian) text without a byte-order mark: set encoding: utf-16le on the source";
    if (even > half * 0.6 && odd < half * 0.05)
      return "it looks like UTF-16 (big-endian) text without a byte-order mark: set encoding: utf-16be on the source";
  }
  // Mostly NUL bytes (and not UTF-16, above): binary data, such as /dev/zero or a database file.
  // Many other control bytes (not tab, line feed, carriage return, form feed): random or
  // compressed data, such as /dev/urandom, which would otherwise be copied from a pipe forever.
  let zeros = 0;
  let controls = 0;
  for (let i = 0; i < n; i++) {
    const b = head[i] as number;
    if (b === 0) zeros++;
    else if (b < 0x20 && b !== 9 && b !== 10 && b !== 12 && b !== 13) controls++;
  }
  const utf16Bom = starts(0xff, 0xfe) || starts(0xfe, 0xff);
  if (n >= 8 && !utf16Bom && zeros > n * 0.3)
    return "it holds binary data (NUL bytes), not CSV text: point file: at the CSV export";
  // Random bytes hold 28 such bytes in 256 (10.9%); text holds a stray one at most.
  if (n >= 64 && !utf16Bom && zeros + controls > n * 0.08)
    return "it holds binary data (control bytes), not CSV text: point file: at the CSV export";
  return null;
}
