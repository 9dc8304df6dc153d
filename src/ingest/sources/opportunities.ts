/** One opportunities row -> an Opportunity (lead joined later), or the finding that says why not. */

import { finding } from "../../findings.js";
import type { DecimalMark } from "../../money/amounts.js";
import { detach } from "../../text.js";
import type { Finding, Millis, Opportunity, Place } from "../../types.js";
import { amountOf, cellOf, flagOf, type StageStates } from "./opportunity-values.js";

/** What reading one opportunities file needs. */
export interface OpportunityContext {
  file: string;
  index: Record<string, number[]>;
  parse: (text: string) => Millis | null;
  /** What a bare "$" (or "¥", "kr") means (money.symbol); null: left as written. */
  symbol: string | null;
  states: StageStates;
  findings: Finding[];
}

/** A row's opportunity with the lead cells it names (joined by read-opportunities.ts). */
export interface OpportunityRow {
  opportunity: Opportunity;
  leadId: string | null;
  leadEmail: string | null;
  column: { leadId: number; leadEmail: number };
  /** The amount cell and the currency column's, read by `priceRow` once the file's decimal mark is decided. */
  amountCell: { text: string; column: number } | null;
  currencyCell: string | null;
}

const BARE = new Set(["$", "¥", "kr"]);

/** A time column's instant; a finding (the row not used) when the cell is not a date. */
function timeOf(
  cells: readonly string[],
  ctx: OpportunityContext,
  field: string,
  place: Place,
  id: string,
): Millis | null | "bad" {
  const c = cellOf(cells, ctx.index, field);
  if (c === null) return null;
  const t = ctx.parse(c.text);
  if (t !== null) return t;
  ctx.findings.push(
    finding("bad_timestamp", place, `opportunity ${id}: ${field} "${c.text}" is not a date`, {
      value: c.text,
      column: c.column,
    }),
  );
  return "bad";
}

/** The currency: the row's currency column, else the amount's own symbol or code; a bare "$" as money.symbol says. */
function currencyOf(column: string | null, symbol: string | null, fromAmount: string | null) {
  const given = column ?? fromAmount;
  if (given !== null && BARE.has(given.toLowerCase() === "kr" ? "kr" : given)) return symbol ?? given;
  return given;
}

/**
 * The row's amount and currency, read in the file's decimal mark (decided from all its amounts
 * after the rows are read: the rows are not kept meanwhile, only their opportunities).
 */
export function priceRow(
  row: OpportunityRow,
  mark: DecimalMark,
  ctx: Pick<OpportunityContext, "symbol" | "findings">,
): void {
  const o = row.opportunity;
  const at = { place: o.place, id: o.id, findings: ctx.findings, empty: "opportunity_amount_empty" as const };
  const amount = amountOf(row.amountCell, mark, at);
  o.amount = amount.value;
  o.currency = currencyOf(row.currencyCell, ctx.symbol, amount.currency);
}

/** The row's state from its stage (and IsWon/IsClosed); a stage no list names is a finding with the closest one. */
function stateOf(
  cells: readonly string[],
  ctx: OpportunityContext,
  stage: string | null,
  place: Place,
  id: string,
) {
  const won = flagOf(cellOf(cells, ctx.index, "is_won")?.text);
  const closed = flagOf(cellOf(cells, ctx.index, "is_closed")?.text);
  const { state, unknown } = ctx.states.stateOf(stage, won, closed);
  if (unknown && stage !== null) {
    const guess = ctx.states.suggest(stage);
    ctx.findings.push(
      finding("opportunity_stage_unknown", place, `opportunity ${id}: stage "${stage}" is in no list`, {
        value: stage,
        ...(guess ? { hint: `did you mean "${guess}"? Or add "${stage}" to opportunity_stages:` } : {}),
      }),
    );
  }
  return state;
}

/** The row's opportunity, or null when a finding leaves it out (no id, no or bad creation, closed without a date). */
export function opportunityOf(
  cells: readonly string[],
  line: number,
  ctx: OpportunityContext,
): OpportunityRow | null {
  const place = { file: ctx.file, line };
  const id = cellOf(cells, ctx.index, "id")?.text;
  if (id === undefined) {
    ctx.findings.push(finding("missing_id", place, "opportunity row has no id"));
    return null;
  }
  const createdAt = timeOf(cells, ctx, "created_at", place, id);
  const closeDate = timeOf(cells, ctx, "closed_at", place, id);
  if (createdAt === "bad" || closeDate === "bad") return null;
  if (createdAt === null) {
    ctx.findings.push(finding("missing_value", place, `opportunity ${id} has no creation date`));
    return null;
  }
  const stage = cellOf(cells, ctx.index, "stage")?.text ?? null;
  const state = stateOf(cells, ctx, stage, place, id);
  // An open opportunity's CloseDate is when it is expected to close: no close yet.
  if (state !== "open" && closeDate === null) {
    ctx.findings.push(finding("missing_value", place, `opportunity ${id} is ${state} and has no close date`));
    return null;
  }
  const amountCell = cellOf(cells, ctx.index, "amount");
  const currencyCell = cellOf(cells, ctx.index, "currency")?.text.toUpperCase() ?? null;
  const lead = cellOf(cells, ctx.index, "lead_id");
  const email = cellOf(cells, ctx.index, "lead_email");
  const text = (field: string) => {
    const v = cellOf(cells, ctx.index, field)?.text;
    return v === undefined ? null : detach(v);
  };
  const opportunity: Opportunity = {
    id: detach(id),
    leadId: null,
    createdAt,
    amount: null,
    currency: null,
    state,
    closedAt: state === "open" ? null : closeDate,
    stage: stage === null ? null : detach(stage),
    source: text("source"),
    owner: text("owner"),
    place,
    history: [],
  };
  return {
    opportunity,
    leadId: lead === null ? null : detach(lead.text),
    leadEmail: email === null ? null : detach(email.text),
    column: { leadId: lead?.column ?? 0, leadEmail: email?.column ?? 0 },
    amountCell: amountCell === null ? null : { text: detach(amountCell.text), column: amountCell.column },
    currencyCell: currencyCell === null ? null : detach(currencyCell),
  };
}
