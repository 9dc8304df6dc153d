/**
 * notCsv on control bytes (issue 16: /dev/zero and other endless devices): the check that stops a
 * pipe's copy from its first bytes. Text with a stray control character is still CSV.
 */

import { describe, expect, it } from "vitest";
import { notCsv } from "../../../src/ingest/csv/binary.js";

const CSV = "Id,CreatedDate,Status\nL1,2026-05-01T09:00:00Z,New\nL2,2026-05-02T09:00:00Z,MQL\n";

/** 4,096 bytes that cycle through every byte value, as random data holds them (32 of 256 are C0). */
const everyByte = Uint8Array.from({ length: 4096 }, (_, i) => (i * 7) % 256);

describe("notCsv: binary data", () => {
  it("bytes of every value (as /dev/urandom gives) are binary: 28 of 256 are controls, 11% > 8%", () => {
    // 32 C0 bytes less tab, LF, FF and CR = 28 control bytes (NUL among them) per 256: 10.9%.
    expect(notCsv(everyByte, null)).toContain("it holds binary data (control bytes), not CSV text");
  });

  it("with encoding: windows-1252 set, NUL bytes are still binary (/dev/zero)", () => {
    expect(notCsv(new Uint8Array(4096), "windows-1252")).toContain("binary data (NUL bytes)");
  });

  it("with a UTF-16 encoding set, NUL bytes are text: not refused here (the row limit ends them)", () => {
    expect(notCsv(new Uint8Array(4096), "utf16le")).toBeNull();
  });

  it("CSV text with a stray ESC sequence in a header cell is CSV (2 control bytes of 90)", () => {
    expect(notCsv(Buffer.from(`\u001b]0;x\u0007${CSV}`), null)).toBeNull();
  });
});
