/**
 * The lead definition's figures in DuckDB SQL, as docs/definitions.md ("Lead definition") counts
 * them, from the tables scripts/bench/duckdb.ts builds (leads with the fields the definitions
 * read as `f_<field>`, journeys with their entries `e<i>`, `b<i>` and `end_ts`, entries,
 * engagements `eng`):
 *
 * - the check: every entry into a defined stage in the period (real and backfilled), judged at its
 *   instant T: met when no exclusion holds and the rule does; a fit rule on the lead's value as
 *   exported (a range rule needs the whole range inside its bounds: `11-50`, `1000+`, `42`; any
 *   other text is unreadable and fails), a behaviour rule counts the lead's engagements of its
 *   types with T − within ≤ at ≤ T; failures per exclusion and per direct member of the top rule;
 * - marketing's pass clock: per journey, the first instant t ≥ its start at which the definition
 *   holds (fit and exclusions hold or not for the lead as a whole; `at_least n within d` holds on
 *   [eᵢ₊ₙ₋₁, eᵢ + d]); after a recycle (journeys 2, 3, …) the first of the lead's engagements
 *   after the journey's start at which it holds; answered by the first entry into the stage or a
 *   later one; met, late, missed or pending on a calendar-time window, like a handoff.
 */
import { countedHandoff, type HandoffFigure, handoffCounts } from "./figures.js";
import type { BenchCriterion, BenchSla, BenchStageDefinition } from "./sla.js";

/** One defined stage's check: entries, met, not met, and failures by criterion name. */
export interface DefinitionFigure {
  stage: string;
  entries: number;
  backfilled: number;
  met: number;
  not_met: number;
  /** Failures per exclusion and per direct member of the top rule, by name. */
  failed: Record<string, number>;
}

export interface DefinitionQuery {
  sla: BenchSla;
  exec: (label: string, sql: string) => Promise<unknown>;
  rows: (label: string, sql: string) => Promise<Record<string, unknown>[]>;
  asOf: number;
  inPeriod: (x: string) => string;
}

const lit = (s: string): string => `'${s.replaceAll("'", "''")}'`;
const FOREVER = 8_640_000_000_000_000;

/** The column of the leads table holding a field the definitions read. */
export const fieldColumn = (field: string): string => `"f_${field.replaceAll('"', '""')}"`;

/** Every lead field the definitions read. */
export function definitionFields(sla: BenchSla): string[] {
  const out = new Set<string>();
  const walk = (c: BenchCriterion) => {
    if (c.kind === "field") out.add(c.field);
    else if (c.kind === "all" || c.kind === "any") c.of.forEach(walk);
  };
  for (const d of sla.definitions) {
    d.exclude.forEach(walk);
    walk(d.rule);
  }
  return [...out];
}

/** The range a size or revenue cell reads as: `a-b`, `a+` (no upper bound) or `a`; NULLs otherwise. */
function range(v: string): { lo: string; hi: string } {
  const span = String.raw`^(\d+)\s*-\s*(\d+)$`;
  const plus = String.raw`^(\d+)\s*\+$`;
  const one = String.raw`^(\d+)$`;
  return {
    lo: `CASE WHEN regexp_matches(${v}, ${lit(span)}) THEN regexp_extract(${v}, ${lit(span)}, 1)::DOUBLE
              WHEN regexp_matches(${v}, ${lit(plus)}) THEN regexp_extract(${v}, ${lit(plus)}, 1)::DOUBLE
              WHEN regexp_matches(${v}, ${lit(one)}) THEN ${v}::DOUBLE END`,
    hi: `CASE WHEN regexp_matches(${v}, ${lit(span)}) THEN regexp_extract(${v}, ${lit(span)}, 2)::DOUBLE
              WHEN regexp_matches(${v}, ${lit(plus)}) THEN 'infinity'::DOUBLE
              WHEN regexp_matches(${v}, ${lit(one)}) THEN ${v}::DOUBLE END`,
  };
}

