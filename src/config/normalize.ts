/** Schema-valid raw SLA -> the typed config the pipeline uses (defaults applied, paths joined). */

import { isAbsolute, join } from "node:path";
import { parseCliInstant } from "../time/format.js";
import type {
  CalendarDef,
  Commitments,
  HandoffDef,
  SlaConfig,
  SourceDef,
  SourceKind,
  Weekday,
  Window,
} from "../types.js";
import { normalizeDefinitions } from "./definitions.js";
import { engagementMapping } from "./engagements.js";
import type { Locator } from "./locate.js";
import { moneyKeys, opportunitySources } from "./money.js";
import { PRESETS } from "./presets.js";
import {
  ACTIVITY_FIELDS,
  ENGAGEMENT_FIELDS,
  HISTORY_FIELDS,
  LEAD_FIELDS,
  OWNER_FIELDS,
  type RawSla,
  REP_FIELDS,
  STAGE_DATE_FIELDS,
} from "./schema.js";
import { parseWindow } from "./window.js";

const toWindow = (text: string): Window => ({
  text: text.trim(),
  ...(parseWindow(text) ?? { unit: "calendar", amount: 0 }),
});

type RawSource = NonNullable<RawSla["sources"]["stage_dates"]>[number] & {
  columns?: Record<string, string | string[] | undefined>;
};

const list = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

/** What messages call standard input, given as `-` where a file is expected (issue 17). */
export const STDIN_NAME = "<stdin>";

