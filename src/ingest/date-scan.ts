/** Decides each source's date layout from all its time-stamp values, before its rows are typed. */

/**
 * Decides the date layout of each source without a declared `date_format`, before its rows are
 * typed: the time-stamp columns of a file are tallied over all their values (date-layout.ts) and
 * the source reads every value in the one layout they decide, or the run stops with exit 2.
 * A file whose first rows hold only ISO time stamps (or none) is not read a second time.
 */

import { UserError } from "../errors.js";
import { finding } from "../findings.js";
import { compileDateFormat } from "../time/date-format.js";
import {
  type DateColumnTally,
  type DateExample,
  type DateOrder,
  decideDateLayout,
  type LayoutDecision,
  orderWords,
} from "../time/date-layout.js";
import type { Finding, SourceDef } from "../types.js";

/** The fields that hold time stamps; wide stage-date columns are time stamps too. */
const TIME_FIELDS = ["created_at", "stage_at", "at", "closed_at"];
export const DATED = new Set([
  "leads",
  "stage_history",
  "activities",
  "owner_history",
  "stage_dates",
  "engagements",
  "opportunities",
  "opportunity_history",
]);

/** Indexes of a header's time-stamp columns. */
export function timestampColumns(index: Record<string, number[]>, stageColumns: Record<string, number[]>) {
  const cols = [...TIME_FIELDS.flatMap((f) => index[f] ?? []), ...Object.values(stageColumns).flat()];
  return [...new Set(cols)].sort((a, b) => a - b);
}

/** The examples as messages quote them; each names its file when they come from several (a pattern's files). */
const quote = (examples: readonly DateExample[]) => {
  const files = new Set(examples.map((e) => e.at?.file));
  return examples
    .map((e) => `${files.size > 1 && e.at ? `${e.at.file} ` : ""}line ${e.line} "${e.text}"`)
    .join(", ");
};

/** Where the SLA file declares the source (`sources.activities[1]`), for the fix. */
const slaPath = (source: SourceDef) =>
  source.declared?.path.replace(/\.file$/, "") ?? `sources.${source.kind}`;

/**
 * A format for year-first values the reader does not take without one (`20190102`,
 * `2019/01/02 10:00`): year first leaves no day/month doubt. Only when it reads every example.
 */
export function suggestion(examples: readonly DateExample[]): string | null {
  const first = examples[0]?.text ?? "";
  const time = (rest: string) =>
    rest === ""
      ? ""
      : /^[T ]\d{1,2}:\d{2}:\d{2}$/.test(rest)
        ? " HH:mm:ss"
        : /^[T ]\d{1,2}:\d{2}$/.test(rest)
          ? " HH:mm"
          : null;
  let format: string | null = null;
  const compact = /^(\d{4})\d{4}(.*)$/.exec(first);
  const separated = /^(\d{4})([/.])\d{1,2}\2\d{1,2}(.*)$/.exec(first);
  if (compact && time(compact[2] as string) !== null) format = `yyyyMMdd${time(compact[2] as string)}`;
  else if (separated && time(separated[3] as string) !== null)
    format = `yyyy${separated[2]}MM${separated[2]}dd${time(separated[3] as string)}`;
  if (format === null) return null;
  const compiled = compileDateFormat(format);
  return examples.every((e) => compiled.read(e.text) !== null) ? format : null;
}

function refusal(
  source: SourceDef,
  slaFile: string,
  name: string,
  column: number,
  d: Extract<LayoutDecision, { kind: "refused" }>,
): UserError {
  const [dmy, mdy] = d.formats;
  const choose = `date_format: "${dmy}" (day first) or date_format: "${mdy}" (month first) under ${slaPath(source)} in ${slaFile}`;
  const message =
    d.why === "ambiguous"
      ? `column "${name}": every date fits both day first and month first (${quote(d.examples)}), so its layout cannot be told from its values`
      : d.why === "conflict"
        ? `column "${name}" holds dates that can only be day first and dates that can only be month first (${quote(d.examples)}): a column has one layout`
        : `column "${name}": most values fit no date layout funnel-audit knows (${quote(d.examples)})`;
  const hint =
    d.why === "ambiguous"
      ? `add ${choose}`
      : d.why === "conflict"
        ? `export the column in one layout, or add ${choose} (values in the other layout then become findings)`
        : suggestion(d.examples)
          ? `add date_format: "${suggestion(d.examples)}" under ${slaPath(source)} in ${slaFile} (it reads ${quote(d.examples.slice(0, 1))})`
          : `add date_format: "…" under ${slaPath(source)} in ${slaFile}, written in the tokens yyyy yy MM M dd d HH H hh h mm ss a (e.g. "dd.MM.yyyy HH:mm")`;
  const line = d.examples[0]?.line ?? 1;
  const at = d.examples[0]?.at ?? { file: source.file, column: column + 1 };
  return new UserError(`${at.file}:${line}: ${message}`, [
    { severity: "error", file: at.file, line, column: at.column, message, hint },
  ]);
}

