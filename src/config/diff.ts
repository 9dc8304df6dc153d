/** What changed between two agreements, compared as normalized configs (reformatting the YAML is no change). */

import type { Criterion, LeadDefinitions, SlaConfig, SourceDef, StageDefinition } from "../types.js";

/** The part of the agreement a change belongs to, in the order `sla render` shows them. */
export type Part =
  | "agreement"
  | "stage"
  | "outcome"
  | "definition"
  | "handoff"
  | "commitments"
  | "calendar"
  | "assign"
  | "policy"
  | "source";

/**
 * One change: `what` names the field ("within", "matches", "holidays.dates", "criterion"); added
 * when `before` is null and `what` is "", removed when `after` is. Values are the normalized
 * config's, without where the file states them.
 */
export interface AgreementChange {
  part: Part;
  id: string;
  what: string;
  before: unknown;
  after: unknown;
}

/**
 * A value without where the SLA file states it (line, column) nor how it spells a path beside the
 * path it means (`file` next to `path`, joined to the SLA file's folder): where is not what.
 */
export function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value === null || typeof value !== "object") return value;
  const joined = "path" in value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(
        ([k, v]) =>
          !["line", "column", "declared"].includes(k) && !(joined && k === "file") && v !== undefined,
      )
      .map(([k, v]) => [k, comparable(v)]),
  );
}

const same = (a: unknown, b: unknown) => JSON.stringify(comparable(a)) === JSON.stringify(comparable(b));

/** Fields of one keyed item compared one by one: a change per field that differs. */
function fields<T>(
  part: Part,
  id: string,
  a: T,
  b: T,
  read: Record<string, (x: T) => unknown>,
): AgreementChange[] {
  return Object.entries(read)
    .filter(([, get]) => !same(get(a), get(b)))
    .map(([what, get]) => ({ part, id, what, before: get(a), after: get(b) }));
}

/** Items keyed by id: added, removed (whole), or compared field by field. */
function keyed<T>(
  part: Part,
  before: readonly T[],
  after: readonly T[],
  key: (x: T) => string,
  read: Record<string, (x: T) => unknown>,
): AgreementChange[] {
  const old = new Map(before.map((x) => [key(x), x]));
  const now = new Map(after.map((x) => [key(x), x]));
  const out: AgreementChange[] = [];
  for (const [id, a] of old) {
    const b = now.get(id);
    if (b === undefined) out.push({ part, id, what: "", before: a, after: null });
    else out.push(...fields(part, id, a, b, read));
  }
  for (const [id, b] of now) if (!old.has(id)) out.push({ part, id, what: "", before: null, after: b });
  return out;
}

/** The top-level criteria of a defined stage, its exclusions marked, by name. */
const criteria = (d: StageDefinition): Criterion[] => [
  ...d.rule.of,
  ...d.exclude.map((c) => ({ ...c, name: `not: ${c.name}` })),
];

function definitionChanges(a: LeadDefinitions | null, b: LeadDefinitions | null): AgreementChange[] {
  const types = same(a?.engagementTypes ?? [], b?.engagementTypes ?? [])
    ? []
    : [
        {
          part: "definition" as const,
          id: "",
          what: "engagement types",
          before: a?.engagementTypes ?? [],
          after: b?.engagementTypes ?? [],
        },
      ];
  const stages = keyed("definition", a?.stages ?? [], b?.stages ?? [], (d) => d.stage, {
    "all or any": (d) => d.rule.kind,
    "pass within": (d) => d.passWithin?.text ?? null,
    "pass target": (d) => d.passTarget,
    "pass calendar": (d) => d.passCalendar,
  });
  // Criteria are compared by name inside each stage both define.
  const both = (a?.stages ?? []).flatMap((d) => {
    const other = b?.stages.find((x) => x.stage === d.stage);
    return other ? [[d, other] as const] : [];
  });
  const crit = both.flatMap(([d, e]) =>
    keyed("definition", criteria(d), criteria(e), (c) => c.name, { rule: (c) => c }).map((c) => ({
      ...c,
      id: d.stage,
      what: "criterion",
    })),
  );
  return [...types, ...stages, ...crit];
}

