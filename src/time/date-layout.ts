/** The layout of a numeric date column (day-first or month-first), decided once per column. */

/**
 * The layout of a numeric date column (`06-08-2020 15:38`, `2/5/24 1:51 PM`), decided once per
 * column from all its values, never value by value: a column where any value can only be
 * day-first is day-first (and month-first alike); every value is then read in that one layout.
 * A column whose values contradict each other, mostly fit no layout, or are all ambiguous is
 * refused, naming the `date_format` to set. Pure: values in, a decision out.
 */

import { type CompiledFormat, compileDateFormat } from "./date-format.js";
import { readIso, readUnambiguous } from "./timestamps.js";
import { daysInMonth } from "./zone.js";

/** Day-first or month-first. */
export type DateOrder = "dmy" | "mdy";
/** What one value allows: only one order, both, none, or another format read as is (ISO, month names). */
type Fit = DateOrder | "both" | "none" | "other";

// d/M/yyyy or M/d/yy with / . or -, then an optional time: 15:38, 15:38:10, 3:38 PM, 3:38:10 p.m.
const NUMERIC =
  /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:,?[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*([AaPp]\.?[Mm]\.?)?)?$/;

/** A value and its line, quoted in messages. */
export interface DateExample {
  line: number;
  text: string;
  /** The file and 1-based column, when a column's values come from several files (a `file:` pattern). */
  at?: { file: string; column: number };
}

const fullYear = (y: string) => (y.length === 4 ? Number(y) : Number(y) + (Number(y) < 70 ? 2000 : 1900));

/** Counts of one column's values by what they allow, with examples and the shapes the format is written from. */
export class DateColumnTally {
  readonly counts: Record<Fit, number> = { dmy: 0, mdy: 0, both: 0, none: 0, other: 0 };
  readonly examples: Record<Fit, DateExample[]> = { dmy: [], mdy: [], both: [], none: [], other: [] };
  private readonly seps = new Map<string, number>();
  private shortYear = 0;
  private padded = [true, true];
  private timed = 0;
  private ampm = 0;
  private seconds = 0;
  private hourPadded = true;
  /** Numeric values the hint (a preset's suggested format) cannot read. */
  hintMisses = 0;

  constructor(private readonly hint: CompiledFormat | null = null) {}

  /** Counts one non-empty cell (`at`: its file and column, when the tally spans files). */
  add(text: string, line: number, at?: DateExample["at"]): void {
    const fit = this.fitOf(text.trim());
    this.counts[fit]++;
    const ex = this.examples[fit];
    if (ex.length < 3) ex.push(at ? { line, text: text.trim(), at } : { line, text: text.trim() });
  }

  private fitOf(t: string): Fit {
    const m = NUMERIC.exec(t);
    if (!m) return readIso(t) !== null || readUnambiguous(t) !== null ? "other" : "none";
    const [a, b, y] = [Number(m[1]), Number(m[3]), fullYear(m[4] as string)];
    const h = m[5] === undefined ? 0 : Number(m[5]);
    const ampm = m[8] !== undefined;
    const timeOk =
      m[5] === undefined ||
      ((ampm ? h >= 1 && h <= 12 : h <= 23) && Number(m[6]) <= 59 && Number(m[7] ?? 0) <= 59);
    const ok = (mo: number, d: number) => timeOk && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
    const [dmy, mdy] = [ok(b, a), ok(a, b)];
    if (!dmy && !mdy) return "none";
    this.seps.set(m[2] as string, (this.seps.get(m[2] as string) ?? 0) + 1);
    if ((m[4] as string).length === 2) this.shortYear++;
    if ((m[1] as string).length === 1) this.padded[0] = false;
    if ((m[3] as string).length === 1) this.padded[1] = false;
    if (m[5] !== undefined) {
      this.timed++;
      if ((m[5] as string).length === 1) this.hourPadded = false;
    }
    if (ampm) this.ampm++;
    if (m[7] !== undefined) this.seconds++;
    if (this.hint && !this.hint.read(t)) this.hintMisses++;
    return dmy && mdy ? "both" : dmy ? "dmy" : "mdy";
  }

