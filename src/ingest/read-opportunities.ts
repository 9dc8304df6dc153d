/** `sources.opportunities` and `sources.opportunity_history`: the opportunities, joined to their leads, with their history (issue 21). */

import { DEFAULT_LOST, DEFAULT_WON } from "../config/money.js";
import { finding } from "../findings.js";
import type { Opportunity, SourceDef } from "../types.js";
import type { Joined } from "./read-events.js";
import type { Reading } from "./reading.js";
import { emailKey } from "./sources/activity-keys.js";
import { type OpportunityRow, opportunityOf, priceRow } from "./sources/opportunities.js";
import { amountCells, foldHistory, type HistoryRow, historyRowOf } from "./sources/opportunity-history.js";
import { cellOf, decideMark, MarkTally, StageStates } from "./sources/opportunity-values.js";

interface Rows {
  index: Record<string, number[]>;
  all: { line: number; cells: string[] }[];
}

/** Every row of a source, kept: the amounts' decimal mark is decided from all of them before any is read. */
async function rowsOf(r: Reading, source: SourceDef): Promise<Rows> {
  const table = await r.open(source);
  const all: Rows["all"] = [];
  for await (const batch of table.rows)
    for (const row of batch) all.push({ line: row.line, cells: row.cells });
  r.count(source, all.length);
  return { index: table.index, all };
}

/**
 * The opportunities of every source, sorted by id, each joined to its lead and given its history.
 * Every row is used (r.use) or counted in a finding that drops it; amounts, stages, currencies
 * and several opportunities of one lead are findings that keep it.
 */
export async function readOpportunities(r: Reading, j: Joined): Promise<Opportunity[]> {
  const { config } = r;
  const states = new StageStates(
    config.opportunityStages ?? { won: DEFAULT_WON, lost: DEFAULT_LOST, open: null },
  );
  const read: OpportunityRow[] = [];
  for (const source of config.sources.opportunities ?? []) {
    // Rows are not kept: each becomes its opportunity at once, its amount read once the file's
    // decimal mark is decided from all of them.
    const table = await r.open(source);
    const ctx = {
      file: source.file,
      index: table.index,
      parse: (t: string) => r.parserFor(source).parse(t),
      symbol: config.money?.symbol ?? null,
      states,
      findings: r.findings,
    };
    const marks = new MarkTally();
    const rows: OpportunityRow[] = [];
    let count = 0;
    for await (const batch of table.rows)
      for (const row of batch) {
        count++;
        const c = cellOf(row.cells, table.index, "amount");
        if (c) marks.add({ line: row.line, ...c });
        const o = opportunityOf(row.cells, row.line, ctx);
        if (o) rows.push(o);
      }
    r.count(source, count);
    const mark = marks.decide(source);
    for (const o of rows) {
      priceRow(o, mark, ctx);
      read.push(o);
    }
  }
  const kept = joinLeads(firstOfEach(read, r), j, r);
  await readHistory(r, kept, states);
  for (const o of kept) r.use(o.place.file);
  unconverted(kept, r);
  severalPerLead(kept, r);
  return kept;
}

/** One opportunity per id (the first read), sorted by id; each other row is a finding. */
function firstOfEach(rows: OpportunityRow[], r: Reading): OpportunityRow[] {
  const byId = new Map<string, OpportunityRow>();
  for (const row of rows) {
    const first = byId.get(row.opportunity.id);
    if (!first) {
      byId.set(row.opportunity.id, row);
      continue;
    }
    const at = first.opportunity.place;
    r.findings.push(
      finding(
        "opportunity_duplicate",
        row.opportunity.place,
        `opportunity ${row.opportunity.id} is listed again (first at ${at.file}:${at.line})`,
        { value: row.opportunity.id },
      ),
    );
  }
  return [...byId.values()].sort((a, b) => (a.opportunity.id < b.opportunity.id ? -1 : 1));
}

/** Lead ids by the opportunity their ConvertedOpportunityId names (also by its 15-character form); the first lead by id wins. */
function convertedOpportunities(j: Joined): Map<string, string> {
  const converted = new Map<string, string>();
  for (const lead of j.leads.sorted) {
    const opp = lead.convertedOpportunityId;
    if (opp === undefined || /^0{15}(AAA)?$/.test(opp)) continue;
    if (!converted.has(opp)) converted.set(opp, lead.id);
    if (opp.length === 18 && !converted.has(opp.slice(0, 15))) converted.set(opp.slice(0, 15), lead.id);
  }
  return converted;
}

const EMAIL = /[^\s<>()";,]+@[^\s<>()";,]+/;

/**
 * The lead of each opportunity: the lead whose ConvertedOpportunityId names it, else the lead
 * its lead column names (ids split on ";": HubSpot's associated contact ids; the first that is a
 * lead), else its e-mail's; none named: no lead (sales-sourced). A lead named and not found is a
 * finding that drops the opportunity, as an e-mail several leads share is.
 */
