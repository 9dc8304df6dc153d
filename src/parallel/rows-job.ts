/** A reading worker's job: tokenize the file, type its ordinary rows into batches, send them in order. */

import { UserError } from "../errors.js";
import { BATCH, BatchWriter, type ColumnPool, type Typer } from "../ingest/batch.js";
import { cell, hasColumn, REQUIRED_FIELDS } from "../ingest/csv/columns.js";
import { fastCsvTokenizer, readCsvBatches } from "../ingest/csv/read-csv.js";
import type { Progress } from "../ingest/csv/row.js";
import { openTable } from "../ingest/csv/table.js";
import { shapeOf } from "../ingest/csv/taken-row.js";
import { activityTyper } from "../ingest/sources/activities.js";
import { type EngagementShape, engagementShape, engagementTime } from "../ingest/sources/engagement-shape.js";
import { engagementTyper } from "../ingest/sources/engagements.js";
import { ownerTyper } from "../ingest/sources/owner-history.js";
import { historyTyper } from "../ingest/sources/stage-history.js";
import { buildStageLookup } from "../ingest/sources/stage-lookup.js";
import { createTimestampParser, type TimestampParser } from "../time/timestamps.js";
import type { Finding, SlaConfig } from "../types.js";
import { type LeanKind, leanStamps } from "./lean-stamps.js";
import { errorMessage, type Message, type RowsJob } from "./rows-protocol.js";
import { StampTaker } from "./stamp-taker.js";

/** The typer of the job's kind of rows (the rows a worker types into batches). */
function typerOf(job: RowsJob, index: Record<string, number[]>): Typer {
  if (job.kind === "stage_history") return historyTyper(index, buildStageLookup(job.stages as SlaConfig));
  return job.kind === "owner_history" ? ownerTyper(index) : activityTyper(index);
}

/** Runs a job in the worker: `post` sends a message (and waits while the main thread is too far behind). */
export async function runRowsJob(
  job: RowsJob,
  post: (m: Message, transfer?: ArrayBuffer[]) => Promise<void>,
  pool: ColumnPool,
) {
  const { source } = job;
  const findings: Finding[] = [];
  // A trace's stamps pass: rows typed from the filter's text where they can be (stamp-taker.ts).
  const taker = job.stamps ? new StampTaker(pool, post) : null;
  try {
    const progress: Progress | undefined = job.progress
      ? (_file, done, total) => void post({ type: "progress", done, total })
      : undefined;
    const table = await openTable(
      source,
      readCsvBatches(source.path, source.file, fastCsvTokenizer, source.delimiter, progress, {
        encoding: source.encoding ?? null,
        findings,
        ...(taker ? { taker } : {}),
      }),
      REQUIRED_FIELDS[job.kind],
      findings,
    );
    // Field-history exports (Salesforce LeadHistory) need the whole file per lead: read on the main thread.
    if (job.kind === "stage_history" && hasColumn(table.index, "field")) {
      await post({ type: "fallback" });
      return;
    }
    const typing = await rowTyping(job, table, post);
    if (!typing) return;
    const { typeRow, timeOf, parser } = typing;
    const out = new BatchWriter(pool, job.stamps);
    // Engagements read their own time stamps (epochs, date-only days): never taken from the filter's text.
    if (taker && job.kind !== "engagements") openTaker(taker, job.kind, job, table, { parser, typeRow });
    let rows = 0;
    let seen = 0;
    const flushFindings = () => {
      for (; seen < findings.length; seen++) out.ops.push({ pos: out.n, finding: findings[seen] as Finding });
    };
    for await (const batch of table.rows) {
      flushFindings();
      for (const row of batch) {
        rows++;
        const at = timeOf(row.cells);
        if (at === null || !typeRow(row.cells, at, row.line, out)) out.ops.push({ pos: out.n, row });
        else if (out.n === BATCH) await out.send(post);
      }
    }
    flushFindings();
    await out.send(post);
    await post({ type: "end", rows: rows + (taker?.rows ?? 0) + table.dropped() });
  } catch (err) {
    await post(errorMessage(err));
  }
}

/** Starts a stamps taker on the job's table: rows read in place where they can be (lean-stamps.ts), else typed. */
function openTaker(
  taker: StampTaker,
  kind: LeanKind,
  job: RowsJob,
  table: { index: Record<string, number[]>; header: string[] },
  typing: { parser: TimestampParser; typeRow: Typer },
): void {
  const shape = shapeOf(table.header, job.source.columns);
  const stages = buildStageLookup(job.stages as SlaConfig);
  const lean = shape && leanStamps(kind, shape, table.index, typing.parser, stages);
  taker.open(shape, { index: table.index, ...typing, lean });
}

/**
 * How the job's rows are typed: the typer of its kind, and a row's time as the main thread reads
 * it (an engagement's epoch, date-only days, null value). Null after telling the main thread to
 * read the file itself (an engagements file lacking a `where` column says so there); else the
 * table is announced.
 */
async function rowTyping(
  job: RowsJob,
  table: { index: Record<string, number[]>; header: string[] },
  post: (m: Message) => Promise<void>,
): Promise<{ typeRow: Typer; timeOf: (cells: string[]) => number | null; parser: TimestampParser } | null> {
  const { source } = job;
  let shape: EngagementShape | null = null;
  if (job.kind === "engagements")
    try {
      shape = engagementShape(source, table.index, table.header, job.timezone, "");
    } catch (err) {
      if (!(err instanceof UserError)) throw err;
      await post({ type: "fallback" });
      return null;
    }
  await post({ type: "table", index: table.index, header: table.header });
  const parser = createTimestampParser(
    shape?.zone ?? job.timezone,
    source.dateFormat,
    source.dateFormatDeclared,
    true,
  );
  if (shape) {
    const s = shape;
    const timeOf = (cells: string[]) => {
      const text = s.value(cells, "at");
      const at = text === null ? null : engagementTime(text, parser, s.mapping, s.zone);
      return typeof at === "number" ? at : null;
    };
    return { typeRow: engagementTyper(s), timeOf, parser };
  }
  const typeRow = typerOf(job, table.index);
  return { typeRow, timeOf: (cells) => parser.parse(cell(cells, table.index, "at") ?? ""), parser };
}
