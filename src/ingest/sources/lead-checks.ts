/** Which of a lead's rows is kept when an id repeats, and the checks every kept lead goes through. */

import { finding } from "../../findings.js";
import type { Column } from "../../paged.js";
import type { Finding, Lead } from "../../types.js";
import { StringIndex } from "../store/string-index.js";
import { isDisposableEmail, isInvalidEmail, testRecordReason } from "./junk.js";

/** A row's content hash (FNV-1a over its cells): rows of one id that are the same row are no conflict. */
export function rowHash(cells: readonly string[]): number {
  let h = 0x811c9dc5;
  for (const c of cells) {
    for (let i = 0; i < c.length; i++) h = Math.imul(h ^ c.charCodeAt(i), 0x01000193);
    h = Math.imul(h ^ 0x1f, 0x01000193);
  }
  return h >>> 0;
}

/**
 * Of two rows with one id, the one kept: the earliest created, then the smaller content hash
 * (never the file order), then the earlier line.
 */
export function keeps(a: Lead, hashA: number, b: Lead, hashB: number): number {
  return (
    (a.createdAt ?? Number.POSITIVE_INFINITY) - (b.createdAt ?? Number.POSITIVE_INFINITY) ||
    hashA - hashB ||
    a.place.line - b.place.line
  );
}

/**
 * The rows kept, one per id, in id order. Every other row of an id is a `duplicate_lead` finding,
 * put where reading that row would have put it: rows of one id are compared in file order, the
 * later row against the one kept so far, so the result never depends on the file's row order.
 */
export function keptRows(read: Lead[], hashes: Column, findAt: Column, findings: Finding[]): number[] {
  const hash = (i: number) => hashes.get(i) >>> 0;
  const order = Array.from(read, (_, i) => i).sort((a, b) => {
    const x = (read[a] as Lead).id;
    const y = (read[b] as Lead).id;
    return x < y ? -1 : x > y ? 1 : a - b;
  });
  const kept: number[] = [];
  const dups: { row: number; finding: Finding }[] = [];
  for (let g = 0; g < order.length; ) {
    let winner = order[g] as number;
    const id = (read[winner] as Lead).id;
    let next = g + 1;
    for (; next < order.length && (read[order[next] as number] as Lead).id === id; next++) {
      const row = order[next] as number;
      const other = winner;
      const newer = keeps(read[row] as Lead, hash(row), read[other] as Lead, hash(other)) < 0;
      winner = newer ? row : other;
      const loser = newer ? other : row;
      dups.push({
        row,
        finding: finding(
          "duplicate_lead",
          (read[loser] as Lead).place,
          `lead ${id} is also at line ${(read[winner] as Lead).place.line}, which is kept`,
          { leadId: id, value: id },
        ),
      });
    }
    kept.push(winner);
    g = next;
  }
  if (dups.length > 0) {
    // Each finding goes where it was made: after the findings made before its row was read.
    dups.sort((a, b) => a.row - b.row);
    const merged: Finding[] = [];
    let k = 0;
    for (let f = 0; f <= findings.length; f++) {
      for (; k < dups.length && findAt.get((dups[k] as { row: number }).row) === f; k++)
        merged.push((dups[k] as { finding: Finding }).finding);
      if (f < findings.length) merged.push(findings[f] as Finding);
    }
    findings.length = 0;
    for (const f of merged) findings.push(f);
  }
  return kept;
}

/** The first lead (in id order) with each e-mail, compared ignoring case. */
export class EmailOwners {
  private readonly keys: string[] = [];
  private readonly ids: string[] = [];
  private readonly index: StringIndex;
  constructor(capacity: number) {
    this.index = new StringIndex(capacity, (i) => this.keys[i] as string);
  }

  /** The id of the lead that had `key` first, or undefined when lead `id` is the first. */
  owner(key: string, id: string): string | undefined {
    const i = this.keys.length;
    this.keys.push(key);
    this.ids.push(id);
    const first = this.index.add(i);
    if (first === undefined) return undefined;
    this.keys.pop();
    this.ids.pop();
    return this.ids[first];
  }
}

export function checkLead(
  lead: Lead,
  junkName: boolean,
  emails: EmailOwners,
  findings: Finding[],
  has: (field: string) => boolean,
): void {
  const { place, id } = lead;
  // An export without an owner or source column says nothing about any lead's owner or source.
  if (lead.owner === null && has("owner"))
    findings.push(finding("missing_owner", place, `lead ${id} has no owner`, { leadId: id }));
  if (lead.source === null && has("source"))
    findings.push(finding("missing_source", place, `lead ${id} has no source`, { leadId: id }));
  if (junkName)
    findings.push(
      finding("junk_name", place, `lead ${id} is named "${lead.name}"`, {
        leadId: id,
        value: lead.name ?? "",
      }),
    );
  else {
    // A placeholder name is already junk_name ("test test"); other test records are named here.
    const test = testRecordReason(lead.name, lead.email, lead.company);
    if (test !== null)
      findings.push(
        finding("test_record", place, `lead ${id} looks like a test record: ${test}`, { leadId: id }),
      );
  }
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
  if (isDisposableEmail(lead.email))
    findings.push(
      finding("disposable_email", place, `lead ${id} has e-mail "${lead.email}"`, {
        leadId: id,
        value: lead.email,
      }),
    );
  const key = lead.email.toLowerCase();
  const other = emails.owner(key, id);
  if (other !== undefined)
    findings.push(
      finding("duplicate_email", place, `lead ${id} has the same e-mail as lead ${other}`, {
        leadId: id,
        value: lead.email,
      }),
    );
}
