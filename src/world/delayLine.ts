/** A fixed delay of d steps: `shift(x)` returns the value pushed d steps earlier (0 at first). */
export class DelayLine {
  private readonly buffer: Float64Array;
  private head = 0;

  constructor(readonly steps: number) {
    this.buffer = new Float64Array(Math.max(1, steps));
  }

  shift(value: number): number {
    if (this.steps === 0) return value;
    const out = this.buffer[this.head];
    this.buffer[this.head] = value;
    this.head = (this.head + 1) % this.steps;
    return out;
  }
}

/** A delay of d steps on every channel of a vector stream. */
export class VectorDelay {
  private readonly buffer: Float64Array;
  private readonly out: Float64Array;
  private head = 0;

  constructor(
    readonly steps: number,
    readonly width: number,
  ) {
    this.buffer = new Float64Array(Math.max(1, steps) * width);
    this.out = new Float64Array(width);
  }

  /** Push this step's values; returns those pushed d steps ago (a view, valid until next call). */
  shift(values: ArrayLike<number>): Float64Array {
    const { width, out, buffer } = this;
    if (this.steps === 0) {
      for (let c = 0; c < width; c++) out[c] = values[c];
      return out;
    }
    const base = this.head * width;
    for (let c = 0; c < width; c++) {
      out[c] = buffer[base + c];
      buffer[base + c] = values[c];
    }
    this.head = (this.head + 1) % this.steps;
    return out;
  }
}
