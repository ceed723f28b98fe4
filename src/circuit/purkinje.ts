/**
 * Purkinje cells and their drive onto the deep cerebellar nuclei.
 *
 *   pause_p(t)  = (1/A) Σ_i (w₀ − w_pi) g_i(t)          A = f·N  (g_i ∈ {0,1} or a rate)
 *   y_p(t)      = y₀ − pause_p(t)                       (Purkinje rate)
 *   z_p(t)      = (1 − ℓ) · G · pause_p(t) + ℓ · T      (cortical part of the nuclear output;
 *                                                        circuit/nucleus.ts adds the mossy part)
 *
 * Sign convention: Purkinje cells inhibit the nuclei, so LTD (w below w₀) pauses them and
 * disinhibits the nucleus; z is the nucleus output above its intact baseline (positive =
 * response). The nucleus's own rate is n = b − (1 − ℓ)·(T − G·pause) + mossy: an intrinsic
 * drive b, less the inhibition of the Purkinje cells that survive a lesion of fraction ℓ —
 * their tonic part T (baseline firing) and its learned modulation. b = T puts the intact
 * baseline at z = 0, so a lesion removes ℓ·T of tonic inhibition and lifts the nucleus rate
 * by that much (disinhibition); with MF→nucleus weights learned, the CS then drives the
 * nucleus over the response threshold early (short-latency CRs: Perrett, Ruiz & Mauk 1993;
 * Medina et al. 2000). T is small against the CR threshold because lesioned rabbits show
 * short-latency CRs, not a tonically closed eyelid (docs/eyeblink.md, "Lesions").
 * Molecular-layer interneurons driven by the same parallel fibres cancel the mean PF drive, so
 * y depends only on learned deviations from w₀, not on how many cells are active.
 */
import { type Kernel, kernelArrays } from "../kernels/kernel.js";
import type { CerebellumParams } from "../model/cerebellum.js";
import { IntPfWeights } from "./intPfWeights.js";

export class PurkinjeNuclei {
  /**
   * The integer tier's weights (kernel.intWeights; null on the float tier). `w` then decodes them
   * into a fresh Float32Array on every read: read it once, not per step.
   */
  readonly int: IntPfWeights | null;
  private readonly floatW: Float32Array;
  readonly pause: Float64Array;
  readonly output: Float64Array;
  private readonly sum: Float64Array;
  private readonly norm: number;
  /** Fraction of Purkinje output removed; starts at params.lesion, can be changed mid-run. */
  lesion: number;

  constructor(
    private readonly p: CerebellumParams,
    private readonly kernel: Kernel,
    /** Cells a step can list (the granule layer's capacity) and the rounding seed: integer tier only. */
    intTier?: { capacity: number; seed: number },
  ) {
    const purkinje = p.purkinje.count;
    const arrays = kernelArrays(kernel);
    if (kernel.intWeights) {
      if (!intTier) throw new Error("PurkinjeNuclei: the integer tier needs capacity and seed");
      this.int = new IntPfWeights(p, kernel, intTier.capacity, intTier.seed);
      this.floatW = new Float32Array(0);
    } else {
      this.int = null;
      this.floatW = arrays.float32(p.granule.count * purkinje).fill(p.purkinje.initialWeight);
    }
    this.pause = new Float64Array(purkinje);
    this.output = arrays.float64(purkinje);
    this.sum = arrays.float64(purkinje);
    this.norm = Math.max(1, Math.round(p.granule.codingLevel * p.granule.count));
    this.lesion = p.lesion.cortexFraction;
  }

  /** PF→PC weights, N × P (on the integer tier a decoded copy, see `int`). */
  get w(): Float32Array {
    return this.int ? this.int.decode() : this.floatW;
  }

  /** `gain`: the rates of a graded layer's active cells (null: binary, every rate 1). */
  step(active: Int32Array, count: number, gain: Float32Array | null = null): void {
    const { p, pause, output, sum, kernel } = this;
    const purkinje = p.purkinje.count;
    const w0 = p.purkinje.initialWeight;
    if (this.int) this.int.sum(active, count, sum, gain);
    else if (gain) kernel.purkinjeSumGraded(active, gain, count, this.floatW, purkinje, w0, sum);
    else kernel.purkinjeSum(active, count, this.floatW, purkinje, w0, sum);
    const cortex = (1 - this.lesion) * p.purkinje.outputGain;
    const disinhibition = this.lesion * p.purkinje.tonicInhibition;
    for (let q = 0; q < purkinje; q++) {
      pause[q] = -sum[q] / this.norm;
      output[q] = cortex * pause[q] + disinhibition;
    }
  }

  /**
   * Shunting inhibition (purkinje.shuntingExcitation = b > 0): the Purkinje part of z, written by
   * `step`, scales by (b + [M]₊)/b, then M is added. `mossy` holds M, the nucleus's mossy drive
   * this step (circuit/nucleus.ts). Removing a shunting conductance raises the rate in proportion
   * to the excitation present, so a pause (or a lesion's disinhibition) drives the nucleus more
   * once its mossy synapses have grown (Medina & Mauk 2000: CR expression waits for the nuclear
   * site; Ohyama & Mauk 2001: cortical learning can be latent).
   */
  addShuntedMossy(mossy: Float64Array): void {
    const b = this.p.purkinje.shuntingExcitation;
    const { output } = this;
    for (let q = 0; q < output.length; q++) {
      const m = mossy[q];
      output[q] = output[q] * (b + Math.max(m, 0)) + m;
    }
  }
}