/**
 * The source's format from its columns' tallies: each column decides; a column whose values are
 * all ambiguous follows the other time-stamp columns of its file when they decided (one export,
 * one locale); columns that disagree are refused. Returns the format (null: nothing to decide)
 * and an info finding per decided column. Throws a UserError (exit 2) on a refusal.
 */
export function settleSourceDates(
  source: SourceDef,
  slaFile: string,
  header: readonly string[],
  tallies: ReadonlyMap<number, DateColumnTally>,
): { format: string | null; findings: Finding[] } {
  const hint = source.dateFormatDeclared ? null : source.dateFormat;
  const decisions = [...tallies].map(([col, t]) => ({ col, t, d: decideDateLayout(t, hint) }));
  const name = (col: number) => header[col] ?? `column ${col + 1}`;
  for (const { col, d } of decisions)
    if (d.kind === "refused" && d.why !== "ambiguous") throw refusal(source, slaFile, name(col), col, d);
  const byValues = decisions.filter((x) => x.d.kind === "decided" && x.d.by === "values");
  const orders = new Set(byValues.map((x) => (x.d as { order: DateOrder }).order));
  if (orders.size > 1) {
    const [a, b] = [
      byValues.find((x) => x.d.kind === "decided" && x.d.order === "dmy"),
      byValues.find((x) => x.d.kind === "decided" && x.d.order === "mdy"),
    ];
    const examples = [...(a?.t.examples.dmy.slice(0, 1) ?? []), ...(b?.t.examples.mdy.slice(0, 1) ?? [])];
    const col = a?.col ?? 0;
    throw refusal(source, slaFile, `${name(col)}" and "${name(b?.col ?? 0)}`, col, {
      kind: "refused",
      why: "conflict",
      examples,
      formats: [a?.t.formatFor("dmy") ?? "", b?.t.formatFor("mdy") ?? ""],
    });
  }
  const settled = [...orders][0];
  const findings: Finding[] = [];
  let format: string | null = null;
  for (const { col, t, d } of decisions) {
    if (d.kind === "none") continue;
    const ex = d.kind === "refused" ? t.examples.both[0] : d.evidence[0];
    const place = { file: ex?.at?.file ?? source.file, line: ex?.line ?? 0 };
    let message: string;
    let chosen: string;
    if (d.kind === "refused") {
      if (settled === undefined) throw refusal(source, slaFile, name(col), col, d);
      chosen = t.formatFor(settled);
      message = `column "${name(col)}" read ${orderWords(settled)} as "${chosen}": its ${t.counts.both} dates fit either order, the file's other date columns are ${orderWords(settled)}`;
    } else {
      chosen = d.format;
      message =
        d.by === "values"
          ? `column "${name(col)}" read ${orderWords(d.order)} as "${chosen}": ${t.counts[d.order]} of ${t.counts.dmy + t.counts.mdy + t.counts.both} dates${source.pattern ? ` in the files of ${source.pattern}` : ""} can only be ${orderWords(d.order)} (${quote(d.evidence.slice(0, 1))})`
          : `column "${name(col)}" read ${orderWords(d.order)} as "${chosen}", the ${source.preset ?? "preset"} preset's format: all ${t.counts.both} dates fit either order`;
    }
    if (format === null || chosen.length > format.length) format = chosen;
    findings.push(
      finding("date_layout", place, message, {
        column: ex?.at?.column ?? col + 1,
        hint: `if this is wrong, add date_format: "…" under ${slaPath(source)} in ${slaFile}`,
      }),
    );
  }
  return { format, findings };
}
