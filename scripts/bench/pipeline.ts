/**
 * The bench's only door into the project's internal modules (config, ingest, replay, metrics),
 * loaded from the built `dist/` so the phases run the same code as `node bin/funnel-audit.js`.
 * Types come from src/ (type-only: nothing of src/ runs here), so a changed signature shows up
 * in `npm run typecheck` on this file. When the hot path changes shape, fix this file only.
 */
import { fileURLToPath } from "node:url";

type ParseModule = typeof import("../../src/config/load.js");
/**
 * read-csv's row readers, typed by shape: ingest reads batches (readCsvBatches) where the module
 * has them, rows (readCsvRows) before that; both use ingest's default CsvTokenizer.
 */
interface ReadCsvModule {
  readCsvRows: (path: string, file: string) => AsyncIterable<{ cells: string[]; line: number }>;
  readCsvBatches?: (path: string, file: string) => AsyncIterable<{ cells: string[]; line: number }[]>;
}
type TimestampsModule = typeof import("../../src/time/timestamps.js");
type IngestModule = typeof import("../../src/ingest/index.js");
type ReplayModule = typeof import("../../src/replay/replay.js");
type MetricsModule = typeof import("../../src/metrics/index.js");
export type SlaConfig = import("../../src/types.js").SlaConfig;
export type Dataset = import("../../src/ingest/dataset.js").Dataset;
type SourceDef = import("../../src/types.js").SourceDef;

/** The built module at `dist/<path>.js`. */
async function dist<T>(path: string): Promise<T> {
  const url = new URL(`../../dist/${path}.js`, import.meta.url);
  return (await import(url.href)) as T;
}

/** Where the built code is (for messages). */
export const DIST = fileURLToPath(new URL("../../dist/", import.meta.url));

/** Reads and validates the SLA file; errors are thrown with the project's messages. */
export async function loadConfig(file: string): Promise<SlaConfig> {
  const { loadSlaConfig } = await dist<ParseModule>("config/load");
  const { config, issues } = await loadSlaConfig(file);
  if (!config)
    throw new Error(
      `${file}: ${issues
        .filter((i) => i.severity === "error")
        .map((i) => `${i.line}: ${i.message}`)
        .join("; ")}`,
    );
  return config;
}

/** One CSV source of the SLA, with the column holding its time stamps and a parser for them. */
export interface BenchCsvSource {
  kind: string;
  path: string;
  file: string;
  /** Candidate headers of the time-stamp column (none for reps). */
  timestampColumns: string[];
  /** Parses one time stamp as ingest does (the source's date_format, the SLA's zone). */
  parser: () => Promise<(text: string) => number | null>;
}

/** Every CSV file the audit reads, in the order ingest reads them. */
export function csvSources(config: SlaConfig): BenchCsvSource[] {
  const s = config.sources;
  const list: { def: SourceDef; field: string | null }[] = [];
  if (s.reps) list.push({ def: s.reps, field: null });
  list.push({ def: s.leads, field: "created_at" });
  if (s.stage_history) list.push({ def: s.stage_history, field: "at" });
  if (s.owner_history) list.push({ def: s.owner_history, field: "at" });
  for (const d of s.stage_dates) list.push({ def: d, field: null });
  for (const d of s.activities) list.push({ def: d, field: "at" });
  for (const d of s.engagements ?? []) list.push({ def: d, field: "at" });
  return list.map(({ def, field }) => ({
    kind: def.kind,
    path: def.path,
    file: def.file,
    timestampColumns: field ? (def.columns[field] ?? []) : [],
    parser: async () => {
      const { createTimestampParser } = await dist<TimestampsModule>("time/timestamps");
      const p = createTimestampParser(config.timezone, def.dateFormat, def.dateFormatDeclared);
      return (text: string) => p.parse(text);
    },
  }));
}

/**
 * Tokenizes a file as ingest does (its default CsvTokenizer, in batches when read-csv has them),
 * calling `onRow` per row; returns the rows.
 */
export async function tokenize(
  path: string,
  file: string,
  onRow: (cells: string[], line: number) => void,
): Promise<number> {
  const { readCsvRows, readCsvBatches } = await dist<ReadCsvModule>("ingest/csv/read-csv");
  let rows = 0;
  if (readCsvBatches)
    for await (const batch of readCsvBatches(path, file))
      for (const row of batch) {
        rows++;
        onRow(row.cells, row.line);
      }
  else
    for await (const row of readCsvRows(path, file)) {
      rows++;
      onRow(row.cells, row.line);
    }
  return rows;
}

/**
 * The whole ingest (readDataset), on one thread: the phases are shares of the work, and with
 * worker threads ingest's wall time would hide the files they read.
 */
export async function ingest(config: SlaConfig): Promise<Dataset> {
  const { readDataset } = await dist<IngestModule>("ingest/index");
  return readDataset(config, { workers: "never" });
}

/** Replay alone (replayAll) at the default as-of; returns the number of journeys. */
export async function replay(dataset: Dataset, config: SlaConfig): Promise<number> {
  const { replayAll } = await dist<ReplayModule>("replay/replay");
  const asOf = dataset.latest;
  if (asOf === null) throw new Error("no valid time stamp: no as-of");
  const { timelines } = replayAll(dataset, config, asOf);
  let journeys = 0;
  for (const t of timelines) journeys += t.journeys.length;
  return journeys;
}

/** Replay and every metric (computeAudit); returns the report. */
export async function audit(dataset: Dataset, config: SlaConfig): Promise<unknown> {
  const { computeAudit } = await dist<MetricsModule>("metrics/index");
  return computeAudit(dataset, config).report;
}

/** Loads every module once, so the first timed phase does not pay for module loading. */
export async function preload(): Promise<void> {
  await Promise.all([
    dist("config/load"),
    dist("ingest/csv/read-csv"),
    dist("time/timestamps"),
    dist("ingest/index"),
    dist("replay/replay"),
    dist("metrics/index"),
  ]);
}
