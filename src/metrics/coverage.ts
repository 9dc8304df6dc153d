/** What the figures rest on: every row read is counted used or not used, so a gap shows. */

/**
 * What the figures rest on (docs/definitions.md, coverage): every row read is used or not used,
 * each counted on its own (rows by the reader, used where a row enters the figures, not used from
 * the findings that drop rows), so a row counted in neither shows as a gap, never as a figure.
 */

import { FINDING_KINDS, type FindingCode, finding } from "../findings.js";
import type { Dataset } from "../ingest/dataset.js";
import { count } from "../text.js";
import type { Finding, Millis, SlaConfig } from "../types.js";
import type { Coverage, CoverageCause, FileRows } from "./types.js";

/** Rows that are not data of the audit by design: they never count against the threshold. */
const NOT_DATA = new Set<string>([
  "report_footer",
  "summary_row",
  "other_field",
  "owner_id_row",
  "after_as_of",
  "repeated_header",
]);
/**
 * Activity rows about no lead of the leads file (a task on an account, a call to a contact who
 * never was a lead, an activity with no contact) are outside the audit, not lost: they count
 * against the threshold only when they are most of their file, which says the join is wrong.
 */
const OUTSIDE_LEADS = new Set<string>([
  "unknown_lead",
  "missing_id",
  "engagement_unknown_lead",
  "opportunity_unknown_lead",
]);

/** Rows of the leads file that are no lead at all (a report's footer and totals rows). */
const NOT_LEADS = new Set<string>(["report_footer", "summary_row", "repeated_header"]);

/** What each dropping finding means, in the coverage line. */
const CAUSES: Partial<Record<FindingCode, string>> = {
  bad_created_time: "creation time unreadable",
  duplicate_lead: "duplicate ids",
  missing_id: "no id",
  report_footer: "footer lines",
  summary_row: "totals rows between data rows",
  repeated_header: "header rows repeated mid-file",
  ambiguous_email: "e-mail shared by several leads",
  after_as_of: "after the as-of",
  bad_timestamp: "time stamp unreadable",
  missing_value: "required value empty",
  unknown_stage: "stage value not in the SLA",
  unknown_lead: "naming no lead of the leads file",
  engagement_unknown_lead: "naming no lead of the leads file",
  engagement_type_unmapped: "type no rule names (list it under ignore:)",
  engagement_time_unreadable: "time stamp unreadable",
  engagement_date_only: "date without a time (date_only: reject)",
  implausible_date: "implausible date",
  duplicate_rep: "duplicate rep ids",
  owner_id_row: "owner rows logged twice",
  other_field: "rows about other fields",
  opportunity_unknown_lead: "naming no lead of the leads file",
  opportunity_duplicate: "opportunities listed twice",
  opportunity_history_unknown: "history of no opportunity read",
};

/** The rows each file's dropping findings count, by file then code. */
function droppedBy(findings: readonly Finding[]): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const f of findings) {
    if (!FINDING_KINDS[f.code as FindingCode]?.drops) continue;
    let codes = out.get(f.place.file);
    if (!codes) {
      codes = new Map();
      out.set(f.place.file, codes);
    }
    codes.set(f.code, (codes.get(f.code) ?? 0) + 1);
  }
  return out;
}

const sumOf = (m: Map<string, number> | undefined, keep: (code: string) => boolean = () => true) =>
  [...(m ?? [])].reduce((n, [code, k]) => (keep(code) ? n + k : n), 0);

/** Rows used per file, each counted where it enters the figures (never as rows - not used). */
function usedBy(dataset: Dataset, config: SlaConfig, asOf: Millis, leadsUsed: number): Map<string, number> {
  const used = new Map<string, number>();
  const add = (file: string, n: number) => used.set(file, (used.get(file) ?? 0) + n);
  const leadsFile = config.sources.leads.file;
  // History and wide rows kept, dated up to as-of (the leads file's own are its leads, below).
  for (const [file, n] of dataset.history.linesByFile((at) => at <= asOf))
    if (file !== leadsFile) add(file, n);
  // Activities, reps, references: counted as they entered; activities after as-of are kept but not used.
  for (const [file, n] of Object.entries(dataset.usedRows ?? {})) add(file, n);
  for (const [file, n] of dataset.activities.linesByFile((at) => at > asOf)) add(file, -n);
  for (const [file, n] of dataset.engagements?.linesByFile((at) => at > asOf) ?? []) add(file, -n);
  add(leadsFile, leadsUsed);
  return used;
}

