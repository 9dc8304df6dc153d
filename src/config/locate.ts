/** Finds where a path in a parsed YAML document stands in its text (1-based line and column). */

import {
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type LineCounter,
  type Node,
  type Pair,
  type YAMLMap,
} from "yaml";

export type DocPath = readonly (string | number)[];

export interface Position {
  line: number;
  column: number;
}

/** `handoffs[1].from` */
export function formatPath(path: DocPath): string {
  let out = "";
  for (const seg of path) out += typeof seg === "number" ? `[${seg}]` : out ? `.${seg}` : seg;
  return out;
}

/** A function giving the position of a path's value (or of its key) in the document. */
export function makeLocator(doc: Document, lineCounter: LineCounter) {
  const at = (offset: number): Position => {
    const p = lineCounter.linePos(offset);
    return { line: p.line, column: p.col };
  };
  // Each mapping's keys, indexed once: a look-up per issue stays cheap with thousands of keys.
  const keysOf = new WeakMap<object, Map<unknown, Pair>>();
  const pairOf = (map: YAMLMap, seg: string | number): Pair | undefined => {
    let keys = keysOf.get(map);
    if (!keys) {
      keys = new Map();
      for (const p of map.items)
        if (isPair(p) && isScalar(p.key) && !keys.has(p.key.value)) keys.set(p.key.value, p as Pair);
      keysOf.set(map, keys);
    }
    return keys.get(seg);
  };
  return (path: DocPath, part: "value" | "key" = "value"): Position => {
    // Walk down as far as the path exists; a missing key points at its parent.
    let node: unknown = doc.contents;
    let keyNode: Node | null = null;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = pairOf(node, seg);
        if (!pair) break;
        keyNode = pair.key as Node;
        node = pair.value;
      } else if (isSeq(node) && typeof seg === "number" && node.items[seg] !== undefined) {
        keyNode = null;
        node = node.items[seg];
      } else break;
    }
    const target = part === "key" && keyNode ? keyNode : (node as Node | null);
    const offset = target?.range?.[0] ?? 0;
    return at(offset);
  };
}

export type Locator = ReturnType<typeof makeLocator>;
