/** The values of an opportunity row: its amount in the column's decimal mark, its currency, its state. */

import { UserError } from "../../errors.js";
import { type FindingCode, finding } from "../../findings.js";
import { AmountColumnTally, type DecimalMark, decideDecimalMark, readAmount } from "../../money/amounts.js";
import { closest } from "../../text.js";
import type { Finding, OpportunityState, Place, SourceDef } from "../../types.js";

/** A cell of a field and its 1-based column: the first non-empty among the field's columns. */
export function cellOf(
  cells: readonly string[],
  index: Record<string, number[]>,
  field: string,
): { text: string; column: number } | null {
  for (const i of index[field] ?? []) {
    const t = cells[i]?.trim();
    if (t) return { text: t, column: i + 1 };
  }
  return null;
}

/**
 * The decimal mark of a source's amounts, decided once from all of them (or its `decimal_mark:`);
 * refused with exit 2 naming the file, a line and column of each reading, and the setting to add.
 */
export function decideMark(
  source: SourceDef,
  values: readonly { line: number; text: string; column: number }[],
): DecimalMark {
  const tally = new MarkTally();
  for (const v of values) tally.add(v);
  return tally.decide(source);
}

/** A source's amount cells tallied as they are read (nothing kept but the first column of each line). */
export class MarkTally {
  private readonly tally = new AmountColumnTally();
  private first = 0;
  private lastLine = -1;
  /** The lines whose first amount cell is not in the first line's column. */
  private readonly other = new Map<number, number>();

  add(v: { line: number; text: string; column: number }): void {
    this.tally.add(v.text, v.line);
    if (v.line === this.lastLine) return;
    this.lastLine = v.line;
    if (this.first === 0) this.first = v.column;
    else if (v.column !== this.first) this.other.set(v.line, v.column);
  }

  /** The decimal mark (see `decideMarkOf`). */
  decide(source: SourceDef): DecimalMark {
    return decideMarkOf(source, this.tally, (line) => this.other.get(line) ?? this.first);
  }
}

function decideMarkOf(
  source: SourceDef,
  tally: AmountColumnTally,
  columnOf: (line: number) => number,
): DecimalMark {
  const decision = decideDecimalMark(tally, source.decimalMark ?? null);
  if (decision.kind === "decided") return decision.mark;
  const where = source.declared?.path.replace(/\.file$/, "") ?? `sources.${source.kind}`;
  const why =
    decision.why === "conflict"
      ? "are written with both decimal marks"
      : 'read two ways: every marked value is "1,200" or "1.200" (a thousand, or one and a fifth)';
  const issues = decision.examples.map((e) => ({
    severity: "error" as const,
    file: source.file,
    line: e.line,
    column: columnOf(e.line),
    message: `amount "${e.text}": the amounts of ${source.file} ${why}`,
    hint: `add decimal_mark: "." (1,200.50) or decimal_mark: "," (1.200,50) to ${where}`,
  }));
  throw new UserError(`the amounts of ${source.file} ${why}; decimal_mark: must say`, issues);
}

export type AmountRead = { value: number | null; currency: string | null };

/**
 * An amount cell in the decided mark: empty, unreadable and negative amounts are null with a
 * finding (`empty` null: an empty cell is no finding, as in a history row). Zero is an amount.
 */
export function amountOf(
  cell: { text: string; column: number } | null,
  mark: DecimalMark,
  at: { place: Place; id: string; findings: Finding[]; empty: FindingCode | null },
): AmountRead {
  const say = (code: FindingCode, message: string, column?: number) =>
    at.findings.push(
      finding(code, at.place, message, { value: cell?.text ?? "", ...(column ? { column } : {}) }),
    );
  if (cell === null) {
    if (at.empty) say(at.empty, `opportunity ${at.id} has no amount`);
    return { value: null, currency: null };
  }
  const read = readAmount(cell.text, mark);
  if (read === null) {
    say(
      "opportunity_amount_unreadable",
      `opportunity ${at.id}: "${cell.text}" is not an amount`,
      cell.column,
    );
    return { value: null, currency: null };
  }
  if (read.value < 0) {
    say("opportunity_amount_negative", `opportunity ${at.id}: amount ${cell.text} is negative`, cell.column);
    return { value: null, currency: read.currency };
  }
  return { value: read.value, currency: read.currency };
}

/** true / false of an IsWon, IsClosed cell ("true", "1", "yes"); null when empty or neither. */
export function flagOf(text: string | null | undefined): boolean | null {
  const t = text?.trim().toLowerCase() ?? "";
  if (["true", "1", "yes", "y"].includes(t)) return true;
  if (["false", "0", "no", "n"].includes(t)) return false;
  return null;
}

const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");

/** How raw stages become states: the SLA's lists first, then what IsWon/IsClosed said of the stage. */
export class StageStates {
  private readonly listed = new Map<string, OpportunityState>();
  private readonly learned = new Map<string, OpportunityState>();
  private readonly names: string[];

  constructor(private readonly stages: { won: string[]; lost: string[]; open: string[] | null }) {
    for (const s of stages.open ?? []) this.listed.set(fold(s), "open");
    for (const s of stages.lost) this.listed.set(fold(s), "lost");
    for (const s of stages.won) this.listed.set(fold(s), "won");
    this.names = [...stages.won, ...stages.lost, ...(stages.open ?? [])];
  }

  /**
   * The state of a stage: listed, else IsClosed/IsWon when the row has them (learned for the
   * history's rows), else what a history row learned, else open. `unknown`: a stage no list
   * names when the lists name open stages, or one that reads as closed (won, lost, closed).
   */
  stateOf(
    stage: string | null,
    won: boolean | null,
    closed: boolean | null,
  ): { state: OpportunityState; unknown: boolean } {
    const key = stage === null ? null : fold(stage);
    const listed = key === null ? undefined : this.listed.get(key);
    if (listed) return { state: listed, unknown: false };
    if (closed !== null) {
      const state: OpportunityState = closed ? (won ? "won" : "lost") : "open";
      if (key !== null) this.learned.set(key, state);
      return { state, unknown: false };
    }
    const learned = key === null ? undefined : this.learned.get(key);
    if (learned) return { state: learned, unknown: false };
    const unknown = key !== null && (this.stages.open !== null || /\b(won|lost|closed)\b/.test(key));
    return { state: "open", unknown };
  }

  /** The listed stage closest to a stage (a typo), for the finding's hint. */
  suggest(stage: string): string | undefined {
    return closest(stage.trim(), this.names) ?? closest(fold(stage), this.names.map(fold));
  }
}
