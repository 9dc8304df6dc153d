/** `funnel-audit init FILE…`: a starter SLA file from the headers and status values of the user's exports. */

import { existsSync, statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { Command } from "commander";
import { UserError } from "../../errors.js";
import { readCsvRows } from "../../ingest/read-csv.js";
import { type FileSummary, findColumn, findColumns } from "../../init/detect.js";
import { draftSla } from "../../init/draft.js";
import type { Io } from "../io.js";

const MAX_VALUES = 200;

/** Header, row count and the distinct values of the columns that may hold stages. */
async function summarize(path: string): Promise<FileSummary> {
  const values: Record<string, Map<string, number>> = {};
  let header: string[] | null = null;
  let rows = 0;
  let watched: number[] = [];
  let field = -1;
  for await (const row of readCsvRows(path, path)) {
    if (header === null) {
      header = row.cells.map((c) => c.trim());
      const columns = [
        ...findColumns(header, "stage"),
        ...findColumns(header, "old_value"),
        ...findColumns(header, "converted"),
      ];
      watched = columns.map((c) => (header as string[]).indexOf(c));
      for (const c of columns) values[c] = new Map();
      // Field-history files: only status rows carry stage values (not owner names or ids).
      const f = findColumn(header, "field");
      field = f === undefined ? -1 : header.indexOf(f);
      continue;
    }
    rows++;
    if (field >= 0 && !/^(lead )?status$/i.test(row.cells[field]?.trim() ?? "")) continue;
    for (const i of watched) {
      const v = row.cells[i]?.trim();
      const map = values[header[i] as string];
      if (!v || !map || (map.size >= MAX_VALUES && !map.has(v))) continue;
      map.set(v, (map.get(v) ?? 0) + 1);
    }
  }
  if (header === null) throw new UserError(`${path}: the file is empty`);
  return { path, header, rows, values, unique: new Set() };
}

export function initCommand(io: Io): Command {
  return new Command("init")
    .description(
      "draft an SLA file from your exports: stages from their status values, columns mapped, presets detected",
    )
    .argument(
      "<files...>",
      "the CSV exports (leads first helps; stage history, activities, other lead files)",
    )
    .option("--out <file>", "where to write the SLA file (- for stdout)", "sla.yaml")
    .option("--timezone <zone>", "the zone naive time stamps are in", "UTC")
    .option("--force", "overwrite an existing file")
    .action(async (files: string[], opts: { out: string; timezone: string; force?: boolean }) => {
      if (opts.out !== "-" && existsSync(opts.out) && !opts.force)
        throw new UserError(`${opts.out} exists; pass --force to overwrite it, or --out another file`);
      const summaries = [];
      for (const f of files) summaries.push(await summarize(f));
      const base = opts.out === "-" ? process.cwd() : dirname(resolve(opts.out));
      const text = draftSla(summaries, {
        timezone: opts.timezone,
        relative: (p) => relative(base, resolve(p)) || ".",
        writtenOn: (p) => statSync(p).mtime.toISOString().slice(0, 10),
      });
      if (opts.out === "-") io.stdout.write(text);
      else {
        await io.writeFile(opts.out, text);
        io.stderr.write(
          `wrote ${opts.out}: check the stage order and the TODO list, then run \`funnel-audit validate --sla ${opts.out}\`\n`,
        );
      }
    });
}
