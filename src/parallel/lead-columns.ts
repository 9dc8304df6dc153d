/** A run of leads as a few columns, sent to the replay worker and made into leads there one at a time. */

import { DIMENSION_FIELD, DIMENSIONS, type Dimension, type Lead } from "../types.js";

/** A text field of a run of leads: distinct values, and each lead's (-1: null). */
interface TextColumn {
  texts: string[];
  codes: Int32Array;
}

function textColumn(n: number, value: (k: number) => string | null | undefined): TextColumn {
  const texts: string[] = [];
  const index = new Map<string, number>();
  const codes = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    const v = value(k);
    if (v === null || v === undefined) {
      codes[k] = -1;
      continue;
    }
    let c = index.get(v);
    if (c === undefined) {
      c = texts.length;
      texts.push(v);
      index.set(v, c);
    }
    codes[k] = c;
  }
  return { texts, codes };
}

const textAt = (c: TextColumn, k: number): string | null => {
  const code = c.codes[k] as number;
  return code < 0 ? null : (c.texts[code] as string);
};

/**
 * A run of leads as columns, with only what the replay and the tallies read of a lead: id, place,
 * created time, owner, source and the --by dimension's field. (500k leads as objects took 1.1 s
 * to serialize and 3.1 s to read back; as columns, well under 0.1 s.)
 */
export interface LeadColumns {
  /** Index of the first lead among the dataset's. */
  first: number;
  count: number;
  /** Every id, one after another; id k ends at ends[k]. */
  ids: string;
  ends: Int32Array;
  /** NaN: no created time. */
  createdAt: Float64Array;
  file: TextColumn;
  line: Int32Array;
  owner: TextColumn;
  source: TextColumn;
  campaign: TextColumn;
  /** The --by dimension: a field of the lead, or a column of the leads file (extra). */
  by: { field: keyof Lead | null; extra: string | null; values: TextColumn } | null;
  /** The lead fields the definitions read (Dataset.definitionFields), each a property of Lead or of its extra. */
  fields: { field: keyof Lead | null; extra: string | null; values: TextColumn }[];
}

/** A lead's value of a field of the lead, or of a column of the leads file (extra). */
const fieldValue = (
  lead: Lead,
  f: { field: keyof Lead | null; extra: string | null },
): string | null | undefined =>
  f.field ? (lead[f.field] as string | null) : lead.extra?.[f.extra as string];

/** Sets a lead's value of a field of the lead, or of a column of the leads file (extra). */
function setValue(lead: Lead, f: { field: keyof Lead | null; extra: string | null }, v: string | null): void {
  if (f.field) (lead as unknown as Record<string, string | null>)[f.field] = v;
  else if (v !== null) lead.extra = { ...lead.extra, [f.extra as string]: v };
}

/** The field (or leads-file column) the --by dimension reads of a lead, when it is neither owner nor team. */
function byField(by: string | undefined): { field: keyof Lead | null; extra: string | null } | null {
  if (by === undefined || by === "owner" || by === "team") return null;
  if (by === "segment") return { field: "companySize", extra: null };
  if ((DIMENSIONS as readonly string[]).includes(by))
    return { field: DIMENSION_FIELD[by as Dimension], extra: null };
  return { field: null, extra: by };
}

/** Leads first … first + count - 1 as columns, with the field `by` (a --by dimension) reads. */
export function leadColumns(
  leads: readonly Lead[],
  first: number,
  count: number,
  by?: string,
  fields: Record<string, { lead: string } | { extra: string }> = {},
): LeadColumns {
  const at = (k: number) => leads[first + k] as Lead;
  const ids: string[] = new Array(count);
  const ends = new Int32Array(count);
  const createdAt = new Float64Array(count);
  const line = new Int32Array(count);
  let end = 0;
  for (let k = 0; k < count; k++) {
    const lead = at(k);
    ids[k] = lead.id;
    end += lead.id.length;
    ends[k] = end;
    createdAt[k] = lead.createdAt ?? Number.NaN;
    line[k] = lead.place.line;
  }
  const field = byField(by);
  return {
    first,
    count,
    ids: ids.join(""),
    ends,
    createdAt,
    file: textColumn(count, (k) => at(k).place.file),
    line,
    owner: textColumn(count, (k) => at(k).owner),
    source: textColumn(count, (k) => at(k).source),
    campaign: textColumn(count, (k) => at(k).campaign),
    by: field && { ...field, values: textColumn(count, (k) => fieldValue(at(k), field)) },
    fields: Object.values(fields).map((f) => {
      const held =
        "lead" in f ? { field: f.lead as keyof Lead, extra: null } : { field: null, extra: f.extra };
      return { ...held, values: textColumn(count, (k) => fieldValue(at(k), held)) };
    }),
  };
}

/** The id of lead `index` (among the dataset's) of the columns. */
export function idOf(c: LeadColumns, index: number): string {
  const k = index - c.first;
  return c.ids.slice(k === 0 ? 0 : (c.ends[k - 1] as number), c.ends[k] as number);
}

/** Lead `index` (among the dataset's) of the columns, as an object with what they hold. */
export function leadOf(c: LeadColumns, index: number): Lead {
  const k = index - c.first;
  const created = c.createdAt[k] as number;
  const lead: Lead = {
    id: idOf(c, index),
    place: { file: textAt(c.file, k) as string, line: c.line[k] as number },
    createdAt: Number.isNaN(created) ? null : created,
    owner: textAt(c.owner, k),
    source: textAt(c.source, k),
    campaign: textAt(c.campaign, k),
    company: null,
    email: null,
    name: null,
    title: null,
    companySize: null,
    country: null,
    convertedContactId: null,
  };
  for (const f of c.by ? [c.by, ...c.fields] : c.fields) setValue(lead, f, textAt(f.values, k));
  return lead;
}
