/**
 * The PF→PC learning window κ(τ): how much granule activity τ ms before a climbing-fibre
 * error counts toward the update.
 *
 *   eligibility: κ(τ) ∝ τ^a · e^(−a·τ/Δ)   (peak at Δ, zero at τ = 0; Raymond & Lisberger 1998)
 *   shift:       κ(τ) = δ(τ − Δ)             (an exact time shift)
 *
 * Sampled once per step for τ = 0 … L·dt and normalised to Σκ = 1, so with rule "shift" and
 * error e the update is exactly −η·e(t)·g(t − Δ).
 */
import type { CerebellumParams } from "../model/cerebellum.js";

export function learningWindow(p: CerebellumParams): Float64Array {
  const { rule, windowPeakMs, windowShape } = p.plasticity.pfPurkinje;
  const peak = Math.round(windowPeakMs / p.dtMs);
  if (rule === "shift") {
    const kappa = new Float64Array(peak + 1);
    kappa[peak] = 1;
    return kappa;
  }
  const a = windowShape;
  // Support: until κ falls below 0.5 % of its peak.
  const values: number[] = [];
  const ratio = (tau: number) =>
    peak === 0 ? (tau === 0 ? 1 : 0) : (tau / peak) ** a * Math.exp(a * (1 - tau / peak));
  for (let tau = 0; ; tau++) {
    const v = ratio(tau);
    values.push(v);
    if (tau > peak && v < 0.005) break;
  }
  const total = values.reduce((s, v) => s + v, 0);
  return Float64Array.from(values, (v) => v / total);
}
