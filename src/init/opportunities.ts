/** init's opportunities: a recognised Opportunity or deals export (and its history) drafted as sources, with opportunity_stages. */

import { DEFAULT_LOST, DEFAULT_WON } from "../config/money.js";
import { findColumn } from "./detect.js";
import type { Role } from "./roles.js";
import { type DraftOptions, q, sourceBody } from "./source-lines.js";

/** True for a file recognised as opportunities or their history (detect.ts): drafted here, never as a lead source. */
export const isOpportunityRole = (r: Role): boolean =>
  r.rec?.role === "opportunities" || r.rec?.role === "opportunity_history";

const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");

/** The stage values of the opportunities files, most frequent first. */
function stageValues(roles: readonly Role[]): string[] {
  const counts = new Map<string, number>();
  for (const r of roles.filter((x) => x.rec?.role === "opportunities")) {
    const column = findColumn(r.f.header, "stage");
    for (const [v, n] of r.f.values[column ?? ""] ?? []) counts.set(v, (counts.get(v) ?? 0) + n);
  }
  return [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([v]) => v);
}

/**
 * `opportunity_stages:` from the stages the files use (those the CRMs close on; the defaults when
 * the files show none), and a TODO line for a stage that reads as closed and no list names.
 */
function stageLines(roles: readonly Role[], todo: string[]): string[] {
  const values = stageValues(roles);
  const pick = (known: string[]) => {
    const set = new Set(known.map(fold));
    const seen = values.filter((v) => set.has(fold(v)));
    return seen.length ? seen : known;
  };
  const [won, lost] = [pick(DEFAULT_WON), pick(DEFAULT_LOST)];
  const listed = new Set([...won, ...lost].map(fold));
  for (const v of values)
    if (!listed.has(fold(v)) && /\b(won|lost|closed)\b/i.test(v))
      todo.push(
        `opportunity stage ${q(v)}: reads as closed; add it to opportunity_stages: won or lost (IsWon/IsClosed decide where the file has them)`,
      );
  return [
    "# The raw opportunity stages that mean won or lost; every other stage is open.",
    "opportunity_stages:",
    `  won: [${won.map(q).join(", ")}]`,
    `  lost: [${lost.map(q).join(", ")}]`,
  ];
}

/** One source key's lines: a single entry, or a list of several. */
function keyLines(kind: "opportunities" | "opportunity_history", entries: string[][]): string[] {
  if (entries.length === 0) return [];
  if (entries.length === 1) return [`  ${kind}:`, ...(entries[0] as string[]).map((b) => `    ${b}`)];
  return [`  ${kind}:`, ...entries.flatMap((e) => [`    - ${e[0]}`, ...e.slice(1).map((b) => `      ${b}`)])];
}

/** The draft's opportunity lines: `opportunity_stages:` (top level) and the sources (under `sources:`). */
export function opportunityDraft(
  options: DraftOptions,
  roles: readonly Role[],
  todo: string[],
): { top: string[]; sources: string[] } {
  const opps = roles.filter((r) => r.rec?.role === "opportunities");
  const history = roles.filter((r) => r.rec?.role === "opportunity_history");
  if (opps.length === 0) {
    for (const r of history)
      todo.push(
        `file ${options.relative(r.f.path)}: an opportunity history, not used: no opportunities file was given`,
      );
    return { top: [], sources: [] };
  }
  const body = (kind: "opportunities" | "opportunity_history") => (r: Role) =>
    sourceBody(options, kind, r, []);
  return {
    top: ["", ...stageLines(opps, todo)],
    sources: [
      ...keyLines("opportunities", opps.map(body("opportunities"))),
      ...keyLines("opportunity_history", history.map(body("opportunity_history"))),
    ],
  };
}
