/** Reads an SLA file from disk and parses it, `file:` patterns listed. The only file access in config. */

import { describeFsError, type Issue, UserError } from "../errors.js";
import { notCsv } from "../ingest/csv/binary.js";
import { expandGlobs } from "../ingest/csv/globs.js";
import { UnreadableInput } from "../ingest/csv/row.js";
import { readSmallInput, STDIN } from "../ingest/csv/spool.js";
import { STDIN_NAME } from "./normalize.js";
import { type ParseResult, parseSlaConfig } from "./parse.js";
import { parseRates } from "./rates.js";

/**
 * Reads `file` (`-`: standard input, named `<stdin>`, whose sources are relative to the current
 * folder; a named pipe is read without blocking on its open); an unreadable file is a UserError (exit 2).
 */
export async function loadSlaConfig(path: string): Promise<ParseResult> {
  const file = path === STDIN ? STDIN_NAME : path;
  let text: string;
  try {
    text = decodeSla(await readSmallInput(path, file), file);
  } catch (err) {
    if (err instanceof UnreadableInput) throw slaUnreadable(file, err.why);
    if (err instanceof UserError) throw err;
    throw slaUnreadable(file, describeFsError(err));
  }
  // Line ends of any kind (a file saved with CR only reads as one line otherwise).
  const parsed = parseSlaConfig(text.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"), file);
  if (!parsed.config) return parsed;
  // A `file:` pattern (engagements, activities) becomes the files it matches.
  const { config, issues } = expandGlobs(parsed.config);
  issues.push(...(await loadRates(config)));
  const all = [...parsed.issues, ...issues];
  return { config: issues.length > 0 ? null : config, issues: all };
}

/** Reads `money.rates` into the config's rates; an unreadable file or a bad row is an issue. */
async function loadRates(config: NonNullable<ParseResult["config"]>): Promise<Issue[]> {
  const where = config.money?.ratesFile;
  if (!config.money || !where) return [];
  let text: string;
  try {
    text = (await readSmallInput(where.path, where.file)).toString("utf8");
  } catch (err) {
    const why = err instanceof UnreadableInput ? err.why : describeFsError(err);
    return [
      {
        severity: "error",
        file: config.file,
        line: where.line,
        column: where.column,
        path: "money.rates",
        message: `cannot read the rates file ${where.file}: ${why}`,
        hint: "name a CSV file with columns currency, rate, from, relative to the SLA file",
      },
    ];
  }
  const { rates, issues } = parseRates(text, where.file, config.timezone);
  config.money.rates = rates;
  return issues;
}

function slaUnreadable(file: string, why: string): UserError {
  return new UserError(`cannot read SLA file ${file}: ${why}`, [
    {
      severity: "error",
      file,
      line: 0,
      message: `cannot read the SLA file: ${why}`,
      hint: "pass an existing file with --sla, e.g. --sla sla.example.yaml",
    },
  ]);
}

/** The SLA file's text: UTF-8, or UTF-16 with or without a byte-order mark; not a binary file. */
function decodeSla(bytes: Buffer, file: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe && !(bytes[2] === 0 && bytes[3] === 0))
    return new TextDecoder("utf-16le").decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes);
  const what = notCsv(bytes.subarray(0, 4096), null);
  if (what?.includes("utf-16le")) return new TextDecoder("utf-16le").decode(bytes);
  if (what?.includes("utf-16be")) return new TextDecoder("utf-16be").decode(bytes);
  if (what)
    throw new UserError(`cannot read SLA file ${file}: not a YAML text file`, [
      {
        severity: "error",
        file,
        line: 0,
        message: `the SLA file is not text: ${what.replace(/, not CSV.*$/, "")}`,
        hint: "pass the YAML file with --sla (funnel-audit init drafts one)",
      },
    ]);
  return bytes.toString("utf8");
}
