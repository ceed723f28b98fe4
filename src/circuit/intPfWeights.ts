/**
 * PF→PC weights of the integer tier (kernels/intWeights.ts): int16 offsets from w₀ in units of q,
 * their Purkinje sums kept up to date from the change of the active set, and their stochastically
 * rounded updates.
 *
 * Incremental sums. S_p = Σ_{i∈A} wq_ip over the current active set A is kept between steps:
 * a new set A′ adds the rows of the cells entering and subtracts those of the cells leaving, and
 * every update to a row in A adds its change (the kernel reports it through `mask`). Integer
 * sums are exact in any order, so S equals the full sum bit for bit; when more cells change than
 * stay, the full sum is cheaper and is taken instead. `incremental` turns them on (off by
 * default: measured, they did not pay, see bench/README.md).
 *
 * Graded layers. A graded cell's rate g ∈ (0, 1] enters the tier as gq = round(g·2⁸), an integer
 * (`quantisedRate`), so its sums Σ gq·wq stay exact in any order and its step is the fixed-point
 * ⌊d_p·gq/2⁸⌋: the float rule's g·Δw to within a rate resolution of 2⁻⁹. Rates change every step,
 * so graded sums are always full sums (never incremental), through the kernel's graded ops
 * (`purkinjeSumIntGraded`, `updateWeightsIntGraded`: wasm on wasm-int, bit-identical to ts-int).
 */
import {
  FRACTION_BITS,
  fixedChanges,
  type IntWeightFormat,
  type IntWeightKernel,
  intWeightFormat,
  quantisedRate,
  RATE_BITS,
  roundedStep,
  softFixedStep,
  stepKey,
} from "../kernels/intWeights.js";
import { type Kernel, kernelArrays } from "../kernels/kernel.js";
import type { CerebellumParams } from "../model/cerebellum.js";
import { ConfigError } from "../model/errors.js";
import type { SoftBounds } from "./softBounds.js";

export { quantisedRate, RATE_BITS };

export class IntPfWeights {
  readonly format: IntWeightFormat;
  /** wq, N × P (cell-major, like the float weights). */
  readonly values: Int16Array;
  /**
   * Take the sums from the change of the active set (exact; see above). Off by default: in the
   * bench (bench/README.md) it read ≈ 7 % of the rows yet ran 0.74–1.05× the full sums.
   */
  incremental = false;
  private readonly ops: IntWeightKernel;
  private readonly purkinje: number;
  /** Σ_{i∈A} wq_i per column, exact (integers in float64). */
  private readonly running: Float64Array;
  private readonly scratch: Float64Array;
  private readonly fixed: Int32Array;
  /** 1 for the cells of the current set A. */
  private readonly member: Uint8Array;
  private readonly current: Int32Array;
  private currentCount = 0;
  private readonly entering: Int32Array;
  private readonly leaving: Int32Array;
  private readonly seed: number;
  private steps = 0;
  /** Cells that entered plus cells that left the active set, and cells listed, over all sums. */
  changedCells = 0;
  listedCells = 0;

  constructor(p: CerebellumParams, kernel: Kernel, capacity: number, seed: number) {
    if (!kernel.intWeights) throw new Error(`kernel ${kernel.name} has no integer tier`);
    this.ops = kernel.intWeights;
    const rule = p.plasticity.pfPurkinje;
    const w0 = p.purkinje.initialWeight;
    if (!(rule.minWeight <= w0 && w0 <= rule.maxWeight)) {
      throw new ConfigError(
        "purkinje.initialWeight",
        `the integer tier needs minWeight ≤ initialWeight ≤ maxWeight (got ${rule.minWeight} ≤ ${w0} ≤ ${rule.maxWeight})`,
      );
    }
    this.format = intWeightFormat(w0, rule.minWeight, rule.maxWeight);
    const arrays = kernelArrays(kernel);
    const N = p.granule.count;
    const P = p.purkinje.count;
    this.purkinje = P;
    this.values = arrays.int16 ? arrays.int16(N * P) : new Int16Array(N * P);
    this.member = arrays.uint8 ? arrays.uint8(N) : new Uint8Array(N);
    this.running = arrays.float64(P);
    this.scratch = arrays.float64(P);
    this.fixed = arrays.int32(P);
    this.current = arrays.int32(capacity);
    this.entering = arrays.int32(capacity);
    this.leaving = arrays.int32(capacity);
    this.seed = seed;
  }

  /** The weights as floats, w = w₀ + q·wq (a fresh copy). */
  decode(): Float32Array {
    const { w0, q } = this.format;
    const out = new Float32Array(this.values.length);
    for (let i = 0; i < out.length; i++) out[i] = w0 + q * this.values[i];
    return out;
  }

