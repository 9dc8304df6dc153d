/** Finds where a path in a parsed YAML document stands in its text (1-based line and column). */

import { type Document, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from "yaml";

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
  return (path: DocPath, part: "value" | "key" = "value"): Position => {
    // Walk down as far as the path exists; a missing key points at its parent.
    let node: unknown = doc.contents;
    let keyNode: Node | null = null;
    for (const seg of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && p.key.value === seg);
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
