/** How an engagements file's rows are read: its type rules, its time stamps, its columns and `where`. */

import { UserError } from "../../errors.js";
import { closest, normalizeValue } from "../../text.js";
import type { TimestampParser } from "../../time/timestamps.js";
import { addDays, instantOf, wallOf } from "../../time/zone.js";
import type { EngagementMapping, SourceDef } from "../../types.js";

/** What a raw type means: the engagement types it is (in rule order), ignored, or unnamed. */
export type TypeVerdict = readonly string[] | "ignored" | "unmapped";

export const IGNORED = "ignored";
export const UNMAPPED = "unmapped";

/** A raw value as rules compare it: each part of a pair trimmed, spaces collapsed, lower-cased. */
const rawKey = (raw: string) => raw.split("\u0000").map(normalizeValue).join("\u0000");

/** The source's rules, compiled: raw type -> the rules naming it. */
export interface TypeMapper {
  /** The verdict for a raw type and the row's detail (null: none). */
  typesOf(raw: string, detail: string | null): TypeVerdict;
}

export function typeMapper(mapping: EngagementMapping): TypeMapper {
  const byRaw = new Map<string, EngagementMapping["rules"]>();
  for (const rule of mapping.rules)
    for (const v of rule.values) {
      const k = rawKey(v);
      const list = byRaw.get(k);
      if (list) list.push(rule);
      else byRaw.set(k, [rule]);
    }
  const ignore = new Set(mapping.ignore.map(rawKey));
  // Verdicts of rules without a detail condition, per raw value (most rows: no work per row).
  const plain = new Map<string, TypeVerdict>();
  const fixed = mapping.fixedType === null ? null : [mapping.fixedType];
  return {
    typesOf(raw, detail) {
      if (fixed) return fixed;
      const hit = plain.get(raw);
      if (hit !== undefined) return hit;
      const k = rawKey(raw);
      const rules = byRaw.get(k);
      if (!rules) {
        const v = ignore.has(k) ? IGNORED : UNMAPPED;
        if (plain.size < 10_000) plain.set(raw, v);
        return v;
      }
      const d = detail === null ? "" : detail.trim().toLowerCase();
      const out: string[] = [];
      let conditional = false;
      for (const rule of rules) {
        const cond = rule.detailIn.length > 0 || rule.detailContains !== null;
        conditional ||= cond;
        if (rule.detailIn.length > 0 && !rule.detailIn.some((x) => x.trim().toLowerCase() === d)) continue;
        if (rule.detailContains !== null && !d.includes(rule.detailContains.toLowerCase())) continue;
        if (!out.includes(rule.type)) out.push(rule.type);
      }
      // No rule's detail condition holds: the value is named, this detail is not wanted (like ignore:).
      const v: TypeVerdict = out.length > 0 ? out : IGNORED;
      if (!conditional && plain.size < 10_000) plain.set(raw, v);
      return v;
    },
  };
}

/** Epoch seconds or milliseconds as written (digits, an optional fraction). */
const EPOCH = /^-?\d+(?:\.\d+)?$/;

/**
 * The instant of an engagement's time text: a number, null when it cannot be read, "date-only"
 * for a date without a time when the source says `date_only: reject`. Date-only values are the
 * start or the end (its last millisecond) of that day in `zone`.
 */
export function engagementTime(
  text: string,
  parser: TimestampParser,
  mapping: EngagementMapping,
  zone: string,
): number | null | "date-only" {
  if (mapping.epoch !== null) {
    if (!EPOCH.test(text)) return null;
    const n = Number(text) * (mapping.epoch === "epoch_s" ? 1000 : 1);
    return Number.isFinite(n) ? Math.round(n) : null;
  }
  const at = parser.parse(text);
  if (at === null || text.includes(":")) return at;
  if (mapping.dateOnly === "reject") return "date-only";
  if (mapping.dateOnly === "start_of_day") return at;
  const w = wallOf(at, zone);
  const next = addDays(w.y, w.m, w.d, 1);
  return instantOf({ ...next, h: 0, mi: 0, s: 0, ms: 0 }, zone) - 1;
}

