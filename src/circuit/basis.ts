/**
 * Temporal basis: each mossy fibre m offers 1 + B units to the granule layer,
 *
 *   b_{m,0}(t)   = x_m(t)                                 (tonic)
 *   b_{m,j}(t)   = a_{m,j} · (γ_{m,j} * o_m)(t), j = 1..B  (delayed bumps)
 *
 * γ_{m,j} is an n-stage cascade of leaky integrators, s_k(t) = λ·s_k(t − dt) + (1 − λ)·s_{k−1}(t):
 * in discrete time its impulse response is (1 − λ)^n·C(i + n − 1, n − 1)·λ^i at step i, a
 * gamma-like bump whose mode is (n − 1)·λ/(1 − λ) steps; λ = D/(D + n − 1) puts that mode at
 * the delay D = d/dt exactly (λ ≈ e^(−dt/τ) with τ = d/(n − 1) when D ≫ n). Delays are
 * log-spaced from minDelayMs to maxDelayMs with log-normal jitter per fibre, so the bumps tile
 * "time since onset" with widths that grow with delay (relative SD ≈ √n/(n − 1)). a_{m,j}
 * scales the bump so its peak is bumpGain·(minDelay/d)^decay: late bumps are weaker.
 * The cost per step is (driven fibres)·B·n.
 *
 * Tonic adaptation (tonicAdaptation α > 0): the tonic unit is phasic-tonic,
 *
 *   b_{m,0}(t) = [x_m(t) − a_m(t)]₊,   a_m(t) = λ_a·a_m(t − dt) + (1 − λ_a)·α·(x_m(t) − x_bg),
 *   λ_a = e^(−dt/τ_a), x_bg = mossy.background,
 *
 * so a step of input gives its full drive at onset and keeps (1 − α) of its rise above the
 * spontaneous rate after a few τ_a. The spontaneous rate x_bg is the already adapted rate of a
 * fibre at rest, so adaptation acts on the departure from it and leaves resting drive unchanged.
 * Why: tone-driven pontine units fire mostly at onset, sustained discharges being rare (Aitkin
 * & Boyd 1978), and mossy-fibre→granule synapses depress during sustained firing (Saviane &
 * Silver 2006; Chabrol et al. 2015); short-term dynamics at this synapse can carry "time since
 * onset" (Barri et al. 2022). Without it, granule cells fed by two tonic units of the CS stay the most
 * driven for as long as the CS lasts, so a learned CR cannot fall back while the CS continues.
 */
import { type BasisArrays, basisStep } from "../kernels/frontEnd.js";
import { BUILT_FROM_SEED, type KernelArrays, plainArrays } from "../kernels/kernel.js";
import type { CerebellumParams } from "../model/cerebellum.js";
import type { Rng } from "../model/rng.js";

export interface BasisShape {
  /** Per (fibre, bump): leak factor e^(−dt/τ) of every stage. */
  leak: Float32Array;
  /** Per (fibre, bump): output scale a (peak height / kernel peak). */
  scale: Float32Array;
  /** Per (fibre, bump): the bump's delay (ms), for analysis (e.g. removing late bumps). */
  delayMs: Float32Array;
}

/** Impulse response of the n-stage discrete cascade with leak λ at step i. */
function cascadeResponse(order: number, leak: number, i: number): number {
  let logChoose = 0;
  for (let k = 1; k < order; k++) logChoose += Math.log((i + k) / k);
  return Math.exp(order * Math.log(1 - leak) + logChoose + i * Math.log(leak));
}

/** Peak of the cascade's impulse response (at the mode, floor or ceiling). */
function cascadePeak(order: number, leak: number): number {
  const mode = ((order - 1) * leak) / (1 - leak);
  return Math.max(
    cascadeResponse(order, leak, Math.floor(mode)),
    cascadeResponse(order, leak, Math.ceil(mode)),
  );
}

export function shapeBasis(p: CerebellumParams, rng: Rng): BasisShape {
  const { bumps, minDelayMs, maxDelayMs, order, jitter, decay, bumpGain } = p.basis;
  const m = p.mossy.count;
  const leak = new Float32Array(m * bumps);
  const scale = new Float32Array(m * bumps);
  const delayMs = new Float32Array(m * bumps);
  const span = Math.log(maxDelayMs / minDelayMs);
  for (let f = 0; f < m; f++) {
    for (let j = 0; j < bumps; j++) {
      const nominal = minDelayMs * Math.exp(bumps > 1 ? (span * j) / (bumps - 1) : 0);
      const d = Math.max(p.dtMs, nominal * Math.exp(jitter * rng.normal()));
      const steps = d / p.dtMs;
      const u = f * bumps + j;
      delayMs[u] = d;
      leak[u] = steps / (steps + order - 1);
      const peakHeight = bumpGain * (minDelayMs / d) ** decay;
      scale[u] = peakHeight / cascadePeak(order, leak[u]);
    }
  }
  return { leak, scale, delayMs };
}

export class TemporalBasis {
  /** The fixed basis parameters and driven-fibre indices, drawn from the seed; a checkpoint saves only its hash. */
  readonly [BUILT_FROM_SEED] = ["shape", "driven"];
  /** Units: M × (1 + B), fibre-major (unit 0 of each fibre is tonic). */
  readonly units: Float32Array;
  /** Cascade state: M × B × n. */
  readonly stages: Float32Array;
  private readonly bumps: number;
  private readonly order: number;
  /** Bumps switched off (e.g. to test what late bumps contribute; F4). */
  readonly silenced: Uint8Array;
  /** Adaptation a_m of each fibre's tonic unit (empty when tonicAdaptation = 0). */
  readonly adaptation: Float32Array;
  private readonly adaptStrength: number;
  private readonly adaptLeak: number;
  private readonly background: number;

  /** The same arrays for the front-end loops (a private field: no part of a checkpoint). */
  readonly #arrays: BasisArrays;

  /**
   * `driven` lists the fibres that carry a context channel; the others never see an onset, so
   * their bumps stay at zero and are skipped. `arrays`: where the per-step arrays live.
   */
  constructor(
    p: CerebellumParams,
    readonly shape: BasisShape,
    readonly driven: Int32Array,
    arrays: KernelArrays = plainArrays,
  ) {
    this.bumps = p.basis.bumps;
    this.order = p.basis.order;
    this.units = arrays.float32(p.mossy.count * (1 + this.bumps));
    this.stages = arrays.float32(p.mossy.count * this.bumps * this.order);
    this.silenced =
      arrays.uint8?.(p.mossy.count * this.bumps) ?? new Uint8Array(p.mossy.count * this.bumps);
    this.adaptStrength = p.basis.tonicAdaptation;
    this.adaptLeak = Math.exp(-p.dtMs / p.basis.tonicAdaptationTauMs);
    this.background = p.mossy.background;
    // At rest (x = x_bg) a = 0: the fibre's spontaneous rate is its adapted rate.
    this.adaptation = arrays.float32(this.adaptStrength > 0 ? p.mossy.count : 0);
    const { bumps, order, silenced, units, stages, adaptation, adaptStrength, adaptLeak } = this;
    this.#arrays = {
      bumps,
      order,
      leak: shape.leak,
      scale: shape.scale,
      silenced,
      driven,
      units,
      stages,
      adaptation,
      adaptStrength,
      adaptLeak,
      background: this.background,
    };
  }

  /** The basis's arrays and constants, for `Kernel.prepareFrontEnd`. */
  get arrays(): BasisArrays {
    return this.#arrays;
  }

  step(rate: Float32Array, onset: Float32Array): void {
    basisStep(this.#arrays, rate, onset);
  }
}
