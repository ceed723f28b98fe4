/**
 * Baseline: the classic linear adaptive noise canceller (Widrow et al. 1975) with the
 * normalised-LMS update, on the same context the granule filter sees.
 *
 *   x(t)    = [1, c_1(t), c_1(t − τ), …, c_1(t − (L−1)τ), c_2(t), …]   tapped delay lines of
 *             every context channel (L taps, spacing τ), plus a bias
 *   ŷ_j(t)  = w_j · x(t)
 *   u_j(t)  = d_j(t) − ŷ_j(t)                                              d = s − μ as in the filter
 *   w_j    += (μ_nlms / (ε + ‖x‖²)) · u_j(t) · x(t)
 *
 * It is linear in the context history: where the self-generated signal depends nonlinearly on
 * context (lick force → loudness, jaw position → spectrum) it can cancel only the best linear
 * approximation. Outputs use the filter's conventions (u signed; rates not needed here).
 */
import { z } from "zod";
import { ConfigError } from "../model/errors.js";

export const nlmsOptionsSchema = z
  .object({
    taps: z.number().int().min(1).max(2000).default(100).describe("L: taps per context channel"),
    tapSpacingMs: z.number().positive().default(2).describe("τ: spacing of the taps (ms)"),
    stepSize: z
      .number()
      .positive()
      .max(2)
      .default(0.01)
      .describe("μ_nlms: normalised step size (0 < μ < 2)"),
    regulariser: z.number().positive().default(1).describe("ε: added to ‖x‖² in the normalisation"),
  })
  .strict()
  .prefault({});

export type NlmsOptions = z.output<typeof nlmsOptionsSchema>;

export class NlmsCanceller {
  readonly prediction: Float64Array;
  readonly unexpected: Float64Array;
  /** Weights, N × (1 + C·L). */
  readonly w: Float64Array;
  learning = true;
  private readonly x: Float64Array;
  /** Ring of past context values, (C) × history. */
  private readonly history: Float64Array;
  private readonly span: number;
  private readonly spacing: number;
  private head = 0;

  constructor(
    readonly channels: number,
    readonly contextChannels: number,
    readonly options: NlmsOptions,
    dtMs: number,
    readonly restingInput = 0,
  ) {
    if (channels < 1)
      throw new ConfigError("sensory", "got no sensory channels; allowed: at least one");
    this.spacing = Math.max(1, Math.round(options.tapSpacingMs / dtMs));
    this.span = (options.taps - 1) * this.spacing + 1;
    this.x = new Float64Array(1 + contextChannels * options.taps);
    this.history = new Float64Array(contextChannels * this.span);
    this.w = new Float64Array(channels * this.x.length);
    this.prediction = new Float64Array(channels);
    this.unexpected = new Float64Array(channels);
  }

  step(input: ArrayLike<number>, context: ArrayLike<number>): Float64Array {
    const { x, history, span, spacing, w, prediction, unexpected } = this;
    const C = this.contextChannels;
    const L = this.options.taps;
    this.head = (this.head + 1) % span;
    for (let c = 0; c < C; c++) history[c * span + this.head] = context[c];
    x[0] = 1;
    let norm = 1;
    for (let c = 0; c < C; c++) {
      for (let k = 0; k < L; k++) {
        let s = this.head - k * spacing;
        if (s < 0) s += span;
        const v = history[c * span + s];
        x[1 + c * L + k] = v;
        norm += v * v;
      }
    }
    const width = x.length;
    const rate = this.options.stepSize / (this.options.regulariser + norm);
    for (let j = 0; j < this.channels; j++) {
      let y = 0;
      const row = j * width;
      for (let i = 0; i < width; i++) y += w[row + i] * x[i];
      prediction[j] = y;
      const u = input[j] - this.restingInput - y;
      unexpected[j] = u;
      if (this.learning && u !== 0) {
        const g = rate * u;
        for (let i = 0; i < width; i++) if (x[i] !== 0) w[row + i] += g * x[i];
      }
    }
    return unexpected;
  }
}
