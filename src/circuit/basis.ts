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
import { BUILT_FROM_SEED } from "../kernels/kernel.js";
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

  /**
   * `driven` lists the fibres that carry a context channel; the others never see an onset, so
   * their bumps stay at zero and are skipped.
   */
  constructor(
    p: CerebellumParams,
    private readonly shape: BasisShape,
    private readonly driven: Int32Array,
  ) {
    this.bumps = p.basis.bumps;
    this.order = p.basis.order;
    this.units = new Float32Array(p.mossy.count * (1 + this.bumps));
    this.stages = new Float32Array(p.mossy.count * this.bumps * this.order);
    this.silenced = new Uint8Array(p.mossy.count * this.bumps);
    this.adaptStrength = p.basis.tonicAdaptation;
    this.adaptLeak = Math.exp(-p.dtMs / p.basis.tonicAdaptationTauMs);
    this.background = p.mossy.background;
    // At rest (x = x_bg) a = 0: the fibre's spontaneous rate is its adapted rate.
    this.adaptation = new Float32Array(this.adaptStrength > 0 ? p.mossy.count : 0);
  }

  /** b_{m,0} = [x − a]₊, a ← λ_a·a + (1 − λ_a)·α·(x − x_bg). */
  private stepTonic(rate: Float32Array, units: Float32Array, width: number): void {
    const { adaptation, adaptStrength, adaptLeak, background } = this;
    if (adaptation.length === 0) {
      for (let m = 0; m < rate.length; m++) units[m * width] = rate[m];
      return;
    }
    const gainIn = (1 - adaptLeak) * adaptStrength;
    for (let m = 0; m < rate.length; m++) {
      const a = adaptLeak * adaptation[m] + gainIn * (rate[m] - background);
      adaptation[m] = a;
      const b = rate[m] - a;
      units[m * width] = Math.max(b, 0);
    }
  }

  step(rate: Float32Array, onset: Float32Array): void {
    const { units, stages, bumps, order, silenced } = this;
    const { leak, scale } = this.shape;
    const width = 1 + bumps;
    this.stepTonic(rate, units, width);
    const driven = this.driven;
    for (let f = 0; f < driven.length; f++) {
      const m = driven[f];
      const drive = onset[m];
      const first = m * bumps;
      const out = m * width + 1;
      for (let j = 0; j < bumps; j++) {
        const u = first + j;
        let s = u * order;
        // Skip quiet cascades: after the bump has died away every stage is ~0.
        if (drive === 0 && stages[s + order - 1] === 0 && stages[s] === 0) {
          units[out + j] = 0;
          continue;
        }
        const a = leak[u];
        const gainIn = 1 - a;
        let input = drive;
        for (let k = 0; k < order; k++, s++) {
          const v = a * stages[s] + gainIn * input;
          // The stage as stored (float32), without reading it back from the array.
          input = Math.fround(v < 1e-12 ? 0 : v);
          stages[s] = input;
        }
        units[out + j] = silenced[u] ? 0 : scale[u] * input;
      }
    }
  }
}
