/**
 * Child process of the bench: times the audit's phases in-process, one after the other, through
 * the adapter (pipeline.ts): the whole ingest; then reading the files' bytes, tokenizing them with
 * the project's CSV tokenizer, parsing the time-stamp columns with the project's parser; replay;
 * replay + metrics. Prints JSON on stdout. Usage: `node --expose-gc --import tsx phases.ts SLA_FILE`.
 */
import { createReadStream } from "node:fs";
import { audit, csvSources, ingest, loadConfig, preload, replay, tokenize } from "./pipeline.js";

export interface PhaseTimes {
  /** Reading every input file's bytes (64 KiB chunks, page cache warm). */
  readMs: number;
  readBytes: number;
  /** The tokenizer over every file, reading included (readMs is subtracted for the share). */
  tokenizePassMs: number;
  rows: number;
  /** Parsing every time stamp of the time-stamp columns (batches of 65,536, timed apart). */
  timestampsMs: number;
  timestamps: number;
  /** readDataset: reading, tokenizing, typing, checking, findings. */
  ingestMs: number;
  /** replayAll alone. */
  replayMs: number;
  /** computeAudit: replay again, then every metric. */
  auditMs: number;
  journeys: number;
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => {});
const now = () => performance.now();

async function main(file: string): Promise<PhaseTimes> {
  await preload();
  const config = await loadConfig(file);
  const sources = csvSources(config);

  // The whole ingest first, as the audit runs it (it pays the JIT's warm-up); then its parts,
  // on warm code and a warm page cache.
  gc();
  let t = now();
  const dataset = await ingest(config);
  const ingestMs = now() - t;

  gc();
  t = now();
  let readBytes = 0;
  for (const s of sources)
    for await (const chunk of createReadStream(s.path)) readBytes += (chunk as Buffer).length;
  const readMs = now() - t;

  gc();
  let timestampsMs = 0;
  let timestamps = 0;
  let rows = 0;
  const BATCH = 65_536;
  t = now();
  for (const s of sources) {
    const parse = await s.parser();
    let column = -1;
    let batch: string[] = [];
    const flush = () => {
      const start = now();
      for (const text of batch) parse(text);
      timestampsMs += now() - start;
      timestamps += batch.length;
      batch = [];
    };
    rows += await tokenize(s.path, s.file, (cells) => {
      if (column === -2) return;
      if (column === -1) {
        // The header: the first candidate column present (as named, else ignoring case).
        const fold = (h: string) => h.trim().toLowerCase();
        const names = s.timestampColumns;
        column = -2;
        for (const name of names) {
          const i = cells.findIndex((h) => h === name || fold(h) === fold(name));
          if (i >= 0) {
            column = i;
            break;
          }
        }
        return;
      }
      const text = cells[column]?.trim();
      if (text) batch.push(text);
      if (batch.length >= BATCH) flush();
    });
    flush();
  }
  const tokenizePassMs = now() - t - timestampsMs;

  gc();
  t = now();
  const journeys = await replay(dataset, config);
  const replayMs = now() - t;

  gc();
  t = now();
  await audit(dataset, config);
  const auditMs = now() - t;
  return {
    readMs,
    readBytes,
    tokenizePassMs,
    rows,
    timestampsMs,
    timestamps,
    ingestMs,
    replayMs,
    auditMs,
    journeys,
  };
}

const file = process.argv[2];
if (!file) throw new Error("usage: phases.ts SLA_FILE");
process.stdout.write(`${JSON.stringify(await main(file))}\n`);
