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

import { finding } from "../../findings.js";
import type { Engagement, Place } from "../../types.js";
import { type Batch, EMPTY, perText, TEXTS, type Typer } from "../batch.js";
import { emailKey } from "./activity-keys.js";
import { type EngagementShape, engagementTime, IGNORED, UNMAPPED } from "./engagement-shape.js";
import type { RowContext, RowReader } from "./rows.js";

/** Where engagements go, in file order; `reused` as for activities (the sink copies what it keeps). */
export type EngagementSink = (e: Engagement, lead?: number, reused?: boolean) => void;

/** Reads one engagement row: the engagements it gives (one per type), or none after counting or a finding. */
export function engagementRowReader(
  ctx: RowContext,
  shape: EngagementShape,
  /** A row used without giving an engagement (where, ignore:). */
  passed: (place: Place) => void,
  joins: BridgeJoins = bridgeJoins(),
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
      unmapped(ctx, place, raw, who);
      return null;
    }
    const text = value(cells, "at");
    const at = text === null ? null : engagementTime(text, ctx.parser, mapping, shape.zone);
    if (at === null || at === "date-only") {
      unreadable(ctx, place, text, at === "date-only", who, mapping.epoch);
      return null;
    }
    const leadId =
      shape.keys && id !== null
        ? bridged(ctx, place, shape.keys, id, shape.rowEmail ? value(cells, "lead_email") : null, joins)
        : leadOf(ctx, place, id, email);
    if (leadId === null) return null;
    return verdict.map((type) => ({ leadId, type, at, place }));
  };
}

/** The finding for a row whose raw type no rule names (null: its type cells are empty). */
function unmapped(ctx: RowContext, place: Place, raw: string | null, who: string): void {
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
}

/** The finding for a row whose time is empty, unreadable, or a date the source rejects. */
function unreadable(
  ctx: RowContext,
  place: Place,
  text: string | null,
  dateOnly: boolean,
  who: string,
  epoch: EngagementShape["mapping"]["epoch"],
): void {
  const hint = dateOnly
    ? undefined
    : epoch !== null
      ? `the source says epoch: ${epoch}: digits (1777816800000)`
      : (text !== null && ctx.parser.explain?.(text)) || ctx.parser.accepts;
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
        ...(hint === undefined ? {} : { hint }),
      },
    ),
  );
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

/** Rows of a bridged source by how they reached their lead: through the bridge, or by their own e-mail. */
export interface BridgeJoins {
  bridge: number;
  email: number;
  /** The first row joined by its e-mail (where the summary finding points). */
  first: Place | null;
}

export const bridgeJoins = (): BridgeJoins => ({ bridge: 0, email: 0, first: null });

/**
 * The lead a vendor id means through `lead_key:`; when the bridge maps it to no lead and the row
 * carries an e-mail (`rowEmail`, null: none or not mapped), the one lead with that e-mail. Null
 * after a finding naming the vendor id (and the e-mail tried).
 */
function bridged(
  ctx: RowContext,
  place: Place,
  keys: ReadonlyMap<string, string>,
  id: string,
  rowEmail: string | null,
  joins: BridgeJoins,
): string | null {
  const lead = keys.get(id);
  if (lead) {
    joins.bridge++;
    return ctx.resolve(lead);
  }
  if (rowEmail === null) {
    unknownEngagementLead(ctx, place, id);
    return null;
  }
  const ids = ctx.leadsByEmail?.(emailKey(rowEmail)) ?? [];
  if (ids.length === 1) {
    joins.email++;
    joins.first ??= { file: place.file, line: place.line };
    return ids[0] as string;
  }
  if (ids.length > 1) return leadOf(ctx, place, null, rowEmail);
  ctx.findings.push(
    finding(
      "engagement_unknown_lead",
      place,
      `engagement for lead ${id}, which is not in the leads file, nor is its e-mail ${rowEmail}`,
      { leadId: id, value: id },
    ),
  );
  return null;
}

/**
 * The info finding saying how many rows of a bridged source reached their lead by their own
 * e-mail (none: no finding), and how many through the bridge.
 */
export function emailJoinsFinding(ctx: RowContext, joins: BridgeJoins): void {
  if (joins.first === null) return;
  const bridge = ctx.source.engagement?.bridge?.file ?? "lead_key:";
  const header = (field: string, or: string) => ctx.header?.[ctx.index[field]?.[0] ?? -1] ?? or;
  const rows = (n: number) => (n === 1 ? "1 row" : `${n} rows`);
  ctx.findings.push(
    finding(
      "engagement_joined_by_email",
      joins.first,
      `${rows(joins.email)} reached their lead by their own e-mail (${header("lead_email", "lead_email")}): ${bridge} maps their ${header("lead_id", "id")} to no lead; ${rows(joins.bridge)} through ${bridge}`,
      { value: String(joins.email) },
    ),
  );
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
    // A bridged row's own e-mail goes along: the main thread tries it when the bridge maps no lead.
    const email = shape.rowEmail ? value(cells, "lead_email") : null;
    out.push(id, at, line, verdict.join("\u0000"), email, null, null);
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
  const joins = bridgeJoins();
  const read = engagementRowReader(ctx, shape, passed, joins);
  let typesOf: (k: number) => string[] = () => [];
  let batch: Batch | null = null;
  const place = { file: ctx.source.file, line: 0 };
  const e: Engagement = { leadId: "", type: "", at: 0, place };
  return {
    what: "engagement",
    cells: (cells, where) => {
      const out = read(cells, where);
      if (out !== null) for (const x of out) sink(x);
    },
    batch: (b: Batch) => {
      batch = b;
      typesOf = perText<string[]>(b.texts, [], (t) => t.split("\u0000").map((x) => ctx.values.get(x)));
    },
    coded: (b, i, lead) => {
      if (shape.keys) joins.bridge++;
      e.leadId = idOf(lead);
      e.at = b.at[i] as number;
      place.line = b.line[i] as number;
      for (const type of typesOf(b.text[i * TEXTS] as number)) {
        e.type = type;
        sink(e, lead, true);
      }
    },
    unknown: (where, id, i) => {
      // A bridged row the bridge maps to no lead: its own e-mail, sent as the second text, may.
      const b = batch;
      const k = b && i !== undefined && shape.keys ? (b.text[i * TEXTS + 1] as number) : EMPTY;
      if (k === EMPTY || !b || !shape.keys) return unknownEngagementLead(ctx, where, id);
      const leadId = bridged(ctx, where, shape.keys, id, b.texts[k] as string, joins);
      if (leadId === null) return;
      place.line = where.line;
      e.leadId = leadId;
      e.at = b.at[i as number] as number;
      for (const type of typesOf(b.text[(i as number) * TEXTS] as number)) {
        e.type = type;
        sink(e, undefined, true);
      }
    },
    finish: () => emailJoinsFinding(ctx, joins),
  };
}
