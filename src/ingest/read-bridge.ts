/** `lead_key:` files (Marketo lead extract, Pardot prospects) -> vendor id to lead id, read once per source. */

import { finding } from "../findings.js";
import type { LeadIndex } from "../parallel/rows.js";
import type { EngagementBridge, Place, SourceDef } from "../types.js";
import { NONE } from "./batch.js";
import { plainSource } from "./csv/columns.js";
import type { Joined } from "./read-events.js";
import type { Reading } from "./reading.js";
import { emailKey } from "./sources/activity-keys.js";
import { missingColumn } from "./sources/engagement-shape.js";
import type { RowContext } from "./sources/rows.js";

/**
 * Each source's bridge map (null: no `lead_key:`), each bridge read once whichever files (a
 * `file:` pattern's matches) go through it.
 */
export function bridgeReader(
  r: Reading,
  j: Pick<Joined, "contextOf">,
): (source: SourceDef) => Promise<Map<string, string>> | null {
  const bridges = new Map<string, Promise<Map<string, string>>>();
  return (source) => {
    const b = source.engagement?.bridge;
    if (!b) return null;
    const key = JSON.stringify([b.path, b.from, b.to, b.fallback, source.engagement?.nullValue]);
    const read = bridges.get(key) ?? readBridge(r, source, b, j.contextOf(source, {}));
    bridges.set(key, read);
    return read;
  };
}

/**
 * Vendor id -> the lead it means, "" when the bridge names none (an empty cell, or a target that
 * is no lead: a finding at the bridge's row). A target id is resolved as the rows' ids are
 * (converted contacts); an e-mail (`to: email`, or `fallback:` when the `to` cell is empty) is
 * matched to the leads' e-mails ignoring case, and must name exactly one. The first row of a
 * vendor id wins. The bridge is no input of the audit: its rows are not counted in coverage.
 */
export async function readBridge(
  r: Reading,
  source: SourceDef,
  bridge: EngagementBridge,
  ctx: Pick<RowContext, "resolve" | "leadsByEmail" | "findings">,
): Promise<Map<string, string>> {
  const table = await r.openAs(plainSource("reference", bridge.file, bridge.path), undefined, [], undefined);
  const at = (h: string, key: string) => headerAt(table.header, h, key, source, r.config.file, bridge);
  const from = at(bridge.from, "from");
  const to = at(bridge.to, "to");
  const fallback = bridge.fallback === null ? -1 : at(bridge.fallback, "fallback");
  const nullValue = source.engagement?.nullValue ?? null;
  const cell = (cells: readonly string[], i: number) => {
    const t = i < 0 ? "" : (cells[i]?.trim() ?? "");
    // Marketo writes "null" for an empty cell; no lead id or e-mail is that word.
    return t === nullValue || t.toLowerCase() === "null" ? "" : t;
  };
  const byEmail = (email: string) => ctx.leadsByEmail?.(emailKey(email)) ?? [];
  const keys = new Map<string, string>();
  for await (const batch of table.rows)
    for (const row of batch) {
      const vendor = cell(row.cells, from);
      if (vendor === "" || keys.has(vendor)) continue;
      const target = cell(row.cells, to);
      const email = bridge.toEmail ? target : target === "" ? cell(row.cells, fallback) : "";
      const ids = email !== "" ? byEmail(email) : target !== "" ? [ctx.resolve(target)] : [];
      const lead = ids.length === 1 ? (ids[0] ?? null) : null;
      keys.set(vendor, lead ?? "");
      const named = email || target;
      if (lead === null && named !== "")
        ctx.findings.push(bridgeFinding({ file: bridge.path, line: row.line }, vendor, named, ids.length));
    }
  return keys;
}

/** The finding for a bridge row whose target names no lead (or an e-mail several leads share). */
function bridgeFinding(place: Place, vendor: string, target: string, shared: number) {
  return finding(
    "engagement_bridge_unknown_lead",
    place,
    shared > 1
      ? `lead_key row for ${vendor} names ${target}, which ${shared} leads share`
      : `lead_key row for ${vendor} names ${target}, which is not in the leads file`,
    { value: target },
  );
}

/** A bridge header's index (ignoring case); a missing one is an error naming the SLA file's line. */
function headerAt(
  header: readonly string[],
  name: string,
  key: string,
  source: SourceDef,
  slaFile: string,
  bridge: EngagementBridge,
): number {
  const fold = (h: string) => h.trim().toLowerCase();
  const i = header.findIndex((h) => fold(h) === fold(name));
  if (i >= 0) return i;
  throw missingColumn(source, slaFile, `lead_key.${key}`, {
    what: `missing column "${name}" in ${bridge.file} (lead_key: of ${source.file})`,
    file: bridge.file,
    name,
    header,
  });
}

/** The leads by index for a bridged source's rows read on a worker: the vendor id goes through the bridge. */
export function bridgedIndex(leads: LeadIndex, keys: ReadonlyMap<string, string>): LeadIndex {
  return {
    indexOf: (id) => {
      const lead = keys.get(id);
      return lead ? leads.indexOf(lead) : NONE;
    },
    idOf: leads.idOf,
  };
}
