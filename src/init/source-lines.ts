/** How the draft writes one source: its file, preset, columns, date format; and how it quotes YAML. */

import { PRESETS, type PresetName } from "../config/presets.js";
import type { SourceKind } from "../types.js";
import { dateFormatLines } from "./dates.js";
import { findColumn } from "./detect.js";
import type { Role } from "./roles.js";

/** The header a preset would use for a field, when the file has it. */
export function findPresetColumn(
  preset: PresetName,
  kind: SourceKind,
  field: string,
  header: readonly string[],
): string | undefined {
  const names = PRESETS[preset][kind]?.columns[field] ?? [];
  return header.find((h) => names.some((n) => n.toLowerCase() === h.trim().toLowerCase()));
}

/** The lead fields init maps by header synonyms. */
export const LEAD_FIELDS = [
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

/** A YAML scalar: bare when a plain word YAML would not read as a boolean or null, else JSON-quoted. */
export const q = (s: string) =>
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

/** A source's lines: file, preset, and the columns a preset does not know (or all of them without one). */
export function sourceBody(
  options: DraftOptions,
  kind: SourceKind,
  r: Role,
  fields: string[],
  extra: string[] = [],
  columns: string[] = [],
): string[] {
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
}

/** An activities entry: a Salesforce event is a meeting at its start; a file with no type column says its kind by its name. */
export function activitySource(options: DraftOptions, r: Role, file: string): string[] {
  const h = r.f.header;
  if (r.rec?.object === "Salesforce Event") {
    const start = h.find((c) => c.toLowerCase().replace(/[^a-z0-9]/g, "") === "startdatetime");
    return sourceBody(
      options,
      "activities",
      r,
      [],
      [],
      ['type: "=meeting"', ...(start ? [`at: ${q(start)}`] : [])],
    );
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
  if (r.detected) return sourceBody(options, "activities", r, [], [], columns);
  // A plain export: the lead by id when it has one (never the activity's own Record ID), else by e-mail.
  const id = findColumn(h, "activity_lead_id");
  const email = id ? undefined : findColumn(h, "lead_email");
  const who = id ? [`lead_id: ${q(id)}`] : email ? [`lead_email: ${q(email)}`] : [];
  return sourceBody(options, "activities", r, ["owner", "type", "status", "at"], [], [...who, ...columns]);
}
