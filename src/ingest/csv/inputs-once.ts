/** Each input read once: standard input feeds one input, a file listed twice is refused. */

/**
 * Each input read once: standard input (`-`) can feed one input of a run, and one file listed
 * twice under a kind of source would count its rows twice. The SLA rules compare the paths as
 * written (rules.ts, sourcesOnce); this compares the files themselves (device and inode), so a
 * symlink, a hard link or `../x/` cannot hide the second listing.
 */

import { stat } from "node:fs/promises";
import { STDIN_NAME } from "../../config/normalize.js";
import { type Issue, UserError } from "../../errors.js";
import { allSources, type SlaConfig, type SourceDef } from "../../types.js";
import { STDIN } from "./spool.js";

/** Device and inode of the file a path names (through links), or null (missing: the reader says so). */
async function identity(path: string): Promise<string | null> {
  if (path === STDIN) return null;
  try {
    const s = await stat(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}

/** Where an issue about a source points: its `file:` in the SLA file when known. */
function at(source: SourceDef, slaFile: string): Pick<Issue, "file" | "line" | "column" | "path"> {
  return source.declared
    ? {
        file: slaFile,
        line: source.declared.line,
        column: source.declared.column,
        path: source.declared.path,
      }
    : { file: slaFile, line: 0 };
}

/**
 * Refuses (exit 2) a run where `-` names more than one input (`slaArg` is --sla as given), or
 * where one kind of source lists the same file twice by different paths.
 */
export async function checkInputsOnce(slaArg: string, config: SlaConfig): Promise<void> {
  const sources = allSources(config);
  const fromStdin = [
    ...(slaArg === STDIN ? ["--sla -"] : []),
    ...sources.filter((s) => s.path === STDIN).map((s) => s.declared?.path ?? `sources.${s.kind}`),
  ];
  if (fromStdin.length > 1) {
    const message = `standard input can be read once, and ${fromStdin.join(" and ")} both name it (-)`;
    const hint = "give every input but one as a file, or as a named pipe: <(command) or mkfifo";
    const first = sources.find((s) => s.path === STDIN);
    throw new UserError(`${config.file}: ${message}`, [
      {
        severity: "error",
        ...(first ? at(first, config.file) : { file: STDIN_NAME, line: 0 }),
        message,
        hint,
      },
    ]);
  }
  const issues: Issue[] = [];
  const seen = new Map<string, SourceDef>();
  for (const source of sources) {
    const id = await identity(source.path);
    if (id === null) continue;
    const key = `${source.kind} ${id}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, source);
      continue;
    }
    // Different text, same file: a symlink, a hard link or another spelling of the path.
    const message = `${source.file} is the same file as ${first.file} (listed under sources.${first.kind} already, through a link or another path): its rows would count twice`;
    issues.push({ severity: "error", ...at(source, config.file), message, hint: "list each file once" });
  }
  if (issues.length > 0) throw new UserError(`${config.file}: the same file is listed twice`, issues);
}
