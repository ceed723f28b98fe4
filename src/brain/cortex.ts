/**
 * A small cortex for the filter ⇄ cortex loop (DESIGN.md §1 uses 1 and 4): an online,
 * self-supervised predictor of its own next input.
 *
 *   input    v(t) = [u(t), c(t)]            the filter's residual and the context
 *   state    x(t) = (1 − α)·x(t − dt) + α·tanh(W_in v(t) + W_rec x(t − dt)),  α = dt/τ
 *            (a fixed random recurrent network: W_in ~ N(0, inputScale²/dim v),
 *             W_rec ~ N(0, radius²/K), so its spectral radius ≈ radius)
 *   predict  p(t) = V·[x(t), 1]  of the next residual u(t + dt); V learns by NLMS from the
 *            prediction error u(t + dt) − p(t) (self-supervised: no teacher but its own input)
 *   decode   d̂(t) = D·[u(t), x(t), 1] of the raw sensory deviation d(t), learned by NLMS: an
 *            analysis probe that asks whether residual + context still carry the raw input
 *            ("the cortex loses no information"). D never feeds back.
 *   output   rates r_k(t) = (1 + x_k(t)) / 2 ∈ [0, 1]: the state as non-negative firing rates,
 *            which the filter receives as context channels "cortex0…".
 */
import { z } from "zod";
import { Rng } from "../model/rng.js";

export const cortexOptionsSchema = z
  .object({
    units: z
      .number()
      .int()
      .min(1)
      .max(256)
      .default(6)
      .describe("K: cortical state units fed back to the filter"),
    tauMs: z.number().positive().default(30).describe("τ: time constant of the state (ms)"),
    inputScale: z.number().min(0).default(3).describe("Scale of the random input weights"),
    radius: z
      .number()
      .min(0)
      .max(1.5)
      .default(0.8)
      .describe("Spectral radius of the recurrent weights"),
    predictionRate: z
      .number()
      .positive()
      .max(2)
      .default(0.05)
      .describe("NLMS step of the next-input predictor"),
    decoderRate: z
      .number()
      .positive()
      .max(2)
      .default(0.05)
      .describe("NLMS step of the raw-input decoder (probe)"),
  })
  .strict()
  .prefault({});

export type CortexOptions = z.output<typeof cortexOptionsSchema>;

export class Cortex {
  readonly state: Float64Array;
  readonly rates: Float64Array;
  /** p(t): prediction of the next residual. */
  readonly prediction: Float64Array;
  /** d̂(t): decoded raw deviation. */
  readonly decoded: Float64Array;
  /** Squared error of the last prediction check (Σ over channels). */
  predictionError = 0;
  learning = true;
  private readonly wIn: Float64Array;
  private readonly wRec: Float64Array;
  private readonly v: Float64Array;
  private readonly d: Float64Array;
  private readonly alpha: number;
  private readonly scratch: Float64Array;
  private readonly features: Float64Array;
  private primed = false;

  constructor(
    readonly channels: number,
    readonly contextChannels: number,
    readonly options: CortexOptions,
    dtMs: number,
    seed: number,
  ) {
    const k = options.units;
    const inputs = channels + contextChannels;
    const rng = Rng.derive(seed, "cortex");
    this.wIn = Float64Array.from(
      { length: k * inputs },
      () => (options.inputScale / Math.sqrt(inputs)) * rng.normal(),
    );
    this.wRec = Float64Array.from(
      { length: k * k },
      () => (options.radius / Math.sqrt(k)) * rng.normal(),
    );
    this.state = new Float64Array(k);
    this.rates = new Float64Array(k).fill(0.5);
    this.prediction = new Float64Array(channels);
    this.decoded = new Float64Array(channels);
    this.v = new Float64Array(channels * (k + 1));
    this.d = new Float64Array(channels * (channels + k + 1));
    this.alpha = Math.min(1, dtMs / options.tauMs);
    this.scratch = new Float64Array(k);
    this.features = new Float64Array(channels + k + 1);
  }

  /**
   * One step: `residual` u(t), `context` c(t), and (for the decoder probe only) the raw deviation
   * d(t). Learns the predictor from this step's residual, then updates the state and predicts.
   */
  step(residual: ArrayLike<number>, context: ArrayLike<number>, raw?: ArrayLike<number>): void {
    const { channels: n, state, v, options } = this;
    const k = options.units;
    // 1. The last prediction meets its target: NLMS on V.
    let err = 0;
    if (this.primed) {
      let norm = 1;
      for (let i = 0; i < k; i++) norm += state[i] * state[i];
      for (let j = 0; j < n; j++) {
        const e = residual[j] - this.prediction[j];
        err += e * e;
        if (!this.learning) continue;
        const g = (options.predictionRate * e) / norm;
        const row = j * (k + 1);
        for (let i = 0; i < k; i++) v[row + i] += g * state[i];
        v[row + k] += g;
      }
    }
    this.predictionError = err;
    this.primed = true;
    // 2. State update.
    const inputs = n + this.contextChannels;
    for (let i = 0; i < k; i++) {
      let h = 0;
      for (let j = 0; j < n; j++) h += this.wIn[i * inputs + j] * residual[j];
      for (let c = 0; c < this.contextChannels; c++) h += this.wIn[i * inputs + n + c] * context[c];
      for (let m = 0; m < k; m++) h += this.wRec[i * k + m] * state[m];
      this.scratch[i] = Math.tanh(h);
    }
    for (let i = 0; i < k; i++) {
      state[i] = (1 - this.alpha) * state[i] + this.alpha * this.scratch[i];
      this.rates[i] = (1 + state[i]) / 2;
    }
    // 3. Predict the next residual.
    for (let j = 0; j < n; j++) {
      const row = j * (k + 1);
      let p = v[row + k];
      for (let i = 0; i < k; i++) p += v[row + i] * state[i];
      this.prediction[j] = p;
    }
    // 4. Decoder probe: raw ≈ D·[u, x, 1].
    const f = this.features;
    for (let j = 0; j < n; j++) f[j] = residual[j];
    for (let i = 0; i < k; i++) f[n + i] = state[i];
    f[n + k] = 1;
    let norm = 0;
    for (let i = 0; i < f.length; i++) norm += f[i] * f[i];
    for (let j = 0; j < n; j++) {
      const row = j * f.length;
      let y = 0;
      for (let i = 0; i < f.length; i++) y += this.d[row + i] * f[i];
      this.decoded[j] = y;
      if (raw && this.learning) {
        const g = (options.decoderRate * (raw[j] - y)) / (1 + norm);
        for (let i = 0; i < f.length; i++) this.d[row + i] += g * f[i];
      }
    }
  }
}
