/** init's engagements draft: Marketo, Pardot, HubSpot and generic engagement exports -> a `sources.engagements` entry. */

/*
 * A file is recognised by its headers (and, for a generic file, its name); its raw type values
 * (counted by init's summary, pairs joined with "\u0000") are each placed in an engagement type
 * by keyword, the rest listed under `ignore:` below a TODO naming each (Marketo's 10 = "open
 * email"), so the draft validates as written and nothing is left out unseen. A Marketo or Pardot id
 * is not the CRM's: a bridge file among the files given (a lead extract with sfdcLeadId, prospects
 * with crm_lead_fid) becomes `lead_key:`, else a TODO says to add one.
 */

import { dateFormatLines } from "./dates.js";
import { type FileSummary, findColumn } from "./detect.js";
import { type DraftOptions, q } from "./source-lines.js";

/** How an engagements export is read, recognised from its header. */
interface Shape {
  what: string;
  preset?: "marketo" | "hubspot";
  /** Column lines the preset does not give. */
  columns: string[];
  /** The header(s) holding the raw type (two: a pair); none: `fixed`. */
  type: string[];
  fixed?: string;
  /** Other lines (epoch:, the zone's TODO). */
  extra: string[];
  /** Whose ids the lead column holds when they are not the CRM's. */
  vendor?: "marketo" | "pardot";
  /** A raw value's words for the keywords (Marketo ids and Pardot verb codes have standard names). */
  words: (raw: string) => string;
}

const fold = (s: string) => s.trim().toLowerCase();
const has = (header: readonly string[], ...names: string[]) =>
  names.every((n) => header.some((h) => fold(h) === fold(n)));
const PAIR = "\u0000";
const NAIVE_ZONE =
  "# TODO: the export writes wall times in its creator's zone, without a zone: set timezone: (IANA) here if it is not the SLA's";

// Marketo's standard activity type ids (Get Activity Types; an instance's own start at 100000).
const MARKETO: Record<string, string> = {
  "1": "visit webpage",
  "2": "fill out form",
  "3": "click link",
  "6": "send email",
  "7": "email delivered",
  "8": "email bounced",
  "9": "unsubscribe email",
  "10": "open email",
  "11": "click email",
  "12": "new lead",
  "13": "change data value",
  "22": "change score",
};
// Pardot's visitor-activity verb codes, as their meaning reads with the asset kind (type_name).
const PARDOT: Record<string, string> = {
  "1": "click",
  "2": "viewed",
  "3": "failed",
  "4": "submitted",
  "6": "sent",
  "11": "open",
  "20": "visit",
  "24": "attended",
  "25": "registered",
};

const pairWords = (names: Record<string, string>) => (raw: string) => {
  const [code = "", name = ""] = raw.split(PAIR);
  return `${names[code.trim()] ?? code} ${name}`;
};

/** The shape of an engagements export from its header and name; null when it is none. */
export function engagementShapeOf(header: readonly string[], path: string): Shape | null {
  return marketoShape(header) ?? vendorShape(header) ?? genericShape(header, path);
}

/** A header's own spelling of a name (matched ignoring case). */
const colOf = (header: readonly string[], name: string) =>
  header.find((h) => fold(h) === fold(name)) as string;

/** Marketo's Bulk Activity Extract, or a scripted log of its activities (names resolved, wall times). */
function marketoShape(header: readonly string[]): Shape | null {
  const col = (name: string) => colOf(header, name);
  if (has(header, "leadId", "activityDate", "activityTypeId"))
    return {
      what: "Marketo Bulk Activity Extract",
      preset: "marketo",
      columns: [],
      type: [col("activityTypeId")],
      extra: [],
      vendor: "marketo",
      words: (raw) => MARKETO[raw.trim()] ?? raw,
    };
  if (has(header, "Lead Id", "Activity Date", "Activity Type Id", "Activity Type Name")) {
    const detail = has(header, "Primary Attribute Value")
      ? [`detail: ${q(col("Primary Attribute Value"))}`]
      : [];
    const type = [col("Activity Type Id"), col("Activity Type Name")];
    return {
      what: "Marketo activity log",
      columns: [`lead_id: ${q(col("Lead Id"))}`, `at: ${q(col("Activity Date"))}`, ...detail],
      type,
      extra: [NAIVE_ZONE],
      vendor: "marketo",
      words: (raw) => raw.split(PAIR).join(" "),
    };
  }
  return null;
}

