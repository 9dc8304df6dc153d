/** One read of the SLA's sources: what its steps share (config, findings, row counts, opened tables, parsers). */

import { statSync } from "node:fs";
import { FilterAhead } from "../parallel/filter-ahead.js";
import {
  type LeadIndex,
  type RowsWorker,
  readOnWorker,
  type TakenWorker,
  workerTable,
} from "../parallel/rows.js";
import { WORKER_MIN_BYTES } from "../parallel/rows-protocol.js";
import { createTimestampParser, type TimestampParser } from "../time/timestamps.js";
import type { Finding, SlaConfig, SourceDef } from "../types.js";
import { requiredFields } from "./csv/columns.js";
import type { DrainingTaker, LeadKeys } from "./csv/lead-filter.js";
import { fastCsvTokenizer, pointAtSla, readCsvBatches } from "./csv/read-csv.js";
import { csvParseTokenizer } from "./csv/reference-csv.js";
import { type CsvTokenizer, type Progress, UnreadableInput } from "./csv/row.js";
import { openTable, type Table } from "./csv/table.js";
import type { ReduceOptions } from "./sources/activity-reduce.js";
import { type RowContext, type RowReader, readHere } from "./sources/rows.js";

export interface IngestOptions {
  /** Told of bytes read per file (for a progress bar). */
  onProgress?: Progress;
  tokenizer?: CsvTokenizer;
  timestamps?: TimestampParser;
  /**
   * The straightforward path: csv-parse and the general time-stamp parser, no fast paths. Same
   * output, slower; tests compare the two byte for byte.
   */
  reference?: boolean;
  /**
   * Keep only the activities that can answer an obligation (memory bound by leads, not by the
   * activities file; see activity-reduce.ts), and those that must be kept whole.
   */
  compact?: ReduceOptions;
  /**
   * Let go of every lead's e-mail and name once the lead checks have read them (the lead
   * `compact.keepLead` keeps them): only redaction and trace read them later. A million leads'
   * e-mails and names are about 100 MB.
   */
  dropContacts?: boolean;
  /**
   * Read large stage-history, owner-history and activities files in worker threads while the leads are read
   * (src/parallel/rows.ts): `auto` (the default) for files of 8 MB or more, `always` (tests), `never`.
   * The reference path and a given tokenizer or time-stamp parser never use them.
   */
  workers?: "auto" | "always" | "never";
  /**
   * `trace` with an as-of given: the history, owner-history and activities files hand on only
   * the rows that may name this lead (lead-filter.ts), on the main thread. Every whole-file
   * decision is taken before (encoding, date layout) or from files read whole (the leads file:
   * plausibility, ids, e-mails). Without `compact.asOf`, the data's span (the default as-of)
   * comes from a pass over every row's stamp (stamps.ts), or every file is read whole.
   */
  onlyLead?: string;
}

/**
 * A trace without --as-of: the data's span (the default as-of) comes first, from every row's stamp
 * (stamps.ts), then only the lead's rows are read. With --as-of, only the lead's rows are read.
 */
export const stampsFirst = (options: IngestOptions): boolean =>
  options.onlyLead !== undefined && options.compact?.asOf === undefined;

/** A row's context for a source, once the leads are known (index.ts builds it). */
export type ContextOf = (source: SourceDef, index: Record<string, number[]>, header?: string[]) => RowContext;

/** A regular file's size; 0 for anything else (a pipe, `-`, a path that cannot be read). */
function sizeOf(path: string): number {
  try {
    const s = statSync(path);
    return s.isFile() ? s.size : 0;
  } catch {
    return 0;
  }
}

/** The state one read of the sources shares between its steps (index.ts). */
export class Reading {
  readonly tokenizer: CsvTokenizer;
  /** Rows read per file (header excluded). */
  readonly rowCounts: Record<string, number> = {};
  /** Rows that entered the dataset where no kept row says so later (coverage.ts counts the others). */
  readonly usedRows: Record<string, number> = {};
  /** The headers each file's fields were read from, for messages that name a column. */
  readonly columns: Record<string, Record<string, string[]>> = {};
  /** Footer and totals rows are rows of their file too, not handed on by the table: counted once read. */
  private readonly opened: [SourceDef, Table][] = [];
  /** Each source reads its time stamps with its own date_format (or ISO and unambiguous formats). */
  private readonly parsers = new Map<string, TimestampParser>();
  /** The traced lead's keys, once the leads are read (filtered: history, owner history, activities). */
  only: LeadKeys | undefined;
  /** The other files' filtered reads, started once the traced lead's keys are known (filterAhead). */
  private ahead: FilterAhead | null = null;

  constructor(
    readonly config: SlaConfig,
    readonly options: IngestOptions,
    private readonly workers: Map<SourceDef, Promise<RowsWorker | null>>,
    readonly findings: Finding[],
  ) {
    this.tokenizer = options.tokenizer ?? (options.reference ? csvParseTokenizer : fastCsvTokenizer);
  }

  count(source: SourceDef, rows: number): void {
    this.rowCounts[source.file] = (this.rowCounts[source.file] ?? 0) + rows;
  }

  use(file: string, rows = 1): void {
    this.usedRows[file] = (this.usedRows[file] ?? 0) + rows;
  }

