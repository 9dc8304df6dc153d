/**
 * The benchmark SLA as the DuckDB side reads it: straight from the YAML (with the `yaml` package),
 * never through the project's config code, so the SQL does not share the audit's reading of the
 * file. Only what plain SQL reproduces is accepted: calendar-time windows, activity rules on
 * type and status, one stage-history, activities and owner-history file each, owners as names;
 * lead definitions of fit rules (matches, not_matches, at_least, at_most, between on a leads-file
 * field) and behaviour rules with calendar-time lookbacks, and calendar-time pass clocks.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse } from "yaml";

export interface BenchStage {
  id: string;
  matches: string[];
}

export interface BenchOutcome extends BenchStage {
  returnsTo: string | null;
}

export interface BenchHandoff {
  id: string;
  from: string;
  to: string[];
  activity: { types: string[]; statuses: string[]; by: "owner" | "anyone" } | null;
  withinMs: number;
}

export interface BenchSource {
  path: string;
  columns: Record<string, string>;
}

/** A criterion of a lead definition, as the bench's SQL reproduces it. */
export type BenchCriterion =
  | {
      kind: "field";
      name: string;
      field: string;
      test: "matches" | "range";
      pattern: string;
      negated: boolean;
      min: number | null;
      max: number | null;
    }
  | { kind: "engagement"; name: string; types: string[]; atLeast: number; withinMs: number | null }
  | { kind: "all" | "any"; name: string; of: BenchCriterion[] };

export interface BenchStageDefinition {
  stage: string;
  /** `never:` then the stage's `exclude:` (fit rules only). */
  exclude: BenchCriterion[];
  rule: BenchCriterion & { kind: "all" | "any" };
  passWithinMs: number | null;
}

/** `money:` and `opportunity_stages:` (issue 21), as the money SQL reads them. */
export interface BenchMoney {
  /** The reporting currency. */
  currency: string;
  /** The rates file (currency, rate, optional from), or null. */
  rates: string | null;
  /** Raw stages per state, as listed (defaults as docs/export-formats.md gives them). */
  won: string[];
  lost: string[];
  open: string[] | null;
  /** The stage counted as MQL (the commitments' `mql_stage`, else `mql`). */
  mqlStage: string;
  /** The money periods: the commitments' period, else month. */
  period: "week" | "month";
}

export interface BenchSla {
  timezone: string;
  stages: BenchStage[];
  outcomes: BenchOutcome[];
  skippedStages: "backfill" | "strict" | "eligible";
  onReassign: "restart" | "keep";
  conversionWindowMs: number | null;
  handoffs: BenchHandoff[];
  sources: {
    leads: BenchSource;
    stageHistory: BenchSource;
    activities: BenchSource;
    ownerHistory: BenchSource | null;
    engagements: BenchSource | null;
    opportunities: BenchSource | null;
  };
  definitions: BenchStageDefinition[];
  /** Present when the SLA reads opportunities. */
  money: BenchMoney | null;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

/** A calendar-time window (`30m`, `4h`, `1d`, `90d`, `1w`) in milliseconds; business time is refused. */
export function calendarWindow(text: string, where: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([mhdw])\s*$/.exec(text);
  if (!m)
    throw new Error(
      `${where}: "${text}" is not a calendar-time window (30m, 4h, 1d, 1w); SQL cannot reproduce business time`,
    );
  return Math.round(Number(m[1]) * (UNIT_MS[m[2] as string] as number));
}

type Yaml = Record<string, unknown>;
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)];

function source(doc: Yaml, key: string, dir: string, required: true): BenchSource;
function source(doc: Yaml, key: string, dir: string, required: false): BenchSource | null;
function source(doc: Yaml, key: string, dir: string, required: boolean): BenchSource | null {
  const s = (doc.sources as Yaml | undefined)?.[key] as Yaml | undefined;
  if (!s) {
    if (required) throw new Error(`the bench SLA needs sources.${key}`);
    return null;
  }
  if (Array.isArray(s)) throw new Error(`sources.${key}: one file only`);
  const columns = Object.fromEntries(
    Object.entries((s.columns as Yaml | undefined) ?? {}).map(([k, v]) => [k, String(list(v)[0])]),
  );
  return { path: resolve(dir, String(s.file)), columns };
}

/** One criterion of `definitions:` (a YAML mapping). */
function criterion(c: Yaml, where: string): BenchCriterion {
  const name = String(c.name ?? where);
  for (const kind of ["all", "any"] as const)
    if (c[kind] !== undefined)
      return { kind, name, of: (c[kind] as Yaml[]).map((m, i) => criterion(m, `${where}.${kind}[${i}]`)) };
  if (c.engagement !== undefined)
    return {
      kind: "engagement",
      name,
      types: list(c.engagement),
      atLeast: c.at_least === undefined ? 1 : Number(c.at_least),
      withinMs: c.within === undefined ? null : calendarWindow(String(c.within), where),
    };
  if (c.field === undefined)
    throw new Error(`${where}: the bench reproduces field and engagement rules only`);
  const field = String(c.field);
  const base = { kind: "field" as const, name, field, pattern: "", negated: false, min: null, max: null };
  if (c.matches !== undefined) return { ...base, test: "matches", pattern: String(c.matches) };
  if (c.not_matches !== undefined)
    return { ...base, test: "matches", pattern: String(c.not_matches), negated: true };
  const between = c.between as [number, number] | undefined;
  const min = c.at_least ?? between?.[0];
  const max = c.at_most ?? between?.[1];
  if (min === undefined && max === undefined)
    throw new Error(`${where}: the bench reproduces matches, not_matches, at_least, at_most, between`);
  return {
    ...base,
    test: "range",
    min: min === undefined ? null : Number(min),
    max: max === undefined ? null : Number(max),
  };
}

