/** Lead rows -> typed leads, with junk, duplicate and missing-value findings. */

import { finding } from "../findings.js";
import type { Finding, Lead, SourceDef } from "../types.js";
import { cell } from "./columns.js";
import { isInvalidEmail, isPlaceholderName } from "./junk.js";
import type { TableRow } from "./table.js";
import type { TimestampParser } from "./timestamps.js";

export interface LeadIngest {
  leads: Map<string, Lead>;
  rows: number;
}

/** Reads every lead row; the first row of a duplicated id wins, the rest are findings. */
export async function ingestLeads(
  rows: AsyncIterable<TableRow>,
  index: Record<string, number>,
  source: SourceDef,
  parser: TimestampParser,
  findings: Finding[],
): Promise<LeadIngest> {
  const leads = new Map<string, Lead>();
  const emails = new Map<string, string>();
  let count = 0;
  for await (const { line, cells } of rows) {
    count++;
    const place = { file: source.file, line };
    const get = (field: string) => cell(cells, index, field);
    const id = get("id");
    if (id === null) {
      findings.push(finding("missing_id", place, "lead row without an id"));
      continue;
    }
    const previous = leads.get(id);
    if (previous) {
      findings.push(
        finding("duplicate_lead", place, `lead ${id} already read at line ${previous.place.line}`, {
          leadId: id,
          value: id,
        }),
      );
      continue;
    }
    const createdText = get("created_at");
    const createdAt = createdText === null ? null : parser.parse(createdText);
    if (createdAt === null) {
      const what = createdText === null ? "no created time" : `created time "${createdText}" is not a date`;
      findings.push(
        finding("bad_created_time", place, what, {
          leadId: id,
          ...(createdText === null ? {} : { value: createdText }),
          hint: parser.accepts,
        }),
      );
    }
    const first = get("first_name");
    const last = get("last_name");
    const name = get("name") ?? ([first, last].filter((p) => p !== null).join(" ") || null);
    const lead: Lead = {
      id,
      place,
      createdAt,
      owner: get("owner"),
      source: get("source"),
      campaign: get("campaign"),
      company: get("company"),
      email: get("email"),
      name,
      title: get("title"),
      companySize: get("company_size"),
      country: get("country"),
    };
    leads.set(id, lead);
    checkLead(lead, first ?? name, last, emails, findings);
  }
  return { leads, rows: count };
}

function checkLead(
  lead: Lead,
  first: string | null,
  last: string | null,
  emails: Map<string, string>,
  findings: Finding[],
): void {
  const { place, id } = lead;
  if (lead.owner === null)
    findings.push(finding("missing_owner", place, `lead ${id} has no owner`, { leadId: id }));
  if (lead.source === null)
    findings.push(finding("missing_source", place, `lead ${id} has no source`, { leadId: id }));
  if (isPlaceholderName(first, last))
    findings.push(
      finding("junk_name", place, `lead ${id} is named "${lead.name}"`, {
        leadId: id,
        value: lead.name ?? "",
      }),
    );
  if (lead.email === null) return;
  if (isInvalidEmail(lead.email)) {
    findings.push(
      finding("invalid_email", place, `lead ${id} has e-mail "${lead.email}"`, {
        leadId: id,
        value: lead.email,
      }),
    );
    return;
  }
  const key = lead.email.toLowerCase();
  const other = emails.get(key);
  if (other === undefined) emails.set(key, id);
  else
    findings.push(
      finding("duplicate_email", place, `lead ${id} has the same e-mail as lead ${other}`, {
        leadId: id,
        value: lead.email,
      }),
    );
}
