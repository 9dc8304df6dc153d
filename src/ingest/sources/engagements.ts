/** Engagement files (form fills, page views, campaign responses: one row per engagement) -> engagements. */

/**
 * An engagement row gives a lead, a raw type (one column, a pair of columns, or the file's fixed
 * type), a time and a detail; the source's `types:` rules turn the raw type (and the detail) into
 * the engagement types the definitions name. A row is checked in this order, so it has at most
 * one finding that leaves it out: `where` (a row failing it is used: read and not wanted),
 * the type (`ignore:` values are used too; a value no rule names is engagement_type_unmapped),
 * the time, the lead. A row whose raw type several rules name (Marketo's form 2 is a form fill,
 * and a demo request when the form is "Demo Request") is an engagement of each of those types.
 */

import { UserError } from "../../errors.js";
import { finding } from "../../findings.js";
import { closest, normalizeValue } from "../../text.js";
import type { TimestampParser } from "../../time/timestamps.js";
import { addDays, instantOf, wallOf } from "../../time/zone.js";
import type { Engagement, EngagementMapping, Place, SourceDef } from "../../types.js";
import { type Batch, perText, TEXTS, type Typer } from "../batch.js";
import { emailKey } from "./activity-keys.js";
import type { RowContext, RowReader } from "./rows.js";

/** What a raw type means: the engagement types it is (in rule order), ignored, or unnamed. */
export type TypeVerdict = readonly string[] | "ignored" | "unmapped";

const IGNORED = "ignored";
const UNMAPPED = "unmapped";

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
    if (at < 0) {
      const guess = closest(column, header);
      const d = source.declared;
      throw new UserError(`missing column "${column}" (where: of ${source.file})`, [
        {
          severity: "error",
          file: d ? slaFile : source.file,
          line: d?.line ?? 1,
          ...(d ? { column: d.column } : {}),
          path: `${d?.path.replace(/\.file$/, "") ?? "sources.engagements"}.where.${column}`,
          message: `${source.file} has no column "${column}"`,
          hint: guess ? `did you mean "${guess}"?` : `columns present: ${header.join(", ")}`,
        },
      ]);
    }
    return { at, values: new Set(values.map(fold)) };
  });
  const wanted = (cells: readonly string[]) => where.every((w) => w.values.has(fold(cells[w.at] ?? "")));
  return { mapping, zone: mapping.timezone ?? slaZone, types: typeMapper(mapping), value, rawType, wanted };
}

/** Counts per file: rows used without an engagement (failing `where`, ignored types). */
export interface EngagementTally {
  /** Rows read that are used without giving an engagement. */
  passed: number;
}

/** Where engagements go, in file order; `reused` as for activities (the sink copies what it keeps). */
export type EngagementSink = (e: Engagement, lead?: number, reused?: boolean) => void;

/** Reads one engagement row: the engagements it gives (one per type), or none after counting or a finding. */
export function engagementRowReader(
  ctx: RowContext,
  shape: EngagementShape,
  /** A row used without giving an engagement (where, ignore:). */
  passed: (place: Place) => void,
): (cells: string[], place: Place) => Engagement[] | null {
  const { mapping, types, value } = shape;
  return (cells, place) => {
    if (!shape.wanted(cells)) {
      passed(place);
      return null;
    }
    const raw = mapping.fixedType === null ? shape.rawType(cells) : "";
    const detail = value(cells, "detail");
    const verdict = raw === null ? UNMAPPED : types.typesOf(raw, detail);
    if (verdict === IGNORED) {
      passed(place);
      return null;
    }
    const id = mapping.matchBy === "email" ? null : value(cells, "lead_id");
    const email = id === null ? (value(cells, "lead_email") ?? value(cells, "lead_id")) : null;
    const who = id ?? email ?? "";
    if (verdict === UNMAPPED) {
      const shown = raw === null ? "" : raw.split("\u0000").join(", ");
      ctx.findings.push(
        finding(
          "engagement_type_unmapped",
          place,
          raw === null
            ? "engagement row without a type (its type columns are empty)"
            : `engagement type "${shown}" is named by no rule of types:`,
          { ...(who ? { leadId: who } : {}), value: shown },
        ),
      );
      return null;
    }
    const text = value(cells, "at");
    const at = text === null ? null : engagementTime(text, ctx.parser, mapping, shape.zone);
    if (at === null || at === "date-only") {
      const dateOnly = at === "date-only";
      ctx.findings.push(
        finding(
          dateOnly ? "engagement_date_only" : "engagement_time_unreadable",
          place,
          text === null
            ? "engagement row without a time stamp"
            : dateOnly
              ? `engagement dated "${text}" has no time of day (date_only: reject)`
              : `engagement time "${text}" is not a date`,
          {
            ...(who ? { leadId: who } : {}),
            ...(text === null ? {} : { value: text }),
            ...(dateOnly
              ? {}
              : {
                  hint:
                    mapping.epoch !== null
                      ? `the source says epoch: ${mapping.epoch}: digits (1777816800000)`
                      : (text !== null && ctx.parser.explain?.(text)) || ctx.parser.accepts,
                }),
          },
        ),
      );
      return null;
    }
    const leadId = leadOf(ctx, place, id, email);
    if (leadId === null) return null;
    return verdict.map((type) => ({ leadId, type, at, place }));
  };
}

