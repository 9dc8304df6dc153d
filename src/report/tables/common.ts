/** The table helper and cell formats shared by the terminal sections. */

import { type Clock, count, durationColumn, pct } from "../format.js";
import type { Style } from "../style.js";
import { displayWidth, wrap } from "../width.js";

type Align = "left" | "right";

/** A table and how it gives way on a narrow terminal. */
export interface TableSpec {
  head: string[];
  rows: string[][];
  /** First column left, the rest right unless told. */
  align?: Align[];
  /** Free text (no colour) that wraps to the width left; never narrower than minWrap. */
  wrap?: number;
  /** Narrowest the wrap column may get before columns are folded into it (default 18). */
  minWrap?: number;
  /** Columns moved into the wrap column as a "head: value" line, in this order, while too wide. */
  fold?: number[];
  /** Secondary columns hidden, in this order, while still too wide (named under the table). */
  drop?: number[];
  /** Marks explained under the table when a shown cell uses them: { "†": "fewer than …" }. */
  marks?: Record<string, string>;
  /** What a column means, said under the table while the column is shown. */
  explain?: Record<number, string>;
}

const MIN_WRAP = 18;
/** Columns a table takes beyond its cells' text: a border per column and one more, one space each side. */
const frame = (widths: number[]) => widths.reduce((s, w) => s + w + 3, 1);

/** One cell's line padded to `width` columns on the side its alignment leaves empty. */
const pad = (line: string, width: number, align: Align) => {
  const gap = " ".repeat(Math.max(0, width - displayWidth(line)));
  return align === "right" ? `${gap}${line}` : `${line}${gap}`;
};

/**
 * A boxed table with no rule between rows: a cell may hold several lines (top-aligned), each
 * column `widths` wide (fitTable's measures), the border grey when colour is on.
 */
function render(style: Style, head: string[], rows: string[][], align: Align[], widths: number[]): string {
  const all = [head.map((h) => style.chalk.bold(h)), ...rows];
  // At colour level 0 chalk hands the text back unchanged.
  const border = style.chalk.gray;
  const rule = (left: string, mid: string, right: string) =>
    border(`${left}${widths.map((w) => "─".repeat(w + 2)).join(mid)}${right}`);
  const bar = border("│");
  const out = [rule("┌", "┬", "┐")];
  for (const row of all) {
    const cells = widths.map((_, i) => (row[i] ?? "").split("\n"));
    const height = Math.max(...cells.map((c) => c.length));
    for (let line = 0; line < height; line++) {
      const text = cells.map((c, i) => ` ${pad(c[line] ?? "", widths[i] ?? 0, align[i] ?? "right")} `);
      out.push(`${bar}${text.join(bar)}${bar}`);
    }
  }
  out.push(rule("└", "┴", "┘"));
  return out.join("\n");
}

/** Each row as a record: its first cell, then one "head  value" line per other cell, heads aligned (for a table that cannot fit). */
function records(style: Style, spec: TableSpec): string {
  const flat = (s: string) => s.replace(/\n/g, " ");
  const heads = spec.head.map(flat);
  const pad = Math.max(0, ...heads.slice(1).map(displayWidth));
  return spec.rows
    .map((row) => {
      const lines = row.slice(1).flatMap((cell, j) => {
        if (cell === "") return [];
        const head = heads[j + 1] ?? "";
        const key = `  ${head}${" ".repeat(pad - displayWidth(head))}  `;
        // The value wraps beside its head; a head too wide for that puts the value under it.
        const room = style.width - displayWidth(key);
        if (room < 12) return [key.trimEnd(), wrap(`    ${flat(cell)}`, style.width, "    ")];
        const [first, ...rest] = wrap(flat(cell), room).split("\n");
        return [`${key}${first}`, ...rest.map((l) => `${" ".repeat(displayWidth(key))}${l}`)];
      });
      return [style.chalk.bold(flat(row[0] ?? "")), ...lines].join("\n");
    })
    .join("\n");
}

/** Each column's natural width (its head and cells), measured once however many layouts are tried. */
function naturalWidths(spec: TableSpec): (i: number) => number {
  const text = (i: number) => [spec.head[i] ?? "", ...spec.rows.map((r) => r[i] ?? "")];
  const naturals = new Map<number, number>();
  return (i: number) => {
    const known = naturals.get(i);
    if (known !== undefined) return known;
    const w = Math.max(...text(i).map(displayWidth));
    naturals.set(i, w);
    return w;
  };
}

/**
 * Which columns a table shows at `style.width`: it narrows the wrap column, then folds columns
 * into it, then hides secondary ones; `fits` false means even the primary columns cannot fit.
 */
function layout(style: Style, spec: TableSpec) {
  const natural = naturalWidths(spec);
  const fold = spec.fold ?? [];
  const drop = spec.drop ?? [];
  let shown = [...Array(spec.head.length).keys()];
  let folded: number[] = [];
  const hidden: number[] = [];
  const wrapCol = spec.wrap;
  const foldedLines = (r: string[]) => folded.map((i) => `${spec.head[i]}: ${r[i] ?? ""}`);
  const wrapNatural = () =>
    wrapCol === undefined
      ? 0
      : Math.max(natural(wrapCol), ...spec.rows.map((r) => Math.max(0, ...foldedLines(r).map(displayWidth))));
  const widthOf = (cols: number[], wrapWidth: number) =>
    frame(cols.map((i) => (i === wrapCol ? wrapWidth : natural(i))));
  // minWrap decides when to fold; hiding a column or printing records waits for MIN_WRAP.
  const fits = (min = MIN_WRAP) => widthOf(shown, Math.min(wrapNatural(), min)) <= style.width;
  for (const i of fold) {
    if (fits(spec.minWrap)) break;
    if (wrapCol === undefined) break;
    folded = [...folded, i];
    shown = shown.filter((c) => c !== i);
  }
  for (const i of drop) {
    if (fits()) break;
    hidden.push(i);
    shown = shown.filter((c) => c !== i);
  }
  const room = wrapCol === undefined ? 0 : style.width - widthOf(shown, 0);
  return { shown, hidden, fits: fits(), foldedLines, wrapWidth: Math.min(wrapNatural(), room), natural };
}