/** `definitions:`: the stages it defines, in the file's order. */
function definitionsOf(doc: Yaml): BenchStageDefinition[] {
  const d = doc.definitions as Yaml | undefined;
  if (!d) return [];
  const never = ((d.never as Yaml[] | undefined) ?? []).map((c, i) => criterion(c, `never[${i}]`));
  return Object.entries(d)
    .filter(([k]) => k !== "never")
    .map(([stage, v]) => {
      const s = v as Yaml;
      if (s.calendar !== undefined) throw new Error(`definitions.${stage}: no calendars in the bench SLA`);
      const exclude = ((s.exclude as Yaml[] | undefined) ?? []).map((c, i) =>
        criterion(c, `${stage}.exclude[${i}]`),
      );
      const top = s.all !== undefined ? "all" : "any";
      const rule = criterion({ name: stage, [top]: s[top] }, stage) as BenchStageDefinition["rule"];
      return {
        stage,
        exclude: [...never, ...exclude],
        rule,
        passWithinMs:
          s.pass_within === undefined ? null : calendarWindow(String(s.pass_within), `${stage}.pass_within`),
      };
    });
}

/** `money:` and `opportunity_stages:` when the SLA reads opportunities (with no history: the bench's data has none). */
function moneyOf(doc: Yaml, dir: string): BenchMoney | null {
  const sources = doc.sources as Yaml | undefined;
  if (sources?.opportunities === undefined) return null;
  if (sources.opportunity_history !== undefined)
    throw new Error("the bench reproduces opportunities without opportunity_history");
  const m = (doc.money as Yaml | undefined) ?? {};
  if (m.currency === undefined) throw new Error("the bench's money SLA needs money.currency");
  if (m.symbol !== undefined) throw new Error("money.symbol: the bench's amounts carry no symbols");
  const period = (doc.commitments as Yaml | undefined)?.period;
  if (period !== undefined && period !== "week" && period !== "month")
    throw new Error(`commitments.period: the bench's money SQL cuts weeks and months, not ${String(period)}`);
  const stages = (doc.opportunity_stages as Yaml | undefined) ?? {};
  return {
    currency: String(m.currency),
    rates: m.rates === undefined ? null : resolve(dir, String(m.rates)),
    won: stages.won === undefined ? ["Closed Won", "closedwon", "Won"] : list(stages.won),
    lost: stages.lost === undefined ? ["Closed Lost", "closedlost", "Lost"] : list(stages.lost),
    open: stages.open === undefined ? null : list(stages.open),
    mqlStage: String((doc.commitments as Yaml | undefined)?.mql_stage ?? "mql"),
    period: (doc.commitments as Yaml | undefined)?.period === "week" ? "week" : "month",
  };
}

/** Reads the bench SLA file. */
export function readBenchSla(file: string): BenchSla {
  const doc = parse(readFileSync(file, "utf8")) as Yaml;
  const dir = dirname(file);
  const stages = ((doc.stages as Yaml[]) ?? []).map((s) => ({ id: String(s.id), matches: list(s.matches) }));
  const outcomes = ((doc.outcomes as Yaml[]) ?? []).map((o) => ({
    id: String(o.id),
    matches: list(o.matches),
    returnsTo: o.returns_to === undefined ? null : String(o.returns_to),
  }));
  const handoffs = ((doc.handoffs as Yaml[]) ?? []).map((h): BenchHandoff => {
    const a = h.activity as Yaml | undefined;
    if (a?.subtypes !== undefined)
      throw new Error(`handoff ${String(h.id)}: activity subtypes are not supported`);
    return {
      id: String(h.id),
      from: String(h.from),
      to: list(h.to),
      activity: a
        ? { types: list(a.types), statuses: list(a.statuses), by: a.by === "anyone" ? "anyone" : "owner" }
        : null,
      withinMs: calendarWindow(String(h.within), `handoff ${String(h.id)}`),
    };
  });
  const conversion = doc.conversion as Yaml | undefined;
  if (doc.calendars !== undefined || doc.assign !== undefined)
    throw new Error("the bench SLA must not declare calendars: every window is in calendar time");
  return {
    timezone: String(doc.timezone ?? "UTC"),
    stages,
    outcomes,
    skippedStages: (doc.skipped_stages as BenchSla["skippedStages"] | undefined) ?? "backfill",
    onReassign: (doc.on_reassign as BenchSla["onReassign"] | undefined) ?? "restart",
    conversionWindowMs:
      conversion?.window === undefined
        ? null
        : calendarWindow(String(conversion.window), "conversion.window"),
    handoffs,
    sources: {
      leads: source(doc, "leads", dir, true),
      stageHistory: source(doc, "stage_history", dir, true),
      activities: source(doc, "activities", dir, true),
      ownerHistory: source(doc, "owner_history", dir, false),
      engagements: source(doc, "engagements", dir, false),
      opportunities: source(doc, "opportunities", dir, false),
    },
    definitions: definitionsOf(doc),
    money: moneyOf(doc, dir),
  };
}
