/**
 * The hot loops, behind one interface. `reference.ts` is the plain TypeScript definition;
 * every faster backend must match it in the conformance tests (test/kernels).
 *
 * Layouts: granule wiring `inputs` is N × K (cell-major); PF→PC weights `w` are N × P
 * (cell-major, so the P weights of one active cell are contiguous).
 *
 * Arithmetic is part of the contract: sums are taken in float64, in the order written below,
 * and rounded to float32 only where a Float32Array is written, so every backend gives
 * bit-identical results.
 *
 * Granule output is binary (a cell is listed or not) or graded (each listed cell j also has a
 * rate g_j ∈ (0, 1], `gain[j]`, beside `active[j]`): the `…Graded` kernels. With every g_j = 1
 * they give the binary kernels' results bit for bit (test/kernels), so a binary layer may use
 * either. Tiers: this contract is the float tier. A faster tier with other arithmetic (integer
 * weights, say) is a second kernel family with its own bit-exact conformance suite and must
 * pass the scorecard; it does not change the results of this one.
 */
import type { Rng } from "../model/rng.js";
import type { FrontEnd } from "./frontEnd.js";
import type { IntWeightKernel } from "./intWeights.js";

/** A backend's own copy of the granule wiring, made by `Kernel.prepareGranule`. */
export interface GranulePlan {
  /** Granule cells N. */
  readonly cells: number;
  /** Inputs per cell K. */
  readonly fanIn: number;
}

/** A backend's hold on one module's front end (frontEnd.ts), made by `Kernel.prepareFrontEnd`. */
export interface FrontEndPlan {
  readonly front: FrontEnd;
}

/**
 * Where a backend wants the circuit's big arrays: e.g. in its WebAssembly memory, so that its
 * kernels read them without copies. Arrays from anywhere else still work (a backend copies them
 * in and out). An array stays valid as long as it is referenced; views of it (subarray) need the
 * array itself kept alive too.
 */
export interface KernelArrays {
  float32(length: number): Float32Array;
  float64(length: number): Float64Array;
  int32(length: number): Int32Array;
  uint32(length: number): Uint32Array;
  /** For the integer tier's weights and masks (absent: plain arrays). */
  int16?(length: number): Int16Array;
  uint8?(length: number): Uint8Array;
}

/**
 * Marks an object as machinery, not a run's state: a checkpoint (paradigms/snapshot.ts) leaves
 * it as the resumed run built it. A kernel holds no results of its own (the integer tier's
 * rounding noise is a function of the seed and the step), only its memory's bookkeeping, and the
 * model arrays that live in that memory are saved and restored through the modules that own them.
 */
export const NOT_RUN_STATE: unique symbol = Symbol.for("shoulda.notRunState");

/**
 * Names the fields of a class that its constructor builds from the seed and config alone and
 * that never change after (wiring: connectivity indices, fixed basis parameters). A checkpoint
 * (paradigms/snapshot.ts) saves only a hash of each typed array under them, not the bytes; the
 * resumed run builds them again, and a restore whose rebuilt array hashes differently (another
 * version or platform drew other wiring) is refused, naming the field.
 */
export const BUILT_FROM_SEED: unique symbol = Symbol.for("shoulda.builtFromSeed");

/** Plain typed arrays: the reference's (and any backend's without `alloc`). */
export const plainArrays: KernelArrays = {
  float32: (n) => new Float32Array(n),
  float64: (n) => new Float64Array(n),
  int32: (n) => new Int32Array(n),
  uint32: (n) => new Uint32Array(n),
  int16: (n) => new Int16Array(n),
  uint8: (n) => new Uint8Array(n),
};

/** The arrays a kernel wants its inputs in. */
export function kernelArrays(kernel: Kernel): KernelArrays {
  return kernel.alloc ?? plainArrays;
}

export interface Kernel {
  readonly name: string;

  /** Allocation of arrays the kernels read without copying (plain typed arrays if absent). */
  readonly alloc?: KernelArrays;

  /**
   * The integer-weight tier (intWeights.ts): present on the backends that run it (ts-int,
   * wasm-int). A circuit built with such a kernel keeps its PF→PC weights as int16.
   */
  readonly intWeights?: IntWeightKernel;

  /** Releases what the backend holds outside the JS heap (e.g. worker threads); optional. */
  dispose?(): void;

  /**
   * h_i = Σ_{k<K} units[inputs[i·K + k]] for every granule cell i, summed from k = 0 up (for
   * K = 4 as u₀ + u₁ + u₂ + u₃; for other K starting from 0).
   */
  granuleDrive(units: Float32Array, inputs: Int32Array, fanIn: number, drive: Float32Array): void;

  /**
   * Lays out the N × K granule wiring `inputs` for `granuleDriveAbove` (e.g. packed), once per
   * layer. The plan may keep `inputs` or a copy of it, so the wiring must not change afterwards.
   */
  prepareGranule(inputs: Int32Array, fanIn: number): GranulePlan;

