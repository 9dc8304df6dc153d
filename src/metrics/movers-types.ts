/** The shapes of "why a figure moved": the report's group tallies and its movers section. */

export const MOVER_DIMENSIONS = ["source", "owner", "hour", "after_hours", "weekend", "load"] as const;
export type MoverDimension = (typeof MOVER_DIMENSIONS)[number];

/** One group of a dimension: [group, decided, hits (met obligations, converted journeys)]. */
export type GroupTriple = [string, number, number];
export type DimensionGroups = Record<MoverDimension, GroupTriple[]>;

/** The report's `group_tallies` (docs/json-contract.md): what a later `--movers --baseline` compares with. */
export interface GroupTallies {
  handoffs: { id: string; groups: DimensionGroups }[];
  steps: { from: string; to: string; groups: DimensionGroups }[];
}

/** Decided cases, hits and their rate (hits / decided, 4 decimals) in one period. */
export interface MoverCounts {
  decided: number;
  hits: number;
  rate: number | null;
}

/** A group among the largest contributions: its counts in both periods and its parts (rate units). */
export interface MoverGroup {
  group: string;
  before: MoverCounts;
  after: MoverCounts;
  mix: number;
  performance: number;
  /** mix + performance. */
  contribution: number;
}

/** One dimension's decomposition: mix + performance = the figure's change (to 3 decimals, 0.1 point, exactly). */
export interface MoverSplit {
  dimension: MoverDimension;
  mix: number;
  performance: number;
  groups: number;
  /** The groups contributing most (by |contribution|; ties by group key), at most `top`. */
  top: MoverGroup[];
}

/** A handoff's compliance (met / decided) or a step's decided rate (converted / decided), both periods. */
export interface MoverFigure {
  figure: string;
  kind: "handoff" | "step";
  id: string;
  before: MoverCounts;
  after: MoverCounts;
  /** after − before, from the exact rates, to 3 decimals (null when a period has no decided case). */
  delta: number | null;
  splits: MoverSplit[];
}

export interface MoversSection {
  definition: string;
  /**
   * "baseline": an earlier report's group tallies; "previous period": the period of the same length
   * just before; "previous quarter" (month, week): the review pack's, the calendar period before.
   */
  against: "baseline" | "previous period" | `previous ${"week" | "month" | "quarter"}`;
  before: { as_of: string; from: string; to: string };
  load_buckets: string[];
  figures: MoverFigure[];
}
