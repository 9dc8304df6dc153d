/** Opportunity history rows (OpportunityHistory or OpportunityFieldHistory) folded into each opportunity's `history`. */

import { finding } from "../../findings.js";
import type { DecimalMark } from "../../money/amounts.js";
import { detach } from "../../text.js";
import type { Finding, Millis, Opportunity, OpportunityChange, Place } from "../../types.js";
import { amountOf, cellOf, type StageStates } from "./opportunity-values.js";

/**
 * One row: a snapshot (OpportunityHistory: the stage and amount from then on) or one field's
 * change (OpportunityFieldHistory: Amount or StageName, old and new value).
 */
export interface HistoryRow {
  at: Millis;
  place: Place;
  kind: "snapshot" | "amount" | "stage";
  stage?: string | null;
  amount?: number | null;
  oldStage?: string | null;
  oldAmount?: number | null;
}

export interface HistoryContext {
  file: string;
  index: Record<string, number[]>;
  mark: DecimalMark;
  parse: (text: string) => Millis | null;
  findings: Finding[];
}

const fieldKind = (field: string): "amount" | "stage" | null =>
  /^amount$/i.test(field) ? "amount" : /^(stagename|stage)$/i.test(field) ? "stage" : null;

/** The amount texts of a row, for the decimal mark's tally: Amount, or a field row's old and new amounts. */
export function amountCells(cells: readonly string[], index: Record<string, number[]>) {
  const field = cellOf(cells, index, "field");
  if (field === null) return [cellOf(cells, index, "amount")].filter((c) => c !== null);
  if (fieldKind(field.text) !== "amount") return [];
  return [cellOf(cells, index, "old_value"), cellOf(cells, index, "new_value")].filter((c) => c !== null);
}

/** A row's opportunity id and change; null when a finding leaves it out (no id, bad time, another field). */
export function historyRowOf(
  cells: readonly string[],
  line: number,
  ctx: HistoryContext,
): { id: string; row: HistoryRow } | null {
  const place = { file: ctx.file, line };
  const id = cellOf(cells, ctx.index, "opportunity_id")?.text;
  const when = cellOf(cells, ctx.index, "at");
  if (id === undefined) {
    ctx.findings.push(finding("missing_id", place, "history row has no opportunity id"));
    return null;
  }
  const at = when === null ? null : ctx.parse(when.text);
  if (at === null) {
    const text = when?.text ?? "";
    ctx.findings.push(
      finding("bad_timestamp", place, `history of opportunity ${id}: "${text}" is not a date`, {
        value: text,
        ...(when ? { column: when.column } : {}),
      }),
    );
    return null;
  }
  const field = cellOf(cells, ctx.index, "field");
  const amount = (f: string) =>
    amountOf(cellOf(cells, ctx.index, f), ctx.mark, { place, id, findings: ctx.findings, empty: null }).value;
  const text = (f: string) => {
    const v = cellOf(cells, ctx.index, f)?.text;
    return v === undefined ? null : detach(v);
  };
  if (field === null)
    return { id, row: { at, place, kind: "snapshot", stage: text("stage"), amount: amount("amount") } };
  const kind = fieldKind(field.text);
  if (kind === null) {
    ctx.findings.push(
      finding("other_field", place, `history of opportunity ${id}: field ${field.text}`, {
        value: field.text,
      }),
    );
    return null;
  }
  if (kind === "amount")
    return { id, row: { at, place, kind, amount: amount("new_value"), oldAmount: amount("old_value") } };
  return { id, row: { at, place, kind, stage: text("new_value"), oldStage: text("old_value") } };
}

/** The values before the first row: the first snapshot's, else each field's first old value, else the current. */
function initialOf(
  o: Opportunity,
  rows: readonly HistoryRow[],
): { amount: number | null; stage: string | null } {
  const snapshot = rows.find((r) => r.kind === "snapshot");
  if (snapshot) return { amount: snapshot.amount ?? null, stage: snapshot.stage ?? null };
  const amount = rows.find((r) => r.kind === "amount");
  const stage = rows.find((r) => r.kind === "stage");
  return {
    amount: amount ? (amount.oldAmount ?? null) : o.amount,
    stage: stage ? (stage.oldStage ?? null) : o.stage,
  };
}

const DAY = 86_400_000;

/**
 * Sets `history`: the first entry at createdAt holds the initial values, each later one what
 * changed. An amount changed after the close (the closing change, else the end of the close
 * date) is an info finding: figures as of a date read that date's amount.
 */
export function foldHistory(
  o: Opportunity,
  given: readonly HistoryRow[],
  states: StageStates,
  findings: Finding[],
): void {
  const rows = [...given].sort((a, b) => a.at - b.at || a.place.line - b.place.line);
  const initial = initialOf(o, rows);
  const first: OpportunityChange = {
    at: o.createdAt,
    amount: initial.amount,
    place: rows[0]?.place ?? o.place,
  };
  if (initial.stage !== null) {
    first.stage = initial.stage;
    first.state = states.stateOf(initial.stage, null, null).state;
  }
  const history = [first];
  let cur = initial;
  for (const r of rows) {
    const change: OpportunityChange = { at: r.at, place: r.place };
    if (r.kind !== "stage" && r.amount !== undefined && r.amount !== cur.amount) change.amount = r.amount;
    if (r.kind !== "amount" && r.stage != null && r.stage !== cur.stage) {
      change.stage = r.stage;
      change.state = states.stateOf(r.stage, null, null).state;
    }
    if (change.amount === undefined && change.stage === undefined) continue;
    cur = {
      amount: change.amount !== undefined ? change.amount : cur.amount,
      stage: change.stage ?? cur.stage,
    };
    history.push(change);
  }
  o.history = history;
  afterClose(o, findings);
}

function afterClose(o: Opportunity, findings: Finding[]): void {
  if (o.closedAt === null) return;
  const closing = o.history.findLast((c) => c.state !== undefined && c.state !== "open");
  const limit = closing && closing !== o.history[0] ? closing.at : o.closedAt + DAY;
  const late = o.history.find((c) => c !== o.history[0] && c.amount !== undefined && c.at > limit);
  if (late)
    findings.push(
      finding(
        "opportunity_amount_changed_after_close",
        late.place,
        `opportunity ${o.id}: amount changed to ${late.amount ?? "empty"} after it closed`,
        { value: o.id },
      ),
    );
}
