/** Money amounts as exports write them (`$22,700.00`, `1.200,50 €`, `(1,200)`, `CHF 1'250`), read in one decimal mark per column. */

/** The decimal mark of a column: "." (1,200.50) or "," (1.200,50). */
export type DecimalMark = "." | ",";

/** An amount read: its value, and the currency the cell names (an ISO code, or a bare symbol such as "$"), if any. */
export interface Amount {
  value: number;
  currency: string | null;
}

// Symbols that name one currency; "$", "¥" and "kr" are left as written (several currencies use them).
const SYMBOLS: [string, string][] = [
  ["US$", "USD"],
  ["A$", "AUD"],
  ["AU$", "AUD"],
  ["C$", "CAD"],
  ["CA$", "CAD"],
  ["NZ$", "NZD"],
  ["HK$", "HKD"],
  ["S$", "SGD"],
  ["R$", "BRL"],
  ["MX$", "MXN"],
  ["€", "EUR"],
  ["£", "GBP"],
  ["₹", "INR"],
  ["₩", "KRW"],
  ["₽", "RUB"],
  ["₺", "TRY"],
  ["₪", "ILS"],
  ["zł", "PLN"],
  ["$", "$"],
  ["¥", "¥"],
  ["kr", "kr"],
];
const asPattern = (s: string) => s.replace(/[$]/g, "\\$");
const SYMBOL = new RegExp(`^(?:${SYMBOLS.map(([s]) => asPattern(s)).join("|")})`, "i");
const SYMBOL_END = new RegExp(`(?:${SYMBOLS.map(([s]) => asPattern(s)).join("|")})$`, "i");
const CODE_START = /^([A-Z]{3})(?=[\s\d(+-])/i;
const CODE_END = /(?<=[\d\s)])([A-Z]{3})$/i;
// Grouping marks beside the decimal mark: spaces (a French "1 200,50": U+00A0, U+202F), apostrophes (Swiss "1'250.00").
const GROUP_MARKS = /[\s\u00a0\u202f'’]/g;
const SCALE: Record<string, number> = { k: 1e3, m: 1e6, mm: 1e6, b: 1e9, bn: 1e9 };

/** A cell taken apart: its sign, currency, digits with their marks, and scale. Null: not an amount. */
interface Parts {
  negative: boolean;
  currency: string | null;
  digits: string;
  scale: number;
}

function symbolCode(symbol: string): string {
  const hit = SYMBOLS.find(([s]) => s.toLowerCase() === symbol.toLowerCase());
  return hit ? hit[1] : symbol;
}

/** Takes the currency off either end of the text (a symbol or an upper-case ISO code). */
function takeCurrency(t: string): { rest: string; currency: string | null } {
  const code = CODE_START.exec(t) ?? CODE_END.exec(t);
  if (code)
    return { rest: t.replace(code[1] as string, "").trim(), currency: (code[1] as string).toUpperCase() };
  const start = SYMBOL.exec(t);
  if (start) return { rest: t.slice(start[0].length).trim(), currency: symbolCode(start[0]) };
  const end = SYMBOL_END.exec(t);
  if (end) return { rest: t.slice(0, -end[0].length).trim(), currency: symbolCode(end[0]) };
  return { rest: t, currency: null };
}

function partsOf(text: string): Parts | null {
  let t = text.trim();
  let negative = false;
  // Accounting negatives "(1,200.00)", a leading or trailing minus (also U+2212), around or inside the currency.
  if (/^\(.*\)$/.test(t)) [negative, t] = [true, t.slice(1, -1).trim()];
  if (/^[-−]/.test(t)) [negative, t] = [true, t.slice(1).trim()];
  const { rest, currency } = takeCurrency(t);
  t = rest;
  if (/^[-−]/.test(t)) [negative, t] = [true, t.slice(1).trim()];
  if (/[-−]$/.test(t)) [negative, t] = [true, t.slice(0, -1).trim()];
  if (t.startsWith("+")) t = t.slice(1).trim();
  const m = /^(\d[\d.,\s\u00a0\u202f'’]*?)\s*([a-z]{1,2})?$/i.exec(t);
  if (!m) return null;
  let scale = 1;
  if (m[2] !== undefined) {
    const s = SCALE[m[2].toLowerCase()];
    if (s === undefined) return null;
    scale = s;
  }
  const digits = (m[1] as string).replace(GROUP_MARKS, "");
  if (!/^\d[\d.,]*$/.test(digits) || /[.,]$/.test(digits)) return null;
  return { negative, currency, digits, scale };
}

/**
 * What a cell's digits say of the decimal mark: "." or "," when only one reading is valid,
 * "either" when both are (1,200 or 1.200: a thousand, or one and a fifth), "none" when there is
 * no mark (1200), "invalid" when no reading is.
 */
export function markOf(digits: string): DecimalMark | "either" | "none" | "invalid" {
  const commas = (digits.match(/,/g) ?? []).length;
  const dots = (digits.match(/\./g) ?? []).length;
  if (commas === 0 && dots === 0) return "none";
  if (commas > 0 && dots > 0) {
    // Both marks: the last is the decimal mark, once, after the groups of the other.
    const mark: DecimalMark = digits.lastIndexOf(",") > digits.lastIndexOf(".") ? "," : ".";
    return valid(digits, mark) ? mark : "invalid";
  }
  const [byPoint, byComma] = [valid(digits, "."), valid(digits, ",")];
  return byPoint && byComma ? "either" : byPoint ? "." : byComma ? "," : "invalid";
}

/** Whether the digits read with this decimal mark: groups of three after the first, at most one decimal mark, last. */
function valid(digits: string, mark: DecimalMark): boolean {
  const group = mark === "." ? "," : ".";
  const [whole, fraction, extra] = digits.split(mark);
  if (extra !== undefined || whole === undefined) return false;
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return false;
  if (!whole.includes(group)) return /^\d+$/.test(whole);
  const g = group === "," ? "," : "\\.";
  return new RegExp(`^\\d{1,3}(${g}\\d{3})+$`).test(whole);
}

/** The value of digits in a decided decimal mark; null when they do not read in it. */
function digitsValue(digits: string, mark: DecimalMark): number | null {
  if (!valid(digits, mark)) return null;
  const group = mark === "." ? /,/g : /\./g;
  return Number(digits.replace(group, "").replace(mark, "."));
}

/** Reads a cell in the column's decimal mark; null when it is not an amount (empty cells are the caller's). */
export function readAmount(text: string, mark: DecimalMark): Amount | null {
  const p = partsOf(text);
  if (p === null) return null;
  const v = digitsValue(p.digits, mark);
  if (v === null) return null;
  const value = v * p.scale;
  return { value: p.negative && value !== 0 ? -value : value, currency: p.currency };
}

/** A cell and its line, quoted in messages. */
export interface AmountExample {
  line: number;
  text: string;
}

/** One column's cells by what they say of the decimal mark, with a few examples of each. */
export class AmountColumnTally {
  readonly counts = { ".": 0, ",": 0, either: 0, none: 0, invalid: 0 };
  readonly examples: Record<keyof AmountColumnTally["counts"], AmountExample[]> = {
    ".": [],
    ",": [],
    either: [],
    none: [],
    invalid: [],
  };

  /** Counts one non-empty cell. */
  add(text: string, line: number): void {
    const p = partsOf(text);
    const kind = p === null ? "invalid" : markOf(p.digits);
    this.counts[kind]++;
    if (this.examples[kind].length < 3) this.examples[kind].push({ line, text: text.trim() });
  }
}

export type MarkDecision =
  | { kind: "decided"; mark: DecimalMark; by: "values" | "declared" | "no marks"; evidence: AmountExample[] }
  | { kind: "refused"; why: "ambiguous" | "conflict"; examples: AmountExample[] };

/**
 * The column's decimal mark, from all its values: a declared mark wins; else values that can only
 * be read one way decide, values of both kinds are refused, and a column whose every marked value
 * reads both ways (`1,200`, `4,500`) is refused: the setting (`decimal_mark`) must say.
 * A column without marks (`1200`, `45`) reads the same either way.
 */
export function decideDecimalMark(t: AmountColumnTally, declared: DecimalMark | null = null): MarkDecision {
  if (declared !== null) return { kind: "decided", mark: declared, by: "declared", evidence: [] };
  const [point, comma] = [t.counts["."], t.counts[","]];
  if (point > 0 && comma > 0)
    return {
      kind: "refused",
      why: "conflict",
      examples: [...t.examples["."].slice(0, 2), ...t.examples[","].slice(0, 2)],
    };
  if (point > 0 || comma > 0) {
    const mark: DecimalMark = point > 0 ? "." : ",";
    return { kind: "decided", mark, by: "values", evidence: t.examples[mark] };
  }
  if (t.counts.either > 0) return { kind: "refused", why: "ambiguous", examples: t.examples.either };
  return { kind: "decided", mark: ".", by: "no marks", evidence: [] };
}
