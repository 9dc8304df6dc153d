/** Drafts a starter SLA file from export summaries (pure: summaries in, YAML text out). */

/*
 * Stages and outcomes get `matches:` filled from the status values found (placed by keyword; the
 * rest left in a commented TODO list), sources get their columns mapped. The steps: place the
 * leads file's values, then every other file's, choose the stages, then write the text.
 */

import { definitionSkeleton } from "./definition.js";
import { type FileSummary, findColumn, stageDateColumns } from "./detect.js";
import { type EngagementEntry, engagementEntry, isBridge } from "./engagements.js";
import { lookupDraft } from "./lookups.js";
import { isOpportunityRole, opportunityDraft } from "./opportunities.js";
import { assignRoles, handoffLines, pickLeads, type Role } from "./roles.js";
import { snapshotDraft } from "./snapshot.js";
import {
  activitySource,
  type DraftOptions,
  findPresetColumn,
  LEAD_FIELDS,
  q,
  sourceBody,
} from "./source-lines.js";
import { ORDER, placeValue, STEPS } from "./steps.js";

export type { DraftOptions } from "./source-lines.js";
export { placeValue } from "./steps.js";

/** The draft as it is built: values placed per step, the TODO list, and the sources' lines. */
interface Draft {
  options: DraftOptions;
  todo: string[];
  placed: Map<string, Set<string>>;
  /** The `sources:` lines, leads and stage history first, in the order the files come. */
  sources: string[];
  /** Several activity files make one list under one `activities:` key. */
  activities: string[][];
  stageDates: string[][];
  reps?: Role;
  /** Engagement exports (engagements.ts), and the vendor bridge files among the files. */
  engagements: EngagementEntry[];
  bridges: FileSummary[];
  /** Accounts and companies exports, joined to the leads as lookups (lookups.ts). */
  lookups: Role[];
}

/** Puts a raw value in the step it means, or on the TODO list with where it was found. */
function place(d: Draft, value: string, where = ""): void {
  const step = placeValue(value);
  if (!step) {
    d.todo.push(`"${value}"${where}`);
    return;
  }
  const set = d.placed.get(step.id) ?? new Set<string>();
  set.add(value);
  d.placed.set(step.id, set);
}

/** A date column named after a step ("won_date") becomes that step's date; others go to the TODO list. */
function wideSteps(d: Draft, cols: string[]): string[] {
  return cols.flatMap((c) => {
    place(d, c, " (a date column)");
    const step = placeValue(c);
    return step ? [`${step.id}: ${q(c)}`] : [];
  });
}

/** A source written as one mapping under its kind. */
function single(d: Draft, kind: string, lines: string[]): void {
  d.sources.push(`  ${kind}:`, ...lines.map((b) => `    ${b}`));
}

/** Sources of one kind written as a list; nothing when there are none. */
function listed(d: Draft, kind: string, entries: string[][]): void {
  if (entries.length === 0) return;
  d.sources.push(`  ${kind}:`);
  for (const e of entries) d.sources.push(`    - ${e[0]}`, ...e.slice(1).map((b) => `      ${b}`));
}

/** The leads file: its status values placed, its wide stage-date columns read, its source written. */
function leadsSource(d: Draft, leads: Role): void {
  const header = leads.f.header;
  const mapped = LEAD_FIELDS.map((f) => findColumn(header, f)).filter((c): c is string => c !== undefined);
  // Presets know their files' dates; only plain exports get their date columns read as stage dates.
  const wide = leads.detected ? [] : stageDateColumns(header, mapped);
  const stageColumn =
    (leads.detected && findPresetColumn(leads.detected.preset, "leads", "stage", header)) ||
    findColumn(header, "stage");
  for (const [value, n] of [...(leads.f.values[stageColumn ?? ""] ?? new Map()).entries()].sort(
    (a, b) => b[1] - a[1],
  ))
    place(d, value, ` (${n} leads)`);
  const leadStages = wideSteps(d, wide);
  const extra = leadStages.length ? [`stages: { ${leadStages.join(", ")} }`] : [];
  single(d, "leads", sourceBody(d.options, "leads", leads, LEAD_FIELDS, extra));
}

