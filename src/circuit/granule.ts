/**
 * Granule layer: N cells, each summing K randomly chosen basis units (K distinct mossy fibres;
 * for each, its tonic unit with probability tonicProbability, else one of its B bumps):
 *
 *   h_i(t) = Σ_k b_{u(i,k)}(t)
 *   g_i(t) = 1 if h_i(t) > θ(t), else 0
 *
 * θ(t) models Golgi inhibition. "quantile": θ(t) is the drive of the ⌈f·N⌉-th most driven cell
 * (never below the floor θ₀), so the coding level stays at f whatever the input — the ideal of
 * the Golgi feedback loop. "fixed": θ = θ₀.
 */
import { type GranulePlan, type Kernel, kernelArrays } from "../kernels/kernel.js";
import type { CerebellumParams } from "../model/cerebellum.js";
import type { Rng } from "../model/rng.js";

export function wireGranule(p: CerebellumParams, rng: Rng): Int32Array {
  const n = p.granule.count;
  const k = Math.min(p.granule.fanIn, p.mossy.count);
  const bumps = p.basis.bumps;
  const width = 1 + bumps;
  const inputs = new Int32Array(n * p.granule.fanIn);
  const chosen = new Int32Array(k);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < p.granule.fanIn; j++) {
      let m: number;
      // Distinct fibres per cell while possible (K ≤ M).
      do {
        m = rng.int(p.mossy.count);
      } while (j < k && chosen.subarray(0, j).includes(m));
      if (j < k) chosen[j] = m;
      const unit = bumps === 0 || rng.uniform() < p.basis.tonicProbability ? 0 : 1 + rng.int(bumps);
      inputs[i * p.granule.fanIn + j] = m * width + unit;
    }
  }
  return inputs;
}

export class GranuleLayer {
  readonly drive: Float32Array;
  /** Indices of active cells, increasing; the first `count` entries are valid. */
  readonly active: Int32Array;
  count = 0;
  /** Most cells that can be active in one step. */
  readonly capacity: number;
  private readonly target: number;
  private readonly histogram: Uint32Array;
  /** Scratch: the cells above the floor this step (`active` itself when it has room for all). */
  private readonly above: Int32Array;
  /** Scratch: their drives. */
  private readonly aboveDrive: Float32Array;
  /** The kernel's copy of the wiring: `inputs` is read once, here. */
  private readonly plan: GranulePlan;

  constructor(
    private readonly p: CerebellumParams,
    inputs: Int32Array,
    private readonly kernel: Kernel,
  ) {
    const n = p.granule.count;
    const arrays = kernelArrays(kernel);
    this.drive = arrays.float32(n);
    this.target =
      p.granule.golgi === "quantile" ? Math.max(1, Math.round(p.granule.codingLevel * n)) : n;
    this.capacity = this.target;
    this.active = arrays.int32(this.capacity);
    this.above = this.capacity >= n ? this.active : arrays.int32(n);
    this.aboveDrive = arrays.float32(n);
    this.histogram = arrays.uint32(1024);
    this.plan = kernel.prepareGranule(inputs, p.granule.fanIn);
  }

  step(units: Float32Array): void {
    const { kernel, drive, above, aboveDrive } = this;
    const floor = this.p.granule.threshold;
    const count = kernel.granuleDriveAbove(units, this.plan, drive, floor, above, aboveDrive);
    this.count = kernel.selectAbove(
      above,
      aboveDrive,
      count,
      this.target,
      floor,
      this.active,
      this.histogram,
    );
  }
}
