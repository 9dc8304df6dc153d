/** Decides each source's date layout from all its time-stamp values, before its rows are typed. */

/**
 * Decides the date layout of each source without a declared `date_format`, before its rows are
 * typed: the time-stamp columns of a file are tallied over all their values (date-layout.ts) and
 * the source reads every value in the one layout they decide, or the run stops with exit 2.
 * A file whose first rows hold only ISO time stamps (or none) is not read a second time.
 */

import { UserError } from "../errors.js";
import { finding } from "../findings.js";
import { compileDateFormat } from "../time/date-format.js";
import {
  type DateColumnTally,
  type DateExample,
  type DateOrder,
  decideDateLayout,
  type LayoutDecision,
  orderWords,
  tallyFor,
} from "../time/date-layout.js";
import { readIso } from "../time/timestamps.js";
import type { Finding, SlaConfig, SourceDef } from "../types.js";
import { resolveColumns } from "./csv/columns.js";
import { fastCsvTokenizer, readCsvBatches } from "./csv/read-csv.js";
import type { CsvRow, CsvTokenizer } from "./csv/row.js";

/** The fields that hold time stamps; wide stage-date columns are time stamps too. */
const TIME_FIELDS = ["created_at", "stage_at", "at"];
const DATED = new Set([
  "leads",
  "stage_history",
  "activities",
  "owner_history",
  "stage_dates",
  "engagements",
]);

/** Indexes of a header's time-stamp columns. */
export function timestampColumns(index: Record<string, number[]>, stageColumns: Record<string, number[]>) {
  const cols = [...TIME_FIELDS.flatMap((f) => index[f] ?? []), ...Object.values(stageColumns).flat()];
  return [...new Set(cols)].sort((a, b) => a - b);
}

const quote = (examples: readonly DateExample[]) =>
  examples.map((e) => `line ${e.line} "${e.text}"`).join(", ");

/** Where the SLA file declares the source (`sources.activities[1]`), for the fix. */
const slaPath = (source: SourceDef) =>
  source.declared?.path.replace(/\.file$/, "") ?? `sources.${source.kind}`;

/**
 * A format for year-first values the reader does not take without one (`20190102`,
 * `2019/01/02 10:00`): year first leaves no day/month doubt. Only when it reads every example.
 */
export function suggestion(examples: readonly DateExample[]): string | null {
  const first = examples[0]?.text ?? "";
  const time = (rest: string) =>
    rest === ""
      ? ""
      : /^[T ]\d{1,2}:\d{2}:\d{2}$/.test(rest)
        ? " HH:mm:ss"
        : /^[T ]\d{1,2}:\d{2}$/.test(rest)
          ? " HH:mm"
          : null;
  let format: string | null = null;
  const compact = /^(\d{4})\d{4}(.*)$/.exec(first);
  const separated = /^(\d{4})([/.])\d{1,2}\2\d{1,2}(.*)$/.exec(first);
  if (compact && time(compact[2] as string) !== null) format = `yyyyMMdd${time(compact[2] as string)}`;
  else if (separated && time(separated[3] as string) !== null)
    format = `yyyy${separated[2]}MM${separated[2]}dd${time(separated[3] as string)}`;
  if (format === null) return null;
  const compiled = compileDateFormat(format);
  return examples.every((e) => compiled.read(e.text) !== null) ? format : null;
}

function refusal(
  source: SourceDef,
  slaFile: string,
  name: string,
  column: number,
  d: Extract<LayoutDecision, { kind: "refused" }>,
): UserError {
  const [dmy, mdy] = d.formats;
  const choose = `date_format: "${dmy}" (day first) or date_format: "${mdy}" (month first) under ${slaPath(source)} in ${slaFile}`;
  const message =
    d.why === "ambiguous"
      ? `column "${name}": every date fits both day first and month first (${quote(d.examples)}), so its layout cannot be told from its values`
      : d.why === "conflict"
        ? `column "${name}" holds dates that can only be day first and dates that can only be month first (${quote(d.examples)}): a column has one layout`
        : `column "${name}": most values fit no date layout funnel-audit knows (${quote(d.examples)})`;
  const hint =
    d.why === "ambiguous"
      ? `add ${choose}`
      : d.why === "conflict"
        ? `export the column in one layout, or add ${choose} (values in the other layout then become findings)`
        : suggestion(d.examples)
          ? `add date_format: "${suggestion(d.examples)}" under ${slaPath(source)} in ${slaFile} (it reads ${quote(d.examples.slice(0, 1))})`
          : `add date_format: "…" under ${slaPath(source)} in ${slaFile}, written in the tokens yyyy yy MM M dd d HH H hh h mm ss a (e.g. "dd.MM.yyyy HH:mm")`;
  const line = d.examples[0]?.line ?? 1;
  return new UserError(`${source.file}:${line}: ${message}`, [
    { severity: "error", file: source.file, line, column: column + 1, message, hint },
  ]);
}

/**
 * The source's format from its columns' tallies: each column decides; a column whose values are
 * all ambiguous follows the other time-stamp columns of its file when they decided (one export,
 * one locale); columns that disagree are refused. Returns the format (null: nothing to decide)
 * and an info finding per decided column. Throws a UserError (exit 2) on a refusal.
 */
