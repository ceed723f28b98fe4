/**
 * The hot loops, behind one interface. `reference.ts` is the plain TypeScript definition;
 * every faster backend must match it in the conformance tests (test/kernels).
 *
 * Layouts: granule wiring `inputs` is N × K (cell-major); PF→PC weights `w` are N × P
 * (cell-major, so the P weights of one active cell are contiguous).
 */
export interface Kernel {
  readonly name: string;

  /** h_i = Σ_{k<K} units[inputs[i·K + k]] for every granule cell i. */
  granuleDrive(units: Float32Array, inputs: Int32Array, fanIn: number, drive: Float32Array): void;

  /**
   * Golgi-controlled selection: about the `target` cells of largest drive among those with
   * drive > floor. Drives are binned into `histogram.length` bins between the floor and the
   * maximum; every bin above the cut fires, and the cut bin fills up in index order, so exactly
   * `target` fire whenever more than `target` are above the floor. Writes their indices to `active`
   * in increasing order and returns how many. `target` ≥ N selects every cell above the floor.
   * `histogram` is scratch space (its length is the number of bins).
   */
  selectActive(
    drive: Float32Array,
    target: number,
    floor: number,
    active: Int32Array,
    histogram: Uint32Array,
  ): number;

  /** out_p = Σ_{j<count} (w[active[j]·P + p] − w0), for every p < P. */
  purkinjeSum(
    active: Int32Array,
    count: number,
    w: Float32Array,
    purkinje: number,
    w0: number,
    out: Float64Array,
  ): void;

  /** w[active[j]·P + p] ← clamp(w + dw_p, lo, hi), for every listed cell j and p < P. */
  updateWeights(
    active: Int32Array,
    count: number,
    w: Float32Array,
    purkinje: number,
    dw: Float64Array,
    lo: number,
    hi: number,
  ): void;
}