/** The lead a row names by id (through converted contacts, as activities) or by e-mail; null after a finding. */
function leadOf(ctx: RowContext, place: Place, id: string | null, email: string | null): string | null {
  if (id !== null) {
    const lead = ctx.resolve(id);
    if (lead === null) unknownEngagementLead(ctx, place, id);
    return lead;
  }
  if (email === null) {
    ctx.findings.push(finding("missing_id", place, "engagement row without a lead id or e-mail"));
    return null;
  }
  const ids = ctx.leadsByEmail?.(emailKey(email)) ?? [];
  if (ids.length === 1) return ids[0] as string;
  if (ids.length === 0) unknownEngagementLead(ctx, place, email, "e-mail ");
  else
    ctx.findings.push(
      finding(
        "ambiguous_email",
        place,
        `engagement for e-mail ${email}, which ${ids.length} leads share (${ids.slice(0, 3).join(", ")})`,
        { value: email },
      ),
    );
  return null;
}

/** The finding for an engagement naming no lead of the leads file. */
export function unknownEngagementLead(ctx: RowContext, place: Place, key: string, what = ""): void {
  ctx.findings.push(
    finding(
      "engagement_unknown_lead",
      place,
      `engagement for ${what === "" ? "lead " : what}${key}, which is not in the leads file`,
      { ...(what === "" ? { leadId: key } : {}), value: key },
    ),
  );
}

/**
 * Engagements a worker can type (lead by id, time readable, at least one type): the types go as
 * one text (joined with "\u0000"); every other row is read from its cells on the main thread.
 */
export function engagementTyper(shape: EngagementShape): Typer {
  const { mapping, types, value } = shape;
  return (cells, at, line, out) => {
    if (mapping.matchBy === "email" || !shape.wanted(cells)) return false;
    const id = value(cells, "lead_id");
    const raw = mapping.fixedType === null ? shape.rawType(cells) : "";
    if (id === null || raw === null) return false;
    const verdict = types.typesOf(raw, value(cells, "detail"));
    if (typeof verdict === "string") return false;
    out.push(id, at, line, verdict.join("\u0000"), null, null, null);
    return true;
  };
}

/** The engagements files' RowReader: every engagement goes to `sink`, those a worker typed in one reused object. */
export function engagementsReader(
  ctx: RowContext,
  shape: EngagementShape,
  idOf: (lead: number) => string,
  sink: EngagementSink,
  passed: (place: Place) => void,
): RowReader {
  const read = engagementRowReader(ctx, shape, passed);
  let typesOf: (k: number) => string[] = () => [];
  const place = { file: ctx.source.file, line: 0 };
  const e: Engagement = { leadId: "", type: "", at: 0, place };
  return {
    what: "engagement",
    cells: (cells, where) => {
      const out = read(cells, where);
      if (out !== null) for (const x of out) sink(x);
    },
    batch: (b: Batch) => {
      typesOf = perText<string[]>(b.texts, [], (t) => t.split("\u0000").map((x) => ctx.values.get(x)));
    },
    coded: (b, i, lead) => {
      e.leadId = idOf(lead);
      e.at = b.at[i] as number;
      place.line = b.line[i] as number;
      for (const type of typesOf(b.text[i * TEXTS] as number)) {
        e.type = type;
        sink(e, lead, true);
      }
    },
    unknown: (where, id) => unknownEngagementLead(ctx, where, id),
    finish: () => {},
  };
}