/** What a file that is neither leads nor users holds: as recognised, else guessed from its columns and name. */
function sourceKind(r: Role, file: string): string {
  const h = r.f.header;
  return (
    r.rec?.role ??
    r.detected?.kind ??
    (findColumn(h, "at") &&
    (findColumn(h, "type") || findColumn(h, "lead_email") || /call|meeting|e-?mail|task|activit/i.test(file))
      ? "activities"
      : findColumn(h, "stage") && findColumn(h, "at")
        ? "stage_history"
        : "stage_dates")
  );
}

/** A stage history file: its old and new stage values placed, its source written. */
function stageHistorySource(d: Draft, r: Role): void {
  const h = r.f.header;
  const values = new Map([
    ...(r.f.values[findColumn(h, "stage") ?? ""] ?? new Map()),
    ...(r.f.values[findColumn(h, "old_value") ?? ""] ?? new Map()),
  ]);
  for (const [value, n] of [...values.entries()].sort((a, b) => b[1] - a[1]))
    place(d, value, ` (${n} history rows)`);
  single(
    d,
    "stage_history",
    sourceBody(d.options, "stage_history", r, ["lead_id", "stage", "at", "owner", "reason"]),
  );
}

/** Any file but the leads one: an unused export or a second users file goes on the TODO list, the rest is a source. */
function otherSource(d: Draft, r: Role, leads: Role): void {
  const file = d.options.relative(r.f.path);
  if (r.rec?.role === "unused" || r.rec?.role === "leads") {
    const why =
      r.rec.role === "leads"
        ? `a second leads file (${d.options.relative(leads.f.path)} is used)`
        : r.rec.why;
    d.todo.push(`file ${file}: a ${r.rec.object} export, not used: ${why}`);
    return;
  }
  if (r.rec?.role === "reps") {
    if (d.reps)
      d.todo.push(`file ${file}: a second users file, not used (${d.options.relative(d.reps.f.path)} is)`);
    else d.reps = r;
    return;
  }
  if (isOpportunityRole(r)) return;
  if (r.rec?.role === "lookup") {
    d.lookups.push(r);
    return;
  }
  const engagement = engagementEntry(d.options, r.f, d.bridges);
  if (engagement) {
    d.engagements.push(engagement);
    return;
  }
  // A Marketo lead extract or Pardot prospects: the lead_key: of the engagements (engagements.ts).
  if (isBridge(r.f.header)) return;
  const kind = sourceKind(r, file);
  if (kind === "stage_history") stageHistorySource(d, r);
  else if (kind === "activities") d.activities.push(activitySource(d.options, r, file));
  else {
    const key = findColumn(r.f.header, "lead_id") ?? findColumn(r.f.header, "id");
    const dates = wideSteps(d, stageDateColumns(r.f.header, key ? [key] : []));
    if (!key || dates.length === 0) {
      d.todo.push(`file ${file}: its role is unclear (no lead id, stage or time columns found)`);
      return;
    }
    d.stageDates.push(
      sourceBody(d.options, "stage_dates", r, ["lead_id", "owner"], [`stages: { ${dates.join(", ")} }`]),
    );
  }
}

/** The stages kept (those a value was placed in, at least two); each one left empty is put on the TODO list. */
function draftStages(d: Draft): string[] {
  const stages = ORDER.filter((id) => d.placed.has(id) || id === ORDER[0]);
  if (stages.length < 2) stages.push(ORDER.find((id) => !stages.includes(id)) as string);
  // A stage no value was placed in keeps a placeholder that matches nothing: the TODO list says so.
  for (const id of stages.filter((x) => (d.placed.get(x)?.size ?? 0) === 0).reverse())
    d.todo.unshift(
      `stage ${id}: no value in the files was placed in it; its "(${id})" matches nothing until you put the raw value that means it in its matches: (or remove the stage)`,
    );
  return stages;
}

