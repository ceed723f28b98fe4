/**
 * Soft-bound (weight-dependent) PF→PC updates, `plasticity.pfPurkinje.bounds: soft`.
 *
 * A step d of the hard rule becomes, per synapse,
 *   d < 0 (LTD): d · (w − lo)/(w₀ − lo),    d > 0 (LTP): d · (hi − w)/(hi − w₀),
 * so at w₀ it is the hard rule's step and it shrinks to 0 at the bound it moves toward: weaker
 * synapses are more easily strengthened and stronger ones more easily weakened (soft-bound
 * plasticity: van Rossum, Shippi & Barrett 2012, PLoS Comput Biol 8:e1002836). A synapse that has
 * already moved far in one direction therefore learns more slowly in that direction, the in vivo
 * saturation of PF→PC plasticity that Nguyen-Vu et al. 2017 (eLife) invoke for the VOR.
 *
 * One plain TypeScript loop for every float backend (like relaxation), so they stay bit-identical:
 * the scaled step is taken in float64, the sum clamped to [lo, hi] (against rounding) and then
 * rounded to float32, cells in list order. Only models that ask for soft bounds call it.
 */
import { ConfigError } from "../model/errors.js";

/** The rule's constants, checked once: soft bounds need lo < w₀ < hi. */
export interface SoftBounds {
  readonly lo: number;
  readonly hi: number;
  readonly w0: number;
}

export function softBounds(lo: number, hi: number, w0: number): SoftBounds {
  if (!(lo < w0 && w0 < hi)) {
    throw new ConfigError(
      "model.plasticity.pfPurkinje.bounds",
      `"soft" needs minWeight < initialWeight < maxWeight (got ${lo}, ${w0}, ${hi}); allowed otherwise: "hard"`,
    );
  }
  return { lo, hi, w0 };
}

/** The soft step of one synapse at weight x for a hard step d. */
export function softStep(x: number, d: number, b: SoftBounds): number {
  return d < 0 ? (d * (x - b.lo)) / (b.w0 - b.lo) : (d * (b.hi - x)) / (b.hi - b.w0);
}

/**
 * w[active[j]·P + p] ← clamp(w + softStep(w, g_j·dw_p)) for every listed cell j and p < P, entries
 * with dw_p = 0 left alone; `gain` null means g_j = 1 (binary granule cells).
 */
export function updateWeightsSoft(
  active: Int32Array,
  gain: Float32Array | null,
  count: number,
  w: Float32Array,
  purkinje: number,
  dw: Float64Array,
  b: SoftBounds,
): void {
  const { lo, hi } = b;
  for (let j = 0; j < count; j++) {
    const base = active[j] * purkinje;
    const g = gain ? gain[j] : 1;
    for (let p = 0; p < purkinje; p++) {
      if (dw[p] === 0) continue;
      const x = w[base + p];
      let v = x + softStep(x, g * dw[p], b);
      if (v < lo) v = lo;
      else if (v > hi) v = hi;
      w[base + p] = v;
    }
  }
}
