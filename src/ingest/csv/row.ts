/** What every CSV reader shares: a row, a tokenizer's shape, the row limit, the unreadable-input errors. */

import type { Readable } from "node:stream";
import { UserError } from "../../errors.js";

/**
 * The longest row read, in characters (32 MiB): a row past it is refused with exit 2 at the line
 * where it starts, before more of it is held in memory. Real exports stay far below (a Salesforce
 * long text area holds 131,072 characters, a HubSpot text property 65,536); /dev/zero read with an
 * encoding set, a file of one 512 MB line or a 100 MB cell of `""` would otherwise fill the heap.
 * Both tokenizers keep it (csv-parse counts bytes).
 */
export const MAX_ROW_CHARS = 32 * 1024 * 1024;
export interface CsvRow {
  /** 1-based line where the row starts (the header is line 1 unless blank lines precede it). */
  line: number;
  cells: string[];
  /**
   * True when the tokenizer knows no cell holds a NUL, a U+FFFD or more than 10,000 characters,
   * so the per-cell checks can be skipped (absent: unknown, every cell is checked).
   */
  clean?: boolean;
}

export interface CsvOptions {
  delimiter: string;
  /** The longest row read, in characters (default MAX_ROW_CHARS; smaller in tests). */
  maxRow?: number;
}

/** Turns a text stream into rows, in batches (one or more per chunk read); `file` names the input in errors. */
export type CsvTokenizer = (input: Readable, file: string, options?: CsvOptions) => AsyncIterable<CsvRow[]>;

/** Told how many bytes of a file have been read, of how many. */
export type Progress = (file: string, done: number, total: number) => void;

/** A file that cannot be opened or read (missing, a directory, no permission); `why` says which. */
export class UnreadableInput extends UserError {
  readonly why: string;
  constructor(file: string, why: string) {
    super(`cannot read ${file}: ${why}`, [
      {
        severity: "error",
        file,
        line: 0,
        message: `cannot read input: ${why}`,
        hint: "fix `file:` under `sources:` in the SLA file; paths are relative to the SLA file",
      },
    ]);
    this.why = why;
  }
}

/** The error for a quoted field never closed, named at the line where its row starts (both tokenizers). */
export function unclosedQuote(file: string, line: number): UserError {
  const message = `a quoted field in the row starting at line ${line} is never closed`;
  const hint = 'close the quote (a quote inside a field is written twice: ""), or re-export the file';
  return new UserError(`${file}:${line}: ${message}`, [
    { severity: "error", file, line, message: `invalid CSV: ${message}`, hint },
  ]);
}

/** The error for a row longer than the limit (MAX_ROW_CHARS), named at the line where it starts (both tokenizers). */
export function rowTooLong(file: string, line: number, limit = MAX_ROW_CHARS): UserError {
  const mib = (limit / 1024 / 1024).toLocaleString("en-US", { maximumFractionDigits: 1 });
  const message = `the row starting at line ${line} is longer than ${mib} MiB (${limit.toLocaleString("en-US")} characters), the most funnel-audit reads in one row`;
  const hint =
    "a row that long is not an export of leads or activities: check that file: names the CSV export (not a device or a binary file), and that every quote in the file is closed";
  return new UserError(`${file}:${line}: ${message}`, [
    { severity: "error", file, line, message: `invalid CSV: ${message}`, hint },
  ]);
}