/** How one engagements file's rows are read: its columns, rules, zone (built once per file). */
export interface EngagementShape {
  mapping: EngagementMapping;
  zone: string;
  types: TypeMapper;
  /** A row's value of a field: its first filled column, the null value counting as empty. */
  value: (cells: readonly string[], field: string) => string | null;
  /** The raw type of a row (a pair joined with "\u0000"), or null when its type cells are empty. */
  rawType: (cells: readonly string[]) => string | null;
  /** True when the row holds one of the wanted values in every `where` column. */
  wanted: (cells: readonly string[]) => boolean;
  /** With `lead_key:`: vendor id -> lead id ("" none; read-bridge.ts); else null or absent. */
  keys?: ReadonlyMap<string, string> | null;
  /**
   * A bridged source whose mapping names `lead_email:` too: a row whose vendor id the bridge does
   * not map reaches its lead by the row's own e-mail (Pardot `prospect.email`, HubSpot `Email`).
   */
  rowEmail: boolean;
}

/**
 * The shape of an engagements file from its header: a `where` column the header lacks is an
 * error naming the SLA file (exit 2), as a missing explicit column is.
 */
export function engagementShape(
  source: SourceDef,
  index: Record<string, number[]>,
  header: readonly string[],
  slaZone: string,
  slaFile: string,
): EngagementShape {
  const mapping = source.engagement as EngagementMapping;
  const nullValue = mapping.nullValue;
  const value = (cells: readonly string[], field: string): string | null => {
    for (const i of index[field] ?? []) {
      const t = cells[i]?.trim() ?? "";
      if (t !== "" && t !== nullValue) return t;
    }
    return null;
  };
  const typeCols = index.type ?? [];
  const rawType = (cells: readonly string[]): string | null => {
    if (typeCols.length < 2) return value(cells, "type");
    // A pair (Pardot's type + type_name): both cells, joined.
    const parts = typeCols.map((i) => {
      const t = cells[i]?.trim() ?? "";
      return t === nullValue ? "" : t;
    });
    return parts.every((p) => p === "") ? null : parts.join("\u0000");
  };
  const fold = (h: string) => h.trim().toLowerCase();
  const where = Object.entries(mapping.where).map(([column, values]) => {
    const at = header.findIndex((h) => fold(h) === fold(column));
    if (at < 0)
      throw missingColumn(source, slaFile, `where.${column}`, {
        what: `missing column "${column}" (where: of ${source.file})`,
        file: source.file,
        name: column,
        header,
      });
    return { at, values: new Set(values.map(fold)) };
  });
  const wanted = (cells: readonly string[]) => where.every((w) => w.values.has(fold(cells[w.at] ?? "")));
  const rowEmail = Boolean(mapping.bridge) && mapping.matchBy === "id" && (index.lead_email ?? []).length > 0;
  return {
    mapping,
    zone: mapping.timezone ?? slaZone,
    types: typeMapper(mapping),
    value,
    rawType,
    wanted,
    rowEmail,
  };
}

/**
 * The error for a header a file lacks that the SLA file's engagements source names (`where:`,
 * `lead_key:`): at the source's line in the SLA file, with the closest header (exit 2).
 */
export function missingColumn(
  source: SourceDef,
  slaFile: string,
  key: string,
  miss: { what: string; file: string; name: string; header: readonly string[] },
): UserError {
  const guess = closest(miss.name, miss.header);
  const d = source.declared;
  return new UserError(miss.what, [
    {
      severity: "error",
      file: d ? slaFile : source.file,
      line: d?.line ?? 1,
      ...(d ? { column: d.column } : {}),
      path: `${d?.path.replace(/\.file$/, "") ?? "sources.engagements"}.${key}`,
      message: `${miss.file} has no column "${miss.name}"`,
      hint: guess ? `did you mean "${guess}"?` : `columns present: ${miss.header.join(", ")}`,
    },
  ]);
}
