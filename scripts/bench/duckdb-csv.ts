/**
 * Reading the bench's CSV files into DuckDB: SQL literals and identifiers, a file's header and first
 * row, the time-stamp formats the bench reads, and read_csv with every column declared.
 */
import { closeSync, openSync, readSync } from "node:fs";
import type { BenchSource } from "./sla.js";

/** A SQL string literal. */
export const lit = (s: string): string => `'${s.replaceAll("'", "''")}'`;
/** A SQL identifier. */
export const id = (s: string): string => `"${s.replaceAll('"', '""')}"`;

/** The cells of a CSV line (quotes as in RFC 4180; enough for a header and a first row). */
function cells(line: string): string[] {
  const out: string[] = [];
  let cur = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** The header and the first data row of a CSV file. */
export function head(path: string): { header: string[]; first: string[] } {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(65_536);
    const n = readSync(fd, buf, 0, buf.length, 0);
    const lines = buf
      .subarray(0, n)
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .split(/\r?\n/);
    return { header: cells(lines[0] ?? "").map((h) => h.trim()), first: cells(lines[1] ?? "") };
  } finally {
    closeSync(fd);
  }
}

/** The time-stamp formats the bench reads, and whether they are UTC. */
export const FORMATS: { re: RegExp; format: string; utc: boolean }[] = [
  { re: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/, format: "%Y-%m-%dT%H:%M:%SZ", utc: true },
  { re: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, format: "%Y-%m-%d %H:%M:%S", utc: false },
  { re: /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, format: "%Y-%m-%dT%H:%M:%S", utc: false },
];

/** The format of a file's time-stamp column, from its first row (null when none of FORMATS). */
export function sniffFormat(source: BenchSource, field: string): (typeof FORMATS)[number] | null {
  const { header, first } = head(source.path);
  const name = source.columns[field];
  const i = header.findIndex((h) => h === name || h.toLowerCase() === name?.toLowerCase());
  const value = (i >= 0 ? first[i] : undefined)?.trim() ?? "";
  return FORMATS.find((f) => f.re.test(value)) ?? null;
}

/**
 * read_csv with every column declared: VARCHAR, and the time-stamp column (when given) TIMESTAMP
 * in its format, rows whose time stamp does not read being skipped (`ignore_errors`): the rows
 * the audit leaves out as bad_timestamp findings.
 */
export function readCsv(source: BenchSource, stamp?: { column: string; format: string }): string {
  const { header } = head(source.path);
  const columns = header
    .map((h) => `${lit(h)}: ${h === stamp?.column ? "'TIMESTAMP'" : "'VARCHAR'"}`)
    .join(", ");
  const typed = stamp ? `, timestampformat = ${lit(stamp.format)}, ignore_errors = true` : "";
  return `read_csv(${lit(source.path)}, header = true, delim = ',', quote = '"', escape = '"', auto_detect = false, columns = {${columns}}${typed})`;
}

/** The trimmed value of a mapped column, NULL when empty or when the file has no such column. */
export function col(source: BenchSource, field: string): string {
  const name = source.columns[field];
  return name === undefined ? "NULL::VARCHAR" : `nullif(trim(${id(name)}), '')`;
}
