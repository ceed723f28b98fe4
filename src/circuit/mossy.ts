/**
 * Mossy-fibre layer: context channels → M fibre rates.
 *
 *   x_m(t) = [ background + gain_m · v_m(t) + n_m(t) ]₊
 *   o_m(t) = gain_m · [ v_m(t) − v_m(t − dt) ]₊                     (onset drive of the basis)
 *   v_m(t) = c_{src(m)}(t)               encoding "linear" (default)
 *   v_m(t) = [ c_{src(m)}(t) − θ_m ]₊    encoding "threshold": θ_m stratified over (0, thresholdMax), so a
 *            channel's fibres are recruited one after another as its value grows — a
 *            population code of graded context (jaw angle, lick force), as proprioceptive mossy
 *            fibres with staggered thresholds carry joint angle (van Kan et al. 1993)
 *
 * Each context channel drives `fibresPerChannel` fibres (disjoint sets); the others carry only
 * background. n_m is an Ornstein–Uhlenbeck rate noise (SD noiseSd, correlation time noiseTauMs).
 * Onsets are taken from the noise-free channel, so a CS of any length — even one step
 * (Jirenhed & Hesslow 2011) — launches the same delayed bumps.
 */
import { type MossyArrays, mossyStep } from "../kernels/frontEnd.js";
import { BUILT_FROM_SEED, type KernelArrays, plainArrays } from "../kernels/kernel.js";
import type { CerebellumParams } from "../model/cerebellum.js";
import { ConfigError } from "../model/errors.js";
import type { Rng } from "../model/rng.js";

export interface MossyWiring {
  /** Source channel of each fibre, or −1 for background-only fibres. */
  source: Int32Array;
  gain: Float32Array;
  /** θ_m per fibre (encoding "threshold"); null: linear. */
  threshold: Float32Array | null;
}

export function wireMossy(p: CerebellumParams, channelCount: number, rng: Rng): MossyWiring {
  const { count, fibresPerChannel, gainMin, gainMax } = p.mossy;
  if (channelCount * fibresPerChannel > count) {
    throw new ConfigError(
      "mossy.fibresPerChannel",
      `${channelCount} channels × ${fibresPerChannel} fibres exceed mossy.count = ${count}; ` +
        `allowed: fibresPerChannel ≤ ${Math.floor(count / Math.max(1, channelCount))}`,
    );
  }
  const order = rng.shuffle(Array.from({ length: count }, (_, m) => m));
  const source = new Int32Array(count).fill(-1);
  for (let c = 0; c < channelCount; c++) {
    for (let j = 0; j < fibresPerChannel; j++) source[order[c * fibresPerChannel + j]] = c;
  }
  const gain = new Float32Array(count);
  for (let m = 0; m < count; m++) gain[m] = gainMin + (gainMax - gainMin) * rng.uniform();
  // Drawn after the gains, so a linear layer's wiring is what it was before thresholds existed.
  let threshold: Float32Array | null = null;
  if (p.mossy.encoding === "threshold") {
    // Stratified over each channel's fibres (k-th fibre in [k, k + 1)·thresholdMax/F), so every
    // animal's fibres tile the range without gaps; background fibres get a uniform threshold.
    threshold = new Float32Array(count);
    const rank = new Int32Array(channelCount);
    for (let m = 0; m < count; m++) {
      const c = source[m];
      const k = c >= 0 ? rank[c]++ : 0;
      const strata = c >= 0 ? fibresPerChannel : 1;
      threshold[m] = (p.mossy.thresholdMax * (k + rng.uniform())) / strata;
    }
  }
  return { source, gain, threshold };
}

export class MossyLayer {
  /** The mossy fibres' sources and gains, drawn from the seed; a checkpoint saves only its hash. */
  readonly [BUILT_FROM_SEED] = ["wiring"];
  readonly rate: Float32Array;
  readonly onset: Float32Array;
  /** OU noise state per fibre. */
  readonly noise: Float32Array;
  /** Channel values at the previous step (for onsets). */
  readonly previous: Float64Array;
  private readonly decay: number;
  private readonly kick: number;

  /** The same arrays for the front-end loops (a private field: no part of a checkpoint). */
  readonly #arrays: MossyArrays;

  /**
   * `arrays`: where the per-step arrays live (a kernel's memory, so it reads them in place).
   * `p` and `wiring` stay fields, as a checkpoint has always listed them.
   */
  constructor(
    readonly p: CerebellumParams,
    readonly wiring: MossyWiring,
    channelCount: number,
    arrays: KernelArrays = plainArrays,
  ) {
    const m = p.mossy.count;
    this.rate = arrays.float32(m);
    this.onset = arrays.float32(m);
    this.noise = arrays.float32(m);
    this.previous = arrays.float64(channelCount);
    // Exact OU discretisation: stationary SD stays noiseSd whatever dt is.
    this.decay = Math.exp(-p.dtMs / p.mossy.noiseTauMs);
    this.kick = p.mossy.noiseSd * Math.sqrt(1 - this.decay * this.decay);
    const { rate, onset, noise, previous, decay, kick } = this;
    const { source, gain, threshold } = wiring;
    this.#arrays = {
      source,
      gain,
      threshold,
      rate,
      onset,
      noise,
      previous,
      background: p.mossy.background,
      decay,
      kick,
    };
  }

  /** The layer's arrays and constants, for `Kernel.prepareFrontEnd`. */
  get arrays(): MossyArrays {
    return this.#arrays;
  }

  step(channels: ArrayLike<number>, rng: Rng): void {
    mossyStep(this.#arrays, channels, rng);
  }
}
