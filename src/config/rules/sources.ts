/** SLA rule on the sources: a file listed twice in one kind would count its rows twice. */

import { posix } from "node:path";
import { isObj, type RuleContext, str } from "./context.js";

/** The SLA file's sources by kind: a path listed twice in one kind would count its rows twice. */
export function sourcesOnce({ root, file, report }: RuleContext): void {
  const sources = isObj(root.sources) ? root.sources : {};
  const base = posix.dirname(file.replaceAll("\\", "/"));
  for (const [kind, value] of Object.entries(sources)) {
    const many = Array.isArray(value);
    const seen = new Map<string, number>();
    (many ? value : [value]).forEach((s, i) => {
      const path = isObj(s) ? str(s.file) : undefined;
      if (path === undefined) return;
      const p = path.replaceAll("\\", "/");
      const key = posix.normalize(posix.isAbsolute(p) ? p : posix.join(base, p));
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else
        report(
          many ? ["sources", kind, i, "file"] : ["sources", kind, "file"],
          `"${path}" is already listed under sources.${kind}[${first}]: its rows would count twice`,
          "list each file once",
        );
    });
  }
}
