/**
 * The mossy-fibre side of the deep nuclei, and its plasticity (Medina & Mauk 2000, J Neurosci
 * 20:5516; savings from residual nuclear plasticity: Medina, Garcia & Mauk 2001 [M]).
 *
 *   x̃_m(t)  = x̃_m(t − dt) + (1 − e^(−dt/τ_n)) · ([x_m(t) − background]₊ − x̃_m(t − dt))
 *   z_p(t) += (1/F) Σ_m v_pm x̃_m(t)                    F = fibresPerChannel
 *   Δv_pm   = dt · x̃_m(t) · (η₊ [pause_p]₊ − η₋ [−pause_p]₊),   v ∈ [0, maxWeight]
 *
 * The nuclei integrate their mossy input with time constant τ_n, so a CS reaches the nucleus
 * no faster than it reaches the Purkinje cells through the granule layer. Potentiation needs a
 * Purkinje pause coinciding with mossy input; Purkinje activity above baseline depresses, at the
 * slower rate η₋ = depressionRatio · η₊, so nuclear learning outlasts cortical extinction.
 */
import { type NucleusArrays, nucleusStep } from "../kernels/frontEnd.js";
import { type KernelArrays, plainArrays } from "../kernels/kernel.js";
import type { CerebellumParams } from "../model/cerebellum.js";

/**
 * The nuclear learning signal shared by both mossy-fibre → nucleus sites (this file's deep
 * nucleus and the VOR's vestibular nucleus, vestibularNucleus.ts): η₊·pause when the Purkinje
 * cells pause (potentiation), η₋·pause = depressionRatio·η₊·pause when they fire above baseline.
 */
export function nuclearDrive(pause: number, rate: number, depressionRatio: number): number {
  return pause > 0 ? rate * pause : rate * depressionRatio * pause;
}

export class NucleusMossy {
  /** Mossy fibre → nucleus weights, M × P. */
  readonly v: Float32Array;
  /** Filtered mossy input x̃, per fibre. */
  readonly input: Float64Array;
  private readonly leak: number;
  /** The same arrays for the kernels' loop (a private field: no part of a checkpoint). */
  readonly #arrays: NucleusArrays;

  /**
   * `arrays`: where v and x̃ live (a kernel's memory, so it reads them in place). `excluded`: 1
   * for the fibres that do not reach the nucleus (the nucleocortical ones, which come from it):
   * their weights stay 0.
   */
  constructor(
    private readonly p: CerebellumParams,
    arrays: KernelArrays = plainArrays,
    private readonly excluded: Uint8Array | null = null,
  ) {
    this.v = arrays.float32(p.mossy.count * p.purkinje.count);
    this.input = arrays.float64(p.mossy.count);
    this.leak = Math.exp(-p.dtMs / p.plasticity.mfNucleus.inputTauMs);
    this.#arrays = {
      v: this.v,
      input: this.input,
      background: p.mossy.background,
      leak: this.leak,
      scale: 1 / p.mossy.fibresPerChannel,
    };
  }

  /** The arrays and constants, for `Kernel.prepareFrontEnd`. */
  get arrays(): NucleusArrays {
    return this.#arrays;
  }

  /** Filter the mossy input and add the nucleus's mossy drive to `output`. */
  step(rate: Float32Array, output: Float64Array): void {
    nucleusStep(this.#arrays, rate, output);
  }

  learn(pause: Float64Array): void {
    const { rate, depressionRatio, maxWeight } = this.p.plasticity.mfNucleus;
    const { v, input } = this;
    const purkinje = pause.length;
    for (let q = 0; q < purkinje; q++) {
      const drive = nuclearDrive(pause[q], rate, depressionRatio);
      if (drive === 0) continue;
      const step = drive * this.p.dtMs;
      for (let m = 0; m < input.length; m++) {
        if (input[m] === 0 || this.excluded?.[m]) continue;
        const i = m * purkinje + q;
        let value = v[i] + step * input[m];
        if (value < 0) value = 0;
        else if (value > maxWeight) value = maxWeight;
        v[i] = value;
      }
    }
  }
}
