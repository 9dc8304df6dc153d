/** Sizes and amounts as people type them (`1,000-5,000`, `50+`, `5K`, `$1.2M`, `10 to 49`) read as a range. */

/** A value read as the range it stands for; a single number is [n, n], `50+` is [50, ∞]. */
export interface ValueRange {
  min: number;
  max: number;
}

// Currency marks and words a cell may carry around its number; removed before reading.
const CURRENCY = /(?:US\$|A\$|C\$|\$|€|£|¥|₹|\b(?:usd|eur|gbp|jpy|cad|aud|chf|inr|brl)\b)/gi;
// Words after a size ("50 employees").
const UNITS = /\b(?:employees?|people|persons?|staff|emp|ees|fte|heads?)\b\.?/gi;
const SCALE: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mm: 1e6,
  mn: 1e6,
  mio: 1e6,
  million: 1e6,
  millions: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  billions: 1e9,
};
// A number with its separators and an optional scale: "1,200.50", "1.2", "5K", "1.2 M".
const NUMBER = /^(\d[\d,.' ]*)\s*([a-z]+)?$/i;

/**
 * Reads one number as typed. Separators: a comma or a dot followed by exactly three digits, where
 * more such groups or the other mark follow, is a thousands separator ("1,000", "1.000.000",
 * "1.200,50", "1,200.50"); a lone comma before other than three digits is a decimal comma ("1,5").
 * A lone dot is a decimal point ("1.200" is 1.2: the English reading, stated in docs/definitions.md).
 * Returns null when the text is no number.
 */
export function readNumber(text: string): { value: number; scaled: boolean } | null {
  const m = NUMBER.exec(text.trim());
  if (m === null) return null;
  const digits = (m[1] as string).replace(/[' ]/g, "");
  const suffix = m[2]?.toLowerCase();
  let scale = 1;
  if (suffix !== undefined) {
    const s = SCALE[suffix];
    if (s === undefined) return null;
    scale = s;
  }
  const n = plainNumber(digits);
  return n === null ? null : { value: n * scale, scaled: suffix !== undefined };
}

function plainNumber(digits: string): number | null {
  const lastComma = digits.lastIndexOf(",");
  const lastDot = digits.lastIndexOf(".");
  let normal: string;
  if (lastComma >= 0 && lastDot >= 0) {
    // Both marks: the later one is the decimal mark.
    normal = lastComma > lastDot ? digits.replace(/\./g, "").replace(",", ".") : digits.replace(/,/g, "");
  } else if (lastComma >= 0) {
    normal = /^\d{1,3}(,\d{3})+$/.test(digits) ? digits.replace(/,/g, "") : digits.replace(",", ".");
  } else if (lastDot >= 0 && /^\d{1,3}(\.\d{3}){2,}$/.test(digits)) {
    normal = digits.replace(/\./g, "");
  } else normal = digits;
  if (!/^\d+(\.\d+)?$/.test(normal)) return null;
  return Number(normal);
}

// "a-b", "a – b", "a to b", "between a and b", "from a to b".
const RANGE = /^(?:between|from)?\s*(.+?)\s*(?:-|–|—|\bto\b|\band\b)\s*(.+)$/i;
const AT_LEAST =
  /^(?:(?:over|above|more than|greater than|at least|min(?:imum)?)\s+|>=?\s*|≥\s*)(.+?)$|^(.+?)\s*\+$/i;
const AT_MOST = /^(?:(?:under|below|less than|fewer than|up to|at most|max(?:imum)?)\s+|<=?\s*|≤\s*)(.+)$/i;

/**
 * Reads a cell as the range it stands for: "10 to 49" → [10, 49], "50+" → [50, ∞], "<10" → [0, 10],
 * "$1-5M" → [1e6, 5e6] (a scale written once at the end applies to both ends). Null when unreadable.
 */
export function readRange(text: string): ValueRange | null {
  const t = text.replace(CURRENCY, "").replace(UNITS, "").trim();
  if (t === "") return null;
  const single = readNumber(t);
  if (single !== null) return { min: single.value, max: single.value };
  const most = AT_MOST.exec(t);
  if (most !== null) {
    const n = readNumber(most[1] as string);
    return n === null ? null : { min: 0, max: n.value };
  }
  const least = AT_LEAST.exec(t);
  if (least !== null) {
    const n = readNumber((least[1] ?? least[2]) as string);
    return n === null ? null : { min: n.value, max: Number.POSITIVE_INFINITY };
  }
  const r = RANGE.exec(t);
  if (r === null) return null;
  const hiText = (r[2] as string).trim();
  const hi = readNumber(hiText);
  let lo = readNumber((r[1] as string).trim());
  if (lo === null || hi === null) return null;
  // "$1-5M": the scale written once at the end applies to the start too.
  if (!lo.scaled && hi.scaled) {
    const suffix = /([a-z]+)$/i.exec(hiText)?.[1];
    lo = readNumber(`${r[1]}${suffix}`) ?? lo;
  }
  return lo.value <= hi.value ? { min: lo.value, max: hi.value } : null;
}

/** How a range stands against a test's bounds: inside, outside, or partly inside (undecided). */
export type Placement = "inside" | "outside" | "partial";

/** Where [v.min, v.max] lies against [min, max] (a null bound is open). */
export function place(v: ValueRange, min: number | null, max: number | null): Placement {
  const lo = min ?? Number.NEGATIVE_INFINITY;
  const hi = max ?? Number.POSITIVE_INFINITY;
  if (v.min >= lo && v.max <= hi) return "inside";
  if (v.max < lo || v.min > hi) return "outside";
  return "partial";
}
