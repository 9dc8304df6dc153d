/** Strings -> small numbers for a million keys, in two typed arrays sized once. */

/**
 * Strings -> small numbers, for a million keys (lead ids, e-mails). A `Map` of a million strings
 * took 0.7 s to fill and missed the cache on most look-ups; here the table is two typed arrays
 * (hash and number, open addressing, sized once) and the keys stay where they already are (the
 * caller's list), so filling it makes no object per key.
 */

export interface IdLookup {
  get(key: string): number | undefined;
}

/** FNV-1a over the UTF-16 code units. */
function hashOf(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return h | 0;
}

export class StringIndex implements IdLookup {
  private readonly hashes: Int32Array;
  /** The number stored under the slot's key, +1 (0: the slot is empty). */
  private readonly values: Int32Array;
  private readonly mask: number;
  private count = 0;

  /**
   * @param capacity the most keys it will hold
   * @param keyOf the key stored under a number (the caller keeps the keys: value i's key is keyOf(i))
   */
  constructor(
    capacity: number,
    private readonly keyOf: (value: number) => string,
  ) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.hashes = new Int32Array(size);
    this.values = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** The number stored under `key`, or undefined. */
  get(key: string): number | undefined {
    const h = hashOf(key);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const v = this.values[slot] as number;
      if (v === 0) return undefined;
      if (this.hashes[slot] === h && this.keyOf(v - 1) === key) return v - 1;
    }
  }

  has(key: string): boolean {
    return this.get(key) !== undefined;
  }

  /**
   * Gives every stored number the one `to` maps it to (the caller's keyOf must then answer for the
   * new numbers): a table filled with the numbers at hand (row numbers) becomes one of other numbers
   * (distinct ones) without hashing every key again.
   */
  renumber(to: (value: number) => number): void {
    const values = this.values;
    for (let slot = 0; slot < values.length; slot++) {
      const v = values[slot] as number;
      if (v !== 0) values[slot] = to(v - 1) + 1;
    }
  }

  /**
   * Stores `value` under its key (keyOf(value)) unless the key is there already; returns the number
   * already stored under it, or undefined when `value` was stored.
   */
  add(value: number): number | undefined {
    const key = this.keyOf(value);
    const h = hashOf(key);
    for (let slot = h & this.mask; ; slot = (slot + 1) & this.mask) {
      const v = this.values[slot] as number;
      if (v === 0) {
        if (this.count * 2 >= this.values.length) throw new Error("StringIndex is full");
        this.hashes[slot] = h;
        this.values[slot] = value + 1;
        this.count++;
        return undefined;
      }
      if (this.hashes[slot] === h && this.keyOf(v - 1) === key) return v - 1;
    }
  }
}