  /** An unreadable input named where the SLA file names it. */
  atSla(source: SourceDef): (err: unknown) => never {
    return (err) => {
      throw err instanceof UnreadableInput ? pointAtSla(err, source, this.config.file) : err;
    };
  }

  /**
   * A table of the source (only the rows that may hold `lead`'s keys, when given; without the rows
   * `taker` takes); `notes` receive its findings.
   */
  openAs(
    source: SourceDef,
    lead?: LeadKeys,
    notes = this.findings,
    progress = this.options.onProgress,
    taker?: DrainingTaker,
  ): Promise<Table> {
    return openTable(
      source,
      readCsvBatches(source.path, source.file, this.tokenizer, source.delimiter, progress, {
        encoding: source.encoding ?? null,
        findings: notes,
        ...(lead ? { lead } : {}),
        ...(taker ? { taker } : {}),
        ...(this.ahead ? { ahead: this.ahead } : {}),
      }),
      requiredFields(source, this.config),
      notes,
    ).catch(this.atSla(source));
  }

  /** A table of the source, counted with the others (its footer rows, its columns). */
  async open(source: SourceDef, lead?: LeadKeys): Promise<Table> {
    return this.adopt(source, await this.openAs(source, lead));
  }

  /** Counts a table opened with openAs as one of the read's own. */
  adopt(source: SourceDef, table: Table): Table {
    this.opened.push([source, table]);
    this.mapped(source, table.index, table.header);
    return table;
  }

  private mapped(source: SourceDef, index: Record<string, number[]>, header: readonly string[]): void {
    this.columns[source.file] = Object.fromEntries(
      Object.entries(index).map(([field, at]) => [field, at.map((i) => header[i] as string)]),
    );
  }

  /** Each source's time-stamp parser, one per date format. */
  parserFor(source: SourceDef): TimestampParser {
    const { options, config } = this;
    if (options.timestamps) return options.timestamps;
    // An engagements source may read its naive time stamps in its own zone.
    const zone = source.engagement?.timezone ?? config.timezone;
    const key = `${source.dateFormat}\u0000${source.dateFormatDeclared}\u0000${zone}`;
    let p = this.parsers.get(key);
    if (!p) {
      p = createTimestampParser(zone, source.dateFormat, source.dateFormatDeclared, !options.reference);
      this.parsers.set(key, p);
    }
    return p;
  }

  /** Reads a source's rows with its reader: on its worker once the worker's table is open, else here; counts them. */
  async readRows(
    source: SourceDef,
    contextOf: ContextOf,
    leads: LeadIndex,
    reader: (ctx: RowContext) => RowReader,
  ): Promise<void> {
    const taken = await this.takeWorker(source);
    if (taken) {
      this.mapped(source, taken.index, taken.header);
      const ctx = contextOf(source, taken.index, taken.header);
      this.count(source, await readOnWorker(taken.worker, ctx, leads, reader(ctx)));
    } else {
      // A bridged source's rows name vendor ids, not the lead's keys: read whole.
      const table = await this.open(source, source.engagement?.bridge ? undefined : this.only);
      const ctx = contextOf(source, table.index, table.header);
      this.count(source, await readHere(table.rows, ctx, reader(ctx)));
    }
  }

  /**
   * The worker reading a source, with its table's header and index, taken out of the read: once
   * consumed (by the rows' read, or a trace's stamps pass, after which the lead's own rows are read
   * here) no one waits on it again; null when none reads it or it hands the file back
   * (field-history exports, a worker that could not start).
   */
  async takeWorker(source: SourceDef): Promise<TakenWorker | null> {
    // Out of the map before any wait: a read going on meanwhile finds it taken.
    const starting = this.workers.get(source);
    this.workers.delete(source);
    const w = await starting;
    const table = w ? await workerTable(w, source).catch(this.atSla(source)) : null;
    return w && table ? { worker: w, ...table } : null;
  }

  /**
   * Starts filtering, on a worker, the files readRows will read filtered for a lead of these keys
   * (parallel/filter-ahead.ts), in the order they are read; the leads are read meanwhile.
   */
  filterAhead(lead: LeadKeys): void {
    const { stage_history, owner_history, activities, engagements } = this.config.sources;
    // Regular files only: a pipe or `-` is read once, by the main thread (spool.ts).
    const sized = [stage_history, owner_history, ...activities, ...(engagements ?? [])].flatMap((s) =>
      s && !s.engagement?.bridge ? [{ s, size: sizeOf(s.path) }] : [],
    );
    const sources = sized.flatMap(({ s, size }) => (size > 0 ? [s] : []));
    // As for the rows' workers (`workers`): from WORKER_MIN_BYTES of files, `always` for tests.
    const mode = this.options.workers ?? "auto";
    const bytes = sized.reduce((sum, { size }) => sum + size, 0);
    if (mode === "never" || (mode === "auto" && bytes < WORKER_MIN_BYTES)) return;
    this.ahead?.stop();
    this.ahead = FilterAhead.start(
      sources.map((s) => ({ path: s.path, lead, delimiter: s.delimiter ?? null })),
    );
  }

  /** Stops the reads done ahead (filterAhead) that no one took. */
  stop(): void {
    this.ahead?.stop();
  }

  /** Counts the rows each opened table dropped (footers, totals), once every table is read. */
  countDropped(): void {
    for (const [source, table] of this.opened) this.count(source, table.dropped());
  }
}
