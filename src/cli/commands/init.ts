/** `funnel-audit init FILE…`: a starter SLA file from the headers and status values of the user's exports. */

import { existsSync, fstatSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { Command } from "commander";
import { UserError } from "../../errors.js";
import type { FileSummary } from "../../init/detect.js";
import type { DateColumnTally } from "../../time/date-layout.js";
import type { Finding } from "../../types.js";
import type { Io } from "../io.js";

const MAX_VALUES = 200;

/** The modules summarize needs, loaded when init runs, not at every start (docs/performance.md, Start-up). */
const loadModules = async () => {
  const [presets, dateLayout, footer, readCsv, detect, spool, normalize, engagements, lookups] =
    await Promise.all([
      import("../../config/presets.js"),
      import("../../time/date-layout.js"),
      import("../../ingest/csv/footer.js"),
      import("../../ingest/csv/read-csv.js"),
      import("../../init/detect.js"),
      import("../../ingest/csv/spool.js"),
      import("../../config/normalize.js"),
      import("../../init/engagements.js"),
      import("../../init/lookups.js"),
    ]);
  return { presets, dateLayout, footer, readCsv, detect, spool, normalize, engagements, lookups };
};
type Modules = Awaited<ReturnType<typeof loadModules>>;

/** What a file's header says to collect: the stage-like columns' values, and every column's dates. */
interface Watch {
  header: string[];
  values: Record<string, Map<string, number>>;
  /** The indexes of the columns whose distinct values are counted. */
  watched: number[];
  /** The index of a field-history file's field column, else -1. */
  field: number;
  /** An engagements export's two type columns, counted together (their key: typeValuesKey). */
  pair: [number, number, string] | null;
  /** An accounts export's key candidates: the values seen, null once one is empty or repeated. */
  keys: Map<number, Set<string> | null>;
  dates: Map<number, DateColumnTally>;
}

/** Reads the header: which columns to count values of, and a date tally per column (a preset hints its layout). */
function watchHeader(
  cells: string[],
  path: string,
  { presets, dateLayout, detect, engagements, lookups }: Modules,
): Watch {
  const header = cells.map((c) => c.trim());
  const preset = detect.detectPreset(header);
  const hint = preset ? (presets.PRESETS[preset.preset][preset.kind]?.dateFormat ?? null) : null;
  // Every column's values against the numeric date layouts: init writes the date_format they decide.
  const dates = new Map(header.map((_, i) => [i, dateLayout.tallyFor(hint)]));
  const columns = [
    ...detect.findColumns(header, "stage"),
    ...detect.findColumns(header, "old_value"),
    ...detect.findColumns(header, "converted"),
  ];
  // An engagements export's raw types: init drafts its types: from them (init/engagements.ts).
  const typed = engagements.engagementShapeOf(header, path)?.type ?? [];
  if (typed.length === 1) columns.push(typed[0] as string);
  const values: Record<string, Map<string, number>> = {};
  for (const c of columns) values[c] = new Map();
  // Field-history files: only status rows carry stage values (not owner names or ids).
  const f = detect.findColumn(header, "field");
  const field = f === undefined ? -1 : header.indexOf(f);
  const pair: Watch["pair"] =
    typed.length === 2
      ? [
          header.indexOf(typed[0] as string),
          header.indexOf(typed[1] as string),
          engagements.typeValuesKey(typed),
        ]
      : null;
  if (pair) values[pair[2]] = new Map();
  const accounts = detect.recognizeFile(header)?.role === "lookup";
  const keys = new Map(
    (accounts ? lookups.keyCandidates(header) : []).map((c): [number, Set<string> | null] => [
      header.indexOf(c),
      new Set(),
    ]),
  );
  return { header, values, watched: columns.map((c) => header.indexOf(c)), field, dates, pair, keys };
}

/** Adds one data row: its dates to each column's tally, its status values to the counts. */
function tallyRow(
  w: Watch,
  row: { cells: string[]; line: number },
  { DATA, rowShape }: Modules["footer"],
): void {
  if (row.cells.length > 1)
    for (const [i, t] of w.dates) {
      const v = row.cells[i];
      if (v !== undefined && v.trim() !== "") t.add(v, row.line);
    }
  if (w.field >= 0 && !/^(lead )?status$/i.test(row.cells[w.field]?.trim() ?? "")) return;
  // A totals or footer row (numbers only, "Grand Totals", a copyright line) holds no status value.
  if (rowShape(row.cells) !== DATA) return;
  for (const [i, seen] of w.keys) {
    const v = row.cells[i]?.trim() ?? "";
    if (seen && (v === "" || seen.has(v))) w.keys.set(i, null);
    else seen?.add(v);
  }
  const count = (map: Map<string, number> | undefined, v: string | undefined) => {
    if (!v || !map || (map.size >= MAX_VALUES && !map.has(v))) return;
    map.set(v, (map.get(v) ?? 0) + 1);
  };
  for (const i of w.watched) count(w.values[w.header[i] as string], row.cells[i]?.trim());
  if (w.pair) {
    const [a, b, key] = w.pair;
    const cells = [row.cells[a]?.trim() ?? "", row.cells[b]?.trim() ?? ""];
    if (cells.some((c) => c !== "")) count(w.values[key], cells.join("\u0000"));
  }
}

/** Header, row count and the distinct values of the columns that may hold stages. */
async function summarize(path: string): Promise<FileSummary> {
  const modules = await loadModules();
  const { STDIN } = modules.spool;
  let watch: Watch | null = null;
  let rows = 0;
  const notes: Finding[] = [];
  const file = path === STDIN ? modules.normalize.STDIN_NAME : path;
  for await (const row of modules.readCsv.readCsvRows(path, file, undefined, null, undefined, {
    findings: notes,
  })) {
    if (watch === null) watch = watchHeader(row.cells, path, modules);
    else {
      rows++;
      tallyRow(watch, row, modules.footer);
    }
  }
  if (watch === null) throw new UserError(`${file}: the file is empty`);
  // A file that is not UTF-8 was read as Windows-1252: the draft says so, so the audit reads it the same way.
  const encoding = notes.some((n) => n.code === "encoding_detected") ? { encoding: "windows-1252" } : {};
  const { header, values, dates } = watch;
  const unique = new Set(
    [...watch.keys].filter(([, seen]) => seen !== null).map(([i]) => header[i] as string),
  );
  return { path, header, rows, values, unique, dates, ...encoding };
}

/** This package's schema file (dist/cli/commands/init.js or src/cli/commands/init.ts: three folders up). */
const ownSchema = fileURLToPath(new URL("../../../schema/sla.schema.json", import.meta.url));

/**
 * The `$schema` path as the editor resolves it from the draft's folder: the project's own
 * install (node_modules/funnel-audit) when there is one, else the schema of the package running
 * now: the clone, a global install, or the npx cache.
 */
export function schemaPathFrom(folder: string, own = ownSchema): string {
  const local = join(folder, "node_modules", "funnel-audit", "schema", "sla.schema.json");
  const path = relative(folder, existsSync(local) ? local : own)
    .split(sep)
    .join("/");
  return path.startsWith(".") || path.startsWith("/") ? path : `./${path}`;
}

export function initCommand(io: Io): Command {
  return new Command("init")
    .description(
      "draft an SLA file from your exports: stages from their status values, columns mapped, presets detected",
    )
    .argument(
      "<files...>",
      "the CSV exports in any order (leads, stage history, activities, users); each is recognised by its columns",
    )
    .option("--out <file>", "where to write the SLA file (- for stdout)", "sla.yaml")
    .option("--timezone <zone>", "the zone naive time stamps are in", "UTC")
    .option("--force", "overwrite an existing file")
    .action(async (files: string[], opts: { out: string; timezone: string; force?: boolean }) => {
      // A regular file is not replaced without --force; /dev/stdout, a FIFO or `>(…)` is written to.
      if (opts.out !== "-" && existsSync(opts.out) && statSync(opts.out).isFile() && !opts.force)
        throw new UserError(`${opts.out} exists; pass --force to overwrite it, or --out another file`);
      const { STDIN } = await import("../../ingest/csv/spool.js");
      if (files.filter((f) => f === STDIN).length > 1)
        throw new UserError("standard input can be read once: give - for one file only");
      const summaries = [];
      // A file named twice (a shell glob over a file also named) is read once.
      const seen = new Set<string>();
      for (const f of files) {
        if (seen.has(resolve(f))) continue;
        seen.add(resolve(f));
        summaries.push(await summarize(f));
      }
      const base = opts.out === "-" ? process.cwd() : dirname(resolve(opts.out));
      const { draftSla } = await import("../../init/draft.js");
      const text = draftSla(summaries, {
        timezone: opts.timezone,
        // `-` stays `-`: the audit reads that source from its standard input too.
        relative: (p) => (p === STDIN ? STDIN : relative(base, resolve(p)) || "."),
        schema: schemaPathFrom(base),
        writtenOn: (p) => (p === STDIN ? fstatSync(0) : statSync(p)).mtime.toISOString().slice(0, 10),
      });
      if (opts.out === "-") io.stdout.write(text);
      else {
        // Not even --force replaces an export with the draft, by whatever path it is named.
        io.protect(files);
        await io.writeFile(opts.out, text);
        io.stderr.write(
          `wrote ${opts.out}: check the stage order and the TODO list, then run \`funnel-audit validate --sla ${opts.out}\`\n`,
        );
      }
    });
}
