/** Reads each dated source's time-stamp columns (a pattern's files together) and decides its layout. */

import { UserError } from "../errors.js";
import { type DateColumnTally, tallyFor } from "../time/date-layout.js";
import { readIso } from "../time/timestamps.js";
import type { Finding, SlaConfig, SourceDef } from "../types.js";
import { resolveColumns } from "./csv/columns.js";
import { fastCsvTokenizer, readCsvBatches } from "./csv/read-csv.js";
import type { CsvRow, CsvTokenizer } from "./csv/row.js";
import { DATED, settleSourceDates, timestampColumns } from "./date-scan.js";

/**
 * Reads the time-stamp columns of a source without a declared date_format and returns the source
 * with the decided format (and info findings), unchanged when there is nothing to decide. Files
 * that cannot be read, or lack a column, are left for the reader to report.
 */
export async function decideSourceDates(
  source: SourceDef,
  slaFile: string,
  tokenizer: CsvTokenizer = fastCsvTokenizer,
): Promise<{ source: SourceDef; findings: Finding[] }> {
  const out = await decidePatternDates([source], slaFile, tokenizer);
  return { source: out.sources[0] as SourceDef, findings: out.findings };
}

/**
 * The same for the files of one `file:` pattern (Marketo's monthly extracts), decided together:
 * a column is one column across its files, so its layout is decided from all their values (by
 * header name), and every file reads it in that one layout; examples name their file.
 */
export async function decidePatternDates(
  sources: readonly SourceDef[],
  slaFile: string,
  tokenizer: CsvTokenizer = fastCsvTokenizer,
): Promise<{ sources: SourceDef[]; findings: Finding[] }> {
  const unchanged = { sources: [...sources], findings: [] };
  const first = sources[0];
  // Epoch time stamps (HubSpot's milliseconds) have no layout to decide.
  if (!first || first.dateFormatDeclared || !DATED.has(first.kind) || first.engagement?.epoch)
    return unchanged;
  const tallies = new Map<string, DateColumnTally>();
  for (const source of sources) await tallyFile(source, tokenizer, tallies);
  if (tallies.size === 0) return unchanged;
  const header = [...tallies.keys()];
  const byIndex = new Map(header.map((name, i) => [i, tallies.get(name) as DateColumnTally]));
  const { format, findings } = settleSourceDates(first, slaFile, header, byIndex);
  if (format === null) return unchanged;
  return { sources: sources.map((s) => ({ ...s, dateFormat: format })), findings };
}

/**
 * Adds one file's time-stamp values to the tallies, by header name (the examples name their
 * file and column). A file whose first rows hold only ISO time stamps (or none) is not read
 * on; one that cannot be read is left for the reader to report.
 */
async function tallyFile(
  source: SourceDef,
  tokenizer: CsvTokenizer,
  tallies: Map<string, DateColumnTally>,
): Promise<void> {
  let header: string[] | null = null;
  let cols: number[] = [];
  let mine: Map<number, DateColumnTally> | null = null;
  try {
    const encoding = { encoding: source.encoding ?? null };
    for await (const batch of readCsvBatches(
      source.path,
      source.file,
      tokenizer,
      source.delimiter,
      undefined,
      encoding,
    )) {
      let from = 0;
      if (header === null) {
        const first = batch[0];
        if (!first) continue;
        header = first.cells.map((c) => c.trim());
        const map = resolveColumns(header, source, [], first.line);
        cols = timestampColumns(map.index, map.stageColumns);
        if (cols.length === 0) return;
        from = 1;
      }
      if (mine === null) {
        // ISO in the first rows: the common case, and the fast path's; no second read.
        if (batch.length > from && isoOnly(batch, from, cols)) return;
        if (batch.length === from) continue;
        mine = columnTallies(header, cols, tallies, source.dateFormat);
      }
      tally(batch, from, mine, source.file);
    }
  } catch (err) {
    if (err instanceof UserError) return;
    throw err;
  }
}

/** The tally of each time-stamp column of a file, shared by name with the other files of its pattern. */
function columnTallies(
  header: readonly string[],
  cols: readonly number[],
  tallies: Map<string, DateColumnTally>,
  hint: string | null,
): Map<number, DateColumnTally> {
  const mine = new Map<number, DateColumnTally>();
  for (const i of cols) {
    const name = header[i] ?? `column ${i + 1}`;
    const t = tallies.get(name) ?? tallyFor(hint);
    tallies.set(name, t);
    mine.set(i, t);
  }
  return mine;
}

/** Whether every value of the columns `cols` in the rows from `from` is empty or an ISO time stamp. */
function isoOnly(batch: CsvRow[], from: number, cols: number[]): boolean {
  return batch.slice(from).every((row) =>
    cols.every((i) => {
      const v = row.cells[i]?.trim() ?? "";
      return v === "" || readIso(v) !== null;
    }),
  );
}

/** Adds the rows from `from` to the tallies of their columns (one-cell rows are report footers and titles). */
function tally(batch: CsvRow[], from: number, tallies: Map<number, DateColumnTally>, file: string): void {
  for (let r = from; r < batch.length; r++) {
    const row = batch[r];
    if (!row || row.cells.length === 1) continue;
    for (const [i, t] of tallies) {
      const v = row.cells[i];
      if (v !== undefined && v.trim() !== "") t.add(v, row.line, { file, column: i + 1 });
    }
  }
}

/** The config with each dated source's layout decided (decideSourceDates), and the findings about it. */
export async function decideDates(
  config: SlaConfig,
  tokenizer: CsvTokenizer = fastCsvTokenizer,
  /** Told the config once the leads, histories and activities are decided (their workers may start). */
  early?: (config: SlaConfig) => void,
): Promise<{ config: SlaConfig; findings: Finding[] }> {
  const findings: Finding[] = [];
  const decide = async (source: SourceDef) => {
    const out = await decideSourceDates(source, config.file, tokenizer);
    findings.push(...out.findings);
    return out.source;
  };
  const s = config.sources;
  const sources: SlaConfig["sources"] = {
    ...s,
    leads: await decide(s.leads),
    activities: [],
    stage_dates: [],
    engagements: [],
  };
  if (s.stage_history) sources.stage_history = await decide(s.stage_history);
  if (s.owner_history) sources.owner_history = await decide(s.owner_history);
  // The files of one pattern sit side by side (globs.ts) and decide together.
  const decideList = async (list: readonly SourceDef[], into: SourceDef[]) => {
    for (const group of patternGroups(list)) {
      const out = await decidePatternDates(group, config.file, tokenizer);
      findings.push(...out.findings);
      into.push(...out.sources);
    }
  };
  await decideList(s.activities, sources.activities);
  early?.({ ...config, sources: { ...sources } });
  for (const d of s.stage_dates) sources.stage_dates.push(await decide(d));
  await decideList(s.engagements ?? [], sources.engagements);
  for (const key of ["opportunities", "opportunity_history"] as const) {
    const decided: SourceDef[] = [];
    for (const o of s[key] ?? []) decided.push(await decide(o));
    if (s[key]) sources[key] = decided;
  }
  return { config: { ...config, sources }, findings };
}

/** Consecutive sources of one `file:` pattern as one group; every other source alone. */
function patternGroups(list: readonly SourceDef[]): SourceDef[][] {
  const groups: SourceDef[][] = [];
  for (const s of list) {
    const last = groups.at(-1);
    if (s.pattern !== undefined && last?.[0]?.pattern === s.pattern) last.push(s);
    else groups.push([s]);
  }
  return groups;
}
