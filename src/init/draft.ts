/**
 * Drafts a starter SLA file from export summaries: stages and outcomes with `matches:` filled
 * from the status values found (placed by keyword; the rest left in a commented TODO list),
 * sources with their columns mapped. Pure: summaries in, YAML text out.
 */

import { PRESETS, type PresetName } from "../config/presets.js";
import { normalizeValue } from "../text.js";
import type { SourceKind } from "../types.js";
import { detectPreset, type FileSummary, findColumn, flagValues, stageDateColumns } from "./detect.js";

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
  { id: "inquiry", label: "Inquiry", outcome: false, words: /not contacted|^new$|^open\b|^open -/ },
  {
    id: "recycled",
    label: "Recycled to nurture",
    outcome: true,
    returnsTo: "inquiry",
    words: /nurture|recycl|contact in future|later/,
  },
  {
    id: "disqualified",
    label: "Disqualified",
    outcome: true,
    words: /unqualif|disqualif|junk|not converted|not qualified|spam|invalid/,
  },
  { id: "lost", label: "Lost", outcome: true, words: /lost/ },
  { id: "won", label: "Won", outcome: false, words: /won|customer|evangelist/ },
  {
    id: "opportunity",
    label: "Opportunity",
    outcome: false,
    words: /opportunit|proposal|negotiat|quote|converted|deal/,
  },
  {
    id: "mql",
    label: "Marketing qualified",
    outcome: false,
    words: /marketing qualified|marketingqualified|\bmql\b/,
  },
  {
    id: "sql",
    label: "Sales qualified",
    outcome: false,
    words: /sales qualified|salesqualified|\bsql\b|pre qualified|qualified lead|engag/,
  },
  {
    id: "sal",
    label: "Sales accepted",
    outcome: false,
    words: /accepted|working|contacted|attempt|in progress|connected/,
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
      "# yaml-language-server: $schema=./node_modules/funnel-audit/schema/sla.schema.json",
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
      `    columns: { ${columns.join(", ")} }`,
    ].join("\n")}\n`;
  }
  return null;
}

/** The starter SLA text for these files. */
export function draftSla(files: readonly FileSummary[], options: DraftOptions): string {
  const roles = files.map((f) => ({ f, detected: detectPreset(f.header) }));
  const leadsRole =
    roles.find((r) => r.detected?.kind === "leads") ??
    roles
      .filter((r) => !r.detected && findColumn(r.f.header, "id") && findColumn(r.f.header, "created_at"))
      .sort((a, b) => b.f.rows - a.f.rows)[0];
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
  const snapshot = leadsRole ? null : snapshotDraft(files, options);
  if (snapshot) return snapshot;
  if (!leadsRole) {
    return "# funnel-audit init: no file looks like a leads export (an id and a created-time column).\n# Name the leads file first, or map its columns by hand: see sla.example.yaml.\n";
  }

  const source = (
    kind: string,
    r: (typeof roles)[number],
    fields: string[],
    extra: string[] = [],
    list = false,
  ) => {
    const preset = r.detected?.preset;
    const columns = preset
      ? []
      : fields.flatMap((field) => {
          const col = findColumn(r.f.header, field);
          return col ? [`${field}: ${q(col)}`] : [];
        });
    const body = [
      `file: ${q(options.relative(r.f.path))}`,
      ...(preset ? [`preset: ${preset}`] : []),
      ...(columns.length ? [`columns: { ${columns.join(", ")} }`] : []),
      ...extra,
    ];
    if (list) sources.push(`  ${kind}:`, `    - ${body[0]}`, ...body.slice(1).map((b) => `      ${b}`));
    else sources.push(`  ${kind}:`, ...body.map((b) => `    ${b}`));
  };

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
  source("leads", leadsRole, LEAD_FIELDS, leadStages.length ? [`stages: { ${leadStages.join(", ")} }`] : []);

  for (const r of roles) {
    if (r === leadsRole) continue;
    const h = r.f.header;
    const kind =
      r.detected?.kind ??
      (findColumn(h, "type") && findColumn(h, "at")
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
      source("stage_history", r, ["lead_id", "stage", "at", "owner", "reason"]);
    } else if (kind === "activities") {
      // One export per engagement kind (HubSpot's calls, meetings, e-mails) has no type column: the file says it.
      const base = r.f.path.split(/[\\/]/).pop() ?? "";
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
      source(
        "activities",
        r,
        ["lead_id", "owner", "type", "status", "at"],
        typed ? [] : [`columns: { type: "=${kindOf}" }`],
        true,
      );
    } else {
      const key = findColumn(h, "lead_id") ?? findColumn(h, "id");
      const dates = wideSteps(stageDateColumns(h, key ? [key] : []));
      if (!key || dates.length === 0) {
        todo.push(
          `file ${options.relative(r.f.path)}: its role is unclear (no lead id, stage or time columns found)`,
        );
        continue;
      }
      source("stage_dates", r, ["lead_id", "owner"], [`stages: { ${dates.join(", ")} }`], true);
    }
  }

  const stages = ORDER.filter((id) => placed.has(id) || id === ORDER[0]);
  if (stages.length < 2) stages.push(ORDER.find((id) => !stages.includes(id)) as string);
  const outcomes = STEPS.filter((s) => s.outcome && placed.has(s.id));
  const matchList = (id: string) => {
    const values = [...(placed.get(id) ?? [])];
    return values.length ? values.map(q).join(", ") : `"(${id})"`;
  };
  lines.push(
    "# yaml-language-server: $schema=./node_modules/funnel-audit/schema/sla.schema.json",
    "# Drafted by `funnel-audit init`. Check the stage ORDER (the waterfall runs top to bottom),",
    "# move any value listed under TODO into the `matches:` of the stage or outcome it means,",
    "# set the time zone, then add handoffs (see sla.example.yaml) and run `funnel-audit validate`.",
    "version: 1",
    `timezone: ${options.timezone} # TODO: the zone your CRM's naive time stamps are in`,
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
  lines.push(
    "",
    "# handoffs:",
    "#   - { id: mql-response, from: mql, to: [sal], within: 1bd, target: 0.9 }",
    "",
    "sources:",
    ...sources,
  );
  return `${lines.join("\n")}\n`;
}
