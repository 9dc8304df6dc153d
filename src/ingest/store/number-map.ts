/** A map from whole numbers to row numbers in typed arrays: nothing allocated per look-up. */

/**
 * A map from whole numbers (0 ≤ key < 2^53) to row numbers, in typed arrays with open addressing (linear probing, at most three quarters full).
 * The activity reducer holds one entry per (interval, rule, owner) seen: millions at a million
 * leads. In a `Map` each such key is a boxed number and each entry about 45 bytes of heap; here an
 * entry takes 12 to 24 bytes outside the heap, and nothing is allocated per lookup.
 */

const EMPTY = -1;
const TWO32 = 2 ** 32;

export class NumberMap {
  private keys: Float64Array;
  private values: Int32Array;
  private count = 0;

  /** `capacity` is rounded up to a power of two (the slot is the hash's low bits), at least 2. */
  constructor(capacity = 1024) {
    const size = 2 ** Math.max(1, Math.ceil(Math.log2(Math.max(2, capacity))));
    this.keys = new Float64Array(size).fill(EMPTY);
    this.values = new Int32Array(size);
  }

  get size(): number {
    return this.count;
  }

  /** The slot of `key`: where it is, or the empty slot where it would go. */
  private slot(key: number): number {
    const mask = this.keys.length - 1;
    let h = Math.imul((key >>> 0) ^ Math.imul(Math.floor(key / TWO32), 0x27d4eb2d), 0x9e3779b1);
    h ^= h >>> 15;
    let i = h & mask;
    for (;;) {
      const k = this.keys[i] as number;
      if (k === key || k === EMPTY) return i;
      i = (i + 1) & mask;
    }
  }

  /** The value of `key`, or -1. */
  get(key: number): number {
    const i = this.slot(key);
    return this.keys[i] === EMPTY ? -1 : (this.values[i] as number);
  }

  set(key: number, value: number): void {
    let i = this.slot(key);
    if (this.keys[i] === EMPTY) {
      if ((this.count + 1) * 4 > this.keys.length * 3) {
        this.grow();
        i = this.slot(key);
      }
      this.keys[i] = key;
      this.count++;
    }
    this.values[i] = value;
  }

  private grow(): void {
    const { keys, values } = this;
    this.keys = new Float64Array(keys.length * 2).fill(EMPTY);
    this.values = new Int32Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i] as number;
      if (k === EMPTY) continue;
      const j = this.slot(k);
      this.keys[j] = k;
      this.values[j] = values[i] as number;
    }
  }

  /** Calls f with every value. */
  eachValue(f: (value: number) => void): void {
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] !== EMPTY) f(this.values[i] as number);
  }
}