/** Every source, keyed by its kind and file: what reading would open. */
function sourceList(c: SlaConfig): [string, SourceDef][] {
  const s = c.sources;
  const list = [
    s.leads,
    s.stage_history,
    s.owner_history,
    s.reps,
    ...s.activities,
    ...s.stage_dates,
    ...s.engagements,
    ...(s.lookups ?? []),
    ...c.references.map((r) => r.source),
  ].filter((x): x is SourceDef => x !== null);
  return list.map((x) => [`${x.kind} ${x.path}`, x]);
}

function sourceChanges(a: SlaConfig, b: SlaConfig): AgreementChange[] {
  const strip = ([key, { file: _f, ...rest }]: [string, SourceDef]) => ({ key, ...rest });
  const changes = keyed("source", sourceList(a).map(strip), sourceList(b).map(strip), (x) => x.key, {
    settings: (x) => x,
  });
  // A changed source: only the settings that differ, named.
  return changes.map((c) => {
    if (c.what === "") return c;
    const [x, y] = [c.before, c.after] as Record<string, unknown>[];
    const keys = Object.keys({ ...x, ...y }).filter((k) => !same(x?.[k], y?.[k]));
    return { ...c, what: "settings", before: keys, after: keys };
  });
}

/** Every change from `a` to `b`, part by part; none when they state the same agreement. */
export function diffAgreements(a: SlaConfig, b: SlaConfig): AgreementChange[] {
  const top = (part: Part, read: Record<string, (c: SlaConfig) => unknown>) => fields(part, "", a, b, read);
  return [
    ...top("agreement", { name: (c) => c.name, timezone: (c) => c.timezone }),
    ...keyed("stage", a.stages, b.stages, (s) => s.id, {
      label: (s) => s.label,
      matches: (s) => s.matches,
      position: (s) => s.index + 1,
    }),
    ...keyed("outcome", a.outcomes, b.outcomes, (o) => o.id, {
      label: (o) => o.label,
      matches: (o) => o.matches,
      "returns to": (o) => o.returnsTo,
    }),
    ...definitionChanges(a.definitions, b.definitions),
    ...keyed("handoff", a.handoffs, b.handoffs, (h) => h.id, {
      within: (h) => h.within,
      target: (h) => h.target,
      from: (h) => h.from,
      to: (h) => h.to,
      activity: (h) => h.activity,
      calendar: (h) => h.calendar,
      description: (h) => h.description,
    }),
    ...commitmentChanges(a, b),
    ...keyed("calendar", a.calendars, b.calendars, (c) => c.id, {
      days: (c) => c.days,
      hours: (c) => c.hours,
      timezone: (c) => c.timezone,
      "holidays.dates": (c) => c.holidays.dates,
      "holidays.country": (c) => [c.holidays.country, c.holidays.region],
    }),
    ...top("assign", {
      "default calendar": (c) => c.defaultCalendar,
      teams: (c) => c.assign.teams,
      reps: (c) => c.assign.reps,
    }),
    ...top("policy", {
      "on reassign": (c) => c.onReassign,
      "skipped stages": (c) => c.skippedStages,
      "conversion window": (c) => c.conversionWindow?.text ?? null,
      "min sample": (c) => c.minSample,
      "max not used": (c) => c.maxNotUsed,
      "max drop": (c) => c.regressions.maxDrop,
      "max slowdown": (c) => c.regressions.maxSlowdown,
      "snapshot at": (c) => c.snapshotAt,
    }),
    ...sourceChanges(a, b),
  ];
}

function commitmentChanges(a: SlaConfig, b: SlaConfig): AgreementChange[] {
  const [x, y] = [a.commitments, b.commitments];
  if (x === null || y === null)
    return x === y ? [] : [{ part: "commitments", id: "", what: "", before: x, after: y }];
  return fields("commitments", "", x, y, {
    period: (c) => c.period,
    mqls: (c) => c.marketing.mqls,
    acceptance: (c) => c.marketing.acceptance,
    definition: (c) => c.marketing.definition ?? null,
    "mql stage": (c) => c.marketing.mqlStage,
    "accepted stage": (c) => c.marketing.acceptedStage,
    handoffs: (c) => c.sales.handoffs,
    reasons: (c) => c.sales.reasons,
    "reason outcomes": (c) => c.sales.reasonOutcomes,
  });
}