  /**
   * sum_p = Σ_{i∈active} (w_ip − w₀) = q·S_p for the new active list (strictly increasing, as
   * the granule layer writes it), and A becomes that list.
   */
  sum(
    active: Int32Array,
    count: number,
    out: Float64Array,
    gain: Float32Array | null = null,
  ): void {
    if (gain) {
      this.sumGraded(active, count, gain, out);
      return;
    }
    const { ops, purkinje, running, scratch, member, current, entering, leaving } = this;
    let enter = 0;
    let leave = 0;
    let increasing = true;
    for (let j = 1; j < count && increasing; j++) increasing = active[j] > active[j - 1];
    const incremental = this.incremental && increasing;
    if (incremental) {
      // Merge the old and new lists (both increasing) into the cells entering and leaving.
      let a = 0;
      let b = 0;
      const old = this.currentCount;
      while (a < old || b < count) {
        const x = a < old ? current[a] : 2147483647;
        const y = b < count ? active[b] : 2147483647;
        if (x === y) {
          a++;
          b++;
        } else if (x < y) {
          leaving[leave++] = x;
          a++;
        } else {
          entering[enter++] = y;
          b++;
        }
      }
    }
    if (incremental) this.changedCells += enter + leave;
    this.listedCells += count;
    if (incremental && enter + leave < count) {
      ops.purkinjeSumInt(entering, enter, this.values, purkinje, scratch);
      for (let q = 0; q < purkinje; q++) running[q] += scratch[q];
      ops.purkinjeSumInt(leaving, leave, this.values, purkinje, scratch);
      for (let q = 0; q < purkinje; q++) running[q] -= scratch[q];
      for (let j = 0; j < leave; j++) member[leaving[j]] = 0;
      for (let j = 0; j < enter; j++) member[entering[j]] = 1;
    } else {
      ops.purkinjeSumInt(active, count, this.values, purkinje, running);
      for (let j = 0; j < this.currentCount; j++) member[current[j]] = 0;
      for (let j = 0; j < count; j++) member[active[j]] = 1;
    }
    current.set(active.subarray(0, count));
    this.currentCount = count;
    const q = this.format.q;
    for (let p = 0; p < purkinje; p++) out[p] = q * running[p];
  }

  /**
   * w_ip ← clamp(w_ip + Δw_p) for the listed cells, Δw rounded stochastically to multiples of q
   * with a key of its own (from the rounding seed and a count of update calls). With `soft`, each
   * weight's step is first scaled by its room (softBounds.ts; `updateSoft`).
   */
  update(
    active: Int32Array,
    count: number,
    dw: Float64Array,
    soft: SoftBounds | null = null,
    gain: Float32Array | null = null,
  ): void {
    const { format, fixed } = this;
    fixedChanges(dw, format, fixed);
    if (gain) {
      this.ops.updateWeightsIntGraded(
        active,
        gain,
        count,
        this.values,
        this.purkinje,
        fixed,
        format.lo,
        format.hi,
        stepKey(this.seed, this.steps),
        soft !== null,
      );
      this.steps++;
      return;
    }
    if (soft) {
      this.updateSoft(active, count, fixed);
      return;
    }
    this.ops.updateWeightsInt(
      active,
      count,
      this.values,
      this.purkinje,
      fixed,
      format.lo,
      format.hi,
      stepKey(this.seed, this.steps),
      this.incremental ? this.member : null,
      this.incremental ? this.running : null,
    );
    this.steps++;
  }

  /**
   * The soft-bound update in the tier's units: the fixed-point step d_p of a weight wq becomes
   * ⌊d_p·(wq − lo)/(−lo)⌋ for LTD and ⌊d_p·(hi − wq)/hi⌋ for LTP (lo < 0 < hi are the bounds in
   * units of q, so the room is the float rule's to within one q), then rounded and clamped as
   * every update is.
   */
  private updateSoft(active: Int32Array, count: number, fixed: Int32Array): void {
    const { lo, hi } = this.format;
    this.stepEach(active, count, (old, p) => softFixedStep(fixed[p], old, lo, hi));
  }

  /** sum_p = q·Σ_j gq_j·wq_jp / 2⁸ (exact integers until the last product). */
  private sumGraded(active: Int32Array, count: number, gain: Float32Array, out: Float64Array) {
    if (this.incremental)
      throw new ConfigError("backend", "incremental integer sums need a binary granule layer");
    const { purkinje, running } = this;
    this.ops.purkinjeSumIntGraded(active, gain, count, this.values, purkinje, running);
    const scale = this.format.q * 2 ** -RATE_BITS;
    for (let p = 0; p < purkinje; p++) out[p] = scale * running[p];
  }

  /**
   * Relaxation toward w₀ on the listed cells: w − w₀ ← (1 − f)(w − w₀), i.e. wq ← wq − f·wq with
   * f·wq rounded stochastically as every update is (so the mean change is the float rule's), under
   * the next update call's key. Only paradigms with `pfPurkinje.relaxation` (reach) call it.
   */
  relax(active: Int32Array, count: number, f: number, gain: Float32Array | null = null): void {
    const scale = 2 ** FRACTION_BITS;
    // |f·wq| ≤ 2¹⁵, so the fixed-point change stays inside int32 (and never leaves the bounds).
    // A graded cell relaxes by min(1, f·g) with g its quantised rate, as the float rule's f·g.
    const rate = (j: number) =>
      gain ? Math.min(1, f * quantisedRate(gain[j]) * 2 ** -RATE_BITS) : f;
    this.stepEach(active, count, (old, _p, j) => Math.floor(-rate(j) * old * scale));
  }

  /**
   * wq ← clamp(roundedStep(wq, d)) for every weight of the listed cells, d = change(wq, p, j) in
   * fixed point (0: left alone, as rounding would leave it), under one key; the incremental sums
   * follow. One plain TypeScript loop for every backend of the tier, so they stay bit-identical.
   */
  private stepEach(
    active: Int32Array,
    count: number,
    change: (old: number, p: number, j: number) => number,
  ): void {
    const { values, purkinje, member, running } = this;
    const { lo, hi } = this.format;
    const key = stepKey(this.seed, this.steps);
    for (let j = 0; j < count; j++) {
      const cell = active[j];
      const base = cell * purkinje;
      const track = this.incremental && member[cell] !== 0;
      for (let p = 0; p < purkinje; p++) {
        const old = values[base + p];
        const d = change(old, p, j);
        if (d === 0) continue;
        const next = Math.max(lo, Math.min(hi, roundedStep(old, d, key, base + p)));
        values[base + p] = next;
        if (track) running[p] += next - old;
      }
    }
    this.steps++;
  }
}
