/** `file:` with `*` or `?` in its last segment (Marketo's ≤31-day extracts, Pardot's split exports): every match, sorted. */

import { readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { Issue } from "../../errors.js";
import type { SlaConfig, SourceDef } from "../../types.js";

/** True when the path's last segment is a pattern (a folder part is taken as written). */
export const isGlob = (path: string): boolean => /[*?]/.test(basename(path));

/** The pattern as a regular expression: `*` any run of characters, `?` one; the rest literal. */
function matcher(pattern: string): RegExp {
  const body = [...pattern]
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[\\^$.+()[\]{}|]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`);
}

/** The files of the folder whose names match, in sorted order (code units: the same on every machine). */
export function globFiles(path: string): string[] {
  const dir = dirname(path);
  const re = matcher(basename(path));
  let entries: { name: string; isFile(): boolean }[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  const names = entries.filter((e) => e.isFile() && re.test(e.name)).map((e) => e.name);
  return names.sort().map((n) => join(dir, n));
}

/**
 * The config with each engagements and activities source whose `file:` is a pattern replaced by
 * one source per matching file, in sorted order (read one after another: one source, each row's
 * place naming its own file). A pattern matching nothing is an issue at its line in the SLA file.
 */
export function expandGlobs(config: SlaConfig): { config: SlaConfig; issues: Issue[] } {
  const issues: Issue[] = [];
  const expand = (sources: SourceDef[]) =>
    sources.flatMap((s) => {
      if (s.path === "-" || !isGlob(s.path)) return [s];
      const files = globFiles(s.path);
      if (files.length === 0) issues.push(noMatch(config.file, s));
      return files.map((f) => ({ ...s, file: f, path: f, pattern: s.file }));
    });
  const { sources } = config;
  const engagements = expand(sources.engagements ?? []);
  const activities = expand(sources.activities);
  return { config: { ...config, sources: { ...sources, engagements, activities } }, issues };
}

function noMatch(slaFile: string, s: SourceDef): Issue {
  const d = s.declared;
  return {
    severity: "error",
    file: d ? slaFile : s.file,
    line: d?.line ?? 0,
    ...(d ? { column: d.column, path: d.path } : {}),
    message: `no file matches ${s.file}`,
    hint: `check the folder ${dirname(s.file)} and the pattern (* any characters, ? one; in the file name only)`,
  };
}