/** The head of the file (how to finish the draft, the time zone), the stages and the outcomes. */
function waterfallLines(d: Draft, roles: readonly Role[], stages: string[]): string[] {
  const outcomes = STEPS.filter((s) => s.outcome && d.placed.has(s.id));
  const matchList = (id: string) => {
    const values = [...(d.placed.get(id) ?? [])];
    return values.length ? values.map(q).join(", ") : `"(${id})"`;
  };
  const salesforce = roles.some((r) => r.rec?.preset === "salesforce" || r.detected?.preset === "salesforce");
  const hubspot = roles.some((r) => r.rec?.preset === "hubspot" || r.detected?.preset === "hubspot");
  const lines = [
    `# yaml-language-server: $schema=${d.options.schema}`,
    "# Drafted by `funnel-audit init`. Check the stage ORDER (the waterfall runs top to bottom),",
    "# move any value listed under TODO into the `matches:` of the stage or outcome it means,",
    "# set the time zone, then run `funnel-audit validate`.",
    "version: 1",
    `# Time stamps without a zone (2021-03-08 09:15) are read in this zone; those with Z or an offset keep theirs.`,
    ...(salesforce
      ? [
          "# Salesforce Data Loader and API exports write UTC (2021-03-08T14:15:00.000Z): this zone does not shift them.",
        ]
      : []),
    ...(hubspot
      ? [
          "# HubSpot exports write naive times in the account's zone (Settings > Account defaults): set it here.",
        ]
      : []),
    `timezone: ${d.options.timezone}`,
    "",
    "stages:",
    ...stages.map(
      (id) =>
        `  - { id: ${id}, label: ${q(STEPS.find((s) => s.id === id)?.label ?? id)}, matches: [${matchList(id)}] }`,
    ),
  ];
  if (outcomes.length)
    lines.push(
      "outcomes:",
      ...outcomes.map(
        (o) =>
          `  - { id: ${o.id}, matches: [${matchList(o.id)}]${o.returnsTo && stages.includes(o.returnsTo) ? `, returns_to: ${o.returnsTo}` : ""} }`,
      ),
    );
  return lines;
}

/** The starter SLA text for these files; a UserError (exit 2) when none of them is a leads export. */
export function draftSla(files: readonly FileSummary[], options: DraftOptions): string {
  const roles = assignRoles(files);
  let leads: Role;
  try {
    leads = pickLeads(roles);
  } catch (err) {
    // No leads export: a status-only snapshot (an id and a converted flag, no time) is one too.
    const snapshot = snapshotDraft(files, options);
    if (snapshot) return snapshot;
    throw err;
  }
  const d: Draft = {
    options,
    todo: [],
    placed: new Map(),
    sources: [],
    activities: [],
    stageDates: [],
    engagements: [],
    bridges: files.filter((f) => isBridge(f.header)),
    lookups: [],
  };
  leadsSource(d, leads);
  for (const r of roles) if (r !== leads) otherSource(d, r, leads);
  const looked = lookupDraft(options, leads.f, d.lookups, d.todo);
  const opportunities = opportunityDraft(options, roles, d.todo);
  const stages = draftStages(d);
  const lines = waterfallLines(d, roles, stages);
  if (d.todo.length) lines.push("", "# TODO: values and files not placed:", ...d.todo.map((t) => `#   ${t}`));
  // The example handoff starts at mql when a stage follows it, else at the first stage.
  const mql = stages.indexOf("mql");
  const at = mql >= 0 && mql + 1 < stages.length ? mql : 0;
  const from = stages[at] as string;
  const next = stages[at + 1] as string;
  lines.push("", ...handoffLines(from, next, d.activities.length > 0, options.timezone));
  // The looked-up fields are lead fields: the skeleton may read them.
  const skeleton = definitionSkeleton([...leads.f.header, ...looked.fields]);
  if (skeleton.length) lines.push("", ...skeleton);
  lines.push(...opportunities.top);
  const engagementTypes = [...new Set(d.engagements.flatMap((e) => e.types))];
  if (engagementTypes.length)
    lines.push(
      "",
      "# The engagement types the engagements sources map raw values to.",
      `engagement_types: [${engagementTypes.join(", ")}]`,
    );
  lines.push("", "sources:");
  listed(d, "activities", d.activities);
  if (d.reps) single(d, "reps", sourceBody(options, "reps", d.reps, []));
  listed(d, "stage_dates", d.stageDates);
  listed(d, "lookups", looked.entries);
  listed(
    d,
    "engagements",
    d.engagements.map((e) => e.lines),
  );
  return `${[...lines, ...d.sources, ...opportunities.sources].join("\n")}\n`;
}