/** The field whose column a cause is about. */
const CAUSE_FIELD: Partial<Record<FindingCode, string[]>> = {
  bad_created_time: ["created_at"],
  missing_id: ["id", "lead_id", "lead_email"],
  unknown_lead: ["lead_id", "lead_email"],
  engagement_unknown_lead: ["lead_id", "lead_email"],
  opportunity_unknown_lead: ["lead_id", "lead_email"],
  engagement_time_unreadable: ["at"],
  engagement_type_unmapped: ["type"],
  bad_timestamp: ["at", "stage_at"],
  unknown_stage: ["stage"],
  ambiguous_email: ["lead_email"],
};

/** `text` with the column the file's field was read from, when the cause is about one column. */
function causeText(code: string, file: string, dataset: Dataset, config: SlaConfig): string {
  const what = CAUSES[code as FindingCode] ?? code;
  const read = dataset.columns?.[file] ?? {};
  const fields = CAUSE_FIELD[code as FindingCode] ?? [];
  const headers = [...new Set(fields.flatMap((f) => read[f] ?? []))];
  // Without the reader's record (a dataset built in a test), the SLA's candidates for the created time.
  const column =
    headers.length > 0
      ? headers
      : code === "bad_created_time"
        ? config.sources.leads.columns.created_at
        : undefined;
  return column?.length ? `${what} (column ${column.join(" or ")})` : what;
}

/**
 * The inputs' rows and the coverage headline. Pushes a `rows_unaccounted` finding (an error) for
 * each file whose independent counts disagree: the report shows the gap rather than hiding it.
 */
export function computeCoverage(
  dataset: Dataset,
  config: SlaConfig,
  asOf: Millis,
  leadsUsed: number,
  findings: Finding[],
): { files: FileRows[]; coverage: Coverage } {
  const dropped = droppedBy(findings);
  const used = usedBy(dataset, config, asOf, leadsUsed);
  const judge = new NotData(dataset, config, dropped);
  const files = fileRows(dataset, used, dropped, findings);
  const leadsFile = config.sources.leads.file;
  const leadCodes = dropped.get(leadsFile);
  // Footer and totals rows are rows of the file, not leads.
  const leadRows = (dataset.rowCounts[leadsFile] ?? 0) - sumOf(leadCodes, (c) => NOT_LEADS.has(c));
  const leadsNotUsed = sumOf(leadCodes, (c) => !NOT_LEADS.has(c));
  const leads = {
    rows: leadRows,
    used: leadsUsed,
    not_used: leadsNotUsed,
    unaccounted: leadRows - leadsUsed - leadsNotUsed,
  };
  const causes = coverageCauses(dataset, config, dropped, findings, judge);
  const max = config.maxNotUsed;
  const over = files.flatMap((f) => {
    const outside = sumOf(dropped.get(f.file), (c) => judge.notData(f.file, c));
    const base = f.rows - outside;
    const share = base > 0 ? (f.not_used - outside) / base : 0;
    return share > max ? [{ file: f.file, rows: base, not_used: f.not_used - outside, share }] : [];
  });
  const leadCauses = causes.filter((c) => c.file === leadsFile && !NOT_LEADS.has(c.code));
  const line =
    `${count(leads.used)} of ${count(leads.rows)} leads` +
    (leads.not_used
      ? `; ${count(leads.not_used)} not used: ${leadCauses.map((c) => `${count(c.count)} ${c.cause}`).join(", ")}`
      : "") +
    (leads.unaccounted
      ? `; ${count(Math.abs(leads.unaccounted))} unaccounted for (a bug: please report)`
      : "");
  return {
    files,
    coverage: {
      line,
      leads,
      causes,
      max_not_used: max,
      over,
      warning: over.length ? warningText(over, causes, max) : null,
    },
  };
}

