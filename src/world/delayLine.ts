import { ConfigError } from "../model/errors.js";
import { showValue } from "../model/validate.js";

/** A delay line's contents, for a checkpoint: the ring buffer and its position. */
export interface DelayState {
  buffer: number[];
  head: number;
}

/** Restores `buffer`/`head` from a saved state, checking sizes and values (errors name `field`). */
function restoreRing(buffer: Float64Array, ring: number, state: unknown, field: string): number {
  const s = state as Partial<DelayState> | null;
  if (!s || !Array.isArray(s.buffer) || s.buffer.length !== buffer.length)
    throw new ConfigError(
      `${field}.buffer`,
      `got ${showValue(s?.buffer)}; allowed: a list of ${buffer.length} finite numbers`,
    );
  s.buffer.forEach((v, i) => {
    if (typeof v !== "number" || !Number.isFinite(v))
      throw new ConfigError(
        `${field}.buffer[${i}]`,
        `got ${showValue(v)}; allowed: a finite number`,
      );
  });
  const head = s.head;
  if (typeof head !== "number" || !Number.isInteger(head) || head < 0 || head >= Math.max(1, ring))
    throw new ConfigError(
      `${field}.head`,
      `got ${showValue(head)}; allowed: an integer 0..${Math.max(1, ring) - 1}`,
    );
  buffer.set(s.buffer);
  return head;
}

/** A fixed delay of d steps: `shift(x)` returns the value pushed d steps earlier (0 at first). */
export class DelayLine {
  private readonly buffer: Float64Array;
  private head = 0;

  constructor(readonly steps: number) {
    this.buffer = new Float64Array(Math.max(1, steps));
  }

  save(): DelayState {
    return { buffer: Array.from(this.buffer), head: this.head };
  }

  restore(state: unknown, field: string): void {
    this.head = restoreRing(this.buffer, this.steps, state, field);
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

  save(): DelayState {
    return { buffer: Array.from(this.buffer), head: this.head };
  }

  restore(state: unknown, field: string): void {
    this.head = restoreRing(this.buffer, this.steps, state, field);
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
