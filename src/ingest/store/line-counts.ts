/** Distinct line numbers per file, a bit each: the rows coverage counts as used (linesByFile). */

/** A Set of millions of lines would cost a hundred MB; here a file's lines are bits, grown as needed. */
export class LineCounts {
  private readonly seen = new Map<number, { bits: Uint8Array; count: number }>();

  /** Notes line `line` of file `f` (a text id). */
  add(f: number, line: number): void {
    let file = this.seen.get(f);
    if (!file) {
      file = { bits: new Uint8Array(1024), count: 0 };
      this.seen.set(f, file);
    }
    if (line >> 3 >= file.bits.length) {
      const grown = new Uint8Array(Math.max(file.bits.length * 2, (line >> 3) + 1));
      grown.set(file.bits);
      file.bits = grown;
    }
    const bit = 1 << (line & 7);
    if ((file.bits[line >> 3] as number) & bit) return;
    file.bits[line >> 3] = (file.bits[line >> 3] as number) | bit;
    file.count++;
  }

  /** Each file noted and its count of distinct lines, in the order first noted. */
  *counts(): Iterable<[number, number]> {
    for (const [f, { count }] of this.seen) yield [f, count];
  }
}