export function settleSourceDates(
  source: SourceDef,
  slaFile: string,
  header: readonly string[],
  tallies: ReadonlyMap<number, DateColumnTally>,
): { format: string | null; findings: Finding[] } {
  const hint = source.dateFormatDeclared ? null : source.dateFormat;
  const decisions = [...tallies].map(([col, t]) => ({ col, t, d: decideDateLayout(t, hint) }));
  const name = (col: number) => header[col] ?? `column ${col + 1}`;
  for (const { col, d } of decisions)
    if (d.kind === "refused" && d.why !== "ambiguous") throw refusal(source, slaFile, name(col), col, d);
  const byValues = decisions.filter((x) => x.d.kind === "decided" && x.d.by === "values");
  const orders = new Set(byValues.map((x) => (x.d as { order: DateOrder }).order));
  if (orders.size > 1) {
    const [a, b] = [
      byValues.find((x) => x.d.kind === "decided" && x.d.order === "dmy"),
      byValues.find((x) => x.d.kind === "decided" && x.d.order === "mdy"),
    ];
    const examples = [...(a?.t.examples.dmy.slice(0, 1) ?? []), ...(b?.t.examples.mdy.slice(0, 1) ?? [])];
    const col = a?.col ?? 0;
    throw refusal(source, slaFile, `${name(col)}" and "${name(b?.col ?? 0)}`, col, {
      kind: "refused",
      why: "conflict",
      examples,
      formats: [a?.t.formatFor("dmy") ?? "", b?.t.formatFor("mdy") ?? ""],
    });
  }
  const settled = [...orders][0];
  const findings: Finding[] = [];
  let format: string | null = null;
  for (const { col, t, d } of decisions) {
    if (d.kind === "none") continue;
    const place = { file: source.file, line: 0 };
    let message: string;
    let chosen: string;
    if (d.kind === "refused") {
      if (settled === undefined) throw refusal(source, slaFile, name(col), col, d);
      chosen = t.formatFor(settled);
      place.line = t.examples.both[0]?.line ?? 0;
      message = `column "${name(col)}" read ${orderWords(settled)} as "${chosen}": its ${t.counts.both} dates fit either order, the file's other date columns are ${orderWords(settled)}`;
    } else {
      chosen = d.format;
      place.line = d.evidence[0]?.line ?? 0;
      message =
        d.by === "values"
          ? `column "${name(col)}" read ${orderWords(d.order)} as "${chosen}": ${t.counts[d.order]} of ${t.counts.dmy + t.counts.mdy + t.counts.both} dates can only be ${orderWords(d.order)} (${quote(d.evidence.slice(0, 1))})`
          : `column "${name(col)}" read ${orderWords(d.order)} as "${chosen}", the ${source.preset ?? "preset"} preset's format: all ${t.counts.both} dates fit either order`;
    }
    if (format === null || chosen.length > format.length) format = chosen;
    findings.push(
      finding("date_layout", place, message, {
        column: col + 1,
        hint: `if this is wrong, add date_format: "…" under ${slaPath(source)} in ${slaFile}`,
      }),
    );
  }
  return { format, findings };
}

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
  const unchanged = { source, findings: [] };
  // Epoch time stamps (HubSpot's milliseconds) have no layout to decide.
  if (source.dateFormatDeclared || !DATED.has(source.kind) || source.engagement?.epoch) return unchanged;
  let header: string[] | null = null;
  let cols: number[] = [];
  let tallies: Map<number, DateColumnTally> | null = null;
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
        if (cols.length === 0) return unchanged;
        from = 1;
      }
      if (tallies === null) {
        // ISO in the first rows: the common case, and the fast path's; no second read.
        if (batch.length > from && isoOnly(batch, from, cols)) return unchanged;
        if (batch.length === from) continue;
        tallies = new Map(cols.map((i) => [i, tallyFor(source.dateFormat)]));
      }
      tally(batch, from, tallies);
    }
  } catch (err) {
    if (err instanceof UserError) return unchanged;
    throw err;
  }
  if (header === null || tallies === null) return unchanged;
  const { format, findings } = settleSourceDates(source, slaFile, header, tallies);
  return format === null ? unchanged : { source: { ...source, dateFormat: format }, findings };
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
function tally(batch: CsvRow[], from: number, tallies: Map<number, DateColumnTally>): void {
  for (let r = from; r < batch.length; r++) {
    const row = batch[r];
    if (!row || row.cells.length === 1) continue;
    for (const [i, t] of tallies) {
      const v = row.cells[i];
      if (v !== undefined && v.trim() !== "") t.add(v, row.line);
    }
  }
}

/** The config with each dated source's layout decided (decideSourceDates), and the findings about it. */
export async function decideDates(
  config: SlaConfig,
  tokenizer: CsvTokenizer = fastCsvTokenizer,
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
  for (const a of s.activities) sources.activities.push(await decide(a));
  for (const d of s.stage_dates) sources.stage_dates.push(await decide(d));
  for (const e of s.engagements ?? []) sources.engagements.push(await decide(e));
  return { config: { ...config, sources }, findings };
}