/** Pardot visitor activities, HubSpot form submissions and events. */
function vendorShape(header: readonly string[]): Shape | null {
  const col = (name: string) => colOf(header, name);
  if (has(header, "prospect_id", "type", "type_name", "created_at"))
    return {
      what: "Pardot visitor activities",
      columns: [
        "lead_id: prospect_id",
        "at: created_at",
        ...(has(header, "details") ? ["detail: details"] : []),
      ],
      type: [col("type"), col("type_name")],
      extra: [NAIVE_ZONE],
      vendor: "pardot",
      words: pairWords(PARDOT),
    };
  if (has(header, "canonical-vid", "timestamp"))
    return {
      what: "HubSpot form submissions",
      preset: "hubspot",
      columns: [],
      type: [],
      fixed: "form_fill",
      extra: ["epoch: epoch_ms"],
      words: (raw) => raw,
    };
  if (has(header, "objectId", "occurredAt", "eventType"))
    return {
      what: "HubSpot events",
      preset: "hubspot",
      columns: [],
      type: [col("eventType")],
      extra: [],
      words: (raw) => raw.replace(/^e_/, "").replace(/_/g, " "),
    };
  return null;
}

/** A plain file named like engagements (engagements.csv, web-activity.csv) with a lead, a type and a time. */
function genericShape(header: readonly string[], path: string): Shape | null {
  const name = path.split(/[\\/]/).pop() ?? "";
  if (!/engag|marketing|web|visit|form|touch|conversion/i.test(name)) return null;
  const type = findColumn(header, "type") ?? header.find((h) => /^activity$/i.test(h.trim()));
  const at = findColumn(header, "at") ?? header.find((h) => /^(occurred|timestamp|time)/i.test(h.trim()));
  const id = findColumn(header, "lead_id") ?? findColumn(header, "id");
  const email = findColumn(header, "email");
  if (!type || !at || !(id || email)) return null;
  const detail = header.find((h) => /^(detail|details|url|page|asset|campaign)$/i.test(h.trim()));
  return {
    what: "engagements",
    columns: [
      id ? `lead_id: ${q(id)}` : `lead_email: ${q(email as string)}`,
      `at: ${q(at)}`,
      ...(detail ? [`detail: ${q(detail)}`] : []),
    ],
    type: [type],
    extra: [],
    words: (raw) => raw.replace(/[_-]+/g, " "),
  };
}

/** The key of a type column's (or pair's) counted values in a summary. */
export const typeValuesKey = (columns: readonly string[]) => columns.join(PAIR);

// Engagement types by keyword, the first that matches wins (a demo form is a demo request).
const KEYWORDS: [RegExp, string][] = [
  [/demo/, "demo_request"],
  [/pric/, "pricing_view"],
  [/webinar|attended/, "webinar_attended"],
  [/download|ebook|white ?paper|\bfile\b|case study/, "content_download"],
  [/click.*e-?mail|e-?mail.*click/, "email_click"],
  [/fill|submi|form fill|form submission/, "form_fill"],
  [/visit|page ?view|web ?page/, "page_view"],
];

/** The engagement type a raw value's words mean, or null (left for the user). */
export function guessType(words: string): string | null {
  const w = fold(words);
  if (/regist|invit|sent|view(ed)? form|fail|error|open|bounce|unsubscri|score|data value|new lead/.test(w))
    return null;
  return KEYWORDS.find(([re]) => re.test(w))?.[1] ?? null;
}

/** A raw value as the SLA file writes it: a pair as [code, name], a number as a number. */
const rawYaml = (raw: string) =>
  raw.includes(PAIR)
    ? `[${raw
        .split(PAIR)
        .map((p) => q(p))
        .join(", ")}]`
    : /^\d+$/.test(raw)
      ? raw
      : q(raw);

