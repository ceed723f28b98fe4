/**
 * Ring buffers of the recent past: sparse granule activity and per-Purkinje values.
 * `slot(age)` is the entry written `age` steps ago (age 0 = the newest).
 */
export class ActivityHistory {
  readonly indices: Int32Array;
  readonly counts: Int32Array;
  /** rows[s]: slot s of `indices` (a view, made once), for reading without allocating. */
  readonly rows: Int32Array[];
  /** Graded layers: the rates beside the indices (same layout), and their slot views. */
  readonly gains: Float32Array | null;
  readonly gainRows: Float32Array[];
  head = -1;

  /**
   * `allocate` makes the index store, `allocateGains` the rate store of a graded layer (e.g. in
   * a kernel's memory, see KernelArrays).
   */
  constructor(
    readonly length: number,
    readonly capacity: number,
    allocate: (n: number) => Int32Array = (n) => new Int32Array(n),
    allocateGains: ((n: number) => Float32Array) | null = null,
  ) {
    this.indices = allocate(length * capacity);
    this.counts = new Int32Array(length);
    this.rows = Array.from({ length }, (_, s) =>
      this.indices.subarray(s * capacity, (s + 1) * capacity),
    );
    const gains = allocateGains ? allocateGains(length * capacity) : null;
    this.gains = gains;
    this.gainRows = gains
      ? Array.from({ length }, (_, s) => gains.subarray(s * capacity, (s + 1) * capacity))
      : [];
  }

  push(active: Int32Array, count: number, gain: Float32Array | null = null): void {
    if (count > this.capacity)
      throw new RangeError(`${count} active cells exceed capacity ${this.capacity}`);
    this.head = (this.head + 1) % this.length;
    // set() on a view copies as one block: a loop costs ~3× as much at a few hundred cells.
    this.rows[this.head].set(active.subarray(0, count));
    this.counts[this.head] = count;
    if (this.gains) {
      if (!gain) throw new Error("a graded history needs the rates of the active cells");
      this.gainRows[this.head].set(gain.subarray(0, count));
    }
  }

  /** Slot index of the entry written `age` steps ago (0 ≤ age). */
  index(age: number): number {
    return (((this.head - age) % this.length) + this.length) % this.length;
  }

  /** The active list written `age` steps ago, or an empty list. */
  slot(age: number): Int32Array {
    const s = this.index(age);
    return this.indices.subarray(s * this.capacity, s * this.capacity + this.counts[s]);
  }
}

export class ValueHistory {
  readonly values: Float64Array;
  head = -1;

  constructor(
    readonly length: number,
    readonly width: number,
  ) {
    this.values = new Float64Array(length * width);
  }

  push(row: ArrayLike<number>): void {
    this.head = (this.head + 1) % this.length;
    const base = this.head * this.width;
    for (let p = 0; p < this.width; p++) this.values[base + p] = row[p];
  }

  /** Value p written `age` steps ago (0 before anything was written). */
  get(age: number, p: number): number {
    const s = (((this.head - age) % this.length) + this.length) % this.length;
    return this.values[s * this.width + p];
  }
}
