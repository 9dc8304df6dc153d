/** Display width of terminal text (colour codes take none, East Asian wide characters two); wrapping. */

// SGR colour codes and other CSI sequences: they take no column.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching the escape character is the point
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/** Code points that take no column: combining marks, zero-width joiners and spaces, variation selectors. */
const ZERO = /^[\p{Mn}\p{Me}\u200b-\u200f\u2060\ufeff]$/u;

/** Code points that take two columns: CJK, Hangul, fullwidth forms, most emoji. */
function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

export const stripAnsi = (text: string) => text.replace(ANSI, "");

/** Columns a line takes on a terminal (the widest line when there are several). */
export function displayWidth(text: string): number {
  let widest = 0;
  for (const line of stripAnsi(text).split("\n")) {
    let w = 0;
    for (const ch of line) {
      const cp = ch.codePointAt(0) as number;
      if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || ZERO.test(ch)) continue;
      w += isWide(cp) ? 2 : 1;
    }
    widest = Math.max(widest, w);
  }
  return widest;
}

/** Cuts plain text to `width` columns, ending in "…" when cut. */
export function clip(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = "";
  for (const ch of text) {
    if (displayWidth(`${out}${ch}…`) > width) break;
    out += ch;
  }
  return `${out}…`;
}

/** A line cut into pieces of at most `width` columns (a path or id longer than a line stays whole, over several). */
function split(line: string, width: number, indent: string): string[] {
  const out: string[] = [];
  let piece = "";
  for (const ch of line) {
    if (piece && displayWidth(piece + ch) > width) {
      out.push(piece);
      piece = indent;
    }
    piece += ch;
  }
  out.push(piece);
  return out;
}

/**
 * Plain text wrapped at spaces to lines of at most `width` columns; continuation lines start with
 * `indent`. A word longer than a line is split rather than overflow.
 */
export function wrap(text: string, width: number, indent = ""): string {
  if (!Number.isFinite(width)) return text;
  return text
    .split("\n")
    .map((para) => {
      // A paragraph's own leading spaces (an indented list item) stay on its first line.
      const pad = /^ */.exec(para)?.[0] ?? "";
      const lines: string[] = [];
      let line = "";
      for (const word of para.slice(pad.length).split(" ")) {
        const lead = lines.length ? indent : pad;
        const next = line ? `${line} ${word}` : `${lead}${word}`;
        if (!line || displayWidth(next) <= width) {
          line = next;
          continue;
        }
        lines.push(line);
        line = `${indent}${word}`;
      }
      lines.push(line);
      return lines.flatMap((l) => split(l, width, indent)).join("\n");
    })
    .join("\n");
}
