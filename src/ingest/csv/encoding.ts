/** Which text encoding a CSV file is in, decided once for the whole file. */

/**
 * Which text encoding a CSV file is in. Decided once for the whole file: a file whose every byte
 * is valid UTF-8 is UTF-8; any other file (most Salesforce report exports, Excel's "CSV" on
 * Windows) is Windows-1252 from its first byte to its last. Windows-1252 gives a character for
 * every byte, so no decoding choice of ours ever shows U+FFFD.
 */

import { isUtf8 } from "node:buffer";
import type { FileHandle } from "node:fs/promises";
import type { EncodingName } from "../../types.js";

/** How a file is decoded: its text encoding as TextDecoder names it. */
export type Encoding = "utf8" | "windows-1252" | "utf16le" | "utf16be";

/**
 * The decoder of a named encoding. Latin-1 is read as Windows-1252 (as browsers and the WHATWG
 * Encoding standard do): files labelled Latin-1 hold Windows-1252's €, “ and ” at 0x80–0x9F.
 */
export function encodingOf(name: EncodingName): Encoding {
  switch (name) {
    case "utf-8":
      return "utf8";
    case "utf-16le":
      return "utf16le";
    case "utf-16be":
      return "utf16be";
    default:
      return "windows-1252";
  }
}

/** The bytes at the end of `buf` that start a UTF-8 sequence the next chunk finishes (0 to 3). */
function unfinished(buf: Buffer): number {
  for (let k = 1; k <= 3 && k <= buf.length; k++) {
    const b = buf[buf.length - k] as number;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > k ? k : 0;
  }
  return 0;
}

const CHUNK = 1 << 20;

/**
 * The offset of the first byte of the file that is not valid UTF-8, or null when it all is.
 * Reads the whole file once in 1 MB chunks through buffer.isUtf8 (SIMD): about 15 ms for 150 MB
 * once the file is in the page cache, against seconds to tokenize it (docs/performance.md).
 */
export async function firstInvalidUtf8(handle: FileHandle): Promise<number | null> {
  const buf = Buffer.allocUnsafe(CHUNK + 3);
  let carry = 0;
  let position = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buf, carry, CHUNK, position);
    const end = carry + bytesRead;
    const last = bytesRead === 0;
    const cut = last ? end : end - unfinished(buf.subarray(0, end));
    if (!isUtf8(buf.subarray(0, cut))) return position - carry + invalidAt(buf.subarray(0, cut));
    if (last) return null;
    position += bytesRead;
    buf.copy(buf, 0, cut, end);
    carry = end - cut;
  }
}

/** The index of the first byte of `buf` that does not belong to a valid UTF-8 sequence. */
function invalidAt(buf: Buffer): number {
  let i = 0;
  while (i < buf.length) {
    const b = buf[i] as number;
    const need =
      b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (need === 0 || !isUtf8(buf.subarray(i, i + need))) return i;
    i += need;
  }
  return buf.length;
}

/** The 1-based line holding byte `offset` (CRLF, LF and a lone CR each end a line, as the tokenizers count). */
export async function lineOfOffset(handle: FileHandle, offset: number): Promise<number> {
  const buf = Buffer.allocUnsafe(CHUNK);
  let line = 1;
  let position = 0;
  let cr = false;
  while (position < offset) {
    const { bytesRead } = await handle.read(buf, 0, Math.min(CHUNK, offset - position), position);
    if (bytesRead === 0) break;
    for (let i = 0; i < bytesRead; i++) {
      const c = buf[i] as number;
      if (c === 10) {
        if (!cr) line++;
        cr = false;
      } else {
        cr = c === 13;
        if (cr) line++;
      }
    }
    position += bytesRead;
  }
  return line;
}
