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
  protected pages: Page[] = [];
  /** `first`: the size of the first page (it doubles up to a full page); small for many small columns. */
  constructor(
    private readonly float: boolean,
    private readonly first = 256,
  ) {}

  /** A column reading the pages another thread's column shared (share()); never grown after. */
  static over(float: boolean, pages: readonly Page[]): Column {
    const c = new Column(float);
    c.pages = [...pages];
    return c;
  }

  /**
   * Moves the pages onto SharedArrayBuffers (toShared) and gives them, for Column.over in another
   * thread; the column reads the shared pages from then on.
   */
  share(): Page[] {
    this.pages = this.pages.map(toShared);
    return [...this.pages];
  }

  get(i: number): number {
    return (this.pages[i >>> PAGE_BITS] as Page)[i & MASK] as number;
  }

  set(i: number, v: number): void {
    const p = i >>> PAGE_BITS;
    const k = i & MASK;
    let page = this.pages[p];
    if (page === undefined || k >= page.length) {
      while (this.pages.length < p) this.pages.push(this.page(PAGE));
      const length = p > 0 ? PAGE : Math.min(PAGE, Math.max(this.first, 2 ** Math.ceil(Math.log2(k + 1))));
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
      const page = this.pages[p] as Page;
      out.set(page.length <= n - at ? page : page.subarray(0, n - at), at);
    }
  }

  protected page(length: number): Page {
    return this.float ? new Float64Array(length) : new Int32Array(length);
  }
}

/**
 * A column of small codes (indexes into a table of texts, kinds; -1 for none) in two bytes a row
 * while every code is under 65,535, four from the first that is not (the pages are widened once).
 * A stage-history row has six such columns: at a million leads, 4.2M rows, 50 MB less than Int32.
 */
export class Codes extends Column {
  private wide = false;

  constructor() {
    super(false);
  }

  /** Codes reading the pages another thread's shared (share()). */
  static adopt(pages: readonly Page[]): Codes {
    const c = new Codes();
    c.pages = [...pages];
    c.wide = pages[0] instanceof Int32Array;
    return c;
  }

  // Stored plus one: -1 (none) is 0.
  override get(i: number): number {
    return super.get(i) - 1;
  }

  override set(i: number, v: number): void {
    if (v >= 0xffff && !this.wide) {
      this.pages = this.pages.map((page) => Int32Array.from(page));
      this.wide = true;
    }
    super.set(i, v + 1);
  }

  override copyTo(out: Int32Array | Float64Array, n: number): void {
    super.copyTo(out, n);
    for (let i = 0; i < n; i++) out[i] = (out[i] as number) - 1;
  }

  protected override page(length: number): Page {
    return this.wide ? new Int32Array(length) : new Uint16Array(length);
  }
}

/** A page of a column. */
export type Page = Int32Array | Float64Array | Uint16Array;

/**
 * The numbers of `a` (an array over a whole buffer) on a SharedArrayBuffer, which another thread
 * can read without a copy; `a`'s buffer is emptied (detached), so its memory goes back at the next
 * young collection rather than when a full one finds it. Columns are built on ordinary buffers and
 * moved only when shared: V8 counts an ordinary buffer's memory towards starting a collection and
 * a shared one's not, and with every column shared from the start a million leads peaked about
 * 110 MB higher (fewer full collections let the heap's garbage grow; docs/performance.md).
 */
export function toShared<T extends Page>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  if (a.byteOffset !== 0 || a.byteLength !== a.buffer.byteLength)
    throw new Error("toShared: a view of part of a buffer");
  const buffer = new SharedArrayBuffer(a.byteLength);
  const shared = (
    a instanceof Float64Array
      ? new Float64Array(buffer)
      : a instanceof Uint16Array
        ? new Uint16Array(buffer)
        : new Int32Array(buffer)
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
  // A breakdown holds samples per value, most of them empty or tiny when there are 300k values:
  // the column and the list are made on first use, and the column starts at 4 values, not 256.
  private values: Column | undefined;
  private n = 0;
  /** Ascending lists another thread sent, kept as they came (appendSorted()): no copy. */
  private appended: Float64Array[] | undefined;
  private m = 0;

  get length(): number {
    return this.n + this.m;
  }

  push(x: number): void {
    if (this.m > 0) throw new Error("Samples: a value pushed after a list was appended");
    this.values ??= new Column(true, 4);
    this.values.set(this.n++, x);
  }

  /**
   * Appends an ascending list (another thread's sorted()), kept as it is; nothing is pushed after.
   * sorted() then merges it with these values, which costs less than sorting them all.
   */
  appendSorted(xs: Float64Array): void {
    for (let i = 1; i < xs.length; i++)
      if ((xs[i - 1] as number) > (xs[i] as number)) throw new Error("Samples.appendSorted: not ascending");
    if (xs.length === 0) return;
    this.appended ??= [];
    this.appended.push(xs);
    this.m += xs.length;
  }

  /** The values in ascending order, as a new array. */
  sorted(): Float64Array {
    const own = new Float64Array(this.n);
    this.values?.copyTo(own, this.n);
    own.sort();
    let out: Float64Array = own;
    for (const xs of this.appended ?? []) out = mergeAscending(out, xs);
    return out;
  }
}

/** Two ascending lists as one. */
function mergeAscending(a: Float64Array, b: Float64Array): Float64Array {
  const out = new Float64Array(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length)
    out[k++] = (a[i] as number) <= (b[j] as number) ? (a[i++] as number) : (b[j++] as number);
  while (i < a.length) out[k++] = a[i++] as number;
  while (j < b.length) out[k++] = b[j++] as number;
  return out;
}
