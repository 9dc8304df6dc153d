/**
 * Drafts a starter SLA file from export summaries: stages and outcomes with `matches:` filled
 * from the status values found (placed by keyword; the rest left in a commented TODO list),
 * sources with their columns mapped. Pure: summaries in, YAML text out.
 */

import { PRESETS, type PresetName } from "../config/presets.js";
import { normalizeValue } from "../text.js";
import type { SourceKind } from "../types.js";
import { dateFormatLines } from "./dates.js";
import { type FileSummary, findColumn, flagValues, stageDateColumns } from "./detect.js";
import { assignRoles, handoffLines, pickLeads, type Role } from "./roles.js";

/** The header a preset would use for a field, when the file has it. */
function findPresetColumn(
  preset: PresetName,
  kind: SourceKind,
  field: string,
  header: readonly string[],
): string | undefined {
  const names = PRESETS[preset][kind]?.columns[field] ?? [];
  return header.find((h) => names.some((n) => n.toLowerCase() === h.trim().toLowerCase()));
}

interface Step {
  id: string;
  label: string;
  outcome: boolean;
  returnsTo?: string;
  words: RegExp;
}

// The waterfall in order, then the outcomes. A value goes to the first step whose words it matches.
const STEPS: Step[] = [
  {
    id: "inquiry",
    label: "Inquiry",
    outcome: false,
    words: /not contacted|^new$|^open\b|^open -|^nuev[oa]s?$|^nov[oa]$|^nouveau$|^neu$/,
  },
  {
    id: "recycled",
    label: "Recycled to nurture",
    outcome: true,
    returnsTo: "inquiry",
    words: /nurture|recycl|contact in future|later|reciclad|nutrici/,
  },
  {
    id: "disqualified",
    label: "Disqualified",
    outcome: true,
    words:
      /unqualif|disqualif|junk|not converted|not qualified|spam|invalid|descartad|rechazad|no cualificad|descalificad|desqualificad|non qualifi|nicht qualifiziert/,
  },
  { id: "lost", label: "Lost", outcome: true, words: /lost|perdid|perdu|verloren/ },
  {
    id: "won",
    label: "Won",
    outcome: false,
    words: /won|customer|evangelist|ganad|gagn[ée]|gewonnen|^client[ea]?s?$/,
  },
  {
    id: "opportunity",
    label: "Opportunity",
    outcome: false,
    words: /opportunit|proposal|negotiat|quote|converted|deal|convertid|oportunidad|negociaci|propuesta/,
  },
  {
    id: "mql",
    label: "Marketing qualified",
    outcome: false,
    words: /marketing qualified|marketingqualified|\bmql\b|por marketing|par le marketing/,
  },
  {
    id: "sql",
    label: "Sales qualified",
    outcome: false,
    words:
      /sales qualified|salesqualified|\bsql\b|pre qualified|qualified lead|engag|^cualificad|^calificad|^qualificad|^qualifi[ée]/,
  },
  {
    id: "sal",
    label: "Sales accepted",
    outcome: false,
    words:
      /accepted|working|contacted|attempt|in progress|connected|gesti[oó]n|contactad|en curso|trabajando|en cours|kontaktiert/,
  },
  {
    id: "inquiry",
    label: "Inquiry",
    outcome: false,
    words: /new|open|not contacted|lead|subscriber|prospect|inquir|created/,
  },
];
const ORDER = ["inquiry", "mql", "sal", "sql", "opportunity", "won"];
/** The lead fields init maps by header synonyms. */
const LEAD_FIELDS = [
  "id",
  "created_at",
  "owner",
  "source",
  "campaign",
  "company",
  "email",
  "first_name",
  "last_name",
  "title",
  "country",
  "stage",
  "stage_at",
];

/** The step a raw value most likely means, or undefined. */
export function placeValue(value: string): Step | undefined {
  const v = normalizeValue(value).replace(/_/g, " ");
  return STEPS.find((s) => s.words.test(v));
}

const q = (s: string) =>
  /^[A-Za-z0-9_]+$/.test(s) && !/^(true|false|null|yes|no|on|off)$/i.test(s) ? s : JSON.stringify(s);