/** The `types:` lines of a shape: raw values by guessed type, the rest under ignore: below a TODO. */
function typeLines(shape: Shape, values: ReadonlyMap<string, number>): { lines: string[]; types: string[] } {
  const byType = new Map<string, string[]>();
  const rest: string[] = [];
  const sorted = [...values.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [raw] of sorted) {
    const type = guessType(shape.words(raw));
    if (type === null) rest.push(raw);
    else byType.set(type, [...(byType.get(type) ?? []), raw]);
  }
  const types = KEYWORDS.map(([, t]) => t).filter((t) => byType.has(t));
  const lines = types.map((t) => `  ${t}: [${(byType.get(t) ?? []).map(rawYaml).join(", ")}]`);
  // Listed under ignore: so the draft validates as written; the TODO says to review each.
  if (rest.length)
    lines.push(
      `  # TODO: values no keyword placed (${rest.map((r) => `${rawYaml(r)} = ${q(shape.words(r).trim())}`).join("; ")}):`,
      "  # ignored until you move any that is the lead's own engagement to its type above",
      `  ignore: [${rest.map(rawYaml).join(", ")}]`,
    );
  return { lines: lines.length ? ["types:", ...lines] : [], types };
}

/** What the draft gets from one engagements file: its entry's lines and the engagement types it uses. */
export interface EngagementEntry {
  lines: string[];
  types: string[];
}

/**
 * The `sources.engagements` entry of an engagements export, or null when the file is none. A
 * Marketo or Pardot file is bridged through `bridges` (the bridge files among those given).
 */
export function engagementEntry(
  options: DraftOptions,
  f: FileSummary,
  bridges: readonly FileSummary[],
): EngagementEntry | null {
  const shape = engagementShapeOf(f.header, f.path);
  if (!shape) return null;
  const typed =
    shape.type.length > 0 ? typeLines(shape, f.values[typeValuesKey(shape.type)] ?? new Map()) : null;
  if (typed && typed.types.length === 0) return null;
  const columns = [...shape.columns, ...(shape.type.length ? [`type: ${typeColumns(shape.type)}`] : [])];
  const lines = [
    `file: ${q(options.relative(f.path))}   # ${shape.what}`,
    ...(shape.preset ? [`preset: ${shape.preset}`] : []),
    ...(f.encoding ? [`encoding: ${f.encoding}`] : []),
    ...(shape.preset || columns.length === 0 ? [] : [`columns: { ${columns.join(", ")} }`]),
    ...(shape.fixed ? [`type: ${shape.fixed}`] : []),
    ...bridgeLines(options, shape, bridges),
    ...shape.extra,
    ...dateFormatLines(f.path, f.header, f.dates, "engagements", null),
    ...(typed?.lines ?? []),
  ];
  return { lines, types: typed?.types ?? [shape.fixed as string] };
}

const typeColumns = (cols: string[]) =>
  cols.length === 2 ? `[${cols.map(q).join(", ")}]` : q(cols[0] as string);

/** The bridge file of a vendor's ids (`lead_key:`), or a TODO when none was given. */
function bridgeLines(options: DraftOptions, shape: Shape, bridges: readonly FileSummary[]): string[] {
  if (!shape.vendor) return [];
  const to = shape.vendor === "marketo" ? "sfdcLeadId" : "crm_lead_fid";
  const bridge = bridges.find((b) => isBridge(b.header) === shape.vendor);
  if (!bridge)
    return [
      `# TODO: ${shape.vendor === "marketo" ? "Marketo" : "Pardot"} ids are not the CRM's: add lead_key: { file: ${shape.vendor === "marketo" ? "marketo-leads" : "prospects"}.csv, from: id, to: ${to}, fallback: email }`,
    ];
  const email = findColumn(bridge.header, "email");
  const id = bridge.header.find((h) => fold(h) === "id") ?? "id";
  return [
    `lead_key: { file: ${q(options.relative(bridge.path))}, from: ${q(id)}, to: ${to}${email ? `, fallback: ${q(email)}` : ""} }`,
  ];
}

/** A vendor's bridge to the CRM: a Marketo lead extract (sfdcLeadId) or Pardot prospects (crm_lead_fid). */
export function isBridge(header: readonly string[]): "marketo" | "pardot" | null {
  if (has(header, "id", "sfdcLeadId")) return "marketo";
  if (has(header, "id", "crm_lead_fid")) return "pardot";
  return null;
}