/** A fit rule on the row's lead (`l`): true only on evidence (a negated rule also holds on no value). */
function fitHolds(c: BenchCriterion & { kind: "field" }): string {
  const v = `l.${fieldColumn(c.field)}`;
  if (c.test === "matches") {
    const hit = `coalesce(regexp_matches(${v}, ${lit(c.pattern)}, 'i'), false)`;
    return c.negated ? `NOT ${hit}` : hit;
  }
  const { lo, hi } = range(v);
  const bounds = [
    ...(c.min === null ? [] : [`(${lo}) >= ${c.min}`]),
    ...(c.max === null ? [] : [`(${hi}) <= ${c.max}`]),
  ];
  return `coalesce(${bounds.join(" AND ")}, false)`;
}

/** A criterion at the row's instant `d.t` (lead `d.lead_id`, its fields on `l`). */
function holdsAt(c: BenchCriterion): string {
  if (c.kind === "field") return fitHolds(c);
  if (c.kind === "engagement") {
    const since = c.withinMs === null ? "" : ` AND g.ts >= d.t - ${c.withinMs}`;
    return `((SELECT count(*) FROM eng g WHERE g.lead_id = d.lead_id AND g.type IN (${types(c)})
              AND g.ts <= d.t${since}) >= ${c.atLeast})`;
  }
  return `(${c.of.map(holdsAt).join(c.kind === "all" ? " AND " : " OR ")})`;
}

const types = (c: { types: string[] }) => c.types.map((t) => lit(t.toLowerCase())).join(", ");

/** Where a behaviour rule (or an `any` of them) holds for each lead: rows (lead_id, a, b), closed intervals. */
function intervals(c: BenchCriterion, where: string): string {
  if (c.kind === "engagement") {
    const end = c.withinMs === null ? String(FOREVER) : `ts + ${c.withinMs}`;
    return `SELECT lead_id, a, b FROM (
              SELECT lead_id, lead(ts, ${c.atLeast - 1}) OVER (PARTITION BY lead_id ORDER BY ts) AS a, ${end} AS b
              FROM eng WHERE type IN (${types(c)}))
            WHERE a IS NOT NULL AND a <= b`;
  }
  if (c.kind === "any") return c.of.map((m) => intervals(m, where)).join("\nUNION ALL\n");
  throw new Error(
    `${where}: the bench reproduces a pass clock over fit rules and one behaviour rule (or any: of them)`,
  );
}

/** The stage's rule split into its fit part (a boolean on `l`) and its behaviour part (intervals). */
function passParts(d: BenchStageDefinition): { fit: string; behaviour: string } {
  const where = `definitions.${d.stage}`;
  for (const x of d.exclude)
    if (x.kind !== "field") throw new Error(`${where}: the bench reproduces fit exclusions only`);
  const members = d.rule.kind === "all" ? d.rule.of : [d.rule];
  const isFit = (c: BenchCriterion) => c.kind === "field";
  const fits = members.filter(isFit);
  const acts = members.filter((c) => !isFit(c));
  if (acts.length !== 1)
    throw new Error(`${where}: the bench reproduces a pass clock with one behaviour part`);
  const excluded = d.exclude.map(holdsAt);
  const fit = [...fits.map(holdsAt), ...(excluded.length ? [`NOT (${excluded.join(" OR ")})`] : [])];
  return {
    fit: fit.length ? fit.join(" AND ") : "true",
    behaviour: intervals(acts[0] as BenchCriterion, where),
  };
}

