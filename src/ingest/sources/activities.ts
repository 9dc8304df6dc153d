/** Activity files (calls, e-mails, meetings: one row per touch, of one lead or several) -> activities. */

import { finding } from "../../findings.js";
import type { Activity, Place } from "../../types.js";
import { type Batch, perText, TEXTS, type Typer } from "../batch.js";
import { cell } from "../csv/columns.js";
import { activityType } from "./activity-keys.js";
import { key, keyOf, type RowContext, type RowReader, readKey, withLead } from "./rows.js";

/** An activity of the lead and time in `k` (no closure per row: this runs for every row). */
function activityOf(
  k: { leadId: string; at: number },
  owner: string | null,
  type: string,
  subtype: string | null,
  status: string | null,
  place: Place,
): Activity {
  return { leadId: k.leadId, at: k.at, owner, type, subtype, status, place };
}

/** An unknown_rep finding when the owner of an activity is not in the reps file (`place` is copied: it may be reused). */
export function checkActivityRep(ctx: RowContext, owner: string | null, leadId: string, place: Place): void {
  if (owner !== null && ctx.reps !== null && !ctx.reps.has(owner))
    ctx.findings.push(
      finding(
        "unknown_rep",
        { file: place.file, line: place.line },
        `activity by "${owner}", who is not in the reps file`,
        {
          leadId,
          value: owner,
        },
      ),
    );
}

/** The type an activity without one is kept under (untypedCounts). */
const UNTYPED = "(no type)";

/** Reads one activity row: one touch (call, e-mail, meeting, …), of one lead or several. */
export function activityRowReader(
  ctx: RowContext,
  /** Counts the rows not used for want of a type (untypedWarning). */
  tally: { untyped: number } = { untyped: 0 },
): (cells: string[], place: Place) => Activity | Activity[] | null {
  const tried = typeColumns(ctx);
  return (cells, place) => {
    let rawType = activityType(cells, ctx.index);
    if (rawType === null && ctx.untypedCounts) {
      // No handoff asks for a type: the row can still answer one; say so, keep it.
      ctx.findings.push(
        finding("untyped_activity", place, `activity row without a type (${tried} empty)`, {
          leadId: cell(cells, ctx.index, "lead_id") ?? "",
        }),
      );
      rawType = UNTYPED;
    }
    if (rawType === null) {
      tally.untyped++;
      ctx.findings.push(
        finding("missing_value", place, `activity row without a type (${tried} empty)`, {
          leadId: cell(cells, ctx.index, "lead_id") ?? "",
          hint: `map type: to a column that holds it, or give a constant (type: "=call") when the file holds one kind`,
        }),
      );
      return null;
    }
    const type = ctx.values.get(rawType);
    const rawOwner = cell(cells, ctx.index, "owner");
    const owner = rawOwner === null ? null : ctx.owner(rawOwner);
    const rawSubtype = cell(cells, ctx.index, "subtype");
    const rawStatus = cell(cells, ctx.index, "status");
    const subtype = rawSubtype === null ? null : ctx.values.get(rawSubtype);
    const status = rawStatus === null ? null : ctx.values.get(rawStatus);
    let out: Activity | Activity[] | null;
    const idText = cell(cells, ctx.index, "lead_id") ?? "";
    if (idText.indexOf(";") < 0) {
      out = readKey(cells, place, ctx, "activity")
        ? activityOf(key, owner, type, subtype, status, place)
        : null;
    } else {
      // One activity can name several leads ("3401;3402" in HubSpot): it is a touch of each.
      const ids = idText
        .split(";")
        .map((x) => x.trim())
        .filter((x) => x !== "");
      const keys = (ids.length > 1 ? ids : [null]).map((id) =>
        keyOf(id === null ? cells : withLead(cells, ctx, id), place, ctx, "activity"),
      );
      const list = keys
        .filter((k) => k !== null)
        .map((k) => activityOf(k, owner, type, subtype, status, place));
      out = list.length > 0 ? list : null;
    }
    const first = out === null ? null : Array.isArray(out) ? out[0] : out;
    if (first) checkActivityRep(ctx, owner, first.leadId, place);
    return out;
  };
}

