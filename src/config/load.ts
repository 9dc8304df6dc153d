/** Reads an SLA file from disk and parses it, `file:` patterns listed. The only file access in config. */

import { describeFsError, UserError } from "../errors.js";
import { notCsv } from "../ingest/csv/binary.js";
import { expandGlobs } from "../ingest/csv/globs.js";
import { UnreadableInput } from "../ingest/csv/row.js";
import { readSmallInput, STDIN } from "../ingest/csv/spool.js";
import { STDIN_NAME } from "./normalize.js";
import { type ParseResult, parseSlaConfig } from "./parse.js";

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
  const all = [...parsed.issues, ...issues];
  return { config: issues.length > 0 ? null : config, issues: all };
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