function toSource(kind: SourceKind, raw: RawSource, fields: readonly string[], baseDir: string): SourceDef {
  const preset = raw.preset ?? null;
  const defaults = preset ? PRESETS[preset][kind] : undefined;
  const columns: Record<string, string[]> = {};
  const explicit: string[] = [];
  for (const field of fields) {
    const named = raw.columns?.[field];
    columns[field] = named !== undefined ? list(named) : (defaults?.columns[field] ?? [field]);
    if (named !== undefined) explicit.push(field);
  }
  // Relative to the SLA file's folder; joined as text (no cwd lookup) so messages name a path the user can open.
  // `-` is standard input (issue 17), named `<stdin>` in messages.
  const path = raw.file === "-" || isAbsolute(raw.file) ? raw.file : join(baseDir, raw.file);
  const stages = Object.fromEntries(Object.entries(raw.stages ?? {}).map(([id, h]) => [id, list(h)]));
  return {
    kind,
    file: path === "-" ? STDIN_NAME : path,
    path,
    columns,
    explicit,
    preset,
    dateFormat: raw.date_format ?? defaults?.dateFormat ?? null,
    dateFormatDeclared: raw.date_format !== undefined,
    stagesOptional: false,
    delimiter: raw.delimiter ?? null,
    encoding: raw.encoding ?? null,
    stages,
  };
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function toCalendar(id: string, raw: NonNullable<RawSla["calendars"]>[string]): CalendarDef {
  return {
    id,
    timezone: raw.timezone ?? null,
    days: (raw.days ?? ["mon", "tue", "wed", "thu", "fri"]) as Weekday[],
    hours: raw.hours
      .map((h) => ({ start: minutes(h.slice(0, 5)), end: minutes(h.slice(6, 11)) }))
      .sort((a, b) => a.start - b.start),
    holidays: {
      dates: raw.holidays?.dates ?? [],
      country: raw.holidays?.country ?? null,
      region: raw.holidays?.region ?? null,
    },
  };
}

function toCommitments(raw: RawSla): Commitments | null {
  const c = raw.commitments;
  if (!c) return null;
  const ids = raw.stages.map((s) => s.id);
  const mqlStage = c.marketing?.mql_stage ?? (ids.includes("mql") ? "mql" : (ids[1] ?? ids[0] ?? ""));
  const acceptedStage = c.marketing?.accepted_stage ?? ids[ids.indexOf(mqlStage) + 1] ?? mqlStage;
  return {
    period: c.period ?? "week",
    marketing: {
      mqlStage,
      acceptedStage,
      mqls: c.marketing?.mqls ?? null,
      acceptance: c.marketing?.acceptance ?? null,
      // Absent unless written: reports and the JSON contract show the commitment only when it is made.
      ...(c.marketing?.definition !== undefined ? { definition: c.marketing.definition } : {}),
      ...(c.marketing?.pipeline !== undefined ? { pipeline: c.marketing.pipeline } : {}),
    },
    sales: {
      handoffs: c.sales?.handoffs ?? (raw.handoffs ?? []).map((h) => h.id),
      reasons: c.sales?.reasons ?? null,
      reasonOutcomes: c.sales?.reason_outcomes ?? (raw.outcomes ?? []).map((o) => o.id),
      ...(c.sales?.revenue !== undefined ? { revenue: c.sales.revenue } : {}),
    },
  };
}

/**
 * HubSpot keeps a date column per lifecycle stage, under two header families; a stage's columns
 * follow from the labels it matches ("Marketing Qualified Lead" → "Became a Marketing Qualified
 * Lead Date", 'Date entered "Marketing Qualified Lead (Lifecycle Stage Pipeline)"').
 */
function hubspotStageColumns(steps: { id: string; matches: string[] }[]): Record<string, string[]> {
  return Object.fromEntries(
    steps.map(({ id, matches }) => [
      id,
      matches.flatMap((m) => [
        `Date entered "${m} (Lifecycle Stage Pipeline)"`,
        `Date entered '${m} (Lifecycle Stage Pipeline)'`,
        `Became a ${m} Date`,
        `Became an ${m} Date`,
      ]),
    ]),
  );
}

/** Applies defaults: skipped_stages backfill, on_reassign restart, activity by owner, labels = ids. */
export function normalizeSla(raw: RawSla, file: string, baseDir: string, locate?: Locator): SlaConfig {
  const calendars = Object.entries(raw.calendars ?? {}).map(([id, c]) => toCalendar(id, c));
  const leads = toLeadsSource(raw, baseDir);
  return {
    file,
    version: 1,
    name: raw.name ?? null,
    timezone: raw.timezone,
    definitions: normalizeDefinitions(raw, baseDir, locate),
    ...moneyKeys(raw, baseDir, locate),
    stages: raw.stages.map((s, index) => ({ id: s.id, label: s.label ?? s.id, matches: s.matches, index })),
    outcomes: (raw.outcomes ?? []).map((o) => ({
      id: o.id,
      label: o.label ?? o.id,
      matches: o.matches,
      returnsTo: o.returns_to ?? null,
    })),
    skippedStages: raw.skipped_stages ?? "backfill",
    onReassign: raw.on_reassign ?? "restart",
    conversionWindow: raw.conversion?.window ? toWindow(raw.conversion.window) : null,
    handoffs: (raw.handoffs ?? []).map(toHandoff),
    calendars,
    defaultCalendar: raw.default_calendar ?? calendars[0]?.id ?? null,
    assign: { teams: raw.assign?.teams ?? {}, reps: raw.assign?.reps ?? {} },
    commitments: toCommitments(raw),
    minSample: raw.confidence?.min_sample ?? 20,
    maxNotUsed: raw.coverage?.max_not_used ?? 0.01,
    // A date alone means the end of that day: the snapshot holds what the day did.
    snapshotAt: raw.snapshot_at ? parseCliInstant(raw.snapshot_at, raw.timezone, true) : null,
    regressions: { maxDrop: raw.check?.max_drop ?? null, maxSlowdown: raw.check?.max_slowdown ?? null },
    references: (raw.references ?? []).map((r) => ({
      field: r.field,
      source: toSource(
        "reference",
        { file: r.file, columns: { value: r.column }, ...(r.delimiter ? { delimiter: r.delimiter } : {}) },
        ["value"],
        baseDir,
      ),
    })),
    sources: toSources(raw, leads, baseDir),
  };
}

function toHandoff(h: NonNullable<RawSla["handoffs"]>[number]): HandoffDef {
  return {
    id: h.id,
    description: h.description ?? null,
    from: h.from,
    to: h.to ?? [],
    activity: h.activity
      ? {
          types: h.activity.types ?? [],
          subtypes: h.activity.subtypes ?? [],
          statuses: h.activity.statuses ?? [],
          by: h.activity.by ?? "owner",
        }
      : null,
    within: toWindow(h.within),
    target: h.target,
    calendar: h.calendar ?? null,
  };
}

/** The leads source; a HubSpot one without `stages:` reads its lifecycle date columns (optional). */
function toLeadsSource(raw: RawSla, baseDir: string): SourceDef {
  const leads = toSource("leads", raw.sources.leads, LEAD_FIELDS, baseDir);
  if (leads.preset === "hubspot" && raw.sources.leads.stages === undefined) {
    leads.stages = hubspotStageColumns([...raw.stages, ...(raw.outcomes ?? [])]);
    leads.stagesOptional = true;
  }
  return leads;
}

function toSources(raw: RawSla, leads: SourceDef, baseDir: string): SlaConfig["sources"] {
  const src = raw.sources;
  return {
    leads,
    engagements: (src.engagements === undefined
      ? []
      : Array.isArray(src.engagements)
        ? src.engagements
        : [src.engagements]
    ).map((e) => {
      const source = toSource("engagements", e as RawSource, ENGAGEMENT_FIELDS, baseDir);
      source.engagement = engagementMapping(e, raw.engagement_types ?? [], baseDir);
      // One type for the whole file: no type column is read.
      if (e.type !== undefined) source.columns.type = [];
      return source;
    }),
    stage_history: src.stage_history
      ? toSource("stage_history", src.stage_history, HISTORY_FIELDS, baseDir)
      : null,
    activities: (src.activities === undefined
      ? []
      : Array.isArray(src.activities)
        ? src.activities
        : [src.activities]
    ).map((a) => toSource("activities", a, ACTIVITY_FIELDS, baseDir)),
    owner_history: src.owner_history
      ? toSource("owner_history", src.owner_history, OWNER_FIELDS, baseDir)
      : null,
    reps: src.reps ? toSource("reps", src.reps, REP_FIELDS, baseDir) : null,
    stage_dates: (src.stage_dates ?? []).map((d) => toSource("stage_dates", d, STAGE_DATE_FIELDS, baseDir)),
    ...(src.lookups?.length
      ? {
          lookups: src.lookups.map(({ key, on, fields, ...l }) => ({
            ...toSource("lookup", { ...l, columns: { key } }, ["key"], baseDir),
            lookupOn: on ?? key,
            ...(fields ? { lookupFields: fields } : {}),
          })),
        }
      : {}),
    ...opportunitySources(raw, baseDir, toSource),
  };
}
