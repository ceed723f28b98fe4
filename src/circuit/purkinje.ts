/**
 * Purkinje cells and deep cerebellar nuclei.
 *
 *   pause_p(t) = (1/A) Σ_i (w₀ − w_pi) g_i(t)                          A = f·N
 *   y_p(t)     = y₀ − pause_p(t)                                       (Purkinje rate)
 *   z_p(t)     = (1 − lesion) · G · pause_p(t) + (1/F) Σ_m v_pm x̂_m(t)  x̂_m = [x_m − background]₊
 *
 * (F = fibresPerChannel, so a channel's fibres at weight 1 add about one unit of output.)
 *
 * Sign convention: Purkinje cells inhibit the nuclei, so LTD (w below w₀) pauses them and
 * disinhibits the nucleus; z is the nucleus output above its baseline (positive = response).
 * Molecular-layer interneurons driven by the same parallel fibres cancel the mean PF drive, so
 * y depends only on learned deviations from w₀, not on how many cells are active.
 */
import type { Kernel } from "../kernels/kernel.js";
import type { CerebellumParams } from "../model/cerebellum.js";

export class PurkinjeNuclei {
  /** PF→PC weights, N × P. */
  readonly w: Float32Array;
  /** Mossy fibre → nucleus weights, M × P. */
  readonly v: Float32Array;
  readonly pause: Float64Array;
  readonly output: Float64Array;
  private readonly sum: Float64Array;
  private readonly norm: number;

  constructor(
    private readonly p: CerebellumParams,
    private readonly kernel: Kernel,
  ) {
    const purkinje = p.purkinje.count;
    this.w = new Float32Array(p.granule.count * purkinje).fill(p.purkinje.initialWeight);
    this.v = new Float32Array(p.mossy.count * purkinje);
    this.pause = new Float64Array(purkinje);
    this.output = new Float64Array(purkinje);
    this.sum = new Float64Array(purkinje);
    this.norm = Math.max(1, Math.round(p.granule.codingLevel * p.granule.count));
  }

  step(active: Int32Array, count: number, rate: Float32Array): void {
    const { p, pause, output, sum, v } = this;
    const purkinje = p.purkinje.count;
    this.kernel.purkinjeSum(active, count, this.w, purkinje, p.purkinje.initialWeight, sum);
    const cortex = (1 - p.lesion.cortexFraction) * p.purkinje.outputGain;
    for (let q = 0; q < purkinje; q++) {
      pause[q] = -sum[q] / this.norm;
      output[q] = cortex * pause[q];
    }
    if (p.plasticity.mfNucleus.enabled) {
      const bg = p.mossy.background;
      for (let m = 0; m < rate.length; m++) {
        const x = rate[m] - bg;
        if (x <= 0) continue;
        for (let q = 0; q < purkinje; q++) output[q] += (v[m * purkinje + q] * x) / p.mossy.fibresPerChannel;
      }
    }
  }
}
