/**
 * Homeostatic central gain in front of a filter (after Schaette & Kempter 2006, Eur J Neurosci
 * 23:3124): each channel scales its whole afferent input, spontaneous rate included, so that its
 * mean activity returns to a set point. After hearing loss the mean input falls; the gain rises
 * and amplifies what is left — the spontaneous auditory-nerve rate too, so the channel's rate in
 * silence ends above its pre-loss value (hyperactivity) although its mean is restored.
 *
 *   s'_j(t) = h_j(t) · s_j(t)                                   input the filter receives
 *   ā_j    += (dt/τ_a) · (s'_j − ā_j)                            running mean activity
 *   h_j    += (dt/τ_h) · h_j · (A_j − ā_j) / A_j,  h_j ∈ [1, h_max]   only once A is fixed
 *
 * A_j, the set point, is the channel's mean activity over everything it received before
 * `fixSetPoint()` is called (normal hearing: a long-run habit, not one moment's average): before
 * that h stays 1. The gain only grows (h ≥ 1): the model has no
 * mechanism for turning down a healthy channel.
 */
import { ConfigError } from "../model/errors.js";
import type { Canceller } from "../world/scene.js";

export interface HomeostaticGainOptions {
  /** τ_h: time constant of the gain (ms). */
  tauMs: number;
  /** τ_a: averaging time of the activity (ms). */
  averageMs: number;
  /** h_max: the largest gain. */
  maxGain: number;
  /** Channels with a homeostatic gain (the others pass unchanged). */
  channels: readonly number[];
}

export class HomeostaticGain implements Canceller {
  /** h_j per channel. */
  readonly gain: Float64Array;
  /** ā_j per channel. */
  readonly activity: Float64Array;
  /** false: the gains stay where they are (a frozen test). */
  adapting = true;
  private setPoint: Float64Array | null = null;
  private readonly total: Float64Array;
  private steps = 0;
  private readonly scaled: Float64Array;
  private readonly on: Uint8Array;

  constructor(
    readonly inner: Canceller,
    readonly options: HomeostaticGainOptions,
    readonly dtMs: number,
  ) {
    const n = inner.prediction.length;
    if (!(options.tauMs > 0) || !(options.averageMs > 0))
      throw new ConfigError("homeostasis.tauMs", "time constants must be > 0");
    if (!(options.maxGain >= 1))
      throw new ConfigError("homeostasis.maxGain", `got ${options.maxGain}; allowed: ≥ 1`);
    this.gain = new Float64Array(n).fill(1);
    this.activity = new Float64Array(n);
    this.scaled = new Float64Array(n);
    this.total = new Float64Array(n);
    this.on = new Uint8Array(n);
    for (const j of options.channels) if (j >= 0 && j < n) this.on[j] = 1;
  }

  get prediction(): Float64Array {
    return this.inner.prediction;
  }

  get unexpected(): Float64Array {
    return this.inner.unexpected;
  }

  get learning(): boolean {
    return this.inner.learning;
  }

  set learning(on: boolean) {
    this.inner.learning = on;
  }

  /** Freeze the set point A at the mean activity so far; homeostasis acts from now on. */
  fixSetPoint(): void {
    const steps = Math.max(1, this.steps);
    this.setPoint = Float64Array.from(this.total, (v) => v / steps);
  }

  step(input: ArrayLike<number>, context: ArrayLike<number>): ArrayLike<number> {
    const { gain, activity, scaled, on, setPoint } = this;
    const a = this.dtMs / this.options.averageMs;
    const k = this.dtMs / this.options.tauMs;
    for (let j = 0; j < scaled.length; j++) {
      scaled[j] = on[j] ? gain[j] * input[j] : input[j];
      activity[j] += a * (scaled[j] - activity[j]);
      if (!setPoint) this.total[j] += scaled[j];
      if (on[j] && this.adapting && setPoint && setPoint[j] > 0) {
        const h = gain[j] + k * gain[j] * ((setPoint[j] - activity[j]) / setPoint[j]);
        gain[j] = Math.min(this.options.maxGain, Math.max(1, h));
      }
    }
    this.steps++;
    return this.inner.step(scaled, context);
  }
}
