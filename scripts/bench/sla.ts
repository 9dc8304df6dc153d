/**
 * The benchmark SLA as the DuckDB side reads it: straight from the YAML (with the `yaml` package),
 * never through the project's config code, so the SQL does not share the audit's reading of the
 * file. Only what plain SQL reproduces is accepted: calendar-time windows, activity rules on
 * type and status, one stage-history, activities and owner-history file each, owners as names.
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
  };
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
    },
  };
}
