/** Why a figure moved: each handoff's compliance and step's rate against an earlier period, mix vs performance. */

import { compareText } from "../errors.js";
import { LOAD_BUCKETS } from "./movers-groups.js";
import {
  type DimensionGroups,
  type GroupTallies,
  MOVER_DIMENSIONS,
  type MoverCounts,
  type MoverFigure,
  type MoverGroup,
  type MoverSplit,
  type MoversSection,
} from "./movers-types.js";
import {
  addF,
  compareAbs,
  decompose,
  type Fraction,
  type GroupCount,
  roundFraction,
  roundToSum,
} from "./shift-share.js";
import { rate4, ratio } from "./stats.js";

export const MOVERS_DEFINITION =
  "shift-share over decided cases (a handoff's met / decided obligations; a step's converted / decided journeys), per dimension: mix_g = (s1_g − s0_g)·(r0_g − R0), performance_g = s1_g·(r1_g − r0_g), s the group's share of decided cases, r its rate, R the overall rate; the parts add up to R1 − R0 exactly; rounded to 3 decimals (0.1 point) by largest remainder so that they still do: a dimension's mix and performance add up to the change, its groups' parts to its mix and performance; a group present in one period only is all mix";

/** How many groups each dimension names, by the size of their contribution. */
export const MOVERS_TOP = 3;

/** Parts and changes to 0.1 point (3 decimals of a rate): the precision every format prints them at. */
const PLACES = 3;

const counts = (decided: number, hits: number): MoverCounts => ({
  decided,
  hits,
  rate: rate4(ratio(hits, decided)),
});

const asCounts = (groups: DimensionGroups[keyof DimensionGroups]): GroupCount[] =>
  groups.map(([group, n, k]) => ({ group, n, k }));

/** One dimension's split, its parts rounded so that they add up to the rounded change. */
function split(
  dimension: MoverSplit["dimension"],
  before: DimensionGroups,
  after: DimensionGroups,
  top: number,
): MoverSplit | null {
  const d = decompose(asCounts(before[dimension]), asCounts(after[dimension]));
  if (!d) return null;
  // The dimension's mix and performance first (adding up to the change), then each group's to those.
  const [mixUnits, perfUnits] = roundToSum([d.mix, d.performance], d.delta, PLACES) as [number, number];
  const mixes = roundToSum(
    d.groups.map((g) => g.mix),
    d.mix,
    PLACES,
    mixUnits,
  );
  const perfs = roundToSum(
    d.groups.map((g) => g.performance),
    d.performance,
    PLACES,
    perfUnits,
  );
  const scale = 10 ** PLACES;
  const groups = d.groups.map((g, i): MoverGroup & { exact: Fraction } => {
    const [m, p] = [mixes[i] as number, perfs[i] as number];
    return {
      group: g.group,
      before: counts(g.before.n, g.before.k),
      after: counts(g.after.n, g.after.k),
      mix: m / scale,
      performance: p / scale,
      contribution: (m + p) / scale,
      exact: addF(g.mix, g.performance),
    };
  });
  const ranked = [...groups].sort((a, b) => compareAbs(b.exact, a.exact) || compareText(a.group, b.group));
  return {
    dimension,
    mix: mixUnits / scale,
    performance: perfUnits / scale,
    groups: groups.length,
    top: ranked.slice(0, top).map(({ exact: _, ...g }) => g),
  };
}

/** One figure over both periods: its counts, change, and a split per dimension. */
function figureOf(
  kind: MoverFigure["kind"],
  id: string,
  figure: string,
  before: DimensionGroups,
  after: DimensionGroups,
  top: number,
): MoverFigure {
  const total = (g: DimensionGroups) =>
    g.source.reduce((t, [, n, k]) => ({ n: t.n + n, k: t.k + k }), { n: 0, k: 0 });
  const [b, a] = [total(before), total(after)];
  const d = decompose(asCounts(before.source), asCounts(after.source));
  return {
    figure,
    kind,
    id,
    before: counts(b.n, b.k),
    after: counts(a.n, a.k),
    delta: d ? roundFraction(d.delta, PLACES) : null,
    splits: MOVER_DIMENSIONS.map((dim) => split(dim, before, after, top)).filter(
      (s): s is MoverSplit => s !== null,
    ),
  };
}

/**
 * The movers section: every handoff and step present in both tallies (matched by id, by from and
 * to), in the current report's order. Pure: `before` says which period it was against.
 */
export function moversSection(
  after: GroupTallies,
  before: GroupTallies,
  against: MoversSection["against"],
  period: MoversSection["before"],
  top: number = MOVERS_TOP,
): MoversSection {
  const handoffs = new Map(before.handoffs.map((h) => [h.id, h.groups]));
  const steps = new Map(before.steps.map((s) => [`${s.from}\u0000${s.to}`, s.groups]));
  const figures: MoverFigure[] = [];
  for (const h of after.handoffs) {
    const old = handoffs.get(h.id);
    if (old) figures.push(figureOf("handoff", h.id, `${h.id} compliance`, old, h.groups, top));
  }
  for (const s of after.steps) {
    const old = steps.get(`${s.from}\u0000${s.to}`);
    const id = `${s.from} → ${s.to}`;
    if (old) figures.push(figureOf("step", id, `conversion ${id}`, old, s.groups, top));
  }
  return { definition: MOVERS_DEFINITION, against, before: period, load_buckets: [...LOAD_BUCKETS], figures };
}

/**
 * What a baseline report lacks for --movers, or null: a report written before group tallies
 * existed (or edited by hand) is refused with a sentence, never a TypeError later.
 */
export function groupTalliesProblem(value: unknown): string | null {
  const g = (value as { group_tallies?: unknown } | null)?.group_tallies;
  if (g === undefined)
    return "it has no group_tallies (it was written by a funnel-audit from before --movers)";
  const ok = (list: unknown) =>
    Array.isArray(list) &&
    list.every((x) => {
      const groups = (x as { groups?: Record<string, unknown> } | null)?.groups;
      return (
        groups !== null &&
        typeof groups === "object" &&
        MOVER_DIMENSIONS.every(
          (d) =>
            Array.isArray(groups[d]) &&
            (groups[d] as unknown[]).every(
              (t) =>
                Array.isArray(t) &&
                typeof t[0] === "string" &&
                Number.isInteger(t[1]) &&
                Number.isInteger(t[2]) &&
                t[1] >= t[2] &&
                t[2] >= 0,
            ),
        )
      );
    });
  const { handoffs, steps } = g as { handoffs?: unknown; steps?: unknown };
  return ok(handoffs) && ok(steps) ? null : "its group_tallies are not whole (a hand-edited report?)";
}
