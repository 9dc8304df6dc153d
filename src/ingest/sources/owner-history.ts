/** Owner-change files (one row per reassignment: lead, new owner, time) -> owner events. */

import type { HistoryEvent, Place } from "../../types.js";
import { type Batch, NONE, perText, TEXTS, type Typer } from "../batch.js";
import { cell } from "../csv/columns.js";
import { type History, OWNER } from "../store/history.js";
import { keyOf, missing, type RowContext, type RowReader } from "./rows.js";

/** Reads one owner-change row: lead, new owner, time. */
export function ownerRowReader(ctx: RowContext): (cells: string[], place: Place) => HistoryEvent | null {
  return (cells, place) => {
    const owner = cell(cells, ctx.index, "owner");
    if (owner === null) return missing(ctx, cells, place, "owner-change row without a new owner");
    const key = keyOf(cells, place, ctx, "owner change");
    return key === null ? null : { kind: "owner", ...key, place, owner: ctx.owner(owner) };
  };
}

/** Owner changes with a lead id and an owner. */
export function ownerTyper(index: Record<string, number[]>): Typer {
  return (cells, at, line, out) => {
    const id = cell(cells, index, "lead_id");
    const owner = cell(cells, index, "owner");
    if (id === null || owner === null) return false;
    out.push(id, at, line, owner, null, null, null);
    return true;
  };
}

/** The owner-change file's RowReader: typed rows straight into the history's columns, the others through `keep`. */
export function ownerHistoryReader(
  ctx: RowContext,
  history: History,
  keep: (e: HistoryEvent) => void,
): RowReader {
  const read = ownerRowReader(ctx);
  let file = NONE;
  let who: (k: number) => number = () => NONE;
  return {
    what: "owner change",
    cells: (cells, place) => {
      const e = read(cells, place);
      if (e !== null) keep(e);
    },
    batch: (b: Batch) => {
      if (file === NONE) file = history.textId(ctx.source.file);
      who = perText(b.texts, NONE, (t) => history.textId(ctx.owner(t)));
    },
    coded: (b, i, lead) => {
      const owner = who(b.text[i * TEXTS] as number);
      history.pushCoded(lead, b.at[i] as number, file, b.line[i] as number, OWNER, NONE, NONE, NONE, owner);
    },
    finish: () => {},
  };
}