/** The check and the pass clock of every defined stage. */
export async function definitionFigures(
  q: DefinitionQuery,
): Promise<{ definitions: DefinitionFigure[]; leakage: HandoffFigure[] }> {
  const { sla, exec, rows, asOf, inPeriod } = q;
  const num = (v: unknown) => (v === null || v === undefined ? Number.NaN : Number(v));
  const definitions: DefinitionFigure[] = [];
  const leakage: HandoffFigure[] = [];
  for (const d of sla.definitions) {
    const i = sla.stages.findIndex((s) => s.id === d.stage);
    if (i < 0) throw new Error(`definitions.${d.stage}: not a stage`);
    const parts = [...d.exclude, ...(d.rule.kind === "all" || d.rule.kind === "any" ? d.rule.of : [d.rule])];
    const held = parts.map((p, k) => `${holdsAt(p)} AS p${k}`);
    const excluded = d.exclude.map((_, k) => `p${k}`);
    const rule = holdsAt(d.rule);
    await exec(
      `definition ${d.stage}: entries`,
      `CREATE OR REPLACE TABLE def_check AS
       SELECT d.backfilled, ${held.join(", ")}, ${rule} AS rule_holds FROM (
         SELECT lead_id, e${i} AS t, b${i} AS backfilled FROM journeys WHERE e${i} IS NOT NULL AND ${inPeriod(`e${i}`)}) d
       JOIN leads l ON l.lid = d.lead_id`,
    );
    const met = `rule_holds${excluded.length ? ` AND NOT (${excluded.join(" OR ")})` : ""}`;
    const failed = parts.map(
      (_, k) => `count(*) FILTER (WHERE ${k < d.exclude.length ? "" : "NOT "}p${k}) AS f${k}`,
    );
    const [r] = await rows(
      `definition ${d.stage}: check`,
      `SELECT count(*) AS entries, count(*) FILTER (WHERE backfilled) AS backfilled,
         count(*) FILTER (WHERE ${met}) AS met, ${failed.join(", ")} FROM def_check`,
    );
    const entries = num(r?.entries);
    const metN = num(r?.met);
    definitions.push({
      stage: d.stage,
      entries,
      backfilled: num(r?.backfilled),
      met: metN,
      not_met: entries - metN,
      failed: Object.fromEntries(parts.map((p, k) => [p.name, num(r?.[`f${k}`])])),
    });
    if (d.passWithinMs === null) continue;
    const { fit, behaviour } = passParts(d);
    const answer = `least(${sla.stages
      .slice(i)
      .map((_, k) => `j.e${i + k}`)
      .join(", ")})`;
    await exec(
      `definition ${d.stage}: pass clock`,
      `CREATE OR REPLACE TABLE def_pass AS
       WITH iv AS (${behaviour}),
       starts AS (SELECT lead_id, journey, min(ts) AS start FROM entries GROUP BY lead_id, journey),
       firsts AS (
         SELECT s.lead_id, s.journey, min(greatest(iv.a, s.start)) AS first
         FROM starts s JOIN leads l ON l.lid = s.lead_id JOIN iv ON iv.lead_id = s.lead_id AND iv.b >= s.start
         WHERE s.journey = 1 AND ${fit} GROUP BY s.lead_id, s.journey
         UNION ALL
         SELECT s.lead_id, s.journey, min(g.ts)
         FROM starts s JOIN leads l ON l.lid = s.lead_id JOIN eng g ON g.lead_id = s.lead_id AND g.ts > s.start
         WHERE s.journey > 1 AND ${fit}
           AND EXISTS (SELECT 1 FROM iv WHERE iv.lead_id = g.lead_id AND g.ts BETWEEN iv.a AND iv.b)
         GROUP BY s.lead_id, s.journey),
       o AS (
         SELECT f.first, ${answer} AS answer, f.first + ${d.passWithinMs} AS deadline, j.end_ts
         FROM firsts f JOIN journeys j USING (lead_id, journey))
       SELECT CASE WHEN answer IS NOT NULL THEN CASE WHEN answer <= deadline THEN 'met' ELSE 'late' END
                   WHEN deadline < ${asOf} THEN 'missed' ELSE 'pending' END AS status,
              (answer - first)::DOUBLE AS latency
       FROM o
       WHERE first <= ${asOf} AND ${inPeriod("first")} AND (answer IS NULL OR first <= answer)
         AND (answer IS NOT NULL OR end_ts IS NULL OR first <= end_ts)`,
    );
    const [p] = await rows(
      `definition ${d.stage}: pass figures`,
      `SELECT count(*) AS obligations,
         count(*) FILTER (WHERE status = 'met') AS met, count(*) FILTER (WHERE status = 'late') AS late,
         count(*) FILTER (WHERE status = 'missed') AS missed, count(*) FILTER (WHERE status = 'pending') AS pending,
         quantile_cont(latency, 0.5) AS p50, quantile_cont(latency, 0.9) AS p90
       FROM def_pass`,
    );
    const ms = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    leakage.push(countedHandoff(`${d.stage}-pass`, handoffCounts(p), ms(p?.p50), ms(p?.p90)));
  }
  return { definitions, leakage };
}
