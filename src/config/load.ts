/** Reads an SLA file from disk and parses it. The only file access in config. */

import { readFile } from "node:fs/promises";
import { describeFsError, UserError } from "../errors.js";
import { type ParseResult, parseSlaConfig } from "./parse.js";

/** Reads `file`; an unreadable file is a UserError (exit 2). */
export async function loadSlaConfig(file: string): Promise<ParseResult> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    const why = describeFsError(err);
    throw new UserError(`cannot read SLA file ${file}: ${why}`, [
      {
        severity: "error",
        file,
        line: 0,
        message: `cannot read the SLA file: ${why}`,
        hint: "pass an existing file with --sla, e.g. --sla sla.example.yaml",
      },
    ]);
  }
  return parseSlaConfig(text.replace(/^\uFEFF/, ""), file);
}
