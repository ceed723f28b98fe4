/**
 * The integer-weight tier's arithmetic (its plain TypeScript reference; the wasm backend matches
 * it bit for bit, test/kernels/intWeights.test.ts).
 *
 * PF→PC weights are kept as int16 offsets from w₀ in units of a resolution q, a power of two:
 * w = w₀ + q·wq. A P = 32 row is then 64 bytes, one cache line, half the float tier's. Every sum
 * and update is integer arithmetic, so its result does not depend on the order rows are taken in
 * (threads, SIMD lanes, a GPU): sums are exact in float64 while |Σ| < 2⁵³.
 *
 * A step's Δw_p is mostly far below q (η·E·dt ≈ 10⁻⁵ against q = 2⁻¹⁴ ≈ 6·10⁻⁵ at the defaults),
 * so it is rounded stochastically, per weight: with d_p = ⌊Δw_p/q · 2¹⁶⌋ (fixed point, 16
 * fraction bits) and u a 16-bit hash of (step key, weight index), the weight moves by
 * ⌊(d_p + u) / 2¹⁶⌋, i.e. by ⌊Δw_p/q⌋ or one more, the latter with probability the fraction: its
 * mean is Δw_p/q (to 2⁻¹⁶ q). The hash is counter-based (no state), so the noise a weight gets
 * does not depend on which thread or lane updates it; the step key is derived from the run's
 * seed and the step number, so the same seed gives the same weights.
 */

/** Fraction bits of a per-step change d_p. */
export const FRACTION_BITS = 16;
/** |d_p| is capped here so that d_p + u stays inside int32 (a change of 2¹⁴ q per step at most). */
export const MAX_FIXED_CHANGE = 2 ** 30;

/** Fraction bits of a graded cell's quantised rate gq = round(g·2⁸). */
export const RATE_BITS = 8;

/** gq = round(g·2⁸) ∈ [0, 2⁸] for a graded rate g ∈ [0, 1]. */
export function quantisedRate(g: number): number {
  return Math.round(g * 2 ** RATE_BITS);
}

/** How a tier stores the weights: w = w0 + q·wq with wq ∈ [lo, hi] ⊂ int16. */
export interface IntWeightFormat {
  readonly w0: number;
  /** Resolution q = 2^−bits. */
  readonly q: number;
  readonly bits: number;
  /** Bounds of wq: the weight bounds in units of q (rounded inward). */
  readonly lo: number;
  readonly hi: number;
}

/**
 * The finest power-of-two resolution at which [minWeight, maxWeight] around w0 fits int16:
 * the largest `bits` with max(w0 − min, max − w0)·2^bits ≤ 32767. At the defaults (w0 = 1,
 * bounds 0 and 2) that is q = 2⁻¹⁴ ≈ 6.1·10⁻⁵.
 */
export function intWeightFormat(w0: number, minWeight: number, maxWeight: number): IntWeightFormat {
  const span = Math.max(w0 - minWeight, maxWeight - w0, 2 ** -30);
  let bits = Math.floor(Math.log2(32767 / span));
  while (span * 2 ** bits > 32767) bits--;
  while (span * 2 ** (bits + 1) <= 32767) bits++;
  const q = 2 ** -bits;
  return {
    w0,
    q,
    bits,
    lo: Math.ceil((minWeight - w0) / q),
    hi: Math.floor((maxWeight - w0) / q),
  };
}

/** d_p = ⌊Δw_p/q · 2¹⁶⌋, capped at ±2³⁰ (exact: Δw·2^(bits+16) only moves the exponent). */
export function fixedChanges(dw: Float64Array, format: IntWeightFormat, out: Int32Array): void {
  const scale = 2 ** (format.bits + FRACTION_BITS);
  for (let p = 0; p < out.length; p++) {
    const d = Math.floor(dw[p] * scale);
    out[p] = Math.max(-MAX_FIXED_CHANGE, Math.min(MAX_FIXED_CHANGE, d));
  }
}

/** murmur3's 32-bit finaliser. */
function mix32(x: number): number {
  let h = x | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h;
}

/** The key of one step's rounding noise: from the run's rounding seed and the step number. */
export function stepKey(seed: number, step: number): number {
  return mix32((seed ^ Math.imul(step, 0x9e3779b9)) | 0);
}

/** u ∈ [0, 2¹⁶): the rounding noise of weight `index` (= cell·P + p) at a step's `key`. */
export function roundingNoise(key: number, index: number): number {
  return mix32((Math.imul(index, 0x9e3779b1) + key) | 0) >>> 16;
}

/** wq + ⌊(d + u)/2¹⁶⌋ with u = roundingNoise(key, index): a fixed-point change d, rounded stochastically. */
export function roundedStep(wq: number, d: number, key: number, index: number): number {
  return wq + ((d + roundingNoise(key, index)) >> FRACTION_BITS);
}

