/** Durations and lists in the agreement's words ("one business day", "a, b or c"). */

import type { ClockWindow } from "../types.js";

const WORDS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];
const UNITS: Record<string, [string, string]> = {
  m: ["minute", "minutes"],
  h: ["hour", "hours"],
  d: ["day", "days"],
  w: ["week", "weeks"],
  bh: ["business hour", "business hours"],
  bd: ["business day", "business days"],
};

/** A window in words: "1bd" → "one business day", "30m" → "30 minutes", "1.5h" → "1.5 hours". */
export function windowWords(w: ClockWindow & { text: string }): string {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z ]+?)s?\s*$/i.exec(w.text);
  if (!m) return w.text;
  const n = Number(m[1]);
  const word = (m[2] as string).toLowerCase();
  const key = word.startsWith("business h")
    ? "bh"
    : word.startsWith("business d")
      ? "bd"
      : word === "bh" || word === "bd"
        ? word
        : word[0] === "m" || word[0] === "h" || word[0] === "d" || word[0] === "w"
          ? word[0]
          : null;
  const unit = key === null ? undefined : UNITS[key];
  if (!unit) return w.text;
  const number = Number.isInteger(n) && n <= 10 ? (WORDS[n] as string) : String(n);
  return `${number} ${n === 1 ? unit[0] : unit[1]}`;
}

/** "a, b or c". */
export const either = (xs: readonly string[], joiner = "or") =>
  xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} ${joiner} ${xs[xs.length - 1]}`;

/** "vp|director" → `vp|director`: a value as the SLA file writes it, in code style. */
export const code = (s: string) => `\`${s.replaceAll("`", "'")}\``;
