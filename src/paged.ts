/** Numbers kept in pages: growing never copies what is already there. */

const PAGE_BITS = 16;
/** Rows per page: 65,536 (256 KB of Int32, 512 KB of Float64). */
const PAGE = 1 << PAGE_BITS;
const MASK = PAGE - 1;

/**
 * A column of numbers in pages of 65,536 rows. Growing never copies: a full page stays where it
 * is and a new one is added, so no outgrown array waits for a full collection to be freed (they
 * are memory outside the heap, and at a million leads those copies were a few hundred MB). Only
 * the first page grows by doubling, so a small file does not take a whole page per column.
 */
export class Column {
  private pages: (Int32Array | Float64Array)[] = [];
  constructor(private readonly float: boolean) {}

  /** A column reading the pages another thread's column shared (share()); never grown after. */
  static over(float: boolean, pages: readonly (Int32Array | Float64Array)[]): Column {
    const c = new Column(float);
    c.pages = [...pages];
    return c;
  }

  /**
   * Moves the pages onto SharedArrayBuffers (toShared) and gives them, for Column.over in another
   * thread; the column reads the shared pages from then on.
   */
  share(): (Int32Array | Float64Array)[] {
    this.pages = this.pages.map(toShared);
    return [...this.pages];
  }

  get(i: number): number {
    return (this.pages[i >>> PAGE_BITS] as Int32Array | Float64Array)[i & MASK] as number;
  }

  set(i: number, v: number): void {
    const p = i >>> PAGE_BITS;
    const k = i & MASK;
    let page = this.pages[p];
    if (page === undefined || k >= page.length) {
      while (this.pages.length < p) this.pages.push(this.page(PAGE));
      const length = p > 0 ? PAGE : Math.min(PAGE, Math.max(256, 2 ** Math.ceil(Math.log2(k + 1))));
      const grown = this.page(length);
      if (page) grown.set(page);
      this.pages[p] = grown;
      page = grown;
    }
    page[k] = v;
  }

  /** The first n values into `out`, page by page. */
  copyTo(out: Int32Array | Float64Array, n: number): void {
    for (let p = 0, at = 0; at < n; p++, at += PAGE) {
      const page = this.pages[p] as Int32Array | Float64Array;
      out.set(page.length <= n - at ? page : page.subarray(0, n - at), at);
    }
  }

  private page(length: number): Int32Array | Float64Array {
    return this.float ? new Float64Array(length) : new Int32Array(length);
  }
}

/**
 * The numbers of `a` (an array over a whole buffer) on a SharedArrayBuffer, which another thread
 * can read without a copy; `a`'s buffer is emptied (detached), so its memory goes back at the next
 * young collection rather than when a full one finds it. Columns are built on ordinary buffers and
 * moved only when shared: V8 counts an ordinary buffer's memory towards starting a collection and
 * a shared one's not, and with every column shared from the start a million leads peaked about
 * 110 MB higher (fewer full collections let the heap's garbage grow; docs/performance.md).
 */
export function toShared<T extends Int32Array | Float64Array>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  if (a.byteOffset !== 0 || a.byteLength !== a.buffer.byteLength)
    throw new Error("toShared: a view of part of a buffer");
  const shared = (
    a instanceof Float64Array
      ? new Float64Array(new SharedArrayBuffer(a.byteLength))
      : new Int32Array(new SharedArrayBuffer(a.byteLength))
  ) as T;
  shared.set(a);
  structuredClone(a.buffer, { transfer: [a.buffer] });
  return shared;
}

/**
 * A growing list of numbers (latencies in the metrics' tallies) in a Column: a million obligations'
 * latencies are 8 MB, with no outgrown copies left behind as an array's are.
 */
export class Samples {
  private readonly values = new Column(true);
  private n = 0;

  get length(): number {
    return this.n;
  }

  push(x: number): void {
    this.values.set(this.n++, x);
  }

  /** Appends the values given (a list another thread sent: values()). */
  pushAll(xs: ArrayLike<number>): void {
    for (let i = 0; i < xs.length; i++) this.values.set(this.n++, xs[i] as number);
  }

  /** The values in the order pushed, as a new array (to send to another thread). */
  valuesInOrder(): Float64Array {
    const out = new Float64Array(this.n);
    this.values.copyTo(out, this.n);
    return out;
  }

  /** This list followed by `other`'s, as a new list. */
  concat(other: Samples): Samples {
    const out = new Samples();
    for (let i = 0; i < this.n; i++) out.push(this.values.get(i));
    for (let i = 0; i < other.n; i++) out.push(other.values.get(i));
    return out;
  }

  /** The values in ascending order, as a new array. */
  sorted(): Float64Array {
    return this.valuesInOrder().sort();
  }
}
