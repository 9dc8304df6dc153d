/** The cells of a row a byte filter's taker is offered (row-filter.ts), when the table would hand them on as they are. */

/** A row at least this long is not clean to the tokenizer (fast-csv.ts CLEAN_ROW): the table checks it. */
export const CLEAN_ROW = 10_000;

/** What the table's checks compare a data row with (table.ts, Checks): its header's width and first cell. */
export interface RowShapeOf {
  width: number;
  firstKey: string;
  /** 1 for each cell the taker reads (null: all); the others are cut as "" (no text made). */
  need: Uint8Array | null;
}

/** The shape of a table's data rows; null when it has constant columns ("=call": cells the table adds). */
export function shapeOf(
  header: readonly string[],
  columns: Record<string, string[]>,
  /** The only cells the taker reads (their indexes); absent: all. */
  reads?: readonly number[],
): RowShapeOf | null {
  if (Object.values(columns).some((c) => c.some((x) => x.startsWith("=")))) return null;
  let need: Uint8Array | null = null;
  if (reads) {
    need = new Uint8Array(header.length);
    for (const i of reads) if (i < need.length) need[i] = 1;
  }
  return { width: header.length, firstKey: (header[0] ?? "").toLowerCase(), need };
}

/**
 * The cells of the plain row s[from, to) (no quote, CR, NUL or byte past ASCII: row-filter.ts), cut
 * as fast-csv.ts cuts them; null when the table would not hand them on unchanged: a long row, a
 * ragged row, or a row whose first cell is the header's (a repeated header). The cells the shape
 * does not need are "" (the first is always cut: it is compared with the header's).
 */
export function takenCells(
  s: string,
  from: number,
  to: number,
  delimiter: string,
  shape: RowShapeOf,
): string[] | null {
  if (to - from >= CLEAN_ROW) return null;
  const cells: string[] = [];
  const need = shape.need;
  let at = from;
  for (;;) {
    const d = s.indexOf(delimiter, at);
    if (d < 0 || d >= to) break;
    cells.push(need === null || cells.length === 0 || need[cells.length] === 1 ? s.slice(at, d) : "");
    at = d + 1;
  }
  cells.push(need === null || cells.length === 0 || need[cells.length] === 1 ? s.slice(at, to) : "");
  if (cells.length !== shape.width || (cells[0] as string).trim().toLowerCase() === shape.firstKey)
    return null;
  return cells;
}
