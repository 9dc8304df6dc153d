/** A set of row numbers 0 … n − 1 in one bit each (which rows group() left out: ten million rows in 1.2 MB). */
export class Bits {
  readonly words: Uint32Array;

  /** `shared`: on a SharedArrayBuffer, which another thread reads with Bits.over(words). */
  constructor(n: number, shared = false) {
    const bytes = Math.ceil(n / 32) * 4;
    this.words = new Uint32Array(shared ? new SharedArrayBuffer(bytes) : new ArrayBuffer(bytes));
  }

  /** The set another thread made on shared words. */
  static over(words: Uint32Array): Bits {
    const b = new Bits(0);
    (b as { words: Uint32Array }).words = words;
    return b;
  }

  has(i: number): boolean {
    return (((this.words[i >>> 5] as number) >>> (i & 31)) & 1) === 1;
  }

  add(i: number): void {
    this.words[i >>> 5] = (this.words[i >>> 5] as number) | (1 << (i & 31));
  }
}