  /**
   * `granuleDrive` with the wiring of `plan`, and in the same pass the first step of
   * `selectActive`: lists the cells whose drive (as stored, i.e. rounded to float32) is > floor,
   * in increasing order, with their indices in `above` and their drives in `aboveDrive`, and
   * returns how many. Both need room for every cell (length ≥ N).
   */
  granuleDriveAbove(
    units: Float32Array,
    plan: GranulePlan,
    drive: Float32Array,
    floor: number,
    above: Int32Array,
    aboveDrive: Float32Array,
  ): number;

  /**
   * Golgi-controlled selection: about the `target` cells of largest drive among those with
   * drive > floor. Drives are binned into `histogram.length` bins between the floor and the
   * maximum; every bin above the cut fires, and the cut bin fills up in index order, so exactly
   * `target` fire whenever more than `target` are above the floor. Writes their indices to `active`
   * in increasing order and returns how many (entries past that are unspecified). `target` ≥ N
   * selects every cell above the floor.
   * `histogram` is scratch space (its length is the number of bins).
   *
   * Precisely: with max the largest drive and scale = (bins − 10⁻³) / (max − floor), cell i
   * falls in bin ⌊(h_i − floor) · scale⌋. The cut is the highest bin at which the count from the
   * top reaches `target` (or bin 0).
   */
  selectActive(
    drive: Float32Array,
    target: number,
    floor: number,
    active: Int32Array,
    histogram: Uint32Array,
  ): number;

  /**
   * `selectActive` given the list of cells above the floor that `granuleDriveAbove` returned
   * (`above[0 … count)`, increasing, with drives `aboveDrive[0 … count)`). Same rule, same
   * result. `active` may be `above` itself (each entry is read before it can be overwritten).
   */
  selectAbove(
    above: Int32Array,
    aboveDrive: Float32Array,
    count: number,
    target: number,
    floor: number,
    active: Int32Array,
    histogram: Uint32Array,
  ): number;

  /**
   * out_p = Σ_{j<count} w[active[j]·P + p] − count·w0, for every p < P: the sum is taken in
   * float64 from 0, j increasing, and count·w0 subtracted at the end. Entries of `out` past P
   * are set to 0.
   */
  purkinjeSum(
    active: Int32Array,
    count: number,
    w: Float32Array,
    purkinje: number,
    w0: number,
    out: Float64Array,
  ): void;

  /**
   * w[active[j]·P + p] ← clamp(w + dw_p, lo, hi), for every listed cell j and p < P (entries
   * with dw_p = 0 are left alone), cells in list order. v + dw is taken in float64 and clamped as
   * `v < lo ? lo : v > hi ? hi : v` before it is rounded to float32.
   */
  updateWeights(
    active: Int32Array,
    count: number,
    w: Float32Array,
    purkinje: number,
    dw: Float64Array,
    lo: number,
    hi: number,
  ): void;

  /**
   * Graded purkinjeSum: out_p = Σ_{j<count} g_j·w[active[j]·P + p] − G·w0 with G = Σ_j g_j.
   * Every sum (G and each out_p) is taken in float64 from 0, j increasing; g_j·w is exact in
   * float64; G·w0 is subtracted at the end. Entries of `out` past P are set to 0.
   */
  purkinjeSumGraded(
    active: Int32Array,
    gain: Float32Array,
    count: number,
    w: Float32Array,
    purkinje: number,
    w0: number,
    out: Float64Array,
  ): void;

  /**
   * Graded updateWeights: w ← clamp(w + g_j·dw_p, lo, hi) for every listed cell j and p < P
   * (entries with dw_p = 0 left alone), cells in list order; g_j·dw_p and the sum are float64,
   * clamped as in updateWeights, then rounded to float32.
   */
  updateWeightsGraded(
    active: Int32Array,
    gain: Float32Array,
    count: number,
    w: Float32Array,
    purkinje: number,
    dw: Float64Array,
    lo: number,
    hi: number,
  ): void;

  /**
   * Takes hold of a module's front end (mossy layer and temporal basis, frontEnd.ts) for
   * `frontEndStep`, once per module. The arrays are used in place: they must stay the same
   * arrays (their contents may be changed between steps, e.g. by a checkpoint restore).
   */
  prepareFrontEnd(front: FrontEnd): FrontEndPlan;

  /**
   * One step of the front end: exactly `frontEndStep` of frontEnd.ts (mossy layer, then basis),
   * every normal drawn from `rng` in the same order, so `rng` ends where that code leaves it.
   */
  frontEndStep(plan: FrontEndPlan, channels: ArrayLike<number>, rng: Rng): void;

  /**
   * The nuclei's mossy drive of the plan's front end (it has `nucleus`): exactly `nucleusStep` of
   * frontEnd.ts on this step's rates, adding to `output` (z, one entry per Purkinje cell).
   */
  nucleusStep(plan: FrontEndPlan, output: Float64Array): void;
}