  /** The date_format that reads this column's values in the given order, e.g. "dd-MM-yyyy HH:mm". */
  formatFor(order: DateOrder): string {
    const sep = [...this.seps.entries()].sort((x, y) => y[1] - x[1])[0]?.[0] ?? "/";
    const [first, second] = this.padded.map((p, i) => {
      const day = order === "dmy" ? i === 0 : i === 1;
      return day ? (p ? "dd" : "d") : p ? "MM" : "M";
    });
    const year = this.shortYear > 0 ? "yy" : "yyyy";
    let time = "";
    if (this.timed > 0) {
      const h = this.ampm > 0 ? (this.hourPadded ? "hh" : "h") : this.hourPadded ? "HH" : "H";
      time = ` ${h}:mm${this.seconds > 0 ? ":ss" : ""}${this.ampm > 0 ? " a" : ""}`;
    }
    return `${first}${sep}${second}${sep}${year}${time}`;
  }
}

export type LayoutDecision =
  /** No numeric dates: the column is read as it always was (ISO, dates with month names). */
  | { kind: "none" }
  | { kind: "decided"; order: DateOrder; format: string; by: "values" | "hint"; evidence: DateExample[] }
  | { kind: "refused"; why: "ambiguous" | "conflict" | "unfit"; examples: DateExample[]; formats: string[] };

const ORDER_WORDS: Record<DateOrder, string> = { dmy: "day first", mdy: "month first" };
export const orderWords = (o: DateOrder) => ORDER_WORDS[o];

/** The order a date_format writes (day token before month token: day first). */
export function orderOfFormat(format: string): DateOrder | null {
  const d = format.search(/d/);
  const m = format.search(/M/);
  return d < 0 || m < 0 ? null : d < m ? "dmy" : "mdy";
}

/**
 * The column's layout. Values decide: one that can only be day-first (or month-first) settles
 * it, and values of both kinds are refused. When every numeric value is ambiguous, a preset's
 * suggested format settles it only if it reads every one of them as written (its separators,
 * clock and year width): a European report export's `06/08/2020 15:38` is not read by
 * `M/d/yyyy h:mm a`, so it is refused rather than read month first.
 */
export function decideDateLayout(t: DateColumnTally, hint: string | null = null): LayoutDecision {
  const c = t.counts;
  const numeric = c.dmy + c.mdy + c.both;
  const both = (): string[] => [t.formatFor("dmy"), t.formatFor("mdy")];
  // Mostly unreadable: a layout this reader does not know, not a few bad cells.
  if (c.none >= 3 && c.none > numeric + c.other)
    return { kind: "refused", why: "unfit", examples: t.examples.none, formats: both() };
  // A column mostly in ISO (or month names) keeps them: its few numeric values are strays, read
  // when unambiguous and findings otherwise, as in a large ISO file whose first rows skip this scan.
  if (numeric === 0 || numeric < c.other) return { kind: "none" };
  if (c.dmy > 0 && c.mdy > 0)
    return {
      kind: "refused",
      why: "conflict",
      examples: [...t.examples.dmy.slice(0, 2), ...t.examples.mdy.slice(0, 2)],
      formats: both(),
    };
  if (c.dmy > 0 || c.mdy > 0) {
    const order: DateOrder = c.dmy > 0 ? "dmy" : "mdy";
    return { kind: "decided", order, format: t.formatFor(order), by: "values", evidence: t.examples[order] };
  }
  const hinted = hint ? orderOfFormat(hint) : null;
  if (hint && hinted && t.hintMisses === 0)
    return { kind: "decided", order: hinted, format: hint, by: "hint", evidence: t.examples.both };
  return { kind: "refused", why: "ambiguous", examples: t.examples.both, formats: both() };
}

/** A tally that checks values against a hint format too (null: no hint). */
export function tallyFor(hint: string | null): DateColumnTally {
  return new DateColumnTally(hint ? compileDateFormat(hint) : null);
}
