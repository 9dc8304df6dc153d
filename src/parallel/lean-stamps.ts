/** A trace's stamps pass: a plain row's lead id and time read in place from the filter's text, or declined. */

/*
 * The stamps workers (stamp-taker.ts) type millions of plain rows only to learn each kept row's
 * lead id and time. The typers of the ingest (historyTyper, ownerTyper, activityTyper) cut every
 * cell into a string, trim it, and look each up; here the row is read where it lies: cell bounds
 * by the delimiter, the time by the parser's fixed layouts over its bounds (TimestampParser.fixed,
 * what parse tries first), the cells a typer decides on tested
 * in place, and only the lead id (and a stage value, whose meaning is kept per text) cut out.
 *
 * It takes a row only when the typer would type it to the same id and time; any doubt (a cell
 * with spaces around it, a field mapped to several columns, a time in no fixed layout, a parser
 * without them (a date format), a stage value the SLA does not declare) declines it, and the row takes the typer's
 * way as before. tests/unit/lean-stamps.test.ts compares the two over random rows.
 */

import type { BatchWriter } from "../ingest/batch.js";
import { oneColumn, RowBounds } from "../ingest/csv/row-bounds.js";
import type { RowShapeOf } from "../ingest/csv/taken-row.js";
import type { StageLookup } from "../ingest/sources/stage-lookup.js";
import type { TimestampParser } from "../time/timestamps.js";
import type { Millis } from "../types.js";

export type LeanKind = "stage_history" | "owner_history" | "activities";

/** Reads a plain row s[from, to) (no quote, CR, NUL or byte past ASCII) into `out`; false: declined. */
export interface LeanStamps {
  take(s: string, from: number, to: number, delimiter: string, out: BatchWriter): boolean;
}

/**
 * The reader of the job's rows, or null when they are not read this way: a parser without fixed
 * layouts read first (a date format's own layout comes first), a field mapped to several columns.
 */
export function leanStamps(
  kind: LeanKind,
  shape: RowShapeOf,
  index: Record<string, number[]>,
  parser: TimestampParser,
  stages: StageLookup,
): LeanStamps | null {
  const fixed = parser.fixed;
  if (!fixed) return null;
  const fields =
    kind === "stage_history"
      ? ["lead_id", "at", "stage", "owner"]
      : kind === "owner_history"
        ? ["lead_id", "at", "owner"]
        : ["lead_id", "at", "type", "call_type"];
  const cols = fields.map((f) => oneColumn(index, f));
  if (cols.some((c) => c === undefined)) return null;
  const [id, at, a, b] = cols as number[];
  if (id === -1 || at === -1) return null;
  return new LeanReader(kind, shape, id as number, at as number, a ?? -1, b ?? -1, fixed, stages);
}

class LeanReader implements LeanStamps {
  private readonly row: RowBounds;
  /** Stage values seen, and whether the SLA declares them (meaning ignores case and spacing). */
  private readonly declared = new Map<string, boolean>();
  /** Stage values by a hash of their bounds, and what declared says of them: compared in place, no text cut. */
  private readonly slots: (string | undefined)[] = new Array(64).fill(undefined);
  private readonly slotKnown = new Uint8Array(64);
  private lastId = "";

  constructor(
    private readonly kind: LeanKind,
    shape: RowShapeOf,
    private readonly id: number,
    private readonly at: number,
    /** History: stage, owner; owner history: owner; activities: type, call_type (-1: none). */
    private readonly a: number,
    private readonly b: number,
    /** The parser's fixed layouts over a cell's bounds (TimestampParser.fixed). */
    private readonly fixed: (s: string, at: number, end: number) => Millis,
    private readonly stages: StageLookup,
  ) {
    this.row = new RowBounds(shape, [0, id, at, a, b]);
  }

  take(s: string, from: number, to: number, delimiter: string, out: BatchWriter): boolean {
    if (!this.row.cut(s, from, to, delimiter)) return false;
    const { starts, ends } = this.row;
    const time = this.fixed(s, starts[this.at] as number, ends[this.at] as number);
    if (Number.isNaN(time)) return false;
    const idFrom = starts[this.id] as number;
    const idTo = ends[this.id] as number;
    if (idFrom === idTo || !this.decides(s)) return false;
    // Rows of a lead come together: its id is cut out once, not once a row.
    const last = this.lastId;
    const id = idTo - idFrom === last.length && s.startsWith(last, idFrom) ? last : s.slice(idFrom, idTo);
    this.lastId = id;
    if (this.kind === "activities" && id.indexOf(";") >= 0) return false;
    out.push(id, time, 0, null, null, null, null);
    return true;
  }

  /** Whether the typer keeps the row, by the cells it decides on (besides the id and the time). */
  private decides(s: string): boolean {
    const { a, b } = this;
    if (this.kind === "owner_history") return this.row.filled(a);
    if (this.kind === "activities") return this.row.filled(a) || this.row.filled(b);
    // History: a stage the SLA declares, or no stage and an owner.
    if (!this.row.filled(a)) return this.row.filled(b);
    const f = this.row.starts[a] as number;
    const e = this.row.ends[a] as number;
    // A slot by length and end characters holds the last value seen there, compared in place.
    const slot = ((e - f) * 31 + s.charCodeAt(f) * 7 + s.charCodeAt(e - 1)) & 63;
    const seen = this.slots[slot];
    if (seen !== undefined && seen.length === e - f && s.startsWith(seen, f))
      return this.slotKnown[slot] === 1;
    const raw = s.slice(f, e);
    let known = this.declared.get(raw);
    if (known === undefined) {
      known = this.stages.meaning(raw) !== undefined;
      if (this.declared.size < 10_000) this.declared.set(raw, known);
    }
    this.slots[slot] = raw;
    this.slotKnown[slot] = known ? 1 : 0;
    return known;
  }
}
