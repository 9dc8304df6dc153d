/** Problems in user input are data (`Issue`); only real bugs throw `InternalError`. */

import { printable } from "./text.js";
import type { Severity } from "./types.js";

/** One problem in a user's file: where it is, what is wrong, how to fix it. */
export interface Issue {
  severity: Severity;
  file: string;
  line: number;
  column?: number;
  /** Path inside a structured document, e.g. `handoffs[1].from`. */
  path?: string;
  message: string;
  hint?: string;
}

/**
 * A problem that stops the run with exit code 2 (bad usage, bad config, unreadable input). Its
 * message may quote the data (a header cell, a value), so it is made printable here, once.
 */
export class UserError extends Error {
  readonly issues: Issue[];
  constructor(message: string, issues: Issue[] = []) {
    super(printable(message));
    this.name = "UserError";
    this.issues = issues;
  }
}

/** A bug in funnel-audit itself: printed with a stack and a request to report it. */
export class InternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InternalError";
  }
}

/**
 * `file:line:col  severity  path: message (hint)`, one line, as linters print. Every part may
 * quote the data or a file name, so the whole line is made printable (a hint's line break stays).
 */
export function formatIssue(issue: Issue): string {
  // Line 0 means the whole file (it could not be read at all).
  const where =
    issue.line <= 0
      ? issue.file
      : issue.column
        ? `${issue.file}:${issue.line}:${issue.column}`
        : `${issue.file}:${issue.line}`;
  const path = issue.path ? `${issue.path}: ` : "";
  const hint = issue.hint ? `\n    hint: ${issue.hint}` : "";
  return printable(`${where}  ${issue.severity}  ${path}${issue.message}${hint}`);
}

/** Orders issues by file, line, column, then message, so output is stable. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  return [...issues].sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      a.line - b.line ||
      (a.column ?? 0) - (b.column ?? 0) ||
      compareText(a.message, b.message),
  );
}

/** Code-unit string order: locale-independent, so sorting is the same on every machine. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Why a file could not be read, in words a user acts on ("no such file", "it is a directory"). */
export function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") return "no such file";
  if (code === "EISDIR") return "it is a directory, not a file";
  if (code === "EACCES" || code === "EPERM") return "permission denied";
  return String(code ?? err);
}
