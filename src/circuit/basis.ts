/**
 * Temporal basis: each mossy fibre m offers 1 + B units to the granule layer,
 *
 *   b_{m,0}(t)   = x_m(t)                                 (tonic)
 *   b_{m,j}(t)   = a_{m,j} · (γ_{m,j} * o_m)(t), j = 1..B  (delayed bumps)
 *
 * γ_{m,j} is a gamma kernel of order n, τ_{m,j} = d_{m,j}/(n − 1), peaking at delay d_{m,j};
 * delays are log-spaced from minDelayMs to maxDelayMs with log-normal jitter per fibre, so the
 * bumps tile "time since onset" with widths that grow with delay (relative SD ≈ √n/(n−1)).
 * a_{m,j} scales the kernel so its peak is bumpGain·(minDelay/d)^decay: late bumps are weaker.
 * Each kernel is an n-stage cascade of leaky integrators, so the cost per step is M·B·n.
 */
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

/** Peak value of the unit-area gamma kernel t^(n−1) e^(−t/τ) / (τ^n (n−1)!), at t = (n−1)τ. */
function gammaPeak(order: number, tau: number): number {
  const k = order - 1;
  let logFactorial = 0;
  for (let i = 2; i <= k; i++) logFactorial += Math.log(i);
  return Math.exp(k * Math.log(k) - k - logFactorial) / tau;
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
      const tau = d / (order - 1);
      const u = f * bumps + j;
      delayMs[u] = d;
      leak[u] = Math.exp(-p.dtMs / tau);
      // Discrete cascade: each stage adds (1 − leak)·input, so its impulse response has unit
      // area in steps; convert the continuous peak (per ms) to per step.
      const peakHeight = bumpGain * (minDelayMs / d) ** decay;
      scale[u] = peakHeight / (gammaPeak(order, tau) * p.dtMs);
    }
  }
  return { leak, scale, delayMs };
}

export class TemporalBasis {
  /** Units: M × (1 + B), fibre-major (unit 0 of each fibre is tonic). */
  readonly units: Float32Array;
  /** Cascade state: M × B × n. */
  readonly stages: Float32Array;
  private readonly bumps: number;
  private readonly order: number;
  /** Bumps switched off (e.g. to test what late bumps contribute; F4). */
  readonly silenced: Uint8Array;

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
  }

  step(rate: Float32Array, onset: Float32Array): void {
    const { units, stages, bumps, order, silenced } = this;
    const { leak, scale } = this.shape;
    const width = 1 + bumps;
    for (let m = 0; m < rate.length; m++) units[m * width] = rate[m];
    for (let f = 0; f < this.driven.length; f++) {
      const m = this.driven[f];
      const drive = onset[m];
      for (let j = 0; j < bumps; j++) {
        const u = m * bumps + j;
        const a = leak[u];
        const gainIn = 1 - a;
        let input = drive;
        let s = u * order;
        // Skip quiet cascades: after the bump has died away every stage is ~0.
        if (input === 0 && stages[s + order - 1] === 0 && stages[s] === 0) {
          units[m * width + 1 + j] = 0;
          continue;
        }
        for (let k = 0; k < order; k++, s++) {
          const v = a * stages[s] + gainIn * input;
          stages[s] = v < 1e-12 ? 0 : v;
          input = stages[s];
        }
        units[m * width + 1 + j] = silenced[u] ? 0 : scale[u] * input;
      }
    }
  }
}