/** Activities with a type and one lead id (several ids, "3401;3402", are read on the main thread). */
export function activityTyper(index: Record<string, number[]>): Typer {
  return (cells, at, line, out) => {
    const type = activityType(cells, index);
    const id = cell(cells, index, "lead_id");
    if (type === null || id === null || id.indexOf(";") >= 0) return false;
    out.push(
      id,
      at,
      line,
      cell(cells, index, "owner"),
      type,
      cell(cells, index, "subtype"),
      cell(cells, index, "status"),
    );
    return true;
  };
}

/**
 * Where activities read by a worker go, in file order: `lead` is the activity's lead (its index)
 * when known, and `reused` says the object (and its place) is filled again for the next row, so
 * the sink must copy what it keeps. Three million activities of a million leads are mostly let go
 * by the reducer: one object for all of them, not one each.
 */
export type ActivitySink = (a: Activity, lead?: number, reused?: boolean) => void;

/** The activities files' RowReader: every activity goes to `sink`, those a worker typed in one reused object. */
export function activitiesReader(
  ctx: RowContext,
  idOf: (lead: number) => string,
  sink: ActivitySink,
): RowReader {
  const tally = { untyped: 0 };
  const read = activityRowReader(ctx, tally);
  let owner: (k: number) => string | null = () => null;
  let shared: (k: number) => string | null = () => null;
  const place = { file: ctx.source.file, line: 0 };
  const a: Activity = { leadId: "", at: 0, owner: null, type: "", subtype: null, status: null, place };
  return {
    what: "activity",
    cells: (cells, where) => {
      const out = read(cells, where);
      if (Array.isArray(out)) for (const x of out) sink(x);
      else if (out !== null) sink(out);
    },
    batch: (b: Batch) => {
      owner = perText<string | null>(b.texts, null, ctx.owner);
      shared = perText<string | null>(b.texts, null, (t) => ctx.values.get(t));
    },
    coded: (b, i, lead) => {
      const j = i * TEXTS;
      a.leadId = idOf(lead);
      a.at = b.at[i] as number;
      a.owner = owner(b.text[j] as number);
      a.type = shared(b.text[j + 1] as number) as string;
      a.subtype = shared(b.text[j + 2] as number);
      a.status = shared(b.text[j + 3] as number);
      place.line = b.line[i] as number;
      sink(a, lead, true);
      checkActivityRep(ctx, a.owner, a.leadId, place);
    },
    finish: (rows) => untypedWarning(ctx, tally.untyped, rows),
  };
}

/** The type columns the file has ("column Type, TaskSubtype"), or the candidates tried when its header is not at hand. */
export function typeColumns(ctx: RowContext): string {
  const at = [...(ctx.index.type ?? []), ...(ctx.index.call_type ?? [])];
  const { header } = ctx;
  if (header) return at.length === 0 ? "no type column" : `column ${at.map((i) => header[i]).join(", ")}`;
  return `columns ${[...(ctx.source.columns.type ?? []), ...(ctx.source.columns.call_type ?? [])].join(", ")}`;
}

/**
 * When most rows of an activities file have no type, the report must say so up front, naming
 * the column: one warning for the file (the rows themselves are counted as missing_value).
 */
export function untypedWarning(ctx: RowContext, untyped: number, rows: number): void {
  if (rows === 0 || untyped * 2 <= rows) return;
  const file = ctx.source.file.split(/[\\/]/).pop() ?? ctx.source.file;
  ctx.findings.push(
    finding(
      "empty_column",
      { file: ctx.source.file, line: 1 },
      `${untyped} of ${rows} rows of ${file} not used: the type (${typeColumns(ctx)}) is empty`,
      {
        value: "type",
        hint: `map type: to a filled column (Salesforce: TaskSubtype or CallType), or type: "=call" when the file holds only calls`,
      },
    ),
  );
}