/**
 * The soft bounds' scaling of a fixed-point step d for a weight wq (bounds lo < 0 < hi in units of
 * q): ⌊d·(wq − lo)/(−lo)⌋ for LTD, ⌊d·(hi − wq)/hi⌋ for LTP, capped at ±2³⁰ (0 stays 0).
 */
export function softFixedStep(d: number, wq: number, lo: number, hi: number): number {
  if (d === 0) return 0;
  const room = d < 0 ? (wq - lo) / -lo : (hi - wq) / hi;
  return Math.max(-MAX_FIXED_CHANGE, Math.min(MAX_FIXED_CHANGE, Math.floor(d * room)));
}

/** The operations of the integer tier; every backend of the tier gives these results bit for bit. */
export interface IntWeightKernel {
  /** out_p = Σ_{j<count} wq[active[j]·P + p] for p < P (exact). */
  purkinjeSumInt(
    active: Int32Array,
    count: number,
    wq: Int16Array,
    purkinje: number,
    out: Float64Array,
  ): void;
  /**
   * wq ← clamp(wq + ⌊(d_p + u)/2¹⁶⌋, lo, hi) with u = roundingNoise(key, cell·P + p), for every
   * listed cell and p < P (d_p = 0 changes nothing, since u < 2¹⁶). With `mask`, the change of
   * every row whose mask byte is non-zero (new − old, after the clamp) is added to acc_p: the
   * incremental sums' correction for rows that stay in the active set.
   */
  updateWeightsInt(
    active: Int32Array,
    count: number,
    wq: Int16Array,
    purkinje: number,
    d: Int32Array,
    lo: number,
    hi: number,
    key: number,
    mask: Uint8Array | null,
    acc: Float64Array | null,
  ): void;
  /**
   * A graded layer's sums: out_p = Σ_{j<count} gq_j·wq[active[j]·P + p] for p < P (exact), with
   * gq_j = quantisedRate(gain[j]).
   */
  purkinjeSumIntGraded(
    active: Int32Array,
    gain: Float32Array,
    count: number,
    wq: Int16Array,
    purkinje: number,
    out: Float64Array,
  ): void;
  /**
   * A graded layer's update: cell j's fixed-point step is s = ⌊d_p·gq_j/2⁸⌋ (exact in float64),
   * with `soft` then softFixedStep(s, wq, lo, hi); s = 0 leaves the weight alone, any other s
   * moves it to clamp(roundedStep(wq, s, key, cell·P + p), lo, hi), row after row in list order.
   */
  updateWeightsIntGraded(
    active: Int32Array,
    gain: Float32Array,
    count: number,
    wq: Int16Array,
    purkinje: number,
    d: Int32Array,
    lo: number,
    hi: number,
    key: number,
    soft: boolean,
  ): void;
}

export const referenceIntKernel: IntWeightKernel = {
  purkinjeSumInt(active, count, wq, purkinje, out) {
    for (let p = 0; p < purkinje; p++) out[p] = 0;
    for (let j = 0; j < count; j++) {
      const base = active[j] * purkinje;
      for (let p = 0; p < purkinje; p++) out[p] += wq[base + p];
    }
  },
  updateWeightsInt(active, count, wq, purkinje, d, lo, hi, key, mask, acc) {
    for (let j = 0; j < count; j++) {
      const cell = active[j];
      const base = cell * purkinje;
      const track = mask !== null && acc !== null && mask[cell] !== 0;
      for (let p = 0; p < purkinje; p++) {
        const dp = d[p];
        if (dp === 0) continue;
        const old = wq[base + p];
        const v = roundedStep(old, dp, key, base + p);
        const next = Math.max(lo, Math.min(hi, v));
        wq[base + p] = next;
        if (track) (acc as Float64Array)[p] += next - old;
      }
    }
  },
  purkinjeSumIntGraded(active, gain, count, wq, purkinje, out) {
    for (let p = 0; p < purkinje; p++) out[p] = 0;
    for (let j = 0; j < count; j++) {
      const gq = quantisedRate(gain[j]);
      if (gq === 0) continue;
      const base = active[j] * purkinje;
      for (let p = 0; p < purkinje; p++) out[p] += gq * wq[base + p];
    }
  },
  updateWeightsIntGraded(active, gain, count, wq, purkinje, d, lo, hi, key, soft) {
    const scale = 2 ** -RATE_BITS;
    for (let j = 0; j < count; j++) {
      const gq = quantisedRate(gain[j]) * scale;
      const base = active[j] * purkinje;
      for (let p = 0; p < purkinje; p++) {
        const dp = d[p];
        if (dp === 0) continue;
        const old = wq[base + p];
        // |dp·gq| ≤ |dp| ≤ 2³⁰ for rates in [0, 1]: no cap needed before the soft scaling.
        let step = Math.floor(dp * gq);
        if (soft) step = softFixedStep(step, old, lo, hi);
        if (step === 0) continue;
        wq[base + p] = Math.max(lo, Math.min(hi, roundedStep(old, step, key, base + p)));
      }
    }
  },
};