/** Which not-used rows are not data of the audit (never counted against the threshold). */
class NotData {
  readonly activityFiles: Set<string>;
  constructor(
    private readonly dataset: Dataset,
    config: SlaConfig,
    private readonly dropped: Map<string, Map<string, number>>,
  ) {
    // Engagement exports (Marketo, Pardot) hold anonymous visitors and contacts too: the same rule.
    this.activityFiles = new Set(
      [...config.sources.activities, ...config.sources.engagements].map((a) => a.file),
    );
  }

  /** An activities file whose rows about no lead are at most half of it. */
  outsideIsFew(file: string): boolean {
    return (
      this.activityFiles.has(file) &&
      sumOf(this.dropped.get(file), (c) => OUTSIDE_LEADS.has(c)) * 2 <= (this.dataset.rowCounts[file] ?? 0)
    );
  }

  notData(file: string, code: string): boolean {
    return NOT_DATA.has(code) || (OUTSIDE_LEADS.has(code) && this.outsideIsFew(file));
  }
}

/** Rows read, used and not used per file; a `rows_unaccounted` finding where they disagree. */
function fileRows(
  dataset: Dataset,
  used: Map<string, number>,
  dropped: Map<string, Map<string, number>>,
  findings: Finding[],
): FileRows[] {
  return Object.entries(dataset.rowCounts).map(([file, rows]) => {
    const row = { file, rows, used: used.get(file) ?? 0, not_used: sumOf(dropped.get(file)) };
    const gap = rows - row.used - row.not_used;
    if (gap !== 0)
      findings.push(
        finding(
          "rows_unaccounted",
          { file, line: 1 },
          `${count(rows)} rows read, ${count(row.used)} used, ${count(row.not_used)} not used: ${count(Math.abs(gap))} ${gap > 0 ? "counted in neither" : "counted twice"}`,
        ),
      );
    return row;
  });
}

/** Every dropping finding's count per file and code, with its cause and fix, leads file first. */
function coverageCauses(
  dataset: Dataset,
  config: SlaConfig,
  dropped: Map<string, Map<string, number>>,
  findings: readonly Finding[],
  judge: NotData,
): CoverageCause[] {
  const leadsFile = config.sources.leads.file;
  const causes: CoverageCause[] = [];
  // Ids a spreadsheet wrote in scientific notation collide: the duplicates' fix is a new export.
  const mangled = new Set(findings.filter((f) => f.code === "spreadsheet_id").map((f) => f.place.file));
  for (const [file, codes] of dropped)
    for (const [code, n] of codes) {
      const spreadsheet = code === "duplicate_lead" && mangled.has(file);
      // Most of an activities file about no lead: a wrong join, or a file of other records' activities.
      const join = OUTSIDE_LEADS.has(code) && judge.activityFiles.has(file) && !judge.outsideIsFew(file);
      causes.push({
        file,
        code,
        count: n,
        cause: spreadsheet
          ? "duplicate ids (written in scientific notation by a spreadsheet)"
          : causeText(code, file, dataset, config),
        fix: join
          ? "map lead_id: to the column that names the lead (or lead_email: to its e-mail); if the file also holds activities on other records (contacts, accounts), export only those on leads, or raise coverage.max_not_used"
          : (FINDING_KINDS[spreadsheet ? "spreadsheet_id" : (code as FindingCode)]?.hint ?? ""),
        not_data: judge.notData(file, code),
      });
    }
  return causes.sort(
    (a, b) =>
      Number(b.file === leadsFile) - Number(a.file === leadsFile) ||
      b.count - a.count ||
      (a.file < b.file ? -1 : a.file > b.file ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
}

function warningText(over: Coverage["over"], causes: readonly CoverageCause[], max: number): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const files = over.map((o) => `${o.file}: ${count(o.not_used)} of ${count(o.rows)} rows (${pct(o.share)})`);
  const main = causes
    .filter((c) => !c.not_data)
    .slice(0, 3)
    .map((c) => `${count(c.count)} ${c.cause} in ${c.file} (fix: ${c.fix})`);
  return `more than ${pct(max)} of the rows are not used (coverage.max_not_used): ${files.join("; ")}. Main causes: ${main.join("; ")}.`;
}
