/** The keys the SLA schema allows at a place in the document, for "did you mean" hints. */

import type { DocPath } from "./locate.js";
import { slaSchema } from "./schema.js";

/** The keys the schema allows at a path (walking objects, arrays, unions, records and optionals). */
export function validKeys(path: DocPath): string[] {
  type Def = {
    type?: string;
    innerType?: unknown;
    element?: unknown;
    shape?: Record<string, unknown>;
    catchall?: unknown;
    valueType?: unknown;
    options?: unknown[];
  };
  const defOf = (s: unknown): Def | undefined => {
    let cur = s as { def?: Def } | undefined;
    while (cur?.def && (cur.def.type === "optional" || cur.def.type === "default"))
      cur = cur.def.innerType as typeof cur;
    return cur?.def;
  };
  // The schemas a path segment leads to; a union (one source or a list) follows every option.
  const step = (s: unknown, seg: string | number): unknown[] => {
    const def = defOf(s);
    if (def?.type === "union") return (def.options ?? []).flatMap((o) => step(o, seg));
    if (def?.type === "array" && typeof seg === "number") return [def.element];
    if (def?.type === "record" && typeof seg === "string") return [def.valueType];
    if (def?.type === "object" && typeof seg === "string") {
      const next =
        def.shape?.[seg] ??
        (def.catchall && defOf(def.catchall)?.type !== "never" ? def.catchall : undefined);
      return next === undefined ? [] : [next];
    }
    return [];
  };
  let schemas: unknown[] = [slaSchema];
  for (const seg of path) schemas = schemas.flatMap((s) => step(s, seg));
  const keys = (s: unknown): string[] => {
    const def = defOf(s);
    if (def?.type === "union") return (def.options ?? []).flatMap(keys);
    return def?.type === "object" ? Object.keys(def.shape ?? {}) : [];
  };
  return [...new Set(schemas.flatMap(keys))];
}