function joinLeads(rows: OpportunityRow[], j: Joined, r: Reading): Opportunity[] {
  const converted = convertedOpportunities(j);
  const resolve = j.resolve;
  const byEmail = j.leads.byEmail;
  const out: Opportunity[] = [];
  for (const row of rows) {
    const o = row.opportunity;
    const id = converted.get(o.id) ?? (o.id.length === 18 ? converted.get(o.id.slice(0, 15)) : undefined);
    const named =
      row.leadId
        ?.split(/[;,]/)
        .map((s) => s.trim())
        .filter((s) => s !== "") ?? [];
    const email = row.leadId === null ? EMAIL.exec(row.leadEmail ?? "")?.[0] : undefined;
    const byMail = email ? (byEmail?.get(emailKey(email)) ?? []) : [];
    o.leadId =
      id ?? named.map(resolve).find((x) => x !== null) ?? (byMail.length === 1 ? byMail[0] : null) ?? null;
    if (o.leadId === null && byMail.length > 1) {
      r.findings.push(
        finding(
          "ambiguous_email",
          o.place,
          `opportunity ${o.id}: ${email} is the e-mail of ${byMail.length} leads`,
          {
            value: email ?? "",
            column: row.column.leadEmail,
          },
        ),
      );
      continue;
    }
    // A contact cell with no e-mail in it ("Jane Doe") names a lead it cannot join: never sales-sourced silently.
    const unknown =
      o.leadId === null && (named.length > 0 || (row.leadId === null && row.leadEmail !== null));
    if (unknown) {
      const value = named.length > 0 ? (row.leadId ?? "") : (email ?? row.leadEmail ?? "");
      const column = named.length > 0 ? row.column.leadId : row.column.leadEmail;
      r.findings.push(
        finding(
          "opportunity_unknown_lead",
          o.place,
          `opportunity ${o.id} names lead ${value}, not in the leads file`,
          {
            value,
            column,
          },
        ),
      );
      continue;
    }
    out.push(o);
  }
  return out;
}

/** The history files' rows, by opportunity, folded into each opportunity's history; rows of no opportunity are findings. */
async function readHistory(r: Reading, kept: Opportunity[], states: StageStates): Promise<void> {
  const byId = new Map<string, HistoryRow[]>(kept.map((o) => [o.id, []]));
  for (const source of r.config.sources.opportunity_history ?? []) {
    const { index, all } = await rowsOf(r, source);
    const amounts = all.flatMap((row) =>
      amountCells(row.cells, index).map((c) => ({ line: row.line, ...c })),
    );
    const ctx = {
      file: source.file,
      index,
      mark: decideMark(source, amounts),
      parse: (t: string) => r.parserFor(source).parse(t),
      findings: r.findings,
    };
    for (const row of all) {
      const read = historyRowOf(row.cells, row.line, ctx);
      if (read === null) continue;
      const rows = byId.get(read.id);
      if (rows) {
        rows.push(read.row);
        r.use(source.file);
        continue;
      }
      r.findings.push(
        finding(
          "opportunity_history_unknown",
          read.row.place,
          `history row of opportunity ${read.id}, which was not read`,
          {
            value: read.id,
          },
        ),
      );
    }
  }
  for (const o of kept) {
    const rows = byId.get(o.id) ?? [];
    if (rows.length > 0) foldHistory(o, rows, states, r.findings);
  }
}

/**
 * Opportunities in several currencies: each currency with no rate to the reporting one is a
 * finding (its amounts are reported apart, never summed). No currency written: the reporting one.
 */
function unconverted(kept: Opportunity[], r: Reading): void {
  const money = r.config.money ?? null;
  const reporting = money?.currency ?? null;
  const first = new Map<string | null, Opportunity>();
  for (const o of kept)
    if (o.amount !== null && !first.has(o.currency ?? reporting)) first.set(o.currency ?? reporting, o);
  if (first.size < 2) return;
  const rated = new Set((money?.rates ?? []).map((x) => x.currency));
  for (const [currency, o] of [...first].sort(([a], [b]) => ((a ?? "") < (b ?? "") ? -1 : 1))) {
    if (currency === reporting || (currency !== null && rated.has(currency))) continue;
    const name = currency ?? "(no currency written)";
    r.findings.push(
      finding(
        "opportunity_currency_unconverted",
        o.place,
        `opportunities in ${name} and ${first.size - 1} other currenc${first.size > 2 ? "ies" : "y"}: no rate for ${name}`,
        { value: name },
      ),
    );
  }
}

/** A lead with several opportunities: an info finding at its second. */
function severalPerLead(kept: Opportunity[], r: Reading): void {
  const byLead = new Map<string, Opportunity[]>();
  for (const o of kept) {
    if (o.leadId === null) continue;
    const list = byLead.get(o.leadId);
    if (list) list.push(o);
    else byLead.set(o.leadId, [o]);
  }
  for (const [lead, list] of [...byLead].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const second = list[1];
    if (second)
      r.findings.push(
        finding("lead_several_opportunities", second.place, `lead ${lead} has ${list.length} opportunities`, {
          leadId: lead,
          value: list.map((o) => o.id).join(", "),
        }),
      );
  }
}

/** Every instant an opportunity holds (created, closed, its history's): they count towards the data's span and the as-of. */
export function* opportunityTimes(opportunities: readonly Opportunity[]): Generator<number> {
  for (const o of opportunities) {
    yield o.createdAt;
    if (o.closedAt !== null) yield o.closedAt;
    for (const c of o.history) yield c.at;
  }
}
