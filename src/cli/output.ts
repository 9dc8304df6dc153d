/** What a command writes (a text or its pieces), and the pieces joined into runs of about 1 MB. */

/** What a command writes: a text, or its pieces in order (a large JSON report is never one string). */
export type Output = string | Iterable<string>;

/** The pieces of an output joined into runs of about 1 MB: few writes, bounded memory. */
export function* runs(output: Output, size = 1 << 20): Generator<string> {
  if (typeof output === "string") return yield output;
  let run: string[] = [];
  let length = 0;
  for (const piece of output) {
    run.push(piece);
    length += piece.length;
    if (length >= size) {
      yield run.join("");
      run = [];
      length = 0;
    }
  }
  if (run.length > 0) yield run.join("");
}
