/** Explicit date formats (`date_format:` on a source), in date-fns / Excel tokens. */

/**
 * Explicit date formats (`date_format:` on a source), in the tokens date-fns and Excel users know:
 * yyyy yy M MM MMM MMMM d dd H HH h hh m mm s ss SSS a, other characters literal. A format's date
 * part alone is also accepted (a date column in a file whose time stamps carry times).
 */

import { daysInMonth, type Wall } from "./zone.js";

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** Month 1..12 from an English name or abbreviation ("Apr", "april", "Sept"), else 0. */
export function monthOf(name: string): number {
  const n = name.toLowerCase();
  const i = MONTHS.findIndex((m) => n.startsWith(m) && (n.length <= 4 || n.startsWith(m)));
  return i + 1;
}

type Field = "y" | "yy" | "m" | "mon" | "d" | "h" | "h12" | "mi" | "s" | "ms" | "a";
const TOKENS: [string, string, Field][] = [
  ["yyyy", "(\\d{4})", "y"],
  ["yy", "(\\d{2})", "yy"],
  ["MMMM", "([A-Za-z]+)", "mon"],
  ["MMM", "([A-Za-z]{3,4})\\.?", "mon"],
  // Padding is not checked: "MM", "dd" and "HH" also read 1-digit values (a spreadsheet drops the
  // zero in some columns and keeps it in others), which can make no value mean another date.
  ["MM", "(\\d{1,2})", "m"],
  ["M", "(\\d{1,2})", "m"],
  ["dd", "(\\d{1,2})", "d"],
  ["d", "(\\d{1,2})", "d"],
  ["HH", "(\\d{1,2})", "h"],
  ["H", "(\\d{1,2})", "h"],
  ["hh", "(\\d{1,2})", "h12"],
  ["h", "(\\d{1,2})", "h12"],
  ["mm", "(\\d{2})", "mi"],
  ["ss", "(\\d{2})", "s"],
  ["SSS", "(\\d{1,3})", "ms"],
  ["a", "([AaPp]\\.?[Mm]\\.?)", "a"],
];

export interface CompiledFormat {
  readonly format: string;
  read(text: string): Wall | null;
}

function compile(format: string): { re: RegExp; fields: Field[] } {
  let re = "";
  const fields: Field[] = [];
  for (let i = 0; i < format.length; ) {
    // Seconds are optional: one column holds "15:38" and "15:38:10" (the seconds read as 0).
    if (format.startsWith(":ss", i)) {
      re += "(?::(\\d{2}))?";
      fields.push("s");
      i += 3;
      continue;
    }
    const token = TOKENS.find(([t]) => format.startsWith(t, i));
    if (token) {
      re += token[1];
      fields.push(token[2]);
      i += token[0].length;
    } else {
      const c = format[i] as string;
      // A space also matches ", " (newer locale formats put a comma after the date: "3/8/2021, 9:15 AM").
      re += c === " " ? ",?\\s+" : c.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
      i++;
    }
  }
  return { re: new RegExp(`^\\s*${re}\\s*$`), fields };
}

/** Compiles a format; throws on a format without year, month and day (the config rules report it). */
export function compileDateFormat(format: string): CompiledFormat {
  const full = compile(format);
  const datePart = format.split(/[\sT](?=[Hh])/)[0] ?? format;
  const dateOnly = datePart !== format ? compile(datePart) : null;
  const read = (text: string): Wall | null => {
    for (const { re, fields } of dateOnly ? [full, dateOnly] : [full]) {
      const m = re.exec(text);
      if (m) return toWall(fields, m);
    }
    return null;
  };
  return { format, read };
}

/** True when a format names a year, a month and a day. */
export function isCompleteFormat(format: string): boolean {
  const { fields } = compile(format);
  return (
    (fields.includes("y") || fields.includes("yy")) &&
    (fields.includes("m") || fields.includes("mon")) &&
    fields.includes("d")
  );
}

function toWall(fields: Field[], m: RegExpExecArray): Wall | null {
  const w: Wall = { y: 0, m: 0, d: 0, h: 0, mi: 0, s: 0, ms: 0 };
  let pm: boolean | null = null;
  let h12: number | null = null;
  fields.forEach((f, i) => {
    const v = m[i + 1];
    if (v === undefined) return; // an optional part left out (seconds)
    if (f === "y") w.y = Number(v);
    else if (f === "yy")
      w.y = Number(v) + (Number(v) < 70 ? 2000 : 1900); // 00-69: 2000-2069; 70-99: 1970-1999
    else if (f === "m") w.m = Number(v);
    else if (f === "mon") w.m = monthOf(v);
    else if (f === "d") w.d = Number(v);
    else if (f === "h") w.h = Number(v);
    else if (f === "h12") h12 = Number(v);
    else if (f === "mi") w.mi = Number(v);
    else if (f === "s") w.s = Number(v);
    else if (f === "ms") w.ms = Number(v.padEnd(3, "0"));
    else if (f === "a") pm = v[0]?.toLowerCase() === "p";
  });
  if (h12 !== null) {
    if (h12 < 1 || h12 > 12) return null;
    w.h = (h12 % 12) + (pm ? 12 : 0);
  }
  if (w.m < 1 || w.m > 12 || w.d < 1 || w.d > daysInMonth(w.y, w.m) || w.h > 23 || w.mi > 59 || w.s > 59)
    return null;
  return w;
}