export interface DraftOptions {
  timezone: string;
  /** Where the SLA file will be written, to make paths relative to it. */
  relative: (path: string) => string;
  /** The schema file as the editor finds it from the draft's folder (the `$schema` line). */
  schema: string;
  /** The date a file was last written (yyyy-MM-dd): a status-only snapshot's instant until the user says. */
  writtenOn?: (path: string) => string;
}

/**
 * A status-only snapshot (docs/definitions.md): a file with an id and a converted flag (0/1,
 * yes/no) and no time stamp. Two stages, the flag's values placed, `snapshot_at` from the file's
 * date; null when no file has that shape.
 */
function snapshotDraft(files: readonly FileSummary[], options: DraftOptions): string | null {
  for (const f of files) {
    const id = findColumn(f.header, "id");
    const flag = findColumn(f.header, "converted");
    const values = flag === undefined ? null : flagValues(f.values[flag]);
    // A file with a created time is a leads export (draftSla); this one has none to read.
    if (!id || !flag || !values || findColumn(f.header, "created_at")) continue;
    const fields = LEAD_FIELDS.filter((x) => !["id", "created_at", "stage", "stage_at"].includes(x));
    const columns = [
      `id: ${q(id)}`,
      `stage: ${q(flag)}`,
      ...fields.flatMap((field) => {
        const col = findColumn(f.header, field);
        return col ? [`${field}: ${q(col)}`] : [];
      }),
    ];
    const [no, yes] = values;
    const list = (v: string[], none: string) =>
      (v.length ? v : [none]).map((x) => JSON.stringify(x)).join(", ");
    return `${[
      `# yaml-language-server: $schema=${options.schema}`,
      "# Drafted by `funnel-audit init` from a status-only snapshot: no time stamps, a converted flag.",
      "# The figures are the share of leads in each status at snapshot_at: no latency, no period.",
      "version: 1",
      `timezone: ${options.timezone}`,
      `snapshot_at: "${options.writtenOn?.(f.path) ?? "2000-01-01"}" # TODO: the day the file was exported (this is the day it was last written)`,
      "",
      "stages:",
      `  - { id: lead, label: Lead, matches: [${list(no, "0")}] }`,
      `  - { id: converted, label: Converted, matches: [${list(yes, "1")}] }`,
      "",
      "sources:",
      "  leads:",
      `    file: ${q(options.relative(f.path))}`,
      `    encoding: ${f.encoding ?? "utf-8"}`,
      `    columns: { ${columns.join(", ")} }`,
    ].join("\n")}\n`;
  }
  return null;
}

/** The starter SLA text for these files; a UserError (exit 2) when none of them is a leads export. */
export function draftSla(files: readonly FileSummary[], options: DraftOptions): string {
  const roles = assignRoles(files);
  let leadsRole: Role;
  try {
    leadsRole = pickLeads(roles);
  } catch (err) {
    // No leads export: a status-only snapshot (an id and a converted flag, no time) is one too.
    const snapshot = snapshotDraft(files, options);
    if (snapshot) return snapshot;
    throw err;
  }
  const lines: string[] = [];
  const todo: string[] = [];
  const placed = new Map<string, Set<string>>();
  const place = (value: string, where = "") => {
    const step = placeValue(value);
    if (!step) {
      todo.push(`"${value}"${where}`);
      return;
    }
    const set = placed.get(step.id) ?? new Set<string>();
    set.add(value);
    placed.set(step.id, set);
  };
  const sources: string[] = [];
  // Several activity files make one list under one `activities:` key.
  const activities: string[][] = [];
  let reps: Role | undefined;

  /** A source's lines: file, preset, and the columns a preset does not know (or all of them without one). */
  const body = (
    kind: SourceKind,
    r: Role,
    fields: string[],
    extra: string[] = [],
    columns: string[] = [],
  ) => {
    const preset = r.detected?.preset ?? (r.rec?.role === "reps" ? r.rec.preset : undefined);
    const mapped = preset
      ? columns
      : [
          ...fields.flatMap((field) => {
            const col = findColumn(r.f.header, field);
            return col ? [`${field}: ${q(col)}`] : [];
          }),
          ...columns,
        ];
    return [
      `file: ${q(options.relative(r.f.path))}`,
      ...(preset ? [`preset: ${preset}`] : []),
      ...(r.f.encoding ? [`encoding: ${r.f.encoding}`] : []),
      ...(mapped.length ? [`columns: { ${mapped.join(", ")} }`] : []),
      ...extra,
      ...dateFormatLines(
        r.f.path,
        r.f.header,
        r.f.dates,
        kind,
        preset ? (PRESETS[preset][kind]?.dateFormat ?? null) : null,
      ),
    ];
  };
  const single = (kind: string, lines: string[]) =>
    sources.push(`  ${kind}:`, ...lines.map((b) => `    ${b}`));
  const listed = (kind: string, entries: string[][]) => {
    if (entries.length === 0) return;
    sources.push(`  ${kind}:`);
    for (const e of entries) sources.push(`    - ${e[0]}`, ...e.slice(1).map((b) => `      ${b}`));
  };
  const stageDates: string[][] = [];

  // Leads: status values, and wide stage-date columns.
  const leadHeader = leadsRole.f.header;
  const mapped = LEAD_FIELDS.map((f) => findColumn(leadHeader, f)).filter(
    (c): c is string => c !== undefined,
  );
  // Presets know their files' dates; only plain exports get their date columns read as stage dates.
  const wide = leadsRole.detected ? [] : stageDateColumns(leadHeader, mapped);
  const stageColumn =
    (leadsRole.detected && findPresetColumn(leadsRole.detected.preset, "leads", "stage", leadHeader)) ||
    findColumn(leadHeader, "stage");
  for (const [value, n] of [...(leadsRole.f.values[stageColumn ?? ""] ?? new Map()).entries()].sort(
    (a, b) => b[1] - a[1],
  ))
    place(value, ` (${n} leads)`);
  // A date column named after a step ("won_date") becomes that step's date; others go to the TODO list.
  const wideSteps = (cols: string[]) =>
    cols.flatMap((c) => {
      place(c, " (a date column)");
      const step = placeValue(c);
      return step ? [`${step.id}: ${q(c)}`] : [];
    });
  const leadStages = wideSteps(wide);
  single(
    "leads",
    body("leads", leadsRole, LEAD_FIELDS, leadStages.length ? [`stages: { ${leadStages.join(", ")} }`] : []),
  );

  for (const r of roles) {
    if (r === leadsRole) continue;
    const h = r.f.header;
    const file = options.relative(r.f.path);
    if (r.rec?.role === "unused" || r.rec?.role === "leads") {
      const why =
        r.rec.role === "leads"
          ? `a second leads file (${options.relative(leadsRole.f.path)} is used)`
          : r.rec.why;
      todo.push(`file ${file}: a ${r.rec.object} export, not used: ${why}`);
      continue;
    }
    if (r.rec?.role === "reps") {
      if (reps)
        todo.push(`file ${file}: a second users file, not used (${options.relative(reps.f.path)} is)`);
      else reps = r;
      continue;
    }
    const kind =
      r.rec?.role ??
      r.detected?.kind ??
      (findColumn(h, "at") &&
      (findColumn(h, "type") ||
        findColumn(h, "lead_email") ||
        /call|meeting|e-?mail|task|activit/i.test(file))
        ? "activities"
        : findColumn(h, "stage") && findColumn(h, "at")
          ? "stage_history"
          : "stage_dates");
    if (kind === "stage_history") {
      const values = new Map([
        ...(r.f.values[findColumn(h, "stage") ?? ""] ?? new Map()),
        ...(r.f.values[findColumn(h, "old_value") ?? ""] ?? new Map()),
      ]);
      for (const [value, n] of [...values.entries()].sort((a, b) => b[1] - a[1]))
        place(value, ` (${n} history rows)`);
      single("stage_history", body("stage_history", r, ["lead_id", "stage", "at", "owner", "reason"]));
    } else if (kind === "activities") {
      activities.push(activitySource(r, file));
    } else {
      const key = findColumn(h, "lead_id") ?? findColumn(h, "id");
      const dates = wideSteps(stageDateColumns(h, key ? [key] : []));
      if (!key || dates.length === 0) {
        todo.push(`file ${file}: its role is unclear (no lead id, stage or time columns found)`);
        continue;
      }
      stageDates.push(body("stage_dates", r, ["lead_id", "owner"], [`stages: { ${dates.join(", ")} }`]));
    }
  }
  /** An activities entry: a Salesforce event is a meeting at its start; a file with no type column says its kind by its name. */
  function activitySource(r: Role, file: string): string[] {
    const h = r.f.header;
    if (r.rec?.object === "Salesforce Event") {
      const start = h.find((c) => c.toLowerCase().replace(/[^a-z0-9]/g, "") === "startdatetime");
      return body("activities", r, [], [], ['type: "=meeting"', ...(start ? [`at: ${q(start)}`] : [])]);
    }
    const base = file.split(/[\\/]/).pop() ?? "";
    const kindOf = /call/i.test(base)
      ? "call"
      : /meeting/i.test(base)
        ? "meeting"
        : /e-?mail/i.test(base)
          ? "email"
          : "activity";
    const typed =
      findColumn(h, "type") ??
      (r.detected ? findPresetColumn(r.detected.preset, "activities", "type", h) : undefined);
    const columns = typed ? [] : [`type: "=${kindOf}"`];
    if (r.detected) return body("activities", r, [], [], columns);
    // A plain export: the lead by id when it has one (never the activity's own Record ID), else by e-mail.
    const id = findColumn(h, "activity_lead_id");
    const email = id ? undefined : findColumn(h, "lead_email");
    const who = id ? [`lead_id: ${q(id)}`] : email ? [`lead_email: ${q(email)}`] : [];
    return body("activities", r, ["owner", "type", "status", "at"], [], [...who, ...columns]);
  }

  const stages = ORDER.filter((id) => placed.has(id) || id === ORDER[0]);
  if (stages.length < 2) stages.push(ORDER.find((id) => !stages.includes(id)) as string);
  const outcomes = STEPS.filter((s) => s.outcome && placed.has(s.id));
  const matchList = (id: string) => {
    const values = [...(placed.get(id) ?? [])];
    return values.length ? values.map(q).join(", ") : `"(${id})"`;
  };
  // A stage no value was placed in keeps a placeholder that matches nothing: the TODO list says so.
  for (const id of stages.filter((x) => (placed.get(x)?.size ?? 0) === 0).reverse())
    todo.unshift(
      `stage ${id}: no value in the files was placed in it; its "(${id})" matches nothing until you put the raw value that means it in its matches: (or remove the stage)`,
    );
  const salesforce = roles.some((r) => r.rec?.preset === "salesforce" || r.detected?.preset === "salesforce");
  const hubspot = roles.some((r) => r.rec?.preset === "hubspot" || r.detected?.preset === "hubspot");
  lines.push(
    `# yaml-language-server: $schema=${options.schema}`,
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
    `timezone: ${options.timezone}`,
    "",
    "stages:",
    ...stages.map(
      (id) =>
        `  - { id: ${id}, label: ${q(STEPS.find((s) => s.id === id)?.label ?? id)}, matches: [${matchList(id)}] }`,
    ),
  );
  if (outcomes.length)
    lines.push(
      "outcomes:",
      ...outcomes.map(
        (o) =>
          `  - { id: ${o.id}, matches: [${matchList(o.id)}]${o.returnsTo && stages.includes(o.returnsTo) ? `, returns_to: ${o.returnsTo}` : ""} }`,
      ),
    );
  if (todo.length) lines.push("", "# TODO: values and files not placed:", ...todo.map((t) => `#   ${t}`));
  // The example handoff starts at mql when a stage follows it, else at the first stage.
  const mql = stages.indexOf("mql");
  const at = mql >= 0 && mql + 1 < stages.length ? mql : 0;
  const from = stages[at] as string;
  const next = stages[at + 1] as string;
  lines.push("", ...handoffLines(from, next, activities.length > 0, options.timezone), "", "sources:");
  listed("activities", activities);
  if (reps) single("reps", body("reps", reps, []));
  listed("stage_dates", stageDates);
  return `${[...lines, ...sources].join("\n")}\n`;
}
