/** The words of `sla diff` for lists, plain values, commitments and the lead definition. */

import type { AgreementChange } from "../config/diff.js";
import type { Commitments, Criterion, StageDefinition } from "../types.js";
import { type Name, pct } from "./agreement.js";
import { code, either, windowWords } from "./agreement-words.js";
import { escapeMd as e } from "./markdown.js";

/** "raw values added: `SQL`; removed: `Open`". */
export function listChange(before: readonly string[], after: readonly string[], what: string): string {
  const added = after.filter((x) => !before.includes(x));
  const removed = before.filter((x) => !after.includes(x));
  const parts = [
    added.length ? `${what} added: ${added.map(code).join(", ")}` : "",
    removed.length ? `${what} removed: ${removed.map(code).join(", ")}` : "",
  ].filter(Boolean);
  return parts.length ? parts.join("; ") : `${what} in another order: ${after.map(code).join(", ")}`;
}

/** A plain value: none, a number, a share, a list or a text in code style. */
export function valueWords(v: unknown): string {
  if (v === null || v === undefined) return "none";
  if (Array.isArray(v))
    return v.length
      ? either(
          v.map((x) => code(String(x))),
          "and",
        )
      : "none";
  if (typeof v === "number") return `**${v}**`;
  return code(String(v));
}

const SHARES = new Set(["acceptance", "definition", "reasons"]);

/** A commitment's change, as the agreement states the commitment. */
export function commitmentWords(c: AgreementChange, name: Name): string[] {
  if (c.before === null || c.after === null) {
    const x = (c.after ?? c.before) as Commitments;
    return [
      c.before === null
        ? `Both teams now commit to figures judged every ${x.period} (see \`sla render\`).`
        : "The commitments judged every period are removed.",
    ];
  }
  const share = (v: unknown) => (typeof v === "number" ? `**${pct(v)}**` : "none");
  switch (c.what) {
    case "mqls":
      return [
        `Marketing delivers at least ${valueWords(c.after)} MQLs every period (was ${valueWords(c.before)}).`,
      ];
    case "acceptance":
      return [`At least ${share(c.after)} of the MQLs are accepted by sales (was ${share(c.before)}).`];
    case "definition":
      return [`At least ${share(c.after)} of the MQLs meet the written definition (was ${share(c.before)}).`];
    case "reasons":
      return [
        `Sales gives a reason for at least ${share(c.after)} of the leads it closes (was ${share(c.before)}).`,
      ];
    case "handoffs":
      return [
        `Sales commits to the targets of ${valueWords(c.after)} every period (was ${valueWords(c.before)}).`,
      ];
    case "mql stage":
    case "accepted stage":
      return [`The ${c.what} is **${e(name(String(c.after)))}** (was ${e(name(String(c.before)))}).`];
    default:
      return [
        `The commitments' ${c.what}: ${SHARES.has(c.what) ? share(c.after) : valueWords(c.after)} (was ${valueWords(c.before)}).`,
      ];
  }
}

/** A change of the written definition: a stage's, a criterion's, marketing's pass clock, the engagement types. */
export function definitionWords(
  c: AgreementChange,
  name: Name,
  criterion: (x: Criterion) => string[],
): string[] {
  const stage = `**${e(name(c.id))}**`;
  if (c.what === "engagement types")
    return [`${listChange(c.before as string[], c.after as string[], "Engagement types")}.`];
  if (c.what === "") {
    const d = (c.after ?? c.before) as StageDefinition;
    return c.before === null
      ? [`${stage} gets a written definition (${d.rule.kind} of):`, ...d.rule.of.flatMap(criterion)]
      : [`${stage} no longer has a written definition.`];
  }
  if (c.what === "criterion") {
    const x = (c.after ?? c.before) as Criterion;
    if (c.before === null) return [`${stage}: a new criterion:`, ...criterion(x)];
    if (c.after === null) return [`${stage}: the criterion **${e(x.name)}** is removed.`];
    return [
      `${stage}: the criterion **${e(x.name)}** changes:`,
      "  - before:",
      ...criterion(c.before as Criterion).map((l) => `  ${l}`),
      "  - after:",
      ...criterion(c.after as Criterion).map((l) => `  ${l}`),
    ];
  }
  if (c.what === "all or any")
    return [
      `${stage}: a lead must meet **${c.after === "all" ? "all" : "any"}** of the criteria (was ${c.before}).`,
    ];
  if (c.what === "pass within") {
    const w = (v: unknown) =>
      v === null ? "no time limit" : windowWords({ unit: "calendar", amount: 0, text: String(v) });
    return [`${stage}: marketing passes a lead on within **${w(c.after)}** (was ${w(c.before)}).`];
  }
  if (c.what === "pass target")
    return [
      `${stage}: marketing's goal is ${c.after === null ? "none" : `**${pct(c.after as number)}**`} passed in time (was ${c.before === null ? "none" : pct(c.before as number)}).`,
    ];
  return [`${stage}: marketing's clock counts on ${valueWords(c.after)} (was ${valueWords(c.before)}).`];
}