/** The notes under a table: what its listed columns mean, then the marks its visible cells use. */
function notesUnder(spec: TableSpec, listed: number[], visible: string[]): string[] {
  const notes: string[] = [];
  const explained = Object.entries(spec.explain ?? {}).filter(([i]) => listed.includes(Number(i)));
  if (explained.length) notes.push(explained.map(([, text]) => text).join("; "));
  const marks = Object.entries(spec.marks ?? {}).filter(([mark]) => visible.some((c) => c.includes(mark)));
  if (marks.length) notes.push(marks.map(([mark, meaning]) => `${mark} ${meaning}`).join("; "));
  return notes;
}

/**
 * A compact table (no rule between rows) that fits `style.width`: it first narrows the wrap
 * column, then folds, then hides secondary columns, and prints a list of records when even its
 * primary columns cannot fit. Hidden columns and the marks used are named under it.
 */
export function fitTable(style: Style, spec: TableSpec): string {
  const n = spec.head.length;
  const align = spec.head.map((_, i) => spec.align?.[i] ?? (i === 0 ? "left" : "right"));
  const { shown, hidden, fits, foldedLines, wrapWidth, natural } = layout(style, spec);
  const notes: string[] = [];
  let body: string;
  let visible: string[];
  if (!fits) {
    body = records(style, spec);
    visible = spec.rows.flat();
  } else {
    const rows = spec.rows.map((r) =>
      shown.map((i) =>
        i === spec.wrap ? wrap([r[i] ?? "", ...foldedLines(r)].join("\n"), wrapWidth, "  ") : (r[i] ?? ""),
      ),
    );
    const head = shown.map((i) => spec.head[i] ?? "");
    // Each column as wide as its widest line: measured once (natural), the wrap column once wrapped.
    const widths = shown.map((i, j) =>
      i === spec.wrap
        ? Math.max(displayWidth(head[j] ?? ""), ...rows.map((r) => displayWidth(r[j] ?? "")))
        : natural(i),
    );
    body = render(
      style,
      head,
      rows,
      shown.map((i) => align[i] ?? "right"),
      widths,
    );
    visible = rows.flat();
    if (hidden.length)
      notes.push(
        `not shown at ${style.width} columns: ${hidden.map((i) => (spec.head[i] ?? "").replace(/\n/g, " ")).join(", ")} (--wide shows every column)`,
      );
  }
  const listed = body.startsWith("┌") ? shown : [...Array(n).keys()];
  notes.push(...notesUnder(spec, listed, visible));
  return [body, ...notes.map((x) => wrap(x, style.width, "  "))].join("\n");
}

/** A table that fits the width (as a list of records when it cannot); first column left, the rest right unless told. */
export const table = (style: Style, head: string[], rows: string[][], align: Align[] = []) =>
  fitTable(style, { head, rows, align });

/** A section: bold title, an optional note in brackets, wrapped to the width; then the body. */
export const section = (style: Style, title: string, note: string, body: string) =>
  `${wrap(`${style.chalk.bold(title)}${note ? ` (${note})` : ""}`, style.width, "  ")}\n${body}`;

/** Lines under a table saying what its columns mean, wrapped to the width. */
export const legend = (style: Style, text: string) => wrap(text, style.width, "  ");

/** "–" when null; "87.5%" otherwise, with "†" when the sample is too small to judge. */
export const rate = (x: number | null, small = false) => `${pct(x)}${small && x !== null ? "†" : ""}`;

/** "61.2%–78.0%", or "–". */
export const interval = (low: number | null, high: number | null) =>
  low === null ? "–" : `${pct(low)}–${pct(high)}`;

export type { Clock } from "../format.js";

/** A column of durations on one clock, in one unit (format.ts durationColumn). */
export const durations = (values: readonly (number | null)[], clock: Clock, style: Style) =>
  durationColumn(values, clock, style.businessDay);

/** One column of durations whose rows may run on different clocks: one unit per clock. */
export const durationsByRow = (values: readonly (number | null)[], clocks: readonly Clock[], style: Style) =>
  durationColumn(values, clocks, style.businessDay);

/** ✓ met or ✗ missed, in colour; "–" when not judged. Explained by VERDICT_MARKS. */
export const verdict = (style: Style, met: boolean | null) =>
  met === null ? "–" : met ? style.chalk.green("✓") : style.chalk.red("✗");

export const VERDICT_MARKS = { "✓": "met", "✗": "missed" };

export const counts = (...ns: number[]) => ns.map(count);

/** The "†" mark's meaning, for TableSpec.marks. */
export const smallMark = (n: number) => ({
  "†": `fewer than ${n} decided cases: too small a sample to judge`,
});
